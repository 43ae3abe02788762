using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Termijnen;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Leerroutes;

public class LeerrouteWisselTests
{
    private static readonly DateOnly TermijnStart = D("2022-03-15");

    [Fact]
    public void WisselenTot_IsEighteenMonthsAfterTermijnStart() =>
        Assert.Equal(D("2023-09-15"), LeerrouteWissel.WisselenTot(TermijnStart));

    [Fact]
    public void WisselenTot_FromAugust31_ClampsToLeapDay2024() =>
        Assert.Equal(D("2024-02-29"), LeerrouteWissel.WisselenTot(D("2022-08-31")));

    [Fact]
    public void Decide_OnTheLastDayOfTheWindow_IsAllowed()
    {
        var decision = LeerrouteWissel.Decide(Leerroute.B1Route, Leerroute.ZRoute, TermijnStart, D("2023-09-14"));

        Assert.True(decision.IsAllowed);
        Assert.Equal("WISSEL-BINNEN-VENSTER", decision.Code);
    }

    [Fact]
    public void Decide_OnTheDayTheWindowCloses_IsRefused()
    {
        var decision = LeerrouteWissel.Decide(Leerroute.B1Route, Leerroute.ZRoute, TermijnStart, D("2023-09-15"));

        Assert.False(decision.IsAllowed);
        Assert.Equal("WISSEL-NA-VENSTER", decision.Code);
        Assert.Contains("15-09-2023", decision.Reason);
    }

    [Fact]
    public void Decide_OnderwijsrouteToB1Route_IsAllowedYearsLater()
    {
        var decision = LeerrouteWissel.Decide(Leerroute.Onderwijsroute, Leerroute.B1Route, TermijnStart, D("2024-12-01"));

        Assert.True(decision.IsAllowed);
        Assert.Equal("WISSEL-O-NAAR-B1", decision.Code);
    }

    [Fact]
    public void Decide_B1RouteToOnderwijsrouteAfterTheWindow_IsRefused()
    {
        var decision = LeerrouteWissel.Decide(Leerroute.B1Route, Leerroute.Onderwijsroute, TermijnStart, D("2024-12-01"));

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public void Decide_OnderwijsrouteToZRouteAfterTheWindow_IsRefused()
    {
        var decision = LeerrouteWissel.Decide(Leerroute.Onderwijsroute, Leerroute.ZRoute, TermijnStart, D("2024-12-01"));

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public void Decide_SameRoute_IsRefusedAsNothingToSwitch()
    {
        var decision = LeerrouteWissel.Decide(Leerroute.ZRoute, Leerroute.ZRoute, TermijnStart, D("2022-06-01"));

        Assert.False(decision.IsAllowed);
        Assert.Equal("WISSEL-ZELFDE-ROUTE", decision.Code);
    }

    [Fact]
    public void Decide_BeforeTheTermijnStarted_IsAllowed()
    {
        var decision = LeerrouteWissel.Decide(Leerroute.ZRoute, Leerroute.B1Route, null, D("2022-03-01"));

        Assert.True(decision.IsAllowed);
        Assert.Equal("WISSEL-VOOR-TERMIJN", decision.Code);
    }

    [Fact]
    public void Decide_WithAConfiguredWindow_UsesIt()
    {
        var normen = Wi2021Normen.Default with { LeerrouteWisselVenster = Period.OfMonths(12) };

        var decision = LeerrouteWissel.Decide(Leerroute.B1Route, Leerroute.ZRoute, TermijnStart, D("2023-03-15"), normen);

        Assert.False(decision.IsAllowed);
    }

    /// <summary>Wi2021 art. 17(3), Besluit inburgering 2021 art. 5.5: afschalen B1 → A2 after at least 600 lesuren, within the B1-route.</summary>
    [Theory]
    [InlineData(599.5, false)]
    [InlineData(600, true)]
    public void DecideAfschalen_NeedsSixHundredLesuren(double uren, bool allowed) =>
        Assert.Equal(allowed, LeerrouteWissel.DecideAfschalen(Leerroute.B1Route, Niveau.B1, uren).IsAllowed);

    [Fact]
    public void DecideAfschalen_OutsideTheB1Route_IsRefused() =>
        Assert.Equal("AFSCHALEN-ALLEEN-B1", LeerrouteWissel.DecideAfschalen(Leerroute.ZRoute, Niveau.B1, 900).Code);

    [Fact]
    public void DecideAfschalen_AlreadyA2_IsRefused() =>
        Assert.Equal("AFSCHALEN-NIET-B1", LeerrouteWissel.DecideAfschalen(Leerroute.B1Route, Niveau.A2, 900).Code);
}
