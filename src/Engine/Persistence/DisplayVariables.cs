using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// The display variables (<see cref="EngineOptions.TaskDisplayVariables"/>, e.g. who a case is about) that the engine keeps
/// beside each instance in a short column (<c>instances.display_values</c>), so that a list of tasks reads a few values per
/// row instead of two instances' whole variables (a traject's are about 2 KB: half of PostgreSQL's time for a page of 500
/// open tasks, and the parsing of a megabyte of JSON per page after it). The column holds a signature of the names (8 hex
/// digits) followed by a JSON object of the instance's own non-null values of those names; a row written under other names
/// (or before the column existed) has another signature or none, and is read from its variables until
/// <see cref="InstanceValuesBackfill"/> rewrote it. One instance per engine.
/// </summary>
internal sealed class DisplayVariables
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public DisplayVariables(IEnumerable<string> names)
    {
        Names = names.ToList();
        Signature = CountedVariables.SignatureOf(Names);
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The first 8 characters of every current row's column (empty when nothing is displayed).</summary>
    public string Signature { get; }

    public bool IsEmpty => Names.Count == 0;

    /// <summary>The column's value for these variables; null when nothing is displayed.</summary>
    public string? Of(JsonObject variables)
    {
        if (IsEmpty)
        {
            return null;
        }

        var values = new JsonObject();
        foreach (var name in Names)
        {
            if (variables[name] is { } value && value.GetValueKind() != JsonValueKind.Null)
            {
                values[name] = value.DeepClone();
            }
        }

        return Signature + values.ToJsonString(Compact);
    }

    /// <summary>The column's value for variables as stored (JSON text); null when nothing is displayed.</summary>
    public string? Of(string variablesJson) =>
        IsEmpty ? null : Of(JsonNode.Parse(variablesJson) as JsonObject ?? []);

    /// <summary>Whether a row's column was written under these names (false for a row that needs rewriting).</summary>
    public bool IsCurrent(string? stored) => IsEmpty ? stored is null : stored is not null && stored.StartsWith(Signature, StringComparison.Ordinal);

    /// <summary>The values of a current row's column; null when it was written under other names.</summary>
    public JsonObject? Read(string? stored) =>
        IsCurrent(stored) && !IsEmpty ? JsonNode.Parse(stored.AsSpan(Signature.Length).ToString()) as JsonObject : null;

    /// <summary>
    /// What a task or instance shows: each name from its own instance's values, else from its root's (in the order of
    /// <see cref="Names"/>, own values first); null when neither has any.
    /// </summary>
    public JsonObject? Merge(JsonObject? own, JsonObject? root)
    {
        var display = new JsonObject();
        foreach (var source in (ReadOnlySpan<JsonObject?>)[own, root])
        {
            if (source is null)
            {
                continue;
            }

            foreach (var name in Names)
            {
                if (!display.ContainsKey(name) && source[name] is { } value)
                {
                    display[name] = value.DeepClone();
                }
            }
        }

        return display.Count == 0 ? null : display;
    }
}
