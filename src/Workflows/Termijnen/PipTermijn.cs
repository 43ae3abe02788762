namespace Inburgering.Workflows.Termijnen;

/// <summary>A moment to warn or escalate before (or at) the PIP deadline.</summary>
public sealed record Escalatiemoment(DateOnly Datum, bool IsUiterlijk, string Reason);

/// <summary>
/// The deadline for setting the PIP (brede intake and leerbaarheidstoets inside it): 10 weeks from DUO's notice
/// (SS139) or from BRP registration if that is later ([H] norm, [M] Besluit art. 5.3 details). It may be exceeded
/// only when information from third parties is needed, and then by at most 2 weeks after it arrives ([M]).
/// <see cref="Uiterlijk"/> is the last allowed day (inclusive): a PIP dated on it is on time.
/// </summary>
public static class PipTermijn
{
    public static Deadline Uiterlijk(DateOnly kennisgevingDuo, DateOnly? brpInschrijving = null, Wi2021Normen? normen = null)
    {
        var n = normen ?? Wi2021Normen.Default;
        var start = brpInschrijving is { } brp && brp > kennisgevingDuo ? brp : kennisgevingDuo;
        var waarom = start == kennisgevingDuo
            ? $"de kennisgeving van DUO ({Dates.Dutch(kennisgevingDuo)})"
            : $"de inschrijving in de BRP ({Dates.Dutch(start)}), die later is dan de kennisgeving van DUO ({Dates.Dutch(kennisgevingDuo)})";
        var date = n.PipTermijn.AddTo(start);
        return new(date, $"Het PIP moet uiterlijk {Dates.Dutch(date)} zijn vastgesteld: tien weken na {waarom}.");
    }

    /// <summary>
    /// When third-party information was needed: the deadline becomes at most 2 weeks after it arrived, never earlier
    /// than the normal deadline.
    /// </summary>
    public static Deadline UiterlijkMetDerden(Deadline uiterlijk, DateOnly informatieDerdenOntvangen, Wi2021Normen? normen = null)
    {
        var n = normen ?? Wi2021Normen.Default;
        var metDerden = n.PipUitloopNaDerden.AddTo(informatieDerdenOntvangen);
        if (metDerden <= uiterlijk.Date)
            return uiterlijk with { Reason = $"{uiterlijk.Reason} De informatie van derden kwam op {Dates.Dutch(informatieDerdenOntvangen)}, ruim op tijd: de termijn blijft {Dates.Dutch(uiterlijk.Date)}." };
        return new(metDerden, $"Het PIP moet uiterlijk {Dates.Dutch(metDerden)} zijn vastgesteld: twee weken nadat de benodigde informatie van derden binnenkwam ({Dates.Dutch(informatieDerdenOntvangen)}); de gewone termijn was {Dates.Dutch(uiterlijk.Date)}.");
    }

    /// <summary>Escalation moments: one per lead time before the deadline (from policy, e.g. 2 weeks), and one at the deadline.</summary>
    public static IReadOnlyList<Escalatiemoment> Escalaties(Deadline uiterlijk, IEnumerable<Period> voorUiterlijk)
    {
        var moments = voorUiterlijk
            .Where(p => !p.IsZero)
            .Select(p => new Escalatiemoment(p.SubtractFrom(uiterlijk.Date), false,
                $"Het PIP moet uiterlijk {Dates.Dutch(uiterlijk.Date)} zijn vastgesteld; nog {Describe(p)} te gaan."))
            .Append(new Escalatiemoment(uiterlijk.Date, true,
                $"Vandaag ({Dates.Dutch(uiterlijk.Date)}) verloopt de termijn van tien weken voor het PIP."))
            .DistinctBy(m => m.Datum)
            .OrderBy(m => m.Datum)
            .ToList();
        return moments;
    }

    /// <summary>For the 10-week norm in reports: was the PIP dated on or before the deadline?</summary>
    public static bool IsOnTime(DateOnly dagtekeningPip, Deadline uiterlijk) => dagtekeningPip <= uiterlijk.Date;

    private static string Describe(Period p) =>
        p.Weeks != 0 && p.Years == 0 && p.Months == 0 && p.Days == 0
            ? (p.Weeks == 1 ? "1 week" : $"{p.Weeks} weken")
            : p.ToIso8601();
}
