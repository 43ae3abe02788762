using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Inburgering.Workflows.Policy;

/// <summary>
/// The JSON Schema of the policy files (workflow-definitions/gemeenten/gemeentebeleid.schema.json, embedded in this assembly):
/// every file is checked against it when the catalogue loads, so a service whose policy does not fit the schema does not
/// start. Each violation becomes a <see cref="PolicyProblem"/> with the JSON path and a Dutch reason.
/// </summary>
public static class PolicySchema
{
    /// <summary>The file name of the schema next to the policy files; the catalogue does not read it as a policy file.</summary>
    public const string FileName = "gemeentebeleid.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(Text));

    private static readonly Lazy<JsonNode?> SchemaNode = new(() => JsonNode.Parse(Text));

    /// <summary>The schema's text, as shipped.</summary>
    public static string Text
    {
        get
        {
            using var stream = typeof(PolicySchema).Assembly.GetManifestResourceStream("Inburgering.Workflows.Policy." + FileName)
                ?? throw new InvalidOperationException("The embedded policy schema is missing.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Checks one file's JSON against the schema; returns a problem per violation (none when the JSON does not parse).</summary>
    public static IReadOnlyList<PolicyProblem> Validate(string file, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return []; // The catalogue reports unreadable JSON with line and position.
        }

        using (document)
        {
            var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid)
                return [];
            var problems = new List<PolicyProblem>();
            foreach (var detail in results.Details ?? [])
            {
                if (detail.Errors is null)
                    continue;
                foreach (var (keyword, _) in detail.Errors)
                {
                    var path = ToJsonPath(detail.InstanceLocation.ToString());
                    if (keyword == "required")
                    {
                        // One problem per missing field, at the field's own path (as the catalogue's rules report it).
                        var at = SchemaAt(SchemaNode.Value, detail.SchemaLocation, keyword);
                        foreach (var field in Missing(at, document.RootElement, detail.InstanceLocation.ToString()))
                            problems.Add(new PolicyProblem(file, $"{path}.{field}", $"Verplicht veld '{field}' ontbreekt (schema {FileName})."));
                        continue;
                    }
                    problems.Add(new PolicyProblem(file, path, Reason(keyword, detail, document.RootElement, path)));
                }
            }
            return problems.Distinct().ToList();
        }
    }

    private static string ToJsonPath(string pointer)
    {
        var sb = new StringBuilder("$");
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                sb.Append('[').Append(index).Append(']');
            else
                sb.Append('.').Append(name);
        }
        return sb.ToString();
    }

    private static string Reason(string keyword, EvaluationResults detail, JsonElement root, string path)
    {
        var at = SchemaAt(SchemaNode.Value, detail.SchemaLocation, keyword);
        var value = Describe(root, detail.InstanceLocation.ToString());
        // additionalProperties: false reports at the unknown property as the "false" schema (no keyword).
        if (keyword is "additionalProperties" or "" || Uri.UnescapeDataString(detail.SchemaLocation.OriginalString).EndsWith("/additionalProperties", StringComparison.Ordinal))
            return $"Onbekend veld {value}: een onbekend veld op deze plek (tikfout?); het schema {FileName} kent het hier niet.";
        return keyword switch
        {
            "type" => $"De waarde {value} heeft het verkeerde type; verwacht: {at?["type"]}.",
            "pattern" => $"De waarde {value} heeft niet de vorm die het schema vraagt ({at?["pattern"]}).",
            "enum" => $"De waarde {value} is niet toegestaan; kies uit {at?["enum"]?.ToJsonString()}.",
            "minimum" => $"De waarde {value} is kleiner dan het minimum {at?["minimum"]}.",
            "maximum" => $"De waarde {value} is groter dan het maximum {at?["maximum"]}.",
            "minLength" => $"De waarde bij {path} mag niet leeg zijn.",
            "minItems" => $"De lijst bij {path} mag niet leeg zijn.",
            _ => $"De waarde {value} voldoet niet aan het schema {FileName} (regel '{keyword}').",
        };
    }

    // The schema object that holds the keyword of an error: SchemaLocation's fragment points into the schema document, at the
    // subschema or at its keyword.
    private static JsonNode? SchemaAt(JsonNode? schema, Uri location, string keyword)
    {
        var fragment = Uri.UnescapeDataString(location.IsAbsoluteUri ? location.Fragment : location.OriginalString[Math.Max(0, location.OriginalString.IndexOf('#', StringComparison.Ordinal))..]).TrimStart('#');
        JsonNode? parent = null;
        var node = schema;
        foreach (var segment in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            parent = node;
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        return node is JsonObject o2 && o2.ContainsKey(keyword) ? node : parent;
    }

    private static IEnumerable<string> Missing(JsonNode? at, JsonElement root, string pointer)
    {
        var required = at?["required"]?.AsArray().Select(n => (string)n!).ToList() ?? [];
        var element = Find(root, pointer);
        return element is { ValueKind: JsonValueKind.Object } e ? required.Where(r => !e.TryGetProperty(r, out _)) : required;
    }

    private static string Describe(JsonElement root, string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var element = Find(root, pointer);
        var text = element is { } e ? e.GetRawText() : "(ontbreekt)";
        if (text.Length > 60)
            text = text[..57] + "...";
        return segments.Length == 0 ? text : $"'{segments[^1]}' = {text}";
    }

    private static JsonElement? Find(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var next))
                current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < current.GetArrayLength())
                current = current[i];
            else
                return null;
        }
        return current;
    }
}
