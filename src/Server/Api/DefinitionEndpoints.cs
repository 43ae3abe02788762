using System.Text;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api;

/// <summary>Process definitions: deploy BPMN, list versions, read the XML back.</summary>
public static class DefinitionEndpoints
{
    public static void MapDefinitions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/definitions").WithTags("Definities");
        group.MapPost("", DeployAsync).RequireAuthorization(Policies.Design)
            .Accepts<string>("application/xml", "text/xml", "application/bpmn+xml")
            .Produces<DeployResponse>(StatusCodes.Status201Created)
            .Produces<DeployResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Rolt een BPMN-bestand uit: 201 met sleutel en versie, 200 als het bestand ongewijzigd is, 422 met errors[{elementId, code, message}].");
        group.MapGet("", ListAsync).WithSummary("Uitgerolde definities (alle versies, of alleen de laatste met latestOnly=true).");
        group.MapGet("/{key}/versions", VersionsAsync).WithSummary("Alle versies van één definitie.");
        group.MapGet("/{key}/versions/{version:int}/xml", XmlAsync).WithSummary("De BPMN-XML van één versie.");
    }

    public sealed record DeployedItem(Guid Id, string Key, int Version, string? Name, bool Created);

    /// <summary>One problem of a BPMN file: the element, the stable code and the Dutch text.</summary>
    public sealed record ProblemItem(string? ElementId, string Code, string Message)
    {
        public static ProblemItem From(Engine.Bpmn.BpmnProblem problem) => new(problem.ElementId, problem.Code, ErrorTexts.Describe(problem.Error));
    }

    public sealed record DeployResponse(string Key, int Version, Guid Id, string? Name, bool Created, IReadOnlyList<DeployedItem> Definitions, IReadOnlyList<ProblemItem> Warnings);

    private static async Task<IResult> DeployAsync(HttpRequest request, ProcessEngine engine, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? "";
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("form", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Verkeerd formaat", ServerErrors.UnsupportedMediaType, ErrorTexts.Describe(ServerErrors.UnsupportedMediaType));
        }

        string xml;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            xml = await reader.ReadToEndAsync(cancellationToken);
        }

        var result = await engine.DeployAsync(xml, "api", Actors.From(request.HttpContext.User), cancellationToken);
        if (!result.Succeeded)
        {
            return Problems.Result(
                StatusCodes.Status422UnprocessableEntity,
                "BPMN niet uitvoerbaar",
                ServerErrors.DefinitionNotDeployable,
                ErrorTexts.Describe(ServerErrors.DefinitionNotDeployable, ("count", result.Errors.Count)),
                new Dictionary<string, object?>
                {
                    ["errors"] = result.Errors.Select(ProblemItem.From).ToList(),
                    ["warnings"] = result.Warnings.Select(ProblemItem.From).ToList(),
                });
        }

        var items = result.Definitions.Select(d => new DeployedItem(d.Id, d.Key, d.Version, d.Name, d.IsNew)).ToList();
        var first = items[0];
        var response = new DeployResponse(first.Key, first.Version, first.Id, first.Name, items.Any(i => i.Created), items, result.Warnings.Select(ProblemItem.From).ToList());
        return response.Created
            ? TypedResults.Created($"/api/v1/definitions/{first.Key}/versions/{first.Version}/xml", response)
            : TypedResults.Ok(response);
    }

    private static async Task<IResult> ListAsync(EngineQueries queries, string? key, bool? latestOnly, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.DefinitionsAsync(key, latestOnly ?? false, new Paging(page ?? 1, pageSize ?? 50), cancellationToken));

    private static async Task<IResult> VersionsAsync(EngineQueries queries, string key, CancellationToken cancellationToken)
    {
        var page = await queries.DefinitionsAsync(key, false, new Paging(1, Paging.MaxPageSize), cancellationToken);
        return page.Total == 0 ? Problems.NotFound("definition.not-found", ("key", key)) : TypedResults.Ok(page);
    }

    /// <summary>BPMN is served as a download (<c>Content-Disposition: attachment</c>), never rendered by a browser as a page.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Download(string xml, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(xml), "application/xml; charset=utf-8", fileName);

    private static async Task<IResult> XmlAsync(EngineQueries queries, string key, int version, CancellationToken cancellationToken)
    {
        var xml = await queries.DefinitionXmlAsync(key, version, cancellationToken);
        return xml is null
            ? Problems.NotFound("definition.version-not-found", ("key", key), ("version", version))
            : Download(xml, $"{key}-v{version}.bpmn");
    }
}
