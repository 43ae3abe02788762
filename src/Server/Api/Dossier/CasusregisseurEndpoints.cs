using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api.Dossier;

/// <summary>
/// Issue 13, point 8: one casusregisseur per traject, as every seed has it. The traject variable <c>casusregisseur</c> holds
/// the consulent's user name; every user task of the keten names it as its default assignee (camunda:assignee), so the tasks
/// land in the casusregisseur's own list and stay claimable by the candidate group while there is none. The consulent who
/// takes the brede intake becomes casusregisseur when the traject has none yet (the task property <c>casusregisseur</c>
/// names the role); the current casusregisseur or a beheerder hands the traject over here, which moves the open tasks
/// along (see <see cref="ProcessEngine.HandOverCaseAsync"/>; journalled as <c>case-handed-over</c>).
/// </summary>
public static class CasusregisseurEndpoints
{
    /// <summary>The traject variable with the casusregisseur's user name.</summary>
    public const string Variable = "casusregisseur";

    /// <summary>The user task property (camunda:properties) naming the role whose completion makes the casusregisseur.</summary>
    public const string TaskProperty = "casusregisseur";

    public sealed record HandoverRequest(string? Casusregisseur);

    /// <summary>The casusregisseur and display name, with who held the traject before and how many open tasks moved.</summary>
    public sealed record HandoverView(Guid TrajectId, string Casusregisseur, string Naam, string? Vorige, int TakenOvergedragen);

    /// <summary>A consulent of the traject's gemeente who can become casusregisseur.</summary>
    public sealed record KandidaatView(string User, string DisplayName);

    public static void MapCasusregisseur(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dossiers").WithTags("Dossier");
        group.MapPost("/{id:guid}/casusregisseur", HandOverAsync).RequireAuthorization(Policies.CaseOwnership)
            .WithSummary("Draagt het traject over aan een andere casusregisseur (een consulent van de gemeente): {casusregisseur}. Zijn open taken gaan mee.");
    }

    /// <summary>The traject's casusregisseur (user name), or null while there is none.</summary>
    public static string? Of(JsonObject variables) =>
        variables[Variable] is JsonValue value && value.TryGetValue<string>(out var name) && name.Length > 0 ? name : null;

    /// <summary>The consulenten of <paramref name="gemeente"/>, by name.</summary>
    public static IReadOnlyList<KandidaatView> Kandidaten(UserDirectory directory, string gemeente) =>
        directory.Colleagues(gemeente, [Roles.Consulent])
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new KandidaatView(u.UserName, string.IsNullOrEmpty(u.DisplayName) ? u.UserName : u.DisplayName))
            .ToList();

    private static async Task<IResult> HandOverAsync(Guid id, HandoverRequest? request, ProcessEngine engine, EngineQueries queries, UserDirectory directory, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (await queries.InstanceTreeAsync(id, actor, cancellationToken) is not { Count: > 0 } tree)
        {
            return Problems.NotFound("instance.not-found", ("instanceId", id));
        }

        var root = tree.First(i => i.ParentInstanceId is null || tree.All(o => o.Id != i.ParentInstanceId));
        if (string.IsNullOrWhiteSpace(request?.Casusregisseur))
        {
            return Problems.Invalid(ServerErrors.CasusregisseurMissing);
        }

        if (root.Status != "active")
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Traject afgelopen", ServerErrors.CasusregisseurTrajectEnded, ErrorTexts.Describe(ServerErrors.CasusregisseurTrajectEnded));
        }

        var current = await queries.InstanceAsync(root.Id, actor, cancellationToken) is { } view ? Of(view.Variables) : null;
        var allowed = actor.IsAdministrator || actor.Name == current || (current is null && actor.IsMemberOf(Roles.Consulent));
        if (!allowed)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "Geen toegang", ServerErrors.CasusregisseurForbidden,
                ErrorTexts.Describe(ServerErrors.CasusregisseurForbidden, ("casusregisseur", directory.DisplayName(current ?? "?"))));
        }

        var name = request.Casusregisseur.Trim();
        if (directory.Colleagues(root.TenantId, [Roles.Consulent]).FirstOrDefault(u => u.UserName == name) is not { } user)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Geen consulent van deze gemeente", ServerErrors.CasusregisseurNotColleague,
                ErrorTexts.Describe(ServerErrors.CasusregisseurNotColleague, ("casusregisseur", name)));
        }

        var owner = new Actor(user.UserName, user.Roles.ToHashSet(StringComparer.Ordinal), user.Gemeenten.ToHashSet(StringComparer.Ordinal));
        var result = await engine.HandOverCaseAsync(root.Id, Variable, owner, actor, cancellationToken);
        return TypedResults.Ok(new HandoverView(result.RootInstanceId, result.Owner, directory.DisplayName(result.Owner), result.Previous, result.TasksHandedOver));
    }

    /// <summary>
    /// After a completion (or a four-eyes approval) of <paramref name="task"/>: when the task names a role in its property
    /// <c>casusregisseur</c> (the brede intake: consulent), the actor holds that role and the traject has no casusregisseur
    /// yet, the actor becomes it (the consulent who takes the intake, Wi2021 art. 16 with the seeds' one casusregisseur per
    /// inburgeraar). A casusregisseur chosen earlier in the dossier stays.
    /// </summary>
    public static async Task AfterCompletionAsync(TaskView task, Actor actor, ProcessEngine engine, EngineQueries queries, CancellationToken cancellationToken)
    {
        if (task.Properties?[TaskProperty] is not JsonValue property || !property.TryGetValue<string>(out var role) || !actor.IsMemberOf(role))
        {
            return;
        }

        if (await queries.InstanceTreeAsync(task.InstanceId, actor, cancellationToken) is not { Count: > 0 } tree)
        {
            return;
        }

        var root = tree.First(i => i.ParentInstanceId is null || tree.All(o => o.Id != i.ParentInstanceId));
        if (root.Status != "active" || (await queries.InstanceAsync(root.Id, actor, cancellationToken) is { } view && Of(view.Variables) is not null))
        {
            return;
        }

        await engine.HandOverCaseAsync(root.Id, Variable, actor, actor, cancellationToken);
    }
}
