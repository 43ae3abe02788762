namespace Inburgering.Workflows.Termijnen;

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
    /// The first day on which the PIP deadline has passed: the day after <paramref name="uiterlijk"/>, the last allowed day
    /// (Wi2021 art. 15(1) with Besluit inburgering 2021 art. 5.3: within ten weeks; a PIP dated on the last day is on time).
    /// </summary>
    public static DateOnly VerstrekenOp(DateOnly uiterlijk) => uiterlijk.AddDays(1);

    /// <summary>True when a PIP vastgesteld on <paramref name="vastgesteldOp"/> met the deadline (on or before the last allowed day).</summary>
    public static bool OpTijd(DateOnly vastgesteldOp, DateOnly uiterlijk) => vastgesteldOp <= uiterlijk;

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
}
