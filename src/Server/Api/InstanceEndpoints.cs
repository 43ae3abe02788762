using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;
using Inburgering.Server.Privacy;

namespace Inburgering.Server.Api;

/// <summary>Process instances: start, read, journal, cancel, fix variables.</summary>
public static class InstanceEndpoints
{
    public static void MapInstances(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instances").WithTags("Instanties");
        group.MapPost("", StartAsync).RequireAuthorization(Policies.CaseWork)
            .Produces<InstanceView>(StatusCodes.Status201Created)
            .WithSummary("Start een instantie: {definitionKey, businessKey, gemeente, variables}.");
        group.MapGet("", ListAsync).WithSummary("Instanties van de gemeenten waarvoor u werkt, met filters en paginering.");
        group.MapGet("/{id:guid}", GetAsync).RecordsAccess("instance.read").WithSummary("Eén instantie: status, activeElements, variables.");
        group.MapGet("/{id:guid}/journal", JournalAsync).RecordsAccess("journal.read").WithSummary("Het journaal (de geschiedenis) van een instantie.");
        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.CaseWork).WithSummary("Beëindigt een instantie en wat zij aanriep.");
        group.MapPatch("/{id:guid}/variables", SetVariablesAsync).RequireAuthorization(Policies.Operate).WithSummary("Zet variabelen (beheer, bijvoorbeeld vóór het opnieuw proberen van een incident).");
    }

    public sealed record StartRequest(string? DefinitionKey, string? BusinessKey, string? Gemeente, JsonObject? Variables, int? Version);

    public sealed record CancelRequest(string? Reason);

    private static async Task<IResult> StartAsync(StartRequest? request, ProcessEngine engine, EngineQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.DefinitionKey))
        {
            return Problems.Invalid(ServerErrors.FieldRequired, ("field", "definitionKey"));
        }

        if (string.IsNullOrWhiteSpace(request.Gemeente))
        {
            return Problems.Invalid(ServerErrors.GemeenteRequired);
        }

        if (Problems.CheckGemeente(request.Gemeente) is { } invalid)
        {
            return invalid;
        }

        var actor = Actors.From(context.User);
        var started = await engine.StartInstanceAsync(new StartInstance(request.DefinitionKey, request.BusinessKey, request.Gemeente, request.Variables, request.Version), actor, cancellationToken);
        var view = await queries.InstanceAsync(started.Id, actor, cancellationToken);
        return TypedResults.Created($"/api/v1/instances/{started.Id}", view);
    }

    private static async Task<IResult> ListAsync(
        EngineQueries queries,
        HttpContext context,
        string? definitionKey,
        string? businessKey,
        string? gemeente,
        string? status,
        bool? withIncidents,
        Guid? parentInstanceId,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken) =>
        Problems.CheckGemeente(gemeente) ?? TypedResults.Ok(await queries.InstancesAsync(
            new InstanceFilter(definitionKey, businessKey, gemeente, status, parentInstanceId, withIncidents),
            Actors.From(context.User),
            new Paging(page ?? 1, pageSize ?? 50),
            cancellationToken));

    private static async Task<IResult> GetAsync(Guid id, EngineQueries queries, HttpContext context, CancellationToken cancellationToken) =>
        await queries.InstanceAsync(id, Actors.From(context.User), cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound("instance.not-found", ("instanceId", id));

    private static async Task<IResult> JournalAsync(Guid id, EngineQueries queries, HttpContext context, int? page, int? pageSize, CancellationToken cancellationToken) =>
        await queries.JournalAsync(id, Actors.From(context.User), new Paging(page ?? 1, pageSize ?? 100), cancellationToken) is { } journal
            ? TypedResults.Ok(journal with { Items = journal.Items.Select(InDutch).ToList() })
            : Problems.NotFound("instance.not-found", ("instanceId", id));

    /// <summary>An incident in the journal keeps its coded error; its message is worded in Dutch here, like the incident itself.</summary>
    private static JournalEntryView InDutch(JournalEntryView entry)
    {
        if (entry.Data is not JsonObject data || data["error"] is not JsonObject error || EngineError.Parse(error) is not { } parsed)
        {
            return entry;
        }

        var worded = (JsonObject)data.DeepClone();
        worded["message"] = ErrorTexts.Describe(parsed);
        return entry with { Data = worded };
    }

    private static async Task<IResult> CancelAsync(Guid id, CancelRequest? request, ProcessEngine engine, EngineQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        await engine.CancelInstanceAsync(id, request?.Reason, actor, cancellationToken);
        return TypedResults.Ok(await queries.InstanceAsync(id, actor, cancellationToken));
    }

    private static async Task<IResult> SetVariablesAsync(Guid id, JsonObject? variables, ProcessEngine engine, EngineQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        if (variables is null || variables.Count == 0)
        {
            return Problems.Invalid(ServerErrors.VariablesRequired);
        }

        var actor = Actors.From(context.User);
        await engine.SetVariablesAsync(id, variables, actor, cancellationToken);
        return TypedResults.Ok(await queries.InstanceAsync(id, actor, cancellationToken));
    }
}
