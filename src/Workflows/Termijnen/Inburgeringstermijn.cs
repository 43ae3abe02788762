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
/// The Inburgeringstermijn (Wi2021 art. 11, [H]): starts the day after the dagtekening of the FIRST PIP
/// (any gemeente) and lasts 3 years. Re-setting, changing, revoking or annulling the PIP does not move it.
/// DUO's extensions add to the end, in the order decided. An ontheffing (or another end of the plicht) ends it.
/// Dates follow DUO's Inburgeringstermijn API: <see cref="Start"/> inclusive, <see cref="Einde"/> exclusive
/// (the first day after the termijn); <see cref="LaatsteDag"/> is the last day inside it.
/// </summary>
public sealed record Inburgeringstermijn
{
    private Inburgeringstermijn(DateOnly dagtekeningEerstePip, DateOnly start, DateOnly einde, IReadOnlyList<Verlenging> verlengingen, DateOnly? beeindigdOp, string? redenBeeindiging)
    {
        DagtekeningEerstePip = dagtekeningEerstePip;
        Start = start;
        Einde = einde;
        Verlengingen = verlengingen;
        BeeindigdOp = beeindigdOp;
        RedenBeeindiging = redenBeeindiging;
    }

    public DateOnly DagtekeningEerstePip { get; }

    /// <summary>First day of the termijn (inclusive).</summary>
    public DateOnly Start { get; }

    /// <summary>End of the termijn including extensions, exclusive: the first day the termijn is exceeded.</summary>
    public DateOnly Einde { get; }

    public DateOnly LaatsteDag => Einde.AddDays(-1);

    public IReadOnlyList<Verlenging> Verlengingen { get; }

    /// <summary>Set when an ontheffing (or other end of the plicht) ended the termijn early.</summary>
    public DateOnly? BeeindigdOp { get; }

    public string? RedenBeeindiging { get; }

    /// <summary>From the first PIP's dagtekening.</summary>
    public static Inburgeringstermijn FromFirstPip(DateOnly dagtekeningEerstePip, Wi2021Normen? normen = null)
    {
        var start = dagtekeningEerstePip.AddDays(1);
        var einde = (normen ?? Wi2021Normen.Default).Inburgeringstermijn.AddTo(start);
        return new(dagtekeningEerstePip, start, einde, [], null, null);
    }

    /// <summary>From the dagtekeningen of all PIPs the person ever had (in any order): only the first counts.</summary>
    public static Inburgeringstermijn FromPipHistory(IEnumerable<DateOnly> dagtekeningen, Wi2021Normen? normen = null)
    {
        var list = dagtekeningen.ToList();
        if (list.Count == 0)
            throw new ArgumentException("Zonder PIP is er geen inburgeringstermijn.", nameof(dagtekeningen));
        return FromFirstPip(list.Min(), normen);
    }

    /// <summary>Adds an extension to the current end.</summary>
    public Inburgeringstermijn Extend(Verlenging verlenging)
    {
        if (BeeindigdOp is not null)
            throw new InvalidOperationException("Een beëindigde inburgeringstermijn kan niet worden verlengd.");
        return new(DagtekeningEerstePip, Start, verlenging.Duur.AddTo(Einde), [.. Verlengingen, verlenging], null, null);
    }

    /// <summary>An ontheffing (or withdrawal of the plicht) ends the termijn on <paramref name="datum"/> (exclusive).</summary>
    public Inburgeringstermijn EndByOntheffing(DateOnly datum, string reden = "Ontheffing verleend door DUO")
    {
        var einde = datum < Einde ? datum : Einde;
        if (einde < Start)
            einde = Start;
        return new(DagtekeningEerstePip, Start, einde, Verlengingen, datum, reden);
    }

    public bool IsBeeindigd => BeeindigdOp is not null;

    /// <summary>Running on <paramref name="peildatum"/>: started, not past the end and not ended early.</summary>
    public bool IsLopend(DateOnly peildatum) => !IsBeeindigd && peildatum >= Start && peildatum < Einde;

    /// <summary>Exceeded on <paramref name="peildatum"/>: the einddatum has been reached without an early end.</summary>
    public bool IsOverschreden(DateOnly peildatum) => !IsBeeindigd && peildatum >= Einde;

    /// <summary>Start of the two-month window before the end (DUO's letter; from here <c>verwijtbaar=Nee</c> may be sent).</summary>
    public Deadline TweeMaandenVoorEinde(Wi2021Normen? normen = null)
    {
        var date = (normen ?? Wi2021Normen.Default).VensterVoorEinde.SubtractFrom(Einde);
        return new(date, $"Twee maanden voor de einddatum {Dates.Dutch(Einde)}: DUO stuurt een brief en 'verwijtbaar: Nee' mag worden gemeld.");
    }

    public bool IsInVensterVoorEinde(DateOnly peildatum, Wi2021Normen? normen = null) =>
        peildatum >= TweeMaandenVoorEinde(normen).Date && peildatum < Einde;

    /// <summary>From this date the inburgeraar may ask DUO for an extension. [M]</summary>
    public Deadline VerlengingAanvragenVanaf(Wi2021Normen? normen = null)
    {
        var date = (normen ?? Wi2021Normen.Default).VerlengingAanvragenVanaf.SubtractFrom(Einde);
        return new(date, $"Vanaf zes maanden voor de einddatum {Dates.Dutch(Einde)} kan de inburgeraar verlenging aanvragen bij DUO.");
    }

    /// <summary>The first day a leerroute switch (other than onderwijsroute → B1-route) is no longer possible.</summary>
    public Deadline WisselenTot(Wi2021Normen? normen = null)
    {
        var date = (normen ?? Wi2021Normen.Default).LeerrouteWisselVenster.AddTo(Start);
        return new(date, $"Anderhalf jaar na de start van de termijn ({Dates.Dutch(Start)}): daarna kan de leerroute niet meer wisselen, behalve van de onderwijsroute naar de B1-route.");
    }

    public Deadline EindeAsDeadline() => new(Einde,
        $"De termijn startte op {Dates.Dutch(Start)} (de dag na de dagtekening van het eerste PIP, {Dates.Dutch(DagtekeningEerstePip)}) en duurt drie jaar"
        + (Verlengingen.Count > 0 ? $", verlengd met {string.Join(" + ", Verlengingen.Select(x => x.Duur.ToIso8601()))}" : string.Empty)
        + $"; vanaf {Dates.Dutch(Einde)} is de termijn overschreden.");
}
