using Inburgering.Workflows.Termijnen;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Termijnen;

/// <summary>The Awb deadlines around the boete and the PIP as beschikking (issue 13, point 6).</summary>
public class AwbTermijnenTests
{
    [Fact]
    public void Bezwaartermijn_SixWeeksFromTheDayAfterTheBekendmaking_SameWeekday() =>
        // Awb 6:7 and 6:8(1): bekendgemaakt on Wednesday 7 January 2026, the termijn starts on the 8th and ends on Wednesday 18 February.
        Assert.Equal(D("2026-02-18"), AwbTermijnen.BezwaartermijnEinde(D("2026-01-07")));

    [Fact]
    public void Bezwaartermijn_EndingOnASaturday_MovesToMonday() =>
        // Algemene termijnenwet art. 1: bekendgemaakt on Saturday 10 January 2026 → the termijn would end on Saturday 21 February.
        Assert.Equal(D("2026-02-23"), AwbTermijnen.BezwaartermijnEinde(D("2026-01-10")));

    [Theory]
    [InlineData("2026-04-06")] // tweede Paasdag (Pasen 5 April 2026)
    [InlineData("2026-05-14")] // Hemelvaartsdag
    [InlineData("2026-05-25")] // tweede Pinksterdag
    [InlineData("2026-04-27")] // Koningsdag
    [InlineData("2026-05-05")] // Bevrijdingsdag
    [InlineData("2026-12-25")]
    [InlineData("2026-12-26")]
    [InlineData("2027-01-01")]
    [InlineData("2025-04-26")] // 27 April 2025 is a Sunday: Koningsdag on Saturday the 26th
    public void AlgemeenErkendeFeestdagen_OfTheAlgemeneTermijnenwet(string day) =>
        Assert.True(AwbTermijnen.IsAlgemeenErkendeFeestdag(D(day)));

    [Theory]
    [InlineData("2026-04-03")] // Goede Vrijdag is no feestdag of the Atw
    [InlineData("2026-04-28")]
    [InlineData("2026-05-04")]
    public void OtherDays_AreNoFeestdag(string day) => Assert.False(AwbTermijnen.IsAlgemeenErkendeFeestdag(D(day)));

    [Fact]
    public void Bezwaartermijn_EndingOnTweedePaasdag_MovesToTheTuesday() =>
        // Bekendgemaakt Monday 23 February 2026 → six weeks later is Monday 6 April 2026, tweede Paasdag.
        Assert.Equal(D("2026-04-07"), AwbTermijnen.BezwaartermijnEinde(D("2026-02-23")));

    [Fact]
    public void Onherroepelijk_TheDayAfterTheTermijn() => Assert.Equal(D("2026-02-19"), AwbTermijnen.OnherroepelijkOp(D("2026-01-07")));

    [Fact]
    public void Bezwaar_OnTheLastDayIsOnTime_TheDayAfterIsLate()
    {
        // Awb 6:9(1): received before the end of the termijn.
        Assert.True(AwbTermijnen.BezwaarTijdig(D("2026-02-18"), D("2026-01-07")));
        Assert.False(AwbTermijnen.BezwaarTijdig(D("2026-02-19"), D("2026-01-07")));
    }

    [Fact]
    public void BeslissingOpBezwaar_SixWeeksAfterTheTermijn_TwelveWithACommissie()
    {
        // Awb 7:10(1).
        Assert.Equal(D("2026-04-01"), AwbTermijnen.BeslissingOpBezwaarUiterlijk(D("2026-01-07"), adviescommissie: false));
        Assert.Equal(D("2026-05-13"), AwbTermijnen.BeslissingOpBezwaarUiterlijk(D("2026-01-07"), adviescommissie: true));
    }

    [Fact]
    public void Boetebesluit_ThirteenWeeksAfterTheRapport() =>
        // Awb 5:51(1).
        Assert.Equal(D("2026-04-08"), AwbTermijnen.BoetebesluitUiterlijk(D("2026-01-07")));

    [Fact]
    public void Zienswijze_TheWeeksOfThePolicy_OnAWorkingDay()
    {
        Assert.Equal(D("2026-01-21"), AwbTermijnen.ZienswijzeUiterlijk(D("2026-01-07"), 2));
        Assert.Equal(D("2026-12-28"), AwbTermijnen.ZienswijzeUiterlijk(D("2026-12-12"), 2)); // Saturday 26 December → Monday 28th
        Assert.Throws<ArgumentOutOfRangeException>(() => AwbTermijnen.ZienswijzeUiterlijk(D("2026-01-07"), 0));
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    public void Paaszondag(int year, string expected) => Assert.Equal(D(expected), AwbTermijnen.Paaszondag(year));
}
