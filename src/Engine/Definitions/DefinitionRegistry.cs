using System.Collections.Concurrent;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Definitions;

/// <summary>Finds deployed definitions and keeps each version's parsed model in memory (parsed once per version).</summary>
internal sealed class DefinitionRegistry(IEngineDbContextFactory databases)
{
    private readonly ConcurrentDictionary<Guid, ProcessModel> _models = new();

    public async Task<ProcessModel> ModelAsync(Guid definitionId, string key, CancellationToken cancellationToken)
    {
        if (_models.TryGetValue(definitionId, out var model))
        {
            return model;
        }

        await using var db = databases.Create();
        var xml = await db.Definitions.Where(d => d.Id == definitionId).Select(d => d.Xml).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Definition {definitionId} does not exist.");
        return Remember(definitionId, key, xml);
    }

    /// <summary>Parses a stored definition's XML and caches the process with the given key.</summary>
    internal ProcessModel Remember(Guid definitionId, string key, string xml)
    {
        var parsed = BpmnParser.Parse(xml);
        var model = parsed.Processes.FirstOrDefault(p => p.Id == key)
            ?? throw new InvalidOperationException($"Stored definition {definitionId} no longer parses to process '{key}': {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        return _models.GetOrAdd(definitionId, model);
    }

    internal void Remember(Guid definitionId, ProcessModel model) => _models.TryAdd(definitionId, model);

    public static Task<DefinitionEntity?> LatestAsync(EngineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);

    public static Task<DefinitionEntity?> VersionAsync(EngineDbContext db, string key, int version, CancellationToken cancellationToken) =>
        db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key && d.Version == version, cancellationToken);
}
