using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// The top-level variables (<see cref="EngineOptions.CountedVariables"/>) whose values the engine keeps beside each instance in one
/// short column (<c>instances.counted_values</c>), so that counting instances per value reads that column from an index instead of
/// parsing every instance's variables (100,000 running trajecten took 1.7 s that way). The column holds a signature of the names
/// (8 hex digits) followed by the values as a JSON array of strings; a row written under other names (or before the column
/// existed) has another signature or none and is read the slow way until <see cref="InstanceValuesBackfill"/> rewrote it.
/// One instance per engine (a singleton built from <see cref="EngineOptions.CountedVariables"/>).
/// </summary>
internal sealed class CountedVariables
{
    /// <summary>Values are cut to this many characters: they are for counting categories, not for reading back.</summary>
    public const int MaxValueLength = 100;

    /// <summary>At most this many: the column (2,000 characters) stays within an index entry's limit.</summary>
    public const int MaxNames = 4;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CountedVariables(IEnumerable<string> names)
    {
        Names = names.ToList();
        Signature = SignatureOf(Names);
    }

    /// <summary>8 hex digits that change with the names (and their order); empty for none.</summary>
    internal static string SignatureOf(IReadOnlyList<string> names) =>
        names.Count == 0 ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', names))))[..8];

    public IReadOnlyList<string> Names { get; }

    /// <summary>The first 8 characters of every current row's column (empty when nothing is counted).</summary>
    public string Signature { get; }

    public bool IsEmpty => Names.Count == 0;

    /// <summary>
    /// Whether every instance row has its values under these names: set when <see cref="InstanceValuesBackfill"/> has gone
    /// through the table (every row written since is current). Until then counts also read the rows without them, the slow way.
    /// </summary>
    public bool AllCurrent => _allCurrent;

    private volatile bool _allCurrent;

    public void BackfillCompleted() => _allCurrent = true;

    /// <summary>Where a variable's value is in a row's values, or -1 when it is not counted.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The column's value for these variables; null when nothing is counted.</summary>
    public string? Of(JsonObject variables) =>
        IsEmpty ? null : Signature + JsonSerializer.Serialize(Names.Select(n => Text(variables[n])).ToArray(), Compact);

    /// <summary>The column's value for variables as stored (JSON text); null when nothing is counted.</summary>
    public string? Of(string variablesJson) =>
        IsEmpty ? null : Of(JsonNode.Parse(variablesJson) as JsonObject ?? []);

    /// <summary>Whether a row's column was written under these names (false for a row that needs rewriting).</summary>
    public bool IsCurrent(string? stored) => IsEmpty ? stored is null : stored is not null && stored.StartsWith(Signature, StringComparison.Ordinal);

    /// <summary>The values of a current row, in <see cref="Names"/> order; null when the row was written under other names.</summary>
    public string[]? Read(string? stored) =>
        stored is not null && !IsEmpty && stored.StartsWith(Signature, StringComparison.Ordinal) && JsonSerializer.Deserialize<string[]>(stored.AsSpan(Signature.Length)) is { } values && values.Length == Names.Count
            ? values
            : null;

    /// <summary>A value as text, as PostgreSQL's <c>-&gt;&gt;</c> gives it: a string as is, null or absent as "", anything else as JSON.</summary>
    public static string Text(JsonNode? node)
    {
        var text = node switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ when node.GetValueKind() == JsonValueKind.Null => "",
            _ => node.ToJsonString(),
        };
        return text.Length > MaxValueLength ? text[..MaxValueLength] : text;
    }
}

