using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inburgering.Activities.Duo.Spec;

/// <summary>
/// A compact validator for the subset of OpenAPI 3.0 schema that DUO's files use: <c>$ref</c>, <c>type</c>
/// (object, array, string, integer, number, boolean), <c>required</c>, <c>properties</c>, <c>items</c>,
/// <c>enum</c>, <c>format</c> (date, date-time, uuid, int32, int64), <c>pattern</c> (unanchored, as JSON Schema says),
/// <c>minLength</c>/<c>maxLength</c>, <c>minimum</c>/<c>maximum</c>, <c>minItems</c>/<c>maxItems</c>.
/// Unknown properties are allowed (no file sets <c>additionalProperties</c>). Messages name the field and the rule,
/// never the value (a value may be a BSN).
/// </summary>
internal static class SchemaValidator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Validates a request against an operation: path values, headers, body. Returns the problems found.</summary>
    public static List<string> ValidateRequest(
        OpenApiOperation operation,
        IReadOnlyDictionary<string, string> pathValues,
        Func<string, string?> header,
        JsonNode? body,
        bool bodyPresent)
    {
        var errors = new List<string>();
        foreach (var parameter in operation.Parameters)
        {
            var value = parameter.In switch
            {
                "path" => pathValues.TryGetValue(parameter.Name, out var p) ? p : null,
                "header" => header(parameter.Name),
                _ => null,
            };
            if (value is null)
            {
                if (parameter.Required)
                {
                    errors.Add($"{parameter.In} '{parameter.Name}' ontbreekt");
                }

                continue;
            }

            ValidateRaw(operation.Document, parameter.Schema, value, parameter.Name, errors);
        }

        if (operation.RequestSchema is { } schema)
        {
            if (!bodyPresent)
            {
                if (operation.BodyRequired)
                {
                    errors.Add("body ontbreekt");
                }
            }
            else
            {
                Validate(operation.Document, schema, body, "body", errors);
            }
        }

        return errors;
    }

    /// <summary>Validates an answer body against the schema of the response with this status code (no schema: anything goes).</summary>
    public static List<string> ValidateResponse(OpenApiOperation operation, int status, JsonNode? body)
    {
        var errors = new List<string>();
        if (operation.ResponseSchemas.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var schema) && schema is not null)
        {
            Validate(operation.Document, schema, body, "antwoord", errors);
        }

        return errors;
    }

    /// <summary>Validates a JSON value.</summary>
    public static void Validate(OpenApiDocument document, Dictionary<string, object?> schema, JsonNode? node, string path, List<string> errors)
    {
        schema = document.Resolve(schema);
        var type = Yaml.String(schema, "type");
        if (node is null)
        {
            errors.Add($"{path} mag niet null zijn");
            return;
        }

        switch (type)
        {
            case "object":
                if (node is not JsonObject obj)
                {
                    errors.Add($"{path} moet een object zijn");
                    return;
                }

                foreach (var required in Yaml.List(schema, "required").OfType<string>())
                {
                    if (!obj.ContainsKey(required))
                    {
                        errors.Add($"{path}.{required} is verplicht");
                    }
                }

                var properties = Yaml.Map(schema, "properties");
                foreach (var (name, value) in obj)
                {
                    if (properties.TryGetValue(name, out var propertySchema))
                    {
                        Validate(document, Yaml.ToMap(propertySchema), value, $"{path}.{name}", errors);
                    }
                }

                return;
            case "array":
                if (node is not JsonArray array)
                {
                    errors.Add($"{path} moet een lijst zijn");
                    return;
                }

                if (Yaml.Number(schema, "maxItems") is { } maxItems && array.Count > maxItems)
                {
                    errors.Add($"{path} heeft meer dan {maxItems} elementen");
                }

                if (Yaml.Number(schema, "minItems") is { } minItems && array.Count < minItems)
                {
                    errors.Add($"{path} heeft minder dan {minItems} elementen");
                }

                var items = Yaml.Map(schema, "items");
                for (var i = 0; i < array.Count; i++)
                {
                    Validate(document, items, array[i], $"{path}[{i}]", errors);
                }

                return;
            case "string":
                if (node is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path} moet een tekst zijn");
                    return;
                }

                ValidateString(schema, sv.GetValue<string>(), path, errors);
                return;
            case "integer":
            case "number":
                if (node is not JsonValue nv || nv.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{path} moet een getal zijn");
                    return;
                }

                var number = decimal.Parse(nv.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                if (type == "integer" && decimal.Truncate(number) != number)
                {
                    errors.Add($"{path} moet een geheel getal zijn");
                    return;
                }

                ValidateNumber(schema, number, path, errors);
                return;
            case "boolean":
                if (node is not JsonValue bv || bv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path} moet true of false zijn");
                }

                return;
            default:
                return;
        }
    }

    /// <summary>Validates a header or path value (always text on the wire) against its schema.</summary>
    public static void ValidateRaw(OpenApiDocument document, Dictionary<string, object?> schema, string value, string name, List<string> errors)
    {
        schema = document.Resolve(schema);
        switch (Yaml.String(schema, "type"))
        {
            case "integer":
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    errors.Add($"{name} moet een geheel getal zijn");
                    return;
                }

                ValidateNumber(schema, number, name, errors);
                return;
            default:
                ValidateString(schema, value, name, errors);
                return;
        }
    }

    private static void ValidateString(Dictionary<string, object?> schema, string value, string path, List<string> errors)
    {
        var length = new StringInfo(value).LengthInTextElements;
        if (Yaml.Number(schema, "minLength") is { } min && length < min)
        {
            errors.Add($"{path} is korter dan {min} tekens");
        }

        if (Yaml.Number(schema, "maxLength") is { } max && length > max)
        {
            errors.Add($"{path} is langer dan {max} tekens");
        }

        if (Yaml.String(schema, "pattern") is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.None, RegexTimeout))
        {
            errors.Add($"{path} voldoet niet aan het patroon {pattern}");
        }

        var values = Yaml.List(schema, "enum").OfType<string>().ToList();
        if (values.Count > 0 && !values.Contains(value, StringComparer.Ordinal))
        {
            errors.Add($"{path} moet een van {string.Join(", ", values)} zijn");
        }

        switch (Yaml.String(schema, "format"))
        {
            case "date" when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                errors.Add($"{path} moet een datum (jjjj-mm-dd) zijn");
                break;
            case "date-time" when !IsDateTime(value):
                errors.Add($"{path} moet een datum-tijd (RFC 3339) zijn");
                break;
            case "uuid" when !Guid.TryParseExact(value, "D", out _):
                errors.Add($"{path} moet een UUID zijn");
                break;
        }
    }

    private static void ValidateNumber(Dictionary<string, object?> schema, decimal value, string path, List<string> errors)
    {
        if (Yaml.Number(schema, "minimum") is { } min && value < min)
        {
            errors.Add($"{path} is kleiner dan {min}");
        }

        if (Yaml.Number(schema, "maximum") is { } max && value > max)
        {
            errors.Add($"{path} is groter dan {max}");
        }

        switch (Yaml.String(schema, "format"))
        {
            case "int32" when value is < int.MinValue or > int.MaxValue:
                errors.Add($"{path} past niet in int32");
                break;
            case "int64" when value is < long.MinValue or > long.MaxValue:
                errors.Add($"{path} past niet in int64");
                break;
        }
    }

    private static bool IsDateTime(string value) =>
        value.Length >= 20 && (value[10] is 'T' or 't')
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
        && (value.EndsWith('Z') || value.EndsWith('z') || Regex.IsMatch(value, @"[+-]\d{2}:\d{2}$", RegexOptions.None, RegexTimeout));
}
