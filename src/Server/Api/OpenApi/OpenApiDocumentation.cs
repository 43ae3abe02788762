using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Inburgering.Server.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: every operation with an operationId, a summary and a description, a schema
/// for every request and response (<see cref="OperationCatalog"/>), every problem it can answer (problem+json with a stable
/// <c>code</c>), and examples; in Development an API browser (Scalar) at <see cref="BrowserPath"/>. The security scheme is a
/// separate document transformer (sign-in).
/// </summary>
public static class OpenApiDocumentation
{
    public const string DocumentName = "v1";

    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/{documentName}.json";

    /// <summary>The API browser (Development only).</summary>
    public const string BrowserPath = "/scalar";

    /// <summary>The schema name of a problem+json body.</summary>
    public const string ProblemSchema = "Problem";

    public static IServiceCollection AddInburgeringOpenApi(this IServiceCollection services, Action<OpenApiOptions>? more = null) =>
        services.AddOpenApi(DocumentName, options =>
        {
            // Two endpoints' nested StartRequest must not share one schema: qualify a nested type whose name is not unique.
            options.CreateSchemaReferenceId = info =>
                OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id && info.Type.DeclaringType is { } outer && AmbiguousNames.Value.Contains(info.Type.Name)
                    ? outer.Name.Replace("Endpoints", "", StringComparison.Ordinal) + id
                    : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
            options.AddSchemaTransformer(OptionalRequestFieldsAsync);
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer<OperationTransformer>();
            more?.Invoke(options);
        });

    public static void MapInburgeringOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath);
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(BrowserPath, options => options
                .WithTitle("Inburgering API")
                .WithOpenApiRoutePattern(DocumentPath));
        }
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Inburgering API",
            Version = "v1",
            Description =
                "De procesorkestratie van de inburgeringsketen (Wet inburgering 2021) voor de gemeenten van een samenwerkingsverband. "
                + "Elke fout is application/problem+json met een Nederlandse `detail` en een stabiele `code` (controleer de code, niet de tekst); "
                + "lijsten nemen `page` (vanaf 1) en `pageSize` (1–500) en antwoorden `{items, page, pageSize, total}`. "
                + "Elke aanroep onder /api/v1 vraagt een aanmelding; wat u ziet en mag hangt af van uw rollen en gemeenten.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[ProblemSchema] = Problem();
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = OperationCatalog.Tags
            .Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
            .ToHashSet();
        return Task.CompletedTask;
    }

    /// <summary>Names of nested types that occur more than once in the service's assemblies.</summary>
    private static readonly Lazy<HashSet<string>> AmbiguousNames = new(() =>
        new[] { typeof(OpenApiDocumentation).Assembly, typeof(Engine.ProcessEngine).Assembly, typeof(Activities.Duo.Notificaties.DuoNotificatie).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsNestedPublic)
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// A request record's nullable fields are optional (the endpoint says which it needs); the generator would mark every
    /// constructor parameter required.
    /// </summary>
    private static Task OptionalRequestFieldsAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type.Name.EndsWith("Request", StringComparison.Ordinal) && schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
        {
            foreach (var name in required.Where(n => properties.TryGetValue(n, out var p) && p.Type is { } t && t.HasFlag(JsonSchemaType.Null)).ToList())
            {
                required.Remove(name);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>problem+json (RFC 9457) with the service's <c>code</c>, the error's <c>arguments</c> and, for forms, <c>errors</c>.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Een fout (RFC 9457). `code` is stabiel; `detail` is de Nederlandse tekst voor mensen.",
        Required = new HashSet<string>(StringComparer.Ordinal) { "status", "title", "detail", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Verwijzing naar de HTTP-status." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Korte Nederlandse titel, zoals \"Niet gevonden\"." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Wat er mis is en wat te doen, in het Nederlands." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Het pad van het verzoek." },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "De stabiele foutcode, zoals task.claimed-by-other of request.json-value-invalid." },
            ["arguments"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "De gegevens van de fout (per code vast), zoals taskId." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Bij een formulier (form.invalid) of een BPMN-bestand: de fouten per veld of element.",
                Items = new OpenApiSchema { Type = JsonSchemaType.Object },
            },
        },
    };

    /// <summary>Fills each operation from <see cref="OperationCatalog"/> and adds the problems it can answer.</summary>
    private sealed class OperationTransformer : IOpenApiOperationTransformer
    {
        public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var description = context.Description;
            var method = description.HttpMethod ?? "GET";
            var route = "/" + (description.RelativePath ?? "").TrimEnd('/');
            var entry = OperationCatalog.Find(method, route);
            if (entry is not null)
            {
                operation.OperationId ??= entry.OperationId;
                operation.Description ??= entry.Description;
                operation.Summary ??= entry.Summary ?? entry.Description.Split(". ", 2)[0].TrimEnd('.') + ".";
            }

            // A body the endpoint reads itself (BPMN XML, DUO's notificatie) is documented all the same.
            if (operation.RequestBody is null && operation.OperationId is { } id && OperationCatalog.RawBodies.TryGetValue(id, out var raw))
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        [raw.ContentType] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(raw.Type, null, cancellationToken) },
                    },
                };
            }

            // A nullable body is optional, not "null or X".
            if (operation.RequestBody is OpenApiRequestBody body && body.Content is { } bodyContent)
            {
                foreach (var media in bodyContent.Values)
                {
                    media.Schema = NotNull(media.Schema);
                }

                if (entry?.RequestExample is { } requestExample && bodyContent.TryGetValue("application/json", out var json))
                {
                    json.Example = JsonNode.Parse(requestExample);
                }
            }

            operation.Responses ??= new OpenApiResponses();
            var success = operation.Responses.Keys.FirstOrDefault(k => k.StartsWith('2')) ?? "200";
            if (entry?.Response is { } responseType)
            {
                var schema = await context.GetOrCreateSchemaAsync(responseType, null, cancellationToken);
                if (!operation.Responses.TryGetValue(entry.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var existing) || existing is not OpenApiResponse response)
                {
                    response = new OpenApiResponse { Description = "OK" };
                    operation.Responses.Remove(success);
                    operation.Responses[entry.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
                }

                response.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
                var mediaType = entry.ContentType;
                response.Content.Clear();
                response.Content[mediaType] = new OpenApiMediaType { Schema = schema };
            }
            else if (entry is not null && entry.Status != 200 && operation.Responses.TryGetValue("200", out var plain) && plain is OpenApiResponse { Content: null or { Count: 0 } })
            {
                // An answer without a body (204 No Content, DUO's 201): its own status, no schema to give.
                operation.Responses.Remove("200");
                operation.Responses[entry.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
                {
                    Description = entry.Status == 204 ? "Gedaan; het antwoord heeft geen inhoud." : "Verwerkt; het antwoord heeft geen inhoud.",
                };
            }

            foreach (var (status, title, code, detail) in ProblemsOf(description, method, route, entry))
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (operation.Responses.ContainsKey(key))
                {
                    continue;
                }

                operation.Responses[key] = new OpenApiResponse
                {
                    Description = title,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/problem+json"] = new OpenApiMediaType
                        {
                            Schema = new OpenApiSchemaReference(ProblemSchema, context.Document),
                            Example = new JsonObject
                            {
                                ["type"] = $"https://httpstatuses.io/{status}",
                                ["title"] = title,
                                ["status"] = status,
                                ["detail"] = detail,
                                ["instance"] = route,
                                ["code"] = code,
                            },
                        },
                    },
                };
            }
        }

        private static IOpenApiSchema? NotNull(IOpenApiSchema? schema) =>
            schema is OpenApiSchema { OneOf: { Count: 2 } oneOf } && oneOf.Count(s => s.Type == JsonSchemaType.Null) == 1
                ? oneOf.First(s => s.Type != JsonSchemaType.Null)
                : schema;

        /// <summary>The problems an operation can answer, from what it needs (sign-in, a role, a route id, a body).</summary>
        private static IEnumerable<(int Status, string Title, string Code, string Detail)> ProblemsOf(
            Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, string method, string route, OperationCatalog.Entry? entry)
        {
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var signIn = !anonymous && metadata.OfType<IAuthorizeData>().Any();
            var hasInput = description.ParameterDescriptions.Any(p => p.Source.Id is "Query" or "Body" or "Path") || method is "POST" or "PATCH" or "PUT";
            if (hasInput)
            {
                yield return (400, "Ongeldig verzoek", ServerErrors.JsonValueInvalid, "variables heeft een waarde van de verkeerde soort; verwacht is een JSON-object ({…}).");
            }

            if (signIn)
            {
                yield return (401, "Niet aangemeld", ServerErrors.NotSignedIn, "Meld u aan om deze gegevens te zien.");
                yield return (403, "Geen toegang", ServerErrors.Forbidden, "Uw rol geeft geen toegang tot deze handeling.");
            }

            if (route.Contains('{', StringComparison.Ordinal))
            {
                yield return (404, "Niet gevonden", entry?.NotFoundCode ?? ServerErrors.RouteNotFound, "Er is geen instantie met dit id bij de gemeenten waarvoor u werkt.");
            }

            if (method is "POST" or "PATCH" or "PUT" or "DELETE")
            {
                yield return (409, "Conflict", "task.claimed-by-other", "Deze taak is al in behandeling bij een ander.");
                yield return (422, "Ongeldige invoer", ServerErrors.GemeenteInvalid, "'06320' is geen CBS-gemeentecode (vier cijfers, bijvoorbeeld 0632 voor Woerden).");
            }

            if (description.SupportedRequestFormats.Count > 0)
            {
                yield return (415, "Verkeerd formaat", ServerErrors.ContentTypeUnsupported, "Content-Type text/plain wordt hier niet gelezen; stuur JSON met Content-Type application/json.");
            }
        }
    }
}
