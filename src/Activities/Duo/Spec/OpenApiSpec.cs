using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Inburgering.Activities.Duo.Spec;

/// <summary>
/// DUO's OpenAPI files as published (embedded under <c>Duo/Spec/*.yml</c>), read with YamlDotNet into plain maps.
/// Only what validation needs: operations, parameters, request and response schemas.
/// </summary>
internal sealed class OpenApiSpec
{
    private static readonly Lazy<OpenApiSpec> Embedded = new(LoadEmbedded);

    private readonly List<OpenApiOperation> _operations;

    private OpenApiSpec(List<OpenApiDocument> documents)
    {
        Documents = documents;
        _operations = documents.SelectMany(d => d.Operations).ToList();
        Operations = _operations.ToDictionary(o => o.OperationId, StringComparer.Ordinal);
    }

    /// <summary>The DUO specification embedded in this assembly.</summary>
    public static OpenApiSpec Duo => Embedded.Value;

    public IReadOnlyList<OpenApiDocument> Documents { get; }

    public IReadOnlyDictionary<string, OpenApiOperation> Operations { get; }

    public OpenApiOperation Operation(string operationId) =>
        Operations.TryGetValue(operationId, out var operation)
            ? operation
            : throw new InvalidOperationException($"DUO spec has no operation '{operationId}'.");

    public OpenApiDocument Document(string name) => Documents.Single(d => d.Name == name);

    private static OpenApiSpec LoadEmbedded()
    {
        var assembly = typeof(OpenApiSpec).Assembly;
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<OpenApiDocument>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Duo.Spec.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var root = Yaml.ToMap(deserializer.Deserialize<object>(reader));
            var name = resource["Duo.Spec.".Length..^".yml".Length];
            documents.Add(new OpenApiDocument(name, root));
        }

        return new OpenApiSpec(documents);
    }
}

/// <summary>One OpenAPI file.</summary>
internal sealed class OpenApiDocument
{
    public OpenApiDocument(string name, Dictionary<string, object?> root)
    {
        Name = name;
        Root = root;
        var info = Yaml.Map(root, "info");
        Title = Yaml.String(info, "title") ?? name;
        Version = Yaml.String(info, "version") ?? "0.0.0";
        var operations = new List<OpenApiOperation>();
        foreach (var (path, value) in Yaml.Map(root, "paths"))
        {
            var item = Yaml.ToMap(value);
            foreach (var (method, opValue) in item)
            {
                if (method is not ("get" or "post" or "put" or "delete" or "patch"))
                {
                    continue;
                }

                operations.Add(OpenApiOperation.Read(this, method.ToUpperInvariant(), path, Yaml.ToMap(opValue)));
            }
        }

        Operations = operations;
    }

    public string Name { get; }

    public string Title { get; }

    /// <summary>info.version, which DUO also answers in the API-Version header.</summary>
    public string Version { get; }

    public Dictionary<string, object?> Root { get; }

    public IReadOnlyList<OpenApiOperation> Operations { get; }

    /// <summary>Follows a local <c>$ref</c> (<c>#/components/...</c>) until a schema without one.</summary>
    public Dictionary<string, object?> Resolve(Dictionary<string, object?> node)
    {
        var guard = 0;
        while (Yaml.String(node, "$ref") is { } reference)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal) || ++guard > 32)
            {
                throw new InvalidOperationException($"Unsupported $ref '{reference}' in {Name}.");
            }

            object? current = Root;
            foreach (var segment in reference[2..].Split('/'))
            {
                current = Yaml.ToMap(current).TryGetValue(segment, out var next) ? next : throw new InvalidOperationException($"Dangling $ref '{reference}' in {Name}.");
            }

            node = Yaml.ToMap(current);
        }

        return node;
    }
}

internal sealed record OpenApiParameter(string Name, string In, bool Required, Dictionary<string, object?> Schema);

/// <summary>One operation (method + path) with what a request and its answers must look like.</summary>
internal sealed record OpenApiOperation(
    OpenApiDocument Document,
    string Method,
    string PathTemplate,
    string OperationId,
    IReadOnlyList<OpenApiParameter> Parameters,
    Dictionary<string, object?>? RequestSchema,
    bool BodyRequired,
    IReadOnlyDictionary<string, Dictionary<string, object?>?> ResponseSchemas)
{
    private Regex? _pathRegex;

    public static OpenApiOperation Read(OpenApiDocument document, string method, string path, Dictionary<string, object?> op)
    {
        var parameters = new List<OpenApiParameter>();
        foreach (var raw in Yaml.List(op, "parameters"))
        {
            var p = document.Resolve(Yaml.ToMap(raw));
            parameters.Add(new OpenApiParameter(
                Yaml.String(p, "name")!,
                Yaml.String(p, "in")!,
                Yaml.String(p, "required") == "true",
                Yaml.ToMap(p.GetValueOrDefault("schema"))));
        }

        Dictionary<string, object?>? body = null;
        var bodyRequired = false;
        if (op.TryGetValue("requestBody", out var rb) && rb is not null)
        {
            var requestBody = document.Resolve(Yaml.ToMap(rb));
            bodyRequired = Yaml.String(requestBody, "required") == "true";
            body = JsonSchemaOf(requestBody);
        }

        var responses = new Dictionary<string, Dictionary<string, object?>?>(StringComparer.Ordinal);
        foreach (var (code, value) in Yaml.Map(op, "responses"))
        {
            responses[code] = JsonSchemaOf(document.Resolve(Yaml.ToMap(value)));
        }

        return new OpenApiOperation(document, method, path, Yaml.String(op, "operationId")!, parameters, body, bodyRequired, responses);
    }

    /// <summary>Matches a concrete path (after the base path) against this operation's template.</summary>
    public bool TryMatch(string method, string path, out Dictionary<string, string> pathValues)
    {
        pathValues = [];
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _pathRegex ??= new Regex(
            "^" + Regex.Replace(Regex.Escape(PathTemplate), @"\\\{(\w+)}", "(?<$1>[^/]+)") + "$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        var match = _pathRegex.Match(path);
        if (!match.Success)
        {
            return false;
        }

        foreach (var group in _pathRegex.GetGroupNames().Where(n => !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            pathValues[group] = Uri.UnescapeDataString(match.Groups[group].Value);
        }

        return true;
    }

    private static Dictionary<string, object?>? JsonSchemaOf(Dictionary<string, object?> bodyOrResponse)
    {
        var content = Yaml.Map(bodyOrResponse, "content");
        return content.TryGetValue("application/json", out var json) && json is not null
            ? Yaml.ToMap(json).TryGetValue("schema", out var schema) && schema is not null ? Yaml.ToMap(schema) : null
            : null;
    }
}

/// <summary>Helpers over YamlDotNet's untyped output (maps of object keys, lists, scalar strings).</summary>
internal static class Yaml
{
    public static Dictionary<string, object?> ToMap(object? value) => value switch
    {
        Dictionary<string, object?> map => map,
        IDictionary<object, object?> raw => raw.ToDictionary(kv => Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!, kv => Normalize(kv.Value), StringComparer.Ordinal),
        _ => new Dictionary<string, object?>(StringComparer.Ordinal),
    };

    public static Dictionary<string, object?> Map(Dictionary<string, object?> parent, string key) =>
        parent.TryGetValue(key, out var value) ? ToMap(value) : new Dictionary<string, object?>(StringComparer.Ordinal);

    public static IReadOnlyList<object?> List(Dictionary<string, object?> parent, string key) =>
        parent.TryGetValue(key, out var value) && value is List<object?> list ? list : [];

    public static string? String(Dictionary<string, object?> parent, string key) =>
        parent.TryGetValue(key, out var value) ? value as string : null;

    public static decimal? Number(Dictionary<string, object?> parent, string key) =>
        String(parent, key) is { } s && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static object? Normalize(object? value) => value switch
    {
        IDictionary<object, object?> map => ToMap(map),
        IList<object?> list => list.Select(Normalize).ToList(),
        _ => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
