using System.Text;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api.Studio;

/// <summary>
/// What the studio (procesontwerpers) needs besides the definitions API: validating a draft exactly as deploying would,
/// without deploying; the definitions with their versions and how many instances run on each.
/// </summary>
public static class StudioEndpoints
{
    public static void MapStudio(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/studio").WithTags("Studio").RequireAuthorization(Policies.Design);
        group.MapPost("/validate", ValidateAsync)
            .Accepts<string>("application/xml", "text/xml", "application/bpmn+xml")
            .Produces<ValidationResponse>()
            .WithSummary("Controleert een BPMN-bestand zoals uitrollen het doet, zonder uit te rollen: {valid, processKeys, errors[{elementId, code, message}], warnings}.");
        group.MapGet("/definitions", DefinitionsAsync)
            .Produces<IReadOnlyList<StudioDefinition>>()
            .WithSummary("Elke definitie met haar versies en per versie het aantal lopende en gestarte instanties (over alle gemeenten).");
        group.MapGet("/definitions/{key}", DefinitionAsync)
            .Produces<StudioDefinition>()
            .WithSummary("Eén definitie met haar versies en per versie het aantal lopende en gestarte instanties.");
    }

    public sealed record ValidationResponse(bool Valid, IReadOnlyList<string> ProcessKeys, IReadOnlyList<DefinitionEndpoints.ProblemItem> Errors, IReadOnlyList<DefinitionEndpoints.ProblemItem> Warnings);

    public sealed record StudioVersion(int Version, Guid Id, string? Name, DateTimeOffset DeployedAt, string? DeployedBy, string? Source, int ActiveInstances, int TotalInstances);

    public sealed record StudioDefinition(string Key, string? Name, int LatestVersion, IReadOnlyList<StudioVersion> Versions);

    private static async Task<IResult> ValidateAsync(HttpRequest request, ProcessEngine engine, CancellationToken cancellationToken)
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

        var result = engine.Validate(xml);
        return TypedResults.Ok(new ValidationResponse(
            result.IsValid,
            result.ProcessKeys,
            result.Errors.Select(DefinitionEndpoints.ProblemItem.From).ToList(),
            result.Warnings.Select(DefinitionEndpoints.ProblemItem.From).ToList()));
    }

    private static async Task<IResult> DefinitionsAsync(EngineQueries queries, CancellationToken cancellationToken)
    {
        var all = await queries.DefinitionsAsync(null, false, new Paging(1, Paging.MaxPageSize), cancellationToken);
        var result = new List<StudioDefinition>();
        foreach (var group in all.Items.GroupBy(d => d.Key))
        {
            result.Add(await DescribeAsync(queries, group.Key, group.ToList(), cancellationToken));
        }

        return TypedResults.Ok(result.OrderBy(d => d.Key, StringComparer.Ordinal).ToList());
    }

    private static async Task<IResult> DefinitionAsync(string key, EngineQueries queries, CancellationToken cancellationToken)
    {
        var versions = await queries.DefinitionsAsync(key, false, new Paging(1, Paging.MaxPageSize), cancellationToken);
        return versions.Total == 0
            ? Problems.NotFound("definition.not-found", ("key", key))
            : TypedResults.Ok(await DescribeAsync(queries, key, versions.Items, cancellationToken));
    }

    private static async Task<StudioDefinition> DescribeAsync(EngineQueries queries, string key, IReadOnlyList<DefinitionView> versions, CancellationToken cancellationToken)
    {
        var counts = (await queries.DefinitionVersionCountsAsync(key, cancellationToken)).ToDictionary(c => c.Version);
        var ordered = versions.OrderByDescending(v => v.Version).ToList();
        return new StudioDefinition(
            key,
            ordered[0].Name,
            ordered[0].Version,
            ordered.Select(v => new StudioVersion(
                v.Version,
                v.Id,
                v.Name,
                v.DeployedAt,
                v.DeployedBy,
                v.Source,
                counts.TryGetValue(v.Version, out var c) ? c.Active : 0,
                counts.TryGetValue(v.Version, out var t) ? t.Total : 0)).ToList());
    }
}
