using Inburgering.Workflows.Handhaving;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Termijnen;

namespace Inburgering.Workflows.Policy;

/// <summary>Periodic casuïstiekoverleg with a fixed interval, or ad hoc ("we weten elkaar te vinden").</summary>
public enum Casuistiekoverlegvorm
{
    Periodiek,
    AdHoc,
}

public sealed record Casuistiekoverleg(Casuistiekoverlegvorm Vorm, int? IntervalWeken)
{
    public Period? Interval => IntervalWeken is { } w ? Period.OfWeeks(w) : null;
}

/// <summary>
/// A ketenpartner (taalaanbieder, maatschappelijke begeleiding, financiële zelfredzaamheid): a display name and a
/// stable partner id used by activities. <see cref="IsBevestigd"/> is false for a placeholder still to be confirmed.
/// A taalaanbieder may name its <see cref="DuoInstellingsnummer"/> (10 characters), which DUO's inburgeringsaanbod needs.
/// </summary>
public sealed record Ketenpartner(string Naam, string PartnerId, bool IsBevestigd, string? DuoInstellingsnummer = null);

/// <summary>
/// The gemeente's contactpersoon for DUO (Contactpersoon API, SDI014), shared by every inburgeraar whose consulent does not give
/// their own. <see cref="DuoId"/> is the id DUO gave when the gemeente registered it once: with it every inburgeraar is linked
/// to that one contactpersoon; without it each traject registers the contactpersoon anew. <see cref="IsPlaceholder"/> marks
/// details that are not yet the real ones.
/// </summary>
public sealed record DuoContactpersoon(string Naam, string Email, string Telefoonnummer, int? DuoId, bool IsPlaceholder);

/// <summary>
/// The gemeente's Ontzorging policy: which fixed costs are paid out of the bijstand, for how long, and how many weeks before
/// the end of the period the evaluation task comes (so the consulent can prepare it; default <see cref="StandaardEvaluatieVoorlooptijdWeken"/>).
/// </summary>
public sealed record OntzorgingBeleid(IReadOnlyList<string> Kostenposten, int DuurMaanden, int EvaluatieVoorlooptijdWeken = OntzorgingBeleid.StandaardEvaluatieVoorlooptijdWeken)
{
    public const int StandaardEvaluatieVoorlooptijdWeken = 4;

    public Period Duur => Period.OfMonths(DuurMaanden);
}

/// <summary>
/// The gemeente's OIN, the Bron OIN towards DUO: 20 digits, "00000001" + RSIN + "000" for a gemeente.
/// <see cref="IsPlaceholder"/> marks a value that is not the real OIN and must be replaced before production.
/// </summary>
public sealed record DuoOin(string Waarde, bool IsPlaceholder);

/// <summary>The resolved policy of one Gemeente: organisation defaults with the gemeente's own overrides applied.</summary>
public sealed record Gemeentebeleid(
    string Code,
    string Naam,
    string OrganisatieId,
    string OrganisatieNaam,
    string Arbeidsmarktregio,
    DuoOin Oin,
    int VoortgangsgesprekIntervalMaanden,
    int VoortgangsgesprekMargeDagen,
    Casuistiekoverleg Casuistiekoverleg,
    IReadOnlyDictionary<Leerroute, Ketenpartner> Taalaanbieders,
    Ketenpartner MaatschappelijkeBegeleiding,
    Ketenpartner FinancieleZelfredzaamheid,
    OntzorgingBeleid Ontzorging,
    bool VierOgen,
    int PipEscalatieWekenVooraf,
    HandhavingInstellingen Handhaving,
    DuoContactpersoon DuoContactpersoon,
    Mandaat Mandaat,
    int VoortgangsgesprekVoorlooptijdWeken = Gemeentebeleid.StandaardVoortgangsgesprekVoorlooptijdWeken,
    bool NoaAssessment = false,
    int BrpControleIntervalWeken = 4)
{
    /// <summary>
    /// How many weeks before a voortgangsgesprek is due its task comes, so the casusregisseur can plan and prepare it (invite
    /// the inburgeraar and the begeleider, ask the taalaanbieder for the progress): policy <c>voortgangsgesprek.voorlooptijdWeken</c>.
    /// </summary>
    public const int StandaardVoortgangsgesprekVoorlooptijdWeken = 2;

    // NoaAssessment: the brede intake includes the NOA-assessment (leerbaarheid, zelfredzaamheid, PTSS, taal, arbeidsmotivatie,
    // competenties) before the PIP, as WerkSaam does (seed 004); policy noaAssessment, default false.

    public Ketenpartner TaalaanbiederFor(Leerroute leerroute) => Taalaanbieders[leerroute];
}

/// <summary>
/// The mandate of the college (Awb 10:3): who in the service may take a beschikking on its behalf. <paramref name="PipVaststellen"/>
/// is the candidate group (roles, comma-separated) of the task that vaststelt the PIP (Wi2021 art. 15).
/// </summary>
public sealed record Mandaat(string PipVaststellen);

/// <summary>One organisation's policy file, resolved.</summary>
public sealed record Organisatiebeleid(string Id, string Naam, string Beschrijving, string Bestand, IReadOnlyList<string> OpenPunten, IReadOnlyList<Gemeentebeleid> Gemeenten);

/// <summary>A problem in a policy file: the file, the JSON path and a Dutch reason.</summary>
public sealed record PolicyProblem(string File, string Path, string Reason)
{
    public override string ToString() => $"{File} {Path}: {Reason}";
}

/// <summary>Thrown when policy files do not load or validate; carries every problem found.</summary>
public sealed class PolicyException : Exception
{
    public PolicyException() : this([]) { }

    public PolicyException(string message) : base(message) => Problems = [];

    public PolicyException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    public PolicyException(IReadOnlyList<PolicyProblem> problems)
        : base("Het gemeentebeleid is ongeldig:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)))
        => Problems = problems;

    public IReadOnlyList<PolicyProblem> Problems { get; }
}
