using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;
using Inburgering.Server.Forms;

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
        group.MapGet("/{id:guid}/form", FormAsync).WithSummary("De taak met haar formulier (form-js), de gegevens om het in te vullen, en haar geschiedenis.");
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
        var filter = TaskListParameters.Apply(new TaskFilter(Gemeente: gemeente, DefinitionKey: definitionKey, ElementId: elementId, Unassigned: unassigned), actor, null, due, null, time);
        return TypedResults.Ok(await queries.TaskCountsAsync(filter, actor, cancellationToken));
    }

    private static async Task<IResult> TypesAsync(EngineQueries queries, HttpContext context, string? gemeente, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.TaskTypesAsync(new TaskFilter(Gemeente: gemeente), Actors.From(context.User), cancellationToken));

    private static async Task<IResult> FormAsync(Guid id, TaskForms forms, HttpContext context, CancellationToken cancellationToken) =>
        await forms.GetAsync(id, Actors.From(context.User), cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound("Deze taak bestaat niet.");

    private static async Task<IResult> ColleaguesAsync(Guid id, EngineQueries queries, UserDirectory directory, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (await queries.TaskAsync(id, actor, cancellationToken) is not { } task)
        {
            return Problems.NotFound("Deze taak bestaat niet.");
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
            return Problems.Result(StatusCodes.Status400BadRequest, "Ongeldig verzoek", "Kies de collega aan wie u de taak overdraagt (assignee).", Code("task.assignee-missing"));
        }

        if (await queries.TaskAsync(id, actor, cancellationToken) is not { } task)
        {
            return Problems.NotFound("Deze taak bestaat niet.");
        }

        if (!Colleagues(task, directory).Any(u => u.UserName == request.Assignee))
        {
            return Problems.Result(
                StatusCodes.Status422UnprocessableEntity,
                "Geen collega voor deze taak",
                $"{request.Assignee} werkt niet voor deze gemeente of heeft geen rol van deze taak; kies een collega uit de lijst.",
                Code("task.assignee-not-colleague"));
        }

        await engine.AssignTaskAsync(id, request.Assignee, actor, cancellationToken);
        return TypedResults.Ok(await queries.TaskAsync(id, actor, cancellationToken));
    }

    private static async Task<IResult> ReturnAsync(Guid id, ReturnRequest? request, ProcessEngine engine, EngineQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Ongeldig verzoek", "Geef de reden waarom u de taak terugstuurt.", Code("task.return-reason-missing"));
        }

        await engine.ReturnTaskAsync(id, request.Reason, actor, cancellationToken);
        return TypedResults.Ok(await queries.TaskAsync(id, actor, cancellationToken));
    }

    /// <summary>The people of the task's gemeente with one of its candidate groups (any role of the gemeente when it has none).</summary>
    private static IEnumerable<DirectoryUser> Colleagues(TaskView task, UserDirectory directory) =>
        directory.Colleagues(task.Gemeente, task.CandidateGroups.ToList())
            .Where(u => task.FourEyesRoles.Count == 0 || u.Roles.Any(task.FourEyesRoles.Contains) || task.CandidateGroups.Count == 0 || u.Roles.Any(task.CandidateGroups.Contains));

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}
