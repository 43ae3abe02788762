using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api.Dossier;

/// <summary>
/// Issue 13, point 8: a household (huishouden, the leefeenheid of Participatiewet art. 4 and 11) links the trajecten of one
/// gezin, as every seed puts one casusregisseur per inburgeraar or gezin (seed 004: "één inburgeraar/één gezin, één plan").
/// The traject variable <c>huishoudenId</c> is the link: the bijstand's household as the Participatiewet system gives it, or,
/// for a gezinsmigrant without bijstand, a household made here ("koppel aan het huishouden van dossier X": same gemeente only,
/// journalled on both trajecten as <c>variables-changed</c> with the reason). The dossier lists the other trajecten of the
/// household; the brede intake's consulent becomes casusregisseur of the household's trajecten that have none (the engine does
/// it in the intake's own step, property caseOwnerShared); the handover can take the whole household along.
/// A household never crosses a gemeente: the lookup is per gemeente and linking another gemeente's dossier is refused.
/// </summary>
public static class HuishoudenEndpoints
{
    /// <summary>The traject variable with the household's id.</summary>
    public const string Variable = "huishoudenId";

    /// <summary>The prefix of a household made in the dossier (not from the bijstand).</summary>
    public const string LinkedPrefix = "gezin-";

    public sealed record KoppelRequest(Guid? Dossier);

    /// <summary>Another traject of the household: who (name and PersoonReferentie, as the dossier shows them), where it stands, who is its casusregisseur.</summary>
    public sealed record GezinslidView(Guid TrajectId, string? Naam, string? PersoonReferentie, string Status, string? Schakel, string? Casusregisseur, string? CasusregisseurNaam);

    /// <summary>The traject's household (null id while it has none), where the link comes from, and the other trajecten of it in the same gemeente.</summary>
    public sealed record HuishoudenView(string? Id, string? Bron, IReadOnlyList<GezinslidView> Gezinsleden);

    public static void MapHuishouden(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dossiers").WithTags("Dossier");
        group.MapPost("/{id:guid}/huishouden", KoppelAsync).RequireAuthorization(Policies.CaseOwnership)
            .WithSummary("Koppelt het traject aan het huishouden van een ander dossier van dezelfde gemeente: {dossier}.");
    }

    /// <summary>A traject: its tree, the top-level instance's variables and its household.</summary>
    internal sealed record Traject(InstanceSummary Root, IReadOnlyList<InstanceSummary> Tree, JsonObject Variables, string? Huishouden);

    internal static async Task<Traject?> LoadAsync(Guid id, EngineQueries queries, Actor actor, CancellationToken cancellationToken)
    {
        if (await queries.InstanceTreeAsync(id, actor, cancellationToken) is not { Count: > 0 } tree)
        {
            return null;
        }

        var root = tree.First(i => i.ParentInstanceId is null || tree.All(o => o.Id != i.ParentInstanceId));
        var variables = (await queries.InstanceAsync(root.Id, actor, cancellationToken))?.Variables ?? [];

        // The top-level instance's household, else that of a running schakel (the ontzorging holds the bijstand's own copy until it ends).
        var huishouden = Of(variables);
        foreach (var instance in tree.Where(i => huishouden is null && i.Id != root.Id && i.Status == "active"))
        {
            huishouden ??= (await queries.InstanceAsync(instance.Id, actor, cancellationToken)) is { } view ? Of(view.Variables) : null;
        }

        return new Traject(root, tree, variables, huishouden);
    }

    private static string? Of(JsonObject variables) =>
        variables[Variable] is JsonValue value && value.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id) ? id : null;

    /// <summary>The other trajecten of <paramref name="traject"/>'s household in its gemeente (oldest first).</summary>
    internal static async Task<IReadOnlyList<InstanceSummary>> MembersAsync(Traject traject, EngineQueries queries, Actor actor, CancellationToken cancellationToken) =>
        traject.Huishouden is null
            ? []
            : (await queries.CasesSharingAsync(traject.Root.TenantId, Variable, traject.Huishouden, actor, cancellationToken)).Where(r => r.Id != traject.Root.Id).ToList();

    /// <summary>The household of the dossier with its other trajecten.</summary>
    internal static async Task<HuishoudenView> ViewAsync(Traject traject, EngineQueries queries, ElementNames names, UserDirectory directory, Actor actor, CancellationToken cancellationToken)
    {
        var members = new List<GezinslidView>();
        foreach (var member in await MembersAsync(traject, queries, actor, cancellationToken))
        {
            if (await LoadAsync(member.Id, queries, actor, cancellationToken) is not { } other)
            {
                continue;
            }

            // Where it stands, as its dossier says: the schakel of the task due first, else the running schakel started last.
            var active = other.Tree.Where(i => i.Status == "active" && i.Id != other.Root.Id).ToList();
            var firstDue = default(TaskView);
            foreach (var instance in active)
            {
                var items = (await queries.TasksAsync(new TaskFilter(InstanceId: instance.Id, Sort: TaskSort.DueAscending), actor, new Paging(1, 1), cancellationToken)).Items;
                var due = items.Count > 0 ? items[0] : null;
                if (due is not null && (firstDue is null || (due.DueAt ?? DateTimeOffset.MaxValue) < (firstDue.DueAt ?? DateTimeOffset.MaxValue)))
                {
                    firstDue = due;
                }
            }

            var leaf = (firstDue is null ? null : active.FirstOrDefault(i => i.Id == firstDue.InstanceId))
                ?? active.LastOrDefault(i => other.Tree.All(c => c.ParentInstanceId != i.Id || c.Status != "active"));
            var schakel = leaf is null ? null : (await names.ForAsync(leaf.DefinitionKey, leaf.DefinitionVersion)).Process ?? leaf.DefinitionKey;
            var casusregisseur = CasusregisseurEndpoints.Of(other.Variables);
            members.Add(new GezinslidView(
                other.Root.Id,
                DossierEndpoints.Text(other.Variables, "inburgeraarNaam"),
                DossierEndpoints.Text(other.Variables, "persoonReferentie") ?? other.Root.BusinessKey,
                other.Root.Status,
                schakel,
                casusregisseur,
                casusregisseur is null ? null : directory.DisplayName(casusregisseur)));
        }

        var bron = traject.Huishouden is null ? null
            : traject.Huishouden.StartsWith(LinkedPrefix, StringComparison.Ordinal) ? "Gekoppeld in het dossier"
            : "Bijstand (Participatiewet art. 4 en 11: de leefeenheid)";
        return new HuishoudenView(traject.Huishouden, bron, members);
    }

    private static async Task<IResult> KoppelAsync(Guid id, KoppelRequest? request, ProcessEngine engine, EngineQueries queries, ElementNames names, UserDirectory directory, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (await LoadAsync(id, queries, actor, cancellationToken) is not { } traject)
        {
            return Problems.NotFound("instance.not-found", ("instanceId", id));
        }

        if (request?.Dossier is not { } dossier || dossier == Guid.Empty)
        {
            return Problems.Invalid(ServerErrors.HuishoudenDossierMissing);
        }

        // Another gemeente's dossier: not found for its outsiders (nothing is revealed), refused for a beheerder of both.
        if (await LoadAsync(dossier, queries, actor, cancellationToken) is not { } other)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "Niet gevonden", ServerErrors.HuishoudenDossierNotFound, ErrorTexts.Describe(ServerErrors.HuishoudenDossierNotFound, ("dossier", dossier)));
        }

        if (other.Root.TenantId != traject.Root.TenantId)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Andere gemeente", ServerErrors.HuishoudenOtherGemeente, ErrorTexts.Describe(ServerErrors.HuishoudenOtherGemeente, ("dossier", dossier)));
        }

        if (other.Root.Id == traject.Root.Id)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Ongeldige invoer", ServerErrors.HuishoudenSameTraject, ErrorTexts.Describe(ServerErrors.HuishoudenSameTraject));
        }

        if (traject.Huishouden is not null && other.Huishouden is not null && traject.Huishouden != other.Huishouden)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Al gekoppeld", ServerErrors.HuishoudenAlGekoppeld, ErrorTexts.Describe(ServerErrors.HuishoudenAlGekoppeld, ("huishouden", traject.Huishouden)));
        }

        var huishouden = other.Huishouden ?? traject.Huishouden ?? LinkedPrefix + other.Root.Id.ToString("N");
        foreach (var (target, with) in new[] { (traject, other), (other, traject) })
        {
            if (target.Huishouden == huishouden)
            {
                continue;
            }

            if (target.Root.Status != "active")
            {
                return Problems.Result(StatusCodes.Status409Conflict, "Traject afgelopen", ServerErrors.HuishoudenTrajectEnded, ErrorTexts.Describe(ServerErrors.HuishoudenTrajectEnded, ("dossier", target.Root.Id)));
            }

            await engine.SetCaseVariablesAsync(target.Root.Id, new JsonObject { [Variable] = huishouden }, $"Huishouden: gekoppeld aan het huishouden van dossier {with.Root.Id}", actor, cancellationToken);
        }

        // One casusregisseur per gezin: a traject without one gets that of the household (the first member who has one).
        var linked = await LoadAsync(traject.Root.Id, queries, actor, cancellationToken) ?? traject;
        if (linked.Root.Status == "active" && CasusregisseurEndpoints.Of(linked.Variables) is null)
        {
            foreach (var member in (await MembersAsync(linked, queries, actor, cancellationToken)).Where(m => m.Status == "active"))
            {
                if ((await queries.InstanceAsync(member.Id, actor, cancellationToken)) is { } view && CasusregisseurEndpoints.Of(view.Variables) is { } owner
                    && directory.Colleagues(linked.Root.TenantId, [Roles.Consulent]).FirstOrDefault(u => u.UserName == owner) is { } user)
                {
                    await engine.HandOverCaseAsync(linked.Root.Id, CasusregisseurEndpoints.Variable, CasusregisseurEndpoints.ActorOf(user), actor, cancellationToken);
                    break;
                }
            }
        }

        return TypedResults.Ok(await ViewAsync(linked, queries, names, directory, actor, cancellationToken));
    }
}
