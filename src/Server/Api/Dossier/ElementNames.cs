using System.Collections.Concurrent;
using System.Xml.Linq;
using Inburgering.Engine.Queries;

namespace Inburgering.Server.Api.Dossier;

/// <summary>The Dutch names of a deployed definition's process and elements (from its BPMN), read once per version.</summary>
public sealed class ElementNames(EngineQueries queries)
{
    private readonly ConcurrentDictionary<(string Key, int Version), Task<Names>> _cache = new();

    public sealed record Names(string? Process, IReadOnlyDictionary<string, string> Elements, IReadOnlyDictionary<string, string>? Parents = null)
    {
        /// <summary>The sub-processes that hold these elements, innermost first.</summary>
        public IEnumerable<string> AncestorsOf(IEnumerable<string> elementIds)
        {
            foreach (var id in elementIds)
            {
                for (var parent = Parents?.GetValueOrDefault(id); parent is not null; parent = Parents!.GetValueOrDefault(parent))
                {
                    yield return parent;
                }
            }
        }

        public string Of(string? elementId) =>
            elementId is null ? "" : Elements.TryGetValue(elementId, out var name) && name.Length > 0 ? name : elementId;
    }

    public Task<Names> ForAsync(string key, int version) => _cache.GetOrAdd((key, version), k => LoadAsync(k.Key, k.Version));

    private async Task<Names> LoadAsync(string key, int version)
    {
        var xml = await queries.DefinitionXmlAsync(key, version);
        if (xml is null)
        {
            return new Names(null, new Dictionary<string, string>());
        }

        var document = XDocument.Parse(xml);
        XNamespace bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
        var process = document.Descendants(bpmn + "process").FirstOrDefault(p => (string?)p.Attribute("id") == key);
        var elements = document.Descendants()
            .Where(e => e.Name.Namespace == bpmn && e.Attribute("id") is not null && e.Attribute("name") is not null)
            .GroupBy(e => (string)e.Attribute("id")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ((string)g.First().Attribute("name")!).Trim(), StringComparer.Ordinal);
        var parents = document.Descendants()
            .Where(e => e.Name.Namespace == bpmn && e.Attribute("id") is not null && e.Parent is { } p && p.Name == bpmn + "subProcess" && p.Attribute("id") is not null)
            .GroupBy(e => (string)e.Attribute("id")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (string)g.First().Parent!.Attribute("id")!, StringComparer.Ordinal);
        return new Names((string?)process?.Attribute("name"), elements, parents);
    }
}
