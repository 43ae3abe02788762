using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Scheduling;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api;

/// <summary>The clock and incidents.</summary>
public static class OperationsEndpoints
{
    public static void MapOperations(this RouteGroupBuilder api)
    {
        var clock = api.MapGroup("/clock").WithTags("Klok");
        clock.MapGet("", GetClock).WithSummary("De huidige tijd van de service en of de simulatieklok aan staat.");
        clock.MapPost("/advance", AdvanceAsync).RequireAuthorization(Policies.Design)
            .WithSummary("Zet de simulatieklok vooruit met {duration} (ISO 8601, zoals P3M) en laat elke timer die in die periode afloopt, op volgorde, afgaan.");

        var incidents = api.MapGroup("/incidents").WithTags("Incidenten");
        incidents.MapGet("", ListIncidentsAsync).WithSummary("Incidenten, te filteren op gemeente, definitionKey, elementId, activityType en status (open, all).");
        incidents.MapPost("/{id:guid}/retry", RetryAsync).RequireAuthorization(Policies.Operate).WithSummary("Probeert opnieuw wat het incident stopte.");
        incidents.MapPost("/retry", RetryAllAsync).RequireAuthorization(Policies.Operate)
            .WithSummary("Probeert alle open incidenten opnieuw die passen bij {activityType, gemeente, definitionKey, elementId} (bijvoorbeeld op de dag dat DUO terug is).");

    }

    public sealed record ClockView(DateTimeOffset Now, bool Simulated);

    public sealed record AdvanceRequest(string? Duration);

    public sealed record BulkRetryRequest(string? ActivityType, string? Gemeente, string? DefinitionKey, string? ElementId);

    private static ClockView GetClock(ClockService clock) => new(clock.Now, clock.IsSimulated);

    private static async Task<IResult> AdvanceAsync(AdvanceRequest? request, ClockService clock, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Duration))
        {
            return Problems.Invalid(ServerErrors.DurationRequired);
        }

        return TypedResults.Ok(await clock.AdvanceAsync(request.Duration.Trim(), cancellationToken));
    }

    private static async Task<IResult> ListIncidentsAsync(
        EngineQueries queries,
        ProcessEngine engine,
        HttpContext context,
        string? gemeente,
        string? definitionKey,
        string? elementId,
        string? activityType,
        Guid? instanceId,
        string? status,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var openOnly = status is null || string.Equals(status, "open", StringComparison.OrdinalIgnoreCase);
        if (!openOnly && !string.Equals(status, "all", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid(ServerErrors.IncidentStatusInvalid);
        }

        if (Problems.CheckGemeente(gemeente) is { } invalid)
        {
            return invalid;
        }

        var actor = Actors.From(context.User);
        var incidents = await queries.IncidentsAsync(
            new IncidentFilter(gemeente, definitionKey, elementId, activityType, instanceId, openOnly),
            actor,
            new Paging(page ?? 1, pageSize ?? 50),
            cancellationToken);

        // A failed call's request holds the activity's inputs (a BSN): the beheerder who got them is in the access log.
        var shown = incidents.Items.Where(i => i.Exchange is not null).Select(i => i.InstanceId).Distinct().ToList();
        await engine.RecordAccessAsync(actor.Name, "incident.read", shown, "verzoek en antwoord van een mislukte partneraanroep", cancellationToken);

        // The engine keeps its English text; the Dutch one is worded here from the incident's code.
        return TypedResults.Ok(incidents with
        {
            Items = incidents.Items.Select(i => i.Error is null ? i : i with { Message = ErrorTexts.Describe(i.Error) }).ToList(),
        });
    }

    private static async Task<IResult> RetryAsync(Guid id, ProcessEngine engine, HttpContext context, CancellationToken cancellationToken)
    {
        await engine.RetryIncidentAsync(id, Actors.From(context.User), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RetryAllAsync(BulkRetryRequest? request, ProcessEngine engine, HttpContext context, CancellationToken cancellationToken)
    {
        if (request is null || (request.ActivityType is null && request.DefinitionKey is null && request.ElementId is null && request.Gemeente is null))
        {
            return Problems.Invalid(ServerErrors.RetryFilterRequired);
        }

        if (Problems.CheckGemeente(request.Gemeente) is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await engine.RetryIncidentsAsync(
            new IncidentFilter(request.Gemeente, request.DefinitionKey, request.ElementId, request.ActivityType),
            Actors.From(context.User),
            cancellationToken));
    }
}
