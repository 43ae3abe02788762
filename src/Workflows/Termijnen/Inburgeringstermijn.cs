namespace Inburgering.Workflows.Termijnen;

/// <summary>Ground of an extension decided by DUO (SS103 ambtshalve, SS104 op verzoek).</summary>
public enum Verlengingsgrond
{
    /// <summary>Automatic +6 months when the conditions are met (term started ≥ 2.5 years ago; route, exam and hour conditions). [M]</summary>
    Automatisch,

    /// <summary>Childbirth: +16 weeks. [M]</summary>
    Bevalling,

    /// <summary>Any other ground (e.g. a non-exempting programme, Regeling art. 4.2; no culpability): DUO gives the length.</summary>
    Overig,
}

/// <summary>One extension as DUO decided it.</summary>
public sealed record Verlenging(Verlengingsgrond Grond, Period Duur)
{
    public static Verlenging Automatisch(Wi2021Normen? normen = null) =>
        new(Verlengingsgrond.Automatisch, (normen ?? Wi2021Normen.Default).AutomatischeVerlenging);

    public static Verlenging Bevalling(Wi2021Normen? normen = null) =>
        new(Verlengingsgrond.Bevalling, (normen ?? Wi2021Normen.Default).VerlengingBevalling);

    public static Verlenging Overig(Period duur)
    {
        if (duur.IsZero || duur.IsNegative)
            throw new ArgumentOutOfRangeException(nameof(duur), "Een verlenging moet een positieve duur hebben.");
        return new(Verlengingsgrond.Overig, duur);
    }
}

/// <summary>
/// The Inburgeringstermijn (Wi2021 art. 11, [H]): starts the day after the dagtekening of the FIRST PIP (any gemeente) and
/// lasts 3 years. Re-setting, changing, revoking or annulling the PIP does not move it. DUO keeps the termijn and decides its
/// extensions (<see cref="Verlenging"/>, added to the end in the order decided); the service asks DUO after every PIP and
/// extension. Dates follow DUO's Inburgeringstermijn API: <see cref="Start"/> inclusive, <see cref="Einde"/> exclusive (the
/// first day after the termijn, from which it is exceeded).
/// </summary>
public sealed record Inburgeringstermijn(DateOnly DagtekeningEerstePip, DateOnly Start, DateOnly Einde)
{
    /// <summary>From the first PIP's dagtekening.</summary>
    public static Inburgeringstermijn FromFirstPip(DateOnly dagtekeningEerstePip, Wi2021Normen? normen = null)
    {
        var start = dagtekeningEerstePip.AddDays(1);
        return new(dagtekeningEerstePip, start, (normen ?? Wi2021Normen.Default).Inburgeringstermijn.AddTo(start));
    }
}
