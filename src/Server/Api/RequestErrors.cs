using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Inburgering.Server.Api;

/// <summary>
/// What ASP.NET Core and System.Text.Json say about a malformed request, said again in Dutch for the person who sent it: the
/// field or parameter by its name in the request, the value, and what is expected — never a .NET type name.
/// </summary>
public static partial class RequestErrors
{
    /// <summary>The code and arguments of a problem for a request the framework refused before the endpoint ran.</summary>
    public static (int Status, string Code, (string Name, object? Value)[] Arguments) Describe(BadHttpRequestException exception, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(request);
        if (exception.InnerException is JsonException json)
        {
            if (UnknownMember().Match(json.Message) is { Success: true } unknown)
            {
                return (400, ServerErrors.JsonUnknownField, [("field", Field(json.Path, unknown.Groups["name"].Value)), ("known", KnownFields(unknown.Groups["type"].Value))]);
            }

            if (ConvertFailed().Match(json.Message) is { Success: true } convert)
            {
                // The serializer names the request's type, not the field's: find the field's type along the path.
                var expected = FieldType(convert.Groups["type"].Value, json.Path) is { } fieldType ? Expected(fieldType) : Expected(convert.Groups["type"].Value);
                return (400, ServerErrors.JsonValueInvalid, [("field", Field(json.Path, null)), ("expected", expected)]);
            }

            return (400, ServerErrors.InvalidJson, [("line", (json.LineNumber ?? 0) + 1), ("position", (json.BytePositionInLine ?? 0) + 1)]);
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (415, ServerErrors.ContentTypeUnsupported, [("received", string.IsNullOrEmpty(request.ContentType) ? "(geen)" : request.ContentType)]);
        }

        if (BindFailed().Match(exception.Message) is { Success: true } bind)
        {
            return (400, ServerErrors.ParameterInvalid, [("name", bind.Groups["name"].Value), ("value", bind.Groups["value"].Value), ("expected", Expected(bind.Groups["type"].Value))]);
        }

        if (RequiredMissing().Match(exception.Message) is { Success: true } required)
        {
            return (400, required.Groups["source"].Value.Contains("body", StringComparison.Ordinal) ? ServerErrors.BodyRequired : ServerErrors.FieldRequired,
                [("field", required.Groups["name"].Value)]);
        }

        if (exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase) && exception.Message.Contains("empty", StringComparison.OrdinalIgnoreCase))
        {
            return (400, ServerErrors.BodyRequired, []);
        }

        return (exception.StatusCode, ServerErrors.BadRequest, [("reason", exception.StatusCode == 413 ? "het verzoek is te groot" : "het verzoek kon niet worden gelezen")]);
    }

    /// <summary>The field as the sender wrote it: the JSON path without its "$." (with the unknown property's own name).</summary>
    private static string Field(string? path, string? member)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.');
        if (member is not null && !field.EndsWith(member, StringComparison.OrdinalIgnoreCase))
        {
            field = field.Length == 0 ? member : $"{field}.{member}";
        }

        return field.Length == 0 ? "(de hele body)" : field;
    }

    /// <summary>The type of the field at <paramref name="path"/> ($.a.b) inside the request type, when the path leads to one.</summary>
    private static string? FieldType(string typeName, string? path)
    {
        var type = FindType(typeName);
        if (type is null || string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = JsonSerializerOptions.Web.GetTypeInfo(type).Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return (Nullable.GetUnderlyingType(type) ?? type).Name;
    }

    private static Type? FindType(string typeName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Inburgering", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    /// <summary>What a value of a .NET type looks like, in words a sender of JSON or a query string understands.</summary>
    internal static string Expected(string typeName)
    {
        var name = NullableOf().Match(typeName) is { Success: true } nullable ? nullable.Groups["inner"].Value : typeName;
        name = name[(name.LastIndexOfAny(['.', '+']) + 1)..].TrimEnd('?');
        return name switch
        {
            "String" or "string" => "tekst (tussen aanhalingstekens)",
            "Int32" or "int" or "Int64" or "long" or "Int16" or "short" => "een geheel getal",
            "Decimal" or "decimal" or "Double" or "double" or "Single" or "float" => "een getal",
            "Boolean" or "bool" => "true of false",
            "Guid" => "een id (GUID, zoals 0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d)",
            "DateTimeOffset" or "DateTime" => "een datum en tijd in ISO 8601 (zoals 2026-03-01T09:00:00+01:00)",
            "DateOnly" => "een datum in ISO 8601 (zoals 2026-03-01)",
            "TimeSpan" => "een duur (zoals 00:05:00)",
            "JsonObject" or "Dictionary`2" => "een JSON-object ({…})",
            "JsonArray" => "een JSON-lijst ([…])",
            _ when name.StartsWith("List`", StringComparison.Ordinal) || name.StartsWith("IReadOnlyList`", StringComparison.Ordinal) || name.EndsWith("[]", StringComparison.Ordinal) => "een JSON-lijst ([…])",
            _ => "een JSON-object ({…}) met de velden van dit verzoek",
        };
    }

    /// <summary>The JSON names of the fields a request type has (from the service's own serializer options), for the message.</summary>
    private static string KnownFields(string typeName)
    {
        if (FindType(typeName) is not { } type)
        {
            return "zie /openapi/v1.json";
        }

        var names = JsonSerializerOptions.Web.GetTypeInfo(type).Properties.Select(p => p.Name).ToList();
        return names.Count == 0 ? "geen" : string.Join(", ", names);
    }

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.? Path:", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertFailed();

    [GeneratedRegex("Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailed();

    [GeneratedRegex("Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided from (?<source>.+?)\\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredMissing();

    [GeneratedRegex(@"^(System\.)?Nullable(`1)?[\[<](?<inner>.+)[\]>]$", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();
}
