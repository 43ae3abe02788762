namespace Inburgering.Workflows.Termijnen;

/// <summary>
/// A period of financieel ontzorgen (Participatiewet art. 56a, [H]): from the day the right to bijstand starts, at
/// least 6 months (policy may say longer); it ends earlier when the bijstand ends. Then an evaluation: stop, or extend
/// by a period (Participatiewet art. 57, <see cref="Verleng"/>). <see cref="Einde"/> is exclusive: the first day without ontzorging.
/// </summary>
public sealed record Ontzorging(DateOnly Start, DateOnly GeplandEinde, DateOnly Einde, string Reason)
{
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
        {
            return new(bijstandStart, gepland, e,
                $"Ontzorgen liep vanaf de start van de bijstand ({Dates.Dutch(bijstandStart)}) en stopt eerder dan gepland ({Dates.Dutch(gepland)}) omdat de bijstand eindigt op {Dates.Dutch(e)}.");
        }

        return new(bijstandStart, gepland, gepland,
            $"Ontzorgen loopt vanaf de start van de bijstand ({Dates.Dutch(bijstandStart)}) tot {Dates.Dutch(gepland)}; evalueer op {Dates.Dutch(gepland.AddDays(-1))}: stoppen of verlengen.");
    }

    /// <summary>
    /// The evaluation's "verlengen" (Participatiewet art. 57): the new end (exclusive) is <paramref name="verlenging"/> after
    /// the current <paramref name="einde"/>, but ontzorgen stops when the bijstand ends (never before the current end).
    /// </summary>
    public static DateOnly Verleng(DateOnly einde, Period verlenging, DateOnly? bijstandEinde = null)
    {
        if (verlenging.IsZero || verlenging.IsNegative)
            throw new ArgumentException("Bij verlengen hoort een positieve periode.", nameof(verlenging));

        var nieuw = verlenging.AddTo(einde);
        return bijstandEinde is { } e && e < nieuw ? (e < einde ? einde : e) : nieuw;
    }
}
