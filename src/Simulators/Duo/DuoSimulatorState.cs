using System.Security.Cryptography;
using System.Text;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Partners;
using Inburgering.Workflows;
using Inburgering.Workflows.Personen;
using Inburgering.Workflows.Termijnen;

namespace Inburgering.Simulators.Duo;

/// <summary><c>Partners:Duo:Simulator</c>: where the simulated DUO delivers its notificaties.</summary>
public sealed class DuoSimulatorOptions
{
    public const string Section = "Partners:Duo:Simulator";

    /// <summary>
    /// The gemeente's Notificatie API: absolute (<c>https://gemeente.example/duo/v1/notificaties</c>) or a path on the
    /// host that runs the simulator (<c>/duo/v1/notificaties</c>, resolved against its own listening address). Unset:
    /// notificaties wait in the outbox.
    /// </summary>
    public string? NotificatieUrl { get; set; }

    /// <summary>Deliver pending notificaties in the background (real-time interval). Tests turn it off and deliver explicitly.</summary>
    public bool AutoDeliver { get; set; } = true;

    public double DeliveryIntervalSeconds { get; set; } = 2;

    /// <summary>
    /// For how many persons at once a delivery posts their notificaties (each person's own one after another, in the order
    /// DUO queued them). <c>1</c> delivers everything in one line.
    /// </summary>
    public int DeliveryParallelism { get; set; } = 4;
}

/// <summary>How a person enters the simulated DUO administration (<c>POST {prefix}/_sim/personen</c>).</summary>
public sealed record DuoSimPersoonSeed(
    string Bsn,
    string Gemeentecode,
    string Doelgroep = "Asielstatushouder",
    string? GedetailleerdeDoelgroep = null,
    DateOnly? InburgeringsplichtStart = null,
    DateOnly? DatumVestiging = null,
    DateOnly? TermijnStart = null,
    DateOnly? TermijnEind = null,
    long? VNummer = null,
    DuoPip? ActuelePip = null,
    bool VoldaanViaZroute = false,
    List<DuoLbtResultaat>? LbtResultaten = null,
    List<DuoExamenresultaat>? Examenresultaten = null,
    List<DuoOntheffing>? Ontheffingen = null,
    List<DuoVrijstelling>? Vrijstellingen = null,
    /// <summary>A gebeurtenisId to notify right after seeding, e.g. SS139.</summary>
    string? Notificatie = null);

/// <summary>A MAP or PVT result as registered, with the gemeente that delivered it.</summary>
public sealed record DuoSimResultaat(DateOnly? Datum, string? Verwijtbaar, string Gemeentecode);

/// <summary>One person in the simulated DUO administration. Mutated only under <see cref="DuoSimulatorState.Gate"/>.</summary>
public sealed class DuoSimPersoon
{
    public required string Bsn { get; init; }
    public long? VNummer { get; set; }
    public required string Gemeentecode { get; set; }
    public required string Doelgroep { get; set; }
    public required string GedetailleerdeDoelgroep { get; set; }
    public DateOnly DoelgroepBegindatum { get; set; }
    public bool Inburgeringsplichtig { get; set; } = true;
    public DateOnly InburgeringsplichtBegindatum { get; set; }
    public DateOnly? InburgeringsplichtEinddatum { get; set; }
    public DateOnly? InburgeringsplichtWijzigingsdatum { get; set; }
    public string? RedenGeenInburgeringsplicht { get; set; }
    public DateOnly DatumVestiging { get; set; }
    public DateOnly? TermijnStart { get; set; }
    public DateOnly? TermijnEind { get; set; }
    public DateOnly? TermijnWijzigingsdatum { get; set; }
    public string? Verlengingsgrondcode { get; set; }
    public string? Verlengingsgrondomschrijving { get; set; }
    public DuoPip? EerstePip { get; set; }
    public DuoPip? ActuelePip { get; set; }
    public string? ActuelePipGemeente { get; set; }
    public string? VorigePipGemeente { get; set; }
    public int AantalPips { get; set; }
    public string? Examennummer { get; set; }
    public List<DuoLbtResultaat> LbtResultaten { get; } = [];
    public List<DuoExamenresultaat> Examenresultaten { get; } = [];
    public List<DuoOntheffing> Ontheffingen { get; } = [];
    public List<DuoVrijstelling> Vrijstellingen { get; } = [];
    public DuoSimResultaat? Map { get; set; }
    public DuoSimResultaat? Pvt { get; set; }
    public DateOnly? ZrouteAfronding { get; set; }
    public bool VoldaanViaZroute { get; set; }
    public Dictionary<string, DuoUrenGemeente> Uren { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DuoInburgeringsaanbod> Inburgeringsaanbod { get; } = new(StringComparer.Ordinal);
    public int? ContactpersoonId { get; set; }
}

/// <summary>A contactpersoon registered by a gemeente.</summary>
public sealed record DuoSimContactpersoon(int Id, string Gemeentecode, DuoContactpersoongegevens Gegevens);

/// <summary>A notificatie the simulated DUO sends (or has sent) to a gemeente.</summary>
public sealed class DuoSimNotificatie
{
    public required Guid BerichtId { get; init; }
    public required string Gemeentecode { get; init; }
    public required DuoNotificatie Notificatie { get; init; }
    public int Attempts { get; set; }
    public int Deliveries { get; set; }
    public bool Delivered { get; set; }
    public int? LastStatus { get; set; }
}

/// <summary>The simulated DUO's memory: persons, contactpersonen, instellingen and the notificatie outbox. One lock: a simulator.</summary>
public sealed class DuoSimulatorState(TimeProvider time)
{
    private int _nextContactpersoonId = 1;

    internal Lock Gate { get; } = new();

    internal Dictionary<string, DuoSimPersoon> Personen { get; } = new(StringComparer.Ordinal);

    internal Dictionary<int, DuoSimContactpersoon> Contactpersonen { get; } = [];

    internal List<DuoSimNotificatie> Outbox { get; } = [];

    /// <summary>Instellingen known to DUO (GET /instellingen): one with a BoW keurmerk, one with a TST keurmerk, one with neither (Ferm Werk), and those of the SDD and WerkSaam policies.</summary>
    internal List<DuoInstelling> Instellingen { get; } =
    [
        new("1000000001", "Taalcentrum Utrecht-Midden", "3511AB", 12, "Utrecht", Bow: "4711", IndicatieBowKeurmerk: true, IndicatieTstKeurmerk: false),
        new("1000000002", "ROC Taalschakel Midden-Holland", "2801AA", 1, "Gouda", Brin: "25PZ", IndicatieBowKeurmerk: false, IndicatieTstKeurmerk: true),
        new("1000000003", "Cursushuis Zonder Keurmerk", "3441BC", 7, "Woerden", IndicatieBowKeurmerk: false, IndicatieTstKeurmerk: false),

        // The taalaanbieders of the SDD (sdd.json) and WerkSaam (werksaam.json) policies.
        new("1000000004", "Taalaanbieder Drechtsteden", "3311AA", 1, "Dordrecht", Bow: "4712", IndicatieBowKeurmerk: true, IndicatieTstKeurmerk: false),
        new("1000000005", "Taalschakel Drechtsteden", "3311AB", 2, "Dordrecht", Brin: "26QA", IndicatieBowKeurmerk: false, IndicatieTstKeurmerk: true),
        new("1000000006", "Taalaanbieder Westfriesland B1", "1621AA", 3, "Hoorn", Bow: "4713", IndicatieBowKeurmerk: true, IndicatieTstKeurmerk: false),
        new("1000000007", "Taalschakel Westfriesland", "1621AB", 4, "Hoorn", Brin: "27RB", IndicatieBowKeurmerk: false, IndicatieTstKeurmerk: true),
        new("1000000008", "Taalaanbieder Westfriesland Z", "1621AC", 5, "Hoorn", Bow: "4714", IndicatieBowKeurmerk: true, IndicatieTstKeurmerk: false),
    ];

    public TimeProvider Time => time;

    /// <summary>Today on the simulator's (possibly virtual) clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public DuoSimPersoon Seed(DuoSimPersoonSeed seed)
    {
        var code = Gemeentecode.Normalize(seed.Gemeentecode) ?? throw new ArgumentException("Gemeentecode must be four digits.", nameof(seed));
        lock (Gate)
        {
            var start = seed.InburgeringsplichtStart ?? Today.AddDays(-30);
            var persoon = new DuoSimPersoon
            {
                Bsn = seed.Bsn,
                VNummer = seed.VNummer,
                Gemeentecode = code,
                Doelgroep = seed.Doelgroep,
                GedetailleerdeDoelgroep = seed.GedetailleerdeDoelgroep ?? (seed.Doelgroep == "Asielstatushouder" ? "Asielstatushouder" : "Gezinsvormer"),
                DoelgroepBegindatum = start,
                InburgeringsplichtBegindatum = start,
                DatumVestiging = seed.DatumVestiging ?? start,
                TermijnStart = seed.TermijnStart,
                TermijnEind = seed.TermijnEind ?? (seed.TermijnStart is { } termijnStart ? Wi2021Normen.Default.Inburgeringstermijn.AddTo(termijnStart) : null),
                VoldaanViaZroute = seed.VoldaanViaZroute,
            };
            if (seed.ActuelePip is { } pip)
            {
                persoon.EerstePip = pip;
                persoon.ActuelePip = pip;
                persoon.ActuelePipGemeente = code;
                persoon.AantalPips = 1;
                var termijn = Inburgeringstermijn.FromFirstPip(pip.DagtekeningPip);
                persoon.TermijnStart ??= termijn.Start;
                persoon.TermijnEind ??= termijn.Einde;
            }

            persoon.LbtResultaten.AddRange(seed.LbtResultaten ?? []);
            persoon.Examenresultaten.AddRange(seed.Examenresultaten ?? []);
            persoon.Ontheffingen.AddRange(seed.Ontheffingen ?? []);
            persoon.Vrijstellingen.AddRange(seed.Vrijstellingen ?? []);
            Personen[seed.Bsn] = persoon;
            if (seed.Notificatie is { } gebeurtenis)
            {
                Enqueue(persoon, gebeurtenis);
            }

            return persoon;
        }
    }

    /// <summary>The person as the simulator holds it (for assertions; do not mutate).</summary>
    public DuoSimPersoon? Persoon(string bsn)
    {
        lock (Gate)
        {
            return Personen.GetValueOrDefault(bsn);
        }
    }

    public IReadOnlyList<DuoSimNotificatie> Notificaties()
    {
        lock (Gate)
        {
            return Outbox.ToList();
        }
    }

    public IReadOnlyList<DuoSimContactpersoon> ContactpersonenSnapshot()
    {
        lock (Gate)
        {
            return Contactpersonen.Values.ToList();
        }
    }

    internal int NextContactpersoonId() => _nextContactpersoonId++;

    /// <summary>Registers a contactpersoon for a gemeente, as its POST /contactpersonen would (a registration done once, earlier).</summary>
    public DuoSimContactpersoon RegisterContactpersoon(string gemeentecode, DuoContactpersoongegevens gegevens)
    {
        lock (Gate)
        {
            var contactpersoon = new DuoSimContactpersoon(NextContactpersoonId(), gemeentecode, gegevens);
            Contactpersonen[contactpersoon.Id] = contactpersoon;
            return contactpersoon;
        }
    }

    /// <summary>Queues a notificatie about <paramref name="persoon"/> to its gemeente. Call under <see cref="Gate"/>.</summary>
    internal DuoSimNotificatie Enqueue(DuoSimPersoon persoon, string gebeurtenisId)
    {
        var notificatie = new DuoSimNotificatie
        {
            BerichtId = Guid.NewGuid(),
            Gemeentecode = persoon.Gemeentecode,
            Notificatie = new DuoNotificatie(time.GetUtcNow(), gebeurtenisId, persoon.Bsn, persoon.VNummer),
        };
        Outbox.Add(notificatie);
        return notificatie;
    }

    /// <summary>A stable examennummer per person (12 characters).</summary>
    internal static string ExamennummerFor(string bsn)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes("lbt:" + bsn));
        var number = BitConverter.ToUInt64(hash, 0) % 10_000_000_000UL;
        return "LB" + number.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Reset()
    {
        lock (Gate)
        {
            Personen.Clear();
            Contactpersonen.Clear();
            Outbox.Clear();
            _nextContactpersoonId = 1;
        }
    }
}
