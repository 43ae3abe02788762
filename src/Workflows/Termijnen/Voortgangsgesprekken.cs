namespace Inburgering.Workflows.Termijnen;

/// <summary>Whether the voortgangsgesprek is overdue, when the next one is due and until when the marge runs.</summary>
public sealed record Voortgangsstatus(bool IsAchterstallig, DateOnly Volgende, DateOnly MargeTot, string Reason);

/// <summary>
/// Voortgangsgesprekken: there is no legal minimum frequency ([L]: MvT §2.5.5 leaves it to the gemeente), so the
/// interval comes from the gemeente's policy. The cycle counts from the PIP dagtekening; after a gesprek the next
/// one is due an interval later. A gesprek is overdue when the last one (or the PIP) is older than interval + marge.
/// </summary>
public static class Voortgangsgesprekken
{
    /// <summary>The next gesprek: an interval after the last one held, or after the PIP when none was held yet.</summary>
    public static Deadline Volgende(DateOnly pipDagtekening, DateOnly? laatsteGesprek, int intervalMaanden)
    {
        CheckInterval(intervalMaanden);
        var basis = Basis(pipDagtekening, laatsteGesprek);
        var date = basis.AddMonths(intervalMaanden);
        var van = laatsteGesprek is { } l && l >= pipDagtekening
            ? $"het laatste voortgangsgesprek ({Dates.Dutch(l)})"
            : $"de dagtekening van het PIP ({Dates.Dutch(pipDagtekening)})";
        return new(date, $"Volgend voortgangsgesprek uiterlijk {Dates.Dutch(date)}: {intervalMaanden} maanden na {van}, volgens het beleid van de gemeente.");
    }

    /// <summary>Overdue on <paramref name="peildatum"/>: past the due date plus the grace period (marge).</summary>
    public static Voortgangsstatus Status(DateOnly pipDagtekening, DateOnly? laatsteGesprek, int intervalMaanden, int margeDagen, DateOnly peildatum)
    {
        if (margeDagen < 0)
            throw new ArgumentOutOfRangeException(nameof(margeDagen), "De marge kan niet negatief zijn.");
        var volgende = Volgende(pipDagtekening, laatsteGesprek, intervalMaanden);
        var grens = volgende.Date.AddDays(margeDagen);
        return peildatum > grens
            ? new(true, volgende.Date, grens, $"Het voortgangsgesprek is achterstallig: het moest uiterlijk {Dates.Dutch(volgende.Date)} (met {margeDagen} dagen marge: {Dates.Dutch(grens)}).")
            : new(false, volgende.Date, grens, $"Het voortgangsgesprek is niet achterstallig: het volgende is uiterlijk {Dates.Dutch(volgende.Date)} (marge tot {Dates.Dutch(grens)}).");
    }

    private static DateOnly Basis(DateOnly pip, DateOnly? laatste) => laatste is { } l && l >= pip ? l : pip;

    private static void CheckInterval(int intervalMaanden)
    {
        if (intervalMaanden < 1)
            throw new ArgumentOutOfRangeException(nameof(intervalMaanden), "Het interval van voortgangsgesprekken is minstens 1 maand.");
    }
}
