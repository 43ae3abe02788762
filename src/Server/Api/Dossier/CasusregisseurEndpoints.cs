using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api.Dossier;

/// <summary>
/// Issue 13, point 8: one casusregisseur per traject, as every seed has it. The traject variable <c>casusregisseur</c> holds
/// the consulent's user name; every user task of the keten names it as its default assignee (camunda:assignee), so the tasks
/// land in the casusregisseur's own list and stay claimable by the candidate group while there is none. The consulent who
/// takes the brede intake becomes casusregisseur when the traject has none yet, and so do the household's trajecten without
/// one: the engine does it in the step that completes the intake (its properties caseOwner, caseOwnerGroup and
/// caseOwnerShared, see <see cref="ProcessEngine.CaseOwnerProperty"/>), so no crash can leave an intake without its
/// casusregisseur. The current casusregisseur or a beheerder hands the traject over here, which moves the open tasks along
/// (see <see cref="ProcessEngine.HandOverCaseAsync"/>; journalled as <c>case-handed-over</c>). By default only this traject:
/// a gezinslid may have another casusregisseur on purpose (a jongere in the onderwijsroute); with <c>huishouden: true</c> the
/// household's other running trajecten of the gemeente go along, each one the reader may hand over (its own step each).
/// </summary>
public static class CasusregisseurEndpoints
{
    /// <summary>The traject variable with the casusregisseur's user name.</summary>
    public const string Variable = "casusregisseur";

    public sealed record HandoverRequest(string? Casusregisseur, bool? Huishouden = null);

    /// <summary>
    /// The casusregisseur and display name, with who held the traject before and how many open tasks moved; with
    /// <c>huishouden: true</c> also the household's other trajecten handed over and those the reader may not hand over.
    /// </summary>
    public sealed record HandoverView(Guid TrajectId, string Casusregisseur, string Naam, string? Vorige, int TakenOvergedragen, IReadOnlyList<Guid>? HuishoudenOvergedragen = null, IReadOnlyList<Guid>? HuishoudenNietOvergedragen = null);

    /// <summary>A user of the directory as the engine's actor (the new owner of a case).</summary>
    public static Actor ActorOf(DirectoryUser user) =>
        new(user.UserName, user.Roles.ToHashSet(StringComparer.Ordinal), user.Gemeenten.ToHashSet(StringComparer.Ordinal));

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
        if (!MayHandOver(actor, current))
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

        var owner = ActorOf(user);
        var result = await engine.HandOverCaseAsync(root.Id, Variable, owner, actor, cancellationToken);
        if (request.Huishouden is not true)
        {
            return TypedResults.Ok(new HandoverView(result.RootInstanceId, result.Owner, directory.DisplayName(result.Owner), result.Previous, result.TasksHandedOver));
        }

        // The whole household: its other running trajecten of this gemeente (never another's), each as the reader may.
        var handed = new List<Guid>();
        var refused = new List<Guid>();
        if (await HuishoudenEndpoints.LoadAsync(root.Id, queries, actor, cancellationToken) is { } traject)
        {
            foreach (var member in (await HuishoudenEndpoints.MembersAsync(traject, queries, actor, cancellationToken)).Where(m => m.Status == "active" && m.TenantId == root.TenantId))
            {
                var theirs = await queries.InstanceAsync(member.Id, actor, cancellationToken) is { } memberView ? Of(memberView.Variables) : null;
                if (theirs == owner.Name)
                {
                    continue;
                }

                if (!MayHandOver(actor, theirs))
                {
                    refused.Add(member.Id);
                    continue;
                }

                await engine.HandOverCaseAsync(member.Id, Variable, owner, actor, cancellationToken);
                handed.Add(member.Id);
            }
        }

        return TypedResults.Ok(new HandoverView(result.RootInstanceId, result.Owner, directory.DisplayName(result.Owner), result.Previous, result.TasksHandedOver, handed, refused));
    }

    /// <summary>Who may hand a traject over: its casusregisseur, a beheerder, or any consulent while it has none.</summary>
    private static bool MayHandOver(Actor actor, string? current) =>
        actor.IsAdministrator || actor.Name == current || (current is null && actor.IsMemberOf(Roles.Consulent));
}
