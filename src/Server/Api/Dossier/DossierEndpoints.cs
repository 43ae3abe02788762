using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Api.Werkvoorraad;
using Inburgering.Server.Auth;
using Inburgering.Server.Privacy;
using Inburgering.Workflows.Policy;

namespace Inburgering.Server.Api.Dossier;

/// <summary>
/// The traject's dossier: who it is about, the key dates and what moves them, the schakels (traject → schakel tree), the open
/// tasks, the journal in plain Dutch, the diagram of a schakel with where it stands and the path it took, and for a
/// beheerder the open incidents. Any instance id of the tree opens the dossier of its root traject.
/// </summary>
public static class DossierEndpoints
{
    public sealed record SchakelView(Guid Id, Guid? ParentInstanceId, string DefinitionKey, int Version, string Name, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int OpenIncidents);

    public sealed record InburgeraarView(string? Naam, string? PersoonReferentie, string? Doelgroep, string? GedetailleerdeDoelgroep, string? Wet, string? Leerroute, bool? MaatschappelijkeBegeleiding);

    public sealed record DossierView(
        Guid Id,
        string Status,
        AccountEndpoints.GemeenteView Gemeente,
        DateTimeOffset StartedAt,
        DateTimeOffset? EndedAt,
        string? EndReason,
        InburgeraarView Inburgeraar,
        IReadOnlyList<KeyDates.KeyDate> KeyDates,
        IReadOnlyList<SchakelView> Schakels,
        Guid CurrentSchakelId,
        IReadOnlyList<TaskView> OpenTasks,
        IReadOnlyList<IncidentView>? Incidents,
        DateTimeOffset Now,
        CasusregisseurView? Casusregisseur = null,
        HuishoudenEndpoints.HuishoudenView? Huishouden = null);

    /// <summary>
    /// The traject's casusregisseur (null user while there is none), the consulenten it can be handed to, and whether the
    /// reader may hand it over (the casusregisseur, a beheerder, or any consulent while there is none).
    /// </summary>
    public sealed record CasusregisseurView(string? User, string? Naam, bool MagOverdragen, IReadOnlyList<CasusregisseurEndpoints.KandidaatView> Kandidaten);

    public sealed record DiagramView(Guid InstanceId, string DefinitionKey, int Version, string Name, string Xml, IReadOnlyList<string> ActiveElements, IReadOnlyList<string> ActiveNames, IReadOnlyList<string> VisitedElements, IReadOnlyList<string> TakenFlows, IReadOnlyList<CallView> Calls);

    public sealed record CallView(string ElementId, Guid InstanceId, string Name, string Status);

    public static void MapDossiers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dossiers").WithTags("Dossier");
        group.MapGet("/{id:guid}", GetAsync).RecordsAccess("dossier.read").WithSummary("Het dossier van het traject waartoe deze instantie hoort.");
        group.MapGet("/{id:guid}/timeline", TimelineAsync).RecordsAccess("timeline.read").WithSummary("De tijdlijn van het traject (alle schakels) in gewone taal, nieuwste eerst.");
        group.MapGet("/{id:guid}/diagram", DiagramAsync).WithSummary("Het diagram (BPMN) van deze instantie met waar zij staat, de afgelegde weg en de aangeroepen schakels.");
    }

    private static async Task<IResult> GetAsync(Guid id, EngineQueries queries, ElementNames names, TimeProvider time, UserDirectory directory, HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (await queries.InstanceTreeAsync(id, actor, cancellationToken) is not { Count: > 0 } tree)
        {
            return Problems.NotFound("Dit traject bestaat niet.");
        }

        var root = tree.First(i => i.ParentInstanceId is null || tree.All(o => o.Id != i.ParentInstanceId));
        var policy = services.GetService<PolicyCatalog>();
        var schakels = new List<SchakelView>();
        foreach (var instance in tree)
        {
            var n = await names.ForAsync(instance.DefinitionKey, instance.DefinitionVersion);
            schakels.Add(new SchakelView(instance.Id, instance.ParentInstanceId, instance.DefinitionKey, instance.DefinitionVersion, n.Process ?? instance.DefinitionKey, instance.Status, instance.StartedAt, instance.EndedAt, instance.OpenIncidents));
        }

        // Variables of the whole tree: the root's, then each schakel's in the order they started (later ones win).
        var variables = new JsonObject();
        var views = new List<InstanceView>();
        foreach (var instance in tree)
        {
            if (await queries.InstanceAsync(instance.Id, actor, cancellationToken) is { } view)
            {
                views.Add(view);
                foreach (var (name, value) in view.Variables)
                {
                    variables[name] = value?.DeepClone();
                }
            }
        }

        var openTasks = new List<TaskView>();
        foreach (var instance in tree.Where(i => i.Status == "active"))
        {
            openTasks.AddRange((await queries.TasksAsync(new TaskFilter(InstanceId: instance.Id, Sort: TaskSort.DueAscending), actor, new Paging(1, Paging.MaxPageSize), cancellationToken)).Items);
        }

        // Where the traject stands: the schakel holding the task due first (that is where the consulent works), else the
        // active schakel started last without an active sub-schakel. Side processes started beside the schakels at the
        // same moment (the financieel ontzorgen waiting for bijstand) do not win a tie by the order they were stored in.
        var activeLeaves = tree.Where(i => i.Status == "active" && i.Id != root.Id && tree.All(c => c.ParentInstanceId != i.Id || c.Status != "active")).ToList();
        var firstDueTask = openTasks.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.CreatedAt).FirstOrDefault();
        var current = (firstDueTask is null ? null : tree.FirstOrDefault(i => i.Id == firstDueTask.InstanceId && i.Id != root.Id))
            ?? activeLeaves.LastOrDefault()
            ?? tree.LastOrDefault(i => i.Id != root.Id)
            ?? root;

        IReadOnlyList<IncidentView>? incidents = null;
        if (actor.IsAdministrator)
        {
            var list = new List<IncidentView>();
            foreach (var instance in tree.Where(i => i.OpenIncidents > 0))
            {
                list.AddRange((await queries.IncidentsAsync(new IncidentFilter(InstanceId: instance.Id), actor, new Paging(1, Paging.MaxPageSize), cancellationToken)).Items);
            }

            incidents = list;
        }

        var now = time.GetUtcNow();
        var rootView = views.FirstOrDefault(v => v.Id == root.Id);
        return TypedResults.Ok(new DossierView(
            root.Id,
            root.Status,
            AccountEndpoints.Gemeente(root.TenantId, policy),
            root.StartedAt,
            root.EndedAt,
            rootView?.EndReason,
            Inburgeraar(variables, root.BusinessKey),
            KeyDates.From(variables, views, root.TenantId, policy, now),
            schakels,
            current.Id,
            openTasks.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ToList(),
            incidents,
            now,
            Casusregisseur(rootView, root, actor, directory),
            await HuishoudenEndpoints.LoadAsync(root.Id, queries, actor, cancellationToken) is { } traject
                ? await HuishoudenEndpoints.ViewAsync(traject, queries, names, directory, actor, cancellationToken)
                : null));
    }

    private static CasusregisseurView Casusregisseur(InstanceView? rootView, InstanceSummary root, Actor actor, UserDirectory directory)
    {
        var user = rootView is null ? null : CasusregisseurEndpoints.Of(rootView.Variables);
        var may = root.Status == "active"
            && (actor.IsAdministrator || (actor.IsMemberOf(Roles.Consulent) && (user is null || user == actor.Name)));
        return new CasusregisseurView(user, user is null ? null : directory.DisplayName(user), may, CasusregisseurEndpoints.Kandidaten(directory, root.TenantId));
    }

    private static async Task<IResult> TimelineAsync(Guid id, EngineQueries queries, ElementNames names, UserDirectory directory, HttpContext context, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (await queries.InstanceTreeAsync(id, actor, cancellationToken) is not { Count: > 0 } tree)
        {
            return Problems.NotFound("Dit traject bestaat niet.");
        }

        var journal = await queries.JournalOfAsync(tree.Select(i => i.Id).ToList(), Timeline.Types, newestFirst: true, new Paging(page ?? 1, pageSize ?? 50), cancellationToken);
        var entries = new List<Timeline.Entry>();
        foreach (var entry in journal.Items)
        {
            var instance = tree.First(i => i.Id == entry.InstanceId);
            var n = await names.ForAsync(instance.DefinitionKey, instance.DefinitionVersion);
            entries.Add(await Timeline.DescribeAsync(entry, instance, n, tree, names, directory));
        }

        return TypedResults.Ok(new PagedList<Timeline.Entry>(entries, journal.Page, journal.PageSize, journal.Total));
    }

    private static async Task<IResult> DiagramAsync(Guid id, EngineQueries queries, ElementNames names, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        if (await queries.InstanceAsync(id, actor, cancellationToken) is not { } instance
            || await queries.DefinitionXmlAsync(instance.DefinitionKey, instance.DefinitionVersion, cancellationToken) is not { } xml)
        {
            return Problems.NotFound("Deze schakel bestaat niet.");
        }

        var path = await queries.PathAsync(id, cancellationToken);
        var children = (await queries.InstancesAsync(new InstanceFilter(ParentInstanceId: id), actor, new Paging(1, Paging.MaxPageSize), cancellationToken)).Items;
        var started = await queries.JournalOfAsync([id], ["call-started"], newestFirst: false, new Paging(1, Paging.MaxPageSize), cancellationToken);
        var calls = new List<CallView>();
        foreach (var call in started.Items)
        {
            if (call.Data?["childInstanceId"] is { } value && Guid.TryParse((string?)value, out var childId) && children.FirstOrDefault(c => c.Id == childId) is { } child)
            {
                var n = await names.ForAsync(child.DefinitionKey, child.DefinitionVersion);
                calls.Add(new CallView(call.ElementId ?? "", child.Id, n.Process ?? child.DefinitionKey, child.Status));
            }
        }

        var own = await names.ForAsync(instance.DefinitionKey, instance.DefinitionVersion);
        var active = instance.ActiveElements.ToList();
        // An element inside a collapsed sub-process: its sub-process is active on the parent plane too.
        active.AddRange(own.AncestorsOf(active).Where(a => !active.Contains(a)).Distinct().ToList());
        active.AddRange(calls.Where(c => c.Status == "active").Select(c => c.ElementId).Where(e => !active.Contains(e)));
        active = active.Distinct().ToList();
        return TypedResults.Ok(new DiagramView(instance.Id, instance.DefinitionKey, instance.DefinitionVersion, own.Process ?? instance.DefinitionKey, xml, active, active.Select(own.Of).ToList(), path.Elements, path.Flows, calls));
    }

    private static InburgeraarView Inburgeraar(JsonObject v, string? businessKey) => new(
        Text(v, "inburgeraarNaam"),
        Text(v, "persoonReferentie") ?? businessKey,
        Text(v, "doelgroep"),
        Text(v, "gedetailleerdeDoelgroep"),
        Text(v, "wetCode") is { } wet ? (Text(v, "wetReden") is { } reden ? $"{wet}: {reden}" : wet) : (v["inWi2021"] is JsonValue w && w.TryGetValue<bool>(out var inWi) && inWi ? "Wet inburgering 2021" : null),
        Leerroute(Text(v, "pipLeerroute") ?? Text(v, "adviesLeerroute"), Text(v, "pipNiveau")),
        v["maatschappelijkeBegeleiding"] is JsonValue m && m.TryGetValue<bool>(out var mb) ? mb : null);

    private static string? Leerroute(string? code, string? niveau) => code switch
    {
        null => null,
        "B" or "B1" => niveau is { Length: > 0 } ? $"B1-route (niveau {niveau})" : "B1-route",
        "Z" => "Z-route",
        "O" => "Onderwijsroute",
        _ => code,
    };

    internal static string? Text(JsonObject v, string name) => v[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    internal static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"));
}
