using Inburgering.Workflows.Termijnen;

namespace Inburgering.Workflows;

/// <summary>
/// Every number of the law or of DUO practice that the rules use, in one place, with its confidence from
/// shared/domain/wi2021-facts.md. [H] numbers are firm; [M] numbers rest on secondary sources and must be
/// checked on wetten.overheid.nl (Wi2021 BWBR0044770, Besluit BWBR0045555) — they are settable here so a
/// correction is a configuration change, not a code change. Pass <see cref="Default"/> unless you have reason.
/// </summary>
public sealed record Wi2021Normen
{
    public static readonly Wi2021Normen Default = new();

    /// <summary>Inburgeringstermijn: 3 years from the day after the first PIP's dagtekening. [H] Wi2021 art. 11.</summary>
    public Period Inburgeringstermijn { get; init; } = Period.OfYears(3);

    /// <summary>DUO's automatic extension. [M] inburgeren.nl via S33.</summary>
    public Period AutomatischeVerlenging { get; init; } = Period.OfMonths(6);

    /// <summary>Extension for childbirth. [M] inburgeren.nl via S33.</summary>
    public Period VerlengingBevalling { get; init; } = Period.OfWeeks(16);

    /// <summary>Window before termijn end in which DUO writes and <c>verwijtbaar=Nee</c> may be sent. [H] DUO API (S4).</summary>
    public Period VensterVoorEinde { get; init; } = Period.OfMonths(2);

    /// <summary>PIP must be set within 10 weeks. [H] for the norm (DUO SS139, Divosa); [M] for the details (Besluit art. 5.3).</summary>
    public Period PipTermijn { get; init; } = Period.OfWeeks(10);

    /// <summary>At most this long after third-party information arrives. [M] Besluit art. 5.3 via S33.</summary>
    public Period PipUitloopNaDerden { get; init; } = Period.OfWeeks(2);

    /// <summary>A leerroute switch is possible within this period from termijn start (onderwijsroute → B1-route: any time). [M] S15; start point [L].</summary>
    public Period LeerrouteWisselVenster { get; init; } = Period.OfMonths(18);

    /// <summary>Z-route course hours (NT2 + KNM), all doelgroepen. [M] Besluit art. 3.14 via S33.</summary>
    public int ZRouteCursusUren { get; init; } = 800;

    /// <summary>Z-route participation hours, asielstatushouders only. [M] Besluit art. 3.14 via S33.</summary>
    public int ZRouteParticipatieUrenAsiel { get; init; } = 800;

    /// <summary>Afschalen B1 → A2 needs at least this many lesson hours. Wi2021 art. 17(3) with Besluit inburgering 2021 art. 5.5 ([H] S14, [M] S33).</summary>
    public int AfschalenMinimumLesuren { get; init; } = 600;

    /// <summary>Ontzorging lasts at least this long from the start of the right to bijstand. [H] Participatiewet art. 56a.</summary>
    public Period OntzorgingMinimum { get; init; } = Period.OfMonths(6);

    /// <summary>Ceiling of the gemeente's bestuurlijke boete for not cooperating with brede intake / PIP. [M] S19.</summary>
    public decimal MaximaleGemeentelijkeBoete { get; init; } = 800m;
}
