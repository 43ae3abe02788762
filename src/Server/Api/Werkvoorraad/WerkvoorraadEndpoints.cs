using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;
using Inburgering.Server.Forms;
using Inburgering.Server.Privacy;

namespace Inburgering.Server.Api.Werkvoorraad;

/// <summary>
/// What the werkvoorraad adds to <c>/tasks</c>: counts per view, the kinds of task for the filter, the task's form with its
/// data and history, handing a task to a colleague, and sending a four-eyes task back.
/// </summary>
public static class WerkvoorraadEndpoints
{
    public sealed record AssignRequest(string? Assignee);

    public sealed record ReturnRequest(string? Reason);

    public sealed record ColleagueView(string User, string DisplayName, IReadOnlyList<string> Roles);

    public static void MapWerkvoorraad(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Taken");
        group.MapGet("/counts", CountsAsync)
            .WithSummary("Aantal open taken per weergave (mine: aan mij toegewezen, groups: in een van mijn groepen, all: alles van mijn gemeenten), met dezelfde filters als de lijst.");
        group.MapGet("/types", TypesAsync).WithSummary("De soorten open taken (proces, element, naam) met hun aantal, voor het filter 'taaksoort'.");
        group.MapGet("/{id:guid}/form", FormAsync).RecordsAccess("task-form.read", AccessLogging.Subject.Task).WithSummary("De taak met haar formulier (form-js), de gegevens om het in te vullen, en haar geschiedenis.");
        group.MapGet("/{id:guid}/colleagues", ColleaguesAsync).WithSummary("Collega's van dezelfde gemeente met een rol van de taak, aan wie u de taak kunt overdragen.");
        group.MapPost("/{id:guid}/assign", AssignAsync).RequireAuthorization(Policies.CaseWork)
            .WithSummary("Draagt de taak over aan een collega van dezelfde gemeente en rol: {assignee}.");
        group.MapPost("/{id:guid}/return", ReturnAsync).RequireAuthorization(Policies.CaseWork)
            .WithSummary("Vier ogen: stuurt de taak met een reden terug naar wie haar als eerste afrondde: {reason}.");
    }

    private static async Task<IResult> CountsAsync(
        EngineQueries queries,
        HttpContext context,
        TimeProvider time,
        string? gemeente,
        string? definitionKey,
        string? elementId,
        bool? unassigned,
        string? due,
        CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        var filter = TaskListParameters.Apply(new TaskFilter(TenantId: gemeente, DefinitionKey: definitionKey, ElementId: elementId, Unassigned: unassigned), actor, null, due, null, time);
        return TypedResults.Ok(await queries.TaskCountsAsync(filter, actor, cancellationToken));
    }

    private static async Task<IResult> TypesAsync(EngineQueries queries, HttpContext context, string? gemeente, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.TaskTypesAsync(new TaskFilter(TenantId: gemeente), Actors.From(context.User), cancellationToken));

    private static async Task<IResult> FormAsync(Guid id, TaskForms forms, HttpContext context, CancellationToken cancellationToken) =>
        await forms.GetAsync(id, Actors.From(context.User), cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound("task.not-found", ("taskId", id));

    private static async Task<IResult> ColleaguesAsync(Guid id, EngineQueries queries, UserDirectory directory, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (await queries.TaskAsync(id, actor, cancellationToken) is not { } task)
        {
            return Problems.NotFound("task.not-found", ("taskId", id));
        }

        var done = task.Approvals.Select(a => a.User).ToHashSet(StringComparer.Ordinal);
        var colleagues = Colleagues(task, directory)
            .Where(u => u.UserName != actor.Name && u.UserName != task.Assignee && !done.Contains(u.UserName))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new ColleagueView(u.UserName, u.DisplayName, u.Roles.ToList()))
            .ToList();
        return TypedResults.Ok(colleagues);
    }

    private static async Task<IResult> AssignAsync(Guid id, AssignRequest? request, ProcessEngine engine, EngineQueries queries, UserDirectory directory, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (string.IsNullOrWhiteSpace(request?.Assignee))
        {
            return Problems.Invalid(ServerErrors.AssigneeMissing);
        }

        if (await queries.TaskAsync(id, actor, cancellationToken) is not { } task)
        {
            return Problems.NotFound("task.not-found", ("taskId", id));
        }

        if (!Colleagues(task, directory).Any(u => u.UserName == request.Assignee))
        {
            return Problems.Result(
                StatusCodes.Status422UnprocessableEntity,
                "Geen collega voor deze taak",
                ServerErrors.AssigneeNotColleague,
                ErrorTexts.Describe(ServerErrors.AssigneeNotColleague, ("assignee", request.Assignee)));
        }

        await engine.AssignTaskAsync(id, request.Assignee, actor, cancellationToken);
        return TypedResults.Ok(await queries.TaskAsync(id, actor, cancellationToken));
    }

    private static async Task<IResult> ReturnAsync(Guid id, ReturnRequest? request, ProcessEngine engine, EngineQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return Problems.Invalid(ServerErrors.ReturnReasonMissing);
        }

        await engine.ReturnTaskAsync(id, request.Reason, actor, cancellationToken);
        return TypedResults.Ok(await queries.TaskAsync(id, actor, cancellationToken));
    }

    /// <summary>The people of the task's gemeente with one of its candidate groups (any role of the gemeente when it has none).</summary>
    private static IEnumerable<DirectoryUser> Colleagues(TaskView task, UserDirectory directory) =>
        directory.Colleagues(task.TenantId, task.CandidateGroups.ToList())
            .Where(u => task.FourEyesRoles.Count == 0 || u.Roles.Any(task.FourEyesRoles.Contains) || task.CandidateGroups.Count == 0 || u.Roles.Any(task.CandidateGroups.Contains));
}
