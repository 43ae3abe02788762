namespace Inburgering.Workflows.Termijnen;

/// <summary>The outcome of the evaluation at the end of an Ontzorging period.</summary>
public enum OntzorgingEvaluatie
{
    Stoppen,
    Verlengen,
}

/// <summary>
/// A period of financieel ontzorgen (Participatiewet art. 56a, [H]): from the day the right to bijstand starts, at
/// least 6 months (policy may say longer); it ends earlier when the bijstand ends. Then an evaluation: stop, or extend
/// by a period (Participatiewet art. 57). <see cref="Einde"/> is exclusive: the first day without ontzorging.
/// </summary>
public sealed record Ontzorging(DateOnly Start, DateOnly GeplandEinde, DateOnly Einde, string Reason)
{
    /// <summary>The evaluation is due on the last day of the period.</summary>
    public DateOnly EvaluatieOp => Einde.AddDays(-1);

    public bool EndedByBijstand => Einde < GeplandEinde;

    public bool IsActief(DateOnly peildatum) => peildatum >= Start && peildatum < Einde;

    /// <param name="bijstandStart">The day the right to bijstand starts.</param>
    /// <param name="duur">Policy length; shorter than the legal minimum is refused.</param>
    /// <param name="bijstandEinde">The first day without bijstand, if it has ended or will end.</param>
    public static Ontzorging Plan(DateOnly bijstandStart, Period? duur = null, DateOnly? bijstandEinde = null, Wi2021Normen? normen = null)
    {
        var n = normen ?? Wi2021Normen.Default;
        var lengte = duur ?? n.OntzorgingMinimum;
        var gepland = lengte.AddTo(bijstandStart);
        var minimum = n.OntzorgingMinimum.AddTo(bijstandStart);
        if (gepland < minimum)
            throw new ArgumentOutOfRangeException(nameof(duur), $"Ontzorgen duurt minimaal {n.OntzorgingMinimum.ToIso8601()} (Participatiewet art. 56a); {lengte.ToIso8601()} is te kort.");
        if (bijstandEinde is { } eindeBijstand && eindeBijstand < bijstandStart)
            throw new ArgumentOutOfRangeException(nameof(bijstandEinde), "De bijstand kan niet eindigen voordat die begint.");

        if (bijstandEinde is { } e && e < gepland)
            return new(bijstandStart, gepland, e,
                $"Ontzorgen liep vanaf de start van de bijstand ({Dates.Dutch(bijstandStart)}) en stopt eerder dan gepland ({Dates.Dutch(gepland)}) omdat de bijstand eindigt op {Dates.Dutch(e)}.");

        return new(bijstandStart, gepland, gepland,
            $"Ontzorgen loopt vanaf de start van de bijstand ({Dates.Dutch(bijstandStart)}) tot {Dates.Dutch(gepland)}; evalueer op {Dates.Dutch(gepland.AddDays(-1))}: stoppen of verlengen.");
    }

    /// <summary>Applies the evaluation: stop at the current end, or extend by <paramref name="verlenging"/> (still cut off when bijstand ends).</summary>
    public Ontzorging Evaluate(OntzorgingEvaluatie uitkomst, Period? verlenging = null, DateOnly? bijstandEinde = null)
    {
        if (uitkomst == OntzorgingEvaluatie.Stoppen)
            return this with { Reason = $"Na evaluatie gestopt: ontzorgen eindigt op {Dates.Dutch(Einde)}." };

        if (EndedByBijstand)
            throw new InvalidOperationException("Ontzorgen kan niet worden verlengd: de bijstand is beëindigd.");
        if (verlenging is not { } p || p.IsZero || p.IsNegative)
            throw new ArgumentException("Bij verlengen hoort een positieve periode.", nameof(verlenging));

        var nieuw = p.AddTo(Einde);
        if (bijstandEinde is { } e && e < nieuw)
            return new(Start, nieuw, e < Einde ? Einde : e,
                $"Na evaluatie verlengd tot {Dates.Dutch(nieuw)}, maar de bijstand eindigt op {Dates.Dutch(e)}: ontzorgen stopt dan.");
        return new(Start, nieuw, nieuw, $"Na evaluatie verlengd met {p.ToIso8601()} tot {Dates.Dutch(nieuw)} (Participatiewet art. 57).");
    }
}
