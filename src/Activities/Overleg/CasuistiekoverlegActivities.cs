using System.ComponentModel;
using System.Globalization;
using Inburgering.Engine;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Queries;
using Inburgering.Workflows.Beheer;
using Inburgering.Workflows.Policy;

namespace Inburgering.Activities.Overleg;

/// <summary>
/// One traject on the agenda of the casuïstiekoverleg: its dossier (the traject's root instance), the pseudonymous
/// persoonreferentie (the name is in the dossier, which logs who opened it), the casusregisseur, and why it needs
/// discussion; the consulent fills in <see cref="Besproken"/>, <see cref="Interventie"/> and <see cref="Afspraak"/>.
/// </summary>
public sealed record AgendaRegel(
    [property: Description("Id van het dossier (de traject-instantie); de werkvoorraad opent het op /trajecten/{id}")] Guid DossierId,
    [property: Description("Persoonreferentie van de inburgeraar (pseudoniem)")] string? PersoonReferentie,
    [property: Description("Gebruikersnaam van de casusregisseur, of leeg als het traject er nog geen heeft")] string? Casusregisseur,
    [property: Description("De redenen om het traject te bespreken, in het Nederlands, met '; ' gescheiden")] string Redenen,
    [property: Description("De soorten redenen (pip, voortgangsgesprek, termijn, ontzorging, taken, incident)")] IReadOnlyList<string> Soorten,
    [property: Description("In te vullen: het traject is besproken")] bool Besproken = false,
    [property: Description("In te vullen: de interventie die het overleg inzet")] string Interventie = "",
    [property: Description("In te vullen: de afspraak (wie doet wat wanneer)")] string Afspraak = "");

/// <summary>
/// Draws up the agenda of a gemeente's periodic casuïstiekoverleg (seed 001: it "monitort de voortgang van de individuele
/// inburgeringstrajecten" and discusses interventions): the gemeente's trajecten with work that is late or soon due, as
/// operations sees it (<see cref="Achterstanden"/>: PIP not within ten weeks, voortgangsgesprek, termijn ending, ontzorging
/// evaluation, tasks past their due date) and with an open incident. It reads the engine's store as an actor of this gemeente
/// only, so another gemeente's trajecten can never be on the agenda.
/// </summary>
[Activity(
    "keten.casuistiekoverleg-agenda",
    "Agenda casuïstiekoverleg opstellen",
    Category = "Keten",
    Description = "Stelt de agenda van het casuïstiekoverleg van de gemeente op: de trajecten met een achterstand of iets dat binnenkort verloopt (zoals het overzicht achterstanden van beheer) of een open incident, elk met dossier, redenen en casusregisseur; en de datum van het volgende overleg volgens het beleid.",
    MaxAttempts = 10)]
public sealed class CasuistiekoverlegAgendaActivity(EngineQueries queries, PolicyCatalog policy)
    : Activity<CasuistiekoverlegAgendaActivity.Input, CasuistiekoverlegAgendaActivity.Output>
{
    /// <summary>The process this activity serves: its own open tasks are never a reason to discuss a traject.</summary>
    public const string DefinitionKey = "casuistiekoverleg";

    /// <summary>How many days before the overleg its agenda comes (a working norm: a week to prepare).</summary>
    public const int VoorbereidingDagen = 7;

    private const int PageSize = 500;

    public sealed record Input(
        [Description("Datum van het overleg waarvoor de agenda is (ISO)")] DateOnly OverlegOp);

    public sealed record Output(
        [Description("De trajecten op de agenda (dossierId, persoonReferentie, casusregisseur, redenen, soorten)")] IReadOnlyList<AgendaRegel> Agenda,
        [Description("Hoeveel trajecten op de agenda staan")] int AgendaAantal,
        [Description("Wanneer de agenda is opgesteld")] DateTimeOffset AgendaOpgesteldOp,
        [Description("Datum van het volgende overleg: dit overleg plus het interval uit het beleid (ISO)")] DateOnly VolgendOverlegOp,
        [Description("Datum waarop de agenda van het volgende overleg komt: een week ervoor (ISO)")] DateOnly VolgendeAgendaOp);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var gemeente = context.TenantId;
        var agenda = await AgendaAsync(queries, gemeente, context.Now, cancellationToken);
        var today = Today(context.Now);
        var weken = policy.TryFor(gemeente, out var beleid) && beleid.Casuistiekoverleg.IntervalWeken is { } w ? w : 4;
        var (volgend, agendaOp) = Next(input.OverlegOp, weken, today);
        return Complete(new Output(agenda, agenda.Count, context.Now, volgend, agendaOp));
    }

    /// <summary>
    /// The first overleg after <paramref name="vorige"/> whose agenda (a week before) is not in the past: the rhythm of the
    /// policy's interval holds even when the previous agenda was dealt with late.
    /// </summary>
    public static (DateOnly Overleg, DateOnly Agenda) Next(DateOnly vorige, int intervalWeken, DateOnly today)
    {
        var overleg = vorige.AddDays(7 * intervalWeken);
        while (overleg.AddDays(-VoorbereidingDagen) < today)
        {
            overleg = overleg.AddDays(7 * intervalWeken);
        }

        return (overleg, Max(overleg.AddDays(-VoorbereidingDagen), today));
    }

    /// <summary>The first overleg of a gemeente whose policy has it: one interval from today, its agenda a week before.</summary>
    public static (DateOnly Overleg, DateOnly Agenda) First(int intervalWeken, DateOnly today)
    {
        var overleg = today.AddDays(7 * intervalWeken);
        return (overleg, Max(overleg.AddDays(-VoorbereidingDagen), today));
    }

    /// <summary>
    /// The trajecten of <paramref name="gemeente"/> that need discussion at <paramref name="now"/>: per traject (root instance)
    /// the reasons, from the same sources and look-ahead as operations' overdue list, plus open incidents.
    /// </summary>
    public static async Task<List<AgendaRegel>> AgendaAsync(EngineQueries queries, string gemeente, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);

        // Only this gemeente: the actor sees no other tenant, whatever the filters below say.
        var actor = new Actor("casuistiekoverleg", new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal) { gemeente }, IsAdministrator: true);
        var reasons = new Dictionary<Guid, (List<string> Soorten, List<string> Redenen)>();
        void Add(Guid root, string soort, string reden)
        {
            if (!reasons.TryGetValue(root, out var r))
            {
                r = ([], []);
                reasons[root] = r;
            }

            if (!r.Soorten.Contains(soort, StringComparer.Ordinal))
            {
                r.Soorten.Add(soort);
            }

            r.Redenen.Add(reden);
        }

        foreach (var soort in Achterstanden.Alle)
        {
            var before = Achterstanden.Horizon(soort, now);
            for (var page = 1; ; page++)
            {
                var items = await queries.DueItemsAsync(soort.Bronnen, before, gemeente, actor, new Paging(page, PageSize), cancellationToken);
                foreach (var item in items.Items.Where(i => i.TenantId == gemeente && i.DefinitionKey != DefinitionKey))
                {
                    var staat = Achterstanden.Staat(item.Date, now) == "te-laat" ? "te laat sinds" : "binnenkort, op";
                    var wat = soort.Key == "taken" ? $"Taak over de vervaldatum: {item.Name ?? item.ElementId}" : soort.Naam;
                    Add(item.RootInstanceId, soort.Key, $"{wat} ({staat} {Dutch(item.Date)})");
                }

                if (page * PageSize >= items.Total)
                {
                    break;
                }
            }
        }

        var roots = new Dictionary<Guid, InstanceView?>();
        async Task<InstanceView?> RootOfAsync(Guid instanceId)
        {
            var instance = await queries.InstanceAsync(instanceId, actor, cancellationToken);
            return instance is null || instance.RootInstanceId == instance.Id ? instance : await queries.InstanceAsync(instance.RootInstanceId, actor, cancellationToken);
        }

        for (var page = 1; ; page++)
        {
            var incidents = await queries.IncidentsAsync(new IncidentFilter(gemeente), actor, new Paging(page, PageSize), cancellationToken);
            foreach (var incident in incidents.Items.Where(i => i.TenantId == gemeente && i.DefinitionKey != DefinitionKey))
            {
                if (await RootOfAsync(incident.InstanceId) is { } root)
                {
                    roots[root.Id] = root;
                    Add(root.Id, "incident", $"Open incident bij '{incident.ElementId}' sinds {Dutch(incident.CreatedAt)}");
                }
            }

            if (page * PageSize >= incidents.Total)
            {
                break;
            }
        }

        var agenda = new List<AgendaRegel>();
        foreach (var (id, (soorten, redenen)) in reasons)
        {
            if (!roots.TryGetValue(id, out var root))
            {
                root = await queries.InstanceAsync(id, actor, cancellationToken);
            }

            if (root is null || root.TenantId != gemeente || root.DefinitionKey == DefinitionKey)
            {
                continue;
            }

            agenda.Add(new AgendaRegel(
                root.Id,
                Text(root, "persoonReferentie") ?? root.BusinessKey,
                Text(root, "casusregisseur"),
                string.Join("; ", redenen),
                soorten));
        }

        return agenda.OrderBy(r => r.PersoonReferentie, StringComparer.Ordinal).ThenBy(r => r.DossierId).ToList();
    }

    private static string? Text(InstanceView instance, string name) =>
        instance.Variables[name] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Amsterdam).DateTime);

    private static string Dutch(DateTimeOffset at) => Today(at).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
