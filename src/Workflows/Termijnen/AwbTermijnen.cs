namespace Inburgering.Workflows.Termijnen;

/// <summary>
/// The statutory deadlines of the Algemene wet bestuursrecht around a beschikking of the gemeente (the bestuurlijke boete of
/// Wi2021 art. 29, and the PIP, Wi2021 art. 15): the zienswijze before a boete (Awb 4:8, 5:53), the thirteen weeks for the
/// boetebesluit after the rapport (Awb 5:51(1)), the bezwaartermijn of six weeks that starts the day after the bekendmaking
/// (Awb 6:7, 6:8(1)) and is extended to the next working day by the Algemene termijnenwet, and the six (with an
/// adviescommissie twelve) weeks to decide on a bezwaar after the bezwaartermijn (Awb 7:10(1)). Last days are inclusive.
/// </summary>
public static class AwbTermijnen
{
    /// <summary>Awb 6:7: the bezwaartermijn is six weeks.</summary>
    public const int BezwaartermijnWeken = 6;

    /// <summary>Awb 5:51(1): the boetebesluit within thirteen weeks after the rapport (Awb 5:48).</summary>
    public const int BoetebesluitWeken = 13;

    /// <summary>
    /// The last day for a zienswijze on the voornemen sent on <paramref name="verzonden"/>: the termijn of the gemeente's policy
    /// (Awb 4:8 asks for the opportunity, not a length; two weeks is usual), extended to a working day (Algemene termijnenwet art. 1).
    /// </summary>
    public static DateOnly ZienswijzeUiterlijk(DateOnly verzonden, int weken)
    {
        if (weken is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(weken), weken, "De zienswijzetermijn is 1 tot 8 weken.");
        return Werkdag(verzonden.AddDays(7 * weken));
    }

    /// <summary>Awb 5:51(1): the last day for the boetebesluit, thirteen weeks after the date of the rapport.</summary>
    public static DateOnly BoetebesluitUiterlijk(DateOnly rapport) => rapport.AddDays(7 * BoetebesluitWeken);

    /// <summary>
    /// The last day of the bezwaartermijn: six weeks (Awb 6:7) from the day after the bekendmaking (6:8(1)), so the same weekday
    /// six weeks later; a Saturday, Sunday or algemeen erkende feestdag moves it to the next working day (Algemene termijnenwet art. 1).
    /// </summary>
    public static DateOnly BezwaartermijnEinde(DateOnly bekendmaking) => Werkdag(bekendmaking.AddDays(7 * BezwaartermijnWeken));

    /// <summary>The first day the besluit is onherroepelijk when no bezwaar came: the day after the bezwaartermijn.</summary>
    public static DateOnly OnherroepelijkOp(DateOnly bekendmaking) => BezwaartermijnEinde(bekendmaking).AddDays(1);

    /// <summary>
    /// Awb 6:9(1): a bezwaarschrift is on time when it is received before the end of the termijn (one received earlier, even
    /// before the bekendmaking, is not for that reason late: Awb 6:10).
    /// </summary>
    public static bool BezwaarTijdig(DateOnly ontvangen, DateOnly bekendmaking) => ontvangen <= BezwaartermijnEinde(bekendmaking);

    /// <summary>Awb 7:10(1): the beslissing op bezwaar within six weeks after the bezwaartermijn, twelve with an adviescommissie.</summary>
    public static DateOnly BeslissingOpBezwaarUiterlijk(DateOnly bekendmaking, bool adviescommissie) =>
        BezwaartermijnEinde(bekendmaking).AddDays(7 * (adviescommissie ? 12 : 6));

    /// <summary>The day itself, or the next day that is no Saturday, Sunday or algemeen erkende feestdag (Algemene termijnenwet art. 1 and 3).</summary>
    public static DateOnly Werkdag(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || IsAlgemeenErkendeFeestdag(day))
            day = day.AddDays(1);
        return day;
    }

    /// <summary>
    /// Algemene termijnenwet art. 3(1): Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, de beide Kerstdagen,
    /// de dag waarop de verjaardag van de Koning wordt gevierd (27 april, 26 april when the 27th is a Sunday) and 5 mei.
    /// (Goede Vrijdag, Paas- and Pinksterzondag are no feestdag of the Atw or fall on a Sunday already.)
    /// </summary>
    public static bool IsAlgemeenErkendeFeestdag(DateOnly day)
    {
        var pasen = Paaszondag(day.Year);
        var koningsdag = new DateOnly(day.Year, 4, 27);
        if (koningsdag.DayOfWeek == DayOfWeek.Sunday)
            koningsdag = koningsdag.AddDays(-1);
        return (day.Month, day.Day) is (1, 1) or (12, 25) or (12, 26) or (5, 5)
            || day == koningsdag
            || day == pasen.AddDays(1)
            || day == pasen.AddDays(39)
            || day == pasen.AddDays(50);
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm of Meeus/Jones/Butcher).</summary>
    public static DateOnly Paaszondag(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
