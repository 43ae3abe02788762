using Inburgering.Engine.Queries;
using Inburgering.Workflows.Termijnen;

namespace Inburgering.Workflows.Beheer;

/// <summary>
/// The kinds of overdue and soon-due work operations watch, and where the keten's BPMN keeps each: the open task or the
/// scheduled timer that stands for it. Nothing is computed from variables: the timers and due dates were set by the rules
/// (<see cref="PipTermijn"/>, <see cref="Inburgeringstermijn"/>, the voortgangsgesprek cycle of the
/// gemeente's policy, <see cref="Ontzorging"/>) when the traject reached them, so the lists and the dossier agree.
/// </summary>
public static class Achterstanden
{
    public const string Schakel3 = "schakel3-brede-intake-en-pip";
    public const string Schakel4 = "schakel4-inburgeren-en-participeren";

    /// <summary>Financieel ontzorgen runs beside the schakels, from the traject's start (Participatiewet art. 56a).</summary>
    public const string Ontzorgen = "financieel-ontzorgen";

    /// <summary>One kind: its stable key, Dutch name and explanation, how far ahead "binnenkort" looks, and its sources.</summary>
    public sealed record Soort(string Key, string Naam, string Uitleg, Period Vooruit, IReadOnlyList<DueSource> Bronnen);

    public static IReadOnlyList<Soort> Alle { get; } =
    [
        new("pip", "PIP niet binnen 10 weken",
            "De PIP-termijn (tien weken na de kennisgeving van DUO of de BRP-inschrijving) is verstreken zonder vastgesteld PIP, of verstrijkt binnen twee weken.",
            Period.OfWeeks(2),
            [new(DueSourceKind.OpenTask, Schakel3, "User_Verstreken"), new(DueSourceKind.ScheduledTimer, Schakel3, "Timer_Uiterlijk")]),
        new("voortgangsgesprek", "Voortgangsgesprek achterstallig",
            "Het voortgangsgesprek (elke zoveel maanden volgens het beleid van de gemeente) had al gevoerd moeten zijn, of moet binnen twee weken.",
            Period.OfWeeks(2),
            [new(DueSourceKind.OpenTask, Schakel4, "User_Vg")]),
        new("termijn", "Inburgeringstermijn eindigt of is verstreken",
            "De inburgeringstermijn eindigt binnen twee maanden, of is verstreken en de overschrijding is nog niet afgehandeld.",
            Period.OfMonths(2),
            [new(DueSourceKind.ScheduledTimer, Schakel4, "Timer_Einde"), new(DueSourceKind.OpenTask, Schakel4, "User_Overschreden")]),
        new("ontzorging", "Ontzorging evalueren",
            "De evaluatie van het financieel ontzorgen (stoppen of verlengen) is niet gedaan op de laatste dag van de periode, of de evaluatietaak komt binnen twee weken (de voorlooptijd uit het beleid voor het einde).",
            Period.OfWeeks(2),
            [new(DueSourceKind.ScheduledTimer, Ontzorgen, "Bnd_OzEvaluatie"), new(DueSourceKind.OpenTask, Ontzorgen, "User_OzEvalueren")]),
        new("taken", "Taken over de vervaldatum",
            "Open taken in de werkvoorraad waarvan de vervaldatum verstreken is.",
            default,
            [new(DueSourceKind.OpenTask, null, null)]),
    ];

    public static Soort? Find(string key) => Alle.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));

    /// <summary>
    /// Now plus the kind's look-ahead, in Amsterdam calendar time (months have their own lengths): what is due before it is
    /// overdue or soon due. The overdue list and the casuïstiekoverleg's agenda both ask with it.
    /// </summary>
    public static DateTimeOffset Horizon(Soort kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Vooruit.IsZero ? now : now.AddMonths((kind.Vooruit.Years * 12) + kind.Vooruit.Months).AddDays((kind.Vooruit.Weeks * 7) + kind.Vooruit.Days);
    }

    /// <summary>Overdue (its date has passed) or soon (within the kind's look-ahead).</summary>
    public static string Staat(DateTimeOffset datum, DateTimeOffset nu) => datum < nu ? "te-laat" : "binnenkort";
}
