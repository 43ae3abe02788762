using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;
using Inburgering.Server.Privacy;

namespace Inburgering.Server.Api;

/// <summary>The werkvoorraad: human tasks to list, claim and complete.</summary>
public static class TaskEndpoints
{
    public static void MapTasks(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Taken");
        group.MapGet("", ListAsync).WithSummary("Taken, te filteren op instanceId, candidateGroup, assignee, gemeente, status (open, completed, cancelled, all), view (mine, groups, all) en due (overdue, this-week); sort: due, -due, created of priority. Een hele lijst lees je met after: de next van de vorige pagina.");
        group.MapGet("/{id:guid}", GetAsync).RecordsAccess("task.read", AccessLogging.Subject.Task);
        group.MapPost("/{id:guid}/claim", ClaimAsync).RequireAuthorization(Policies.CaseWork).WithSummary("Neemt de taak in behandeling (assignee = u).");
        group.MapPost("/{id:guid}/unclaim", UnclaimAsync).RequireAuthorization(Policies.CaseWork).WithSummary("Geeft de taak terug aan de groep.");
        group.MapPost("/{id:guid}/complete", CompleteAsync).RequireAuthorization(Policies.CaseWork).WithSummary("Rondt de taak af met {variables}, gecontroleerd tegen het formulier van de taak (422 met errors[{field, code, message}]).");
    }

    public sealed record CompleteRequest(JsonObject? Variables);

    private static async Task<IResult> ListAsync(
        EngineQueries queries,
        HttpContext context,
        Guid? instanceId,
        string? candidateGroup,
        string? assignee,
        string? gemeente,
        string? status,
        string? definitionKey,
        string? elementId,
        string? businessKey,
        bool? unassigned,
        string? view,
        string? due,
        string? sort,
        TimeProvider time,
        int? page,
        int? pageSize,
        string? after,
        CancellationToken cancellationToken)
    {
        if (Problems.CheckGemeente(gemeente) is { } invalid)
        {
            return invalid;
        }

        var actor = Actors.From(context.User);
        var filter = Werkvoorraad.TaskListParameters.Apply(
            new TaskFilter(instanceId, candidateGroup, assignee, gemeente, status ?? "open", definitionKey, elementId, businessKey, unassigned), actor, view, due, sort, time);
        var paging = new Paging(page ?? 1, pageSize ?? 50) { After = string.IsNullOrEmpty(after) ? null : after };
        return TypedResults.Ok(await queries.TasksAsync(filter, actor, paging, cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid id, EngineQueries queries, HttpContext context, CancellationToken cancellationToken) =>
        await queries.TaskAsync(id, Actors.From(context.User), cancellationToken) is { } task
            ? TypedResults.Ok(task)
            : Problems.NotFound("task.not-found", ("taskId", id));

    private static async Task<IResult> ClaimAsync(Guid id, ProcessEngine engine, EngineQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        await engine.ClaimTaskAsync(id, actor, cancellationToken);
        return TypedResults.Ok(await queries.TaskAsync(id, actor, cancellationToken));
    }

    private static async Task<IResult> UnclaimAsync(Guid id, ProcessEngine engine, EngineQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        await engine.UnclaimTaskAsync(id, actor, cancellationToken);
        return TypedResults.Ok(await queries.TaskAsync(id, actor, cancellationToken));
    }

    private static async Task<IResult> CompleteAsync(Guid id, CompleteRequest? request, ProcessEngine engine, EngineQueries queries, Forms.TaskForms forms, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        try
        {
            // Checked against the task's form (as the browser does) inside the step that completes it.
            // The consulent who takes the brede intake becomes the traject's casusregisseur (and that of the household's
            // trajecten without one) in the same step: the intake's properties caseOwner, caseOwnerGroup, caseOwnerShared.
            await engine.CompleteTaskAsync(id, request?.Variables, actor, forms.Check(request?.Variables), cancellationToken);
        }
        catch (Forms.TaskFormRefusedException refusal)
        {
            // Nothing is stored.
            return refusal.Result;
        }

        return TypedResults.Ok(await queries.TaskAsync(id, actor, cancellationToken));
    }
}
