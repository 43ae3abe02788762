using Inburgering.Workflows.Termijnen;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Termijnen;

public class InburgeringstermijnTests
{
    [Fact]
    public void Einde_DayAfterFirstPipPlusThreeYears()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14"));

        Assert.Equal(D("2022-03-15"), termijn.Start);
        Assert.Equal(D("2025-03-15"), termijn.Einde);
        Assert.Equal(D("2025-03-14"), termijn.LaatsteDag);
    }

    [Fact]
    public void Start_PipOnNewYearsEve_StartsOnNewYearsDay()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-12-31"));

        Assert.Equal(D("2023-01-01"), termijn.Start);
        Assert.Equal(D("2026-01-01"), termijn.Einde);
    }

    [Fact]
    public void Einde_StartOnLeapDay_ClampsToFebruary28ThreeYearsLater()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2024-02-28"));

        Assert.Equal(D("2024-02-29"), termijn.Start);
        Assert.Equal(D("2027-02-28"), termijn.Einde);
    }

    [Fact]
    public void Start_PipOnLeapDay_StartsOnMarch1()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2024-02-29"));

        Assert.Equal(D("2024-03-01"), termijn.Start);
        Assert.Equal(D("2027-03-01"), termijn.Einde);
    }

    [Fact]
    public void FromPipHistory_LaterPipChangesDoNotMoveTheTermijn()
    {
        var termijn = Inburgeringstermijn.FromPipHistory([D("2023-06-01"), D("2022-03-14"), D("2024-01-20")]);

        Assert.Equal(D("2022-03-14"), termijn.DagtekeningEerstePip);
        Assert.Equal(D("2025-03-15"), termijn.Einde);
    }

    [Fact]
    public void FromPipHistory_WithoutPip_Throws() =>
        Assert.Throws<ArgumentException>(() => Inburgeringstermijn.FromPipHistory([]));

    [Fact]
    public void Extend_Automatisch_AddsSixMonthsToTheEnd()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).Extend(Verlenging.Automatisch());

        Assert.Equal(D("2025-09-15"), termijn.Einde);
        Assert.Equal(D("2022-03-15"), termijn.Start);
    }

    [Fact]
    public void Extend_Bevalling_AddsSixteenWeeks()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).Extend(Verlenging.Bevalling());

        Assert.Equal(D("2025-03-15").AddDays(112), termijn.Einde);
    }

    [Fact]
    public void Extend_Twice_AddsBothInOrder()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14"))
            .Extend(Verlenging.Bevalling())
            .Extend(Verlenging.Overig(Period.OfMonths(3)));

        Assert.Equal(D("2025-07-05").AddMonths(3), termijn.Einde);
        Assert.Equal(2, termijn.Verlengingen.Count);
        Assert.Contains("P16W", termijn.EindeAsDeadline().Reason);
    }

    [Fact]
    public void Extend_OverigWithoutLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Verlenging.Overig(Period.OfMonths(0)));

    [Fact]
    public void Extend_WithConfiguredAutomaticLength_UsesIt()
    {
        var normen = Wi2021Normen.Default with { AutomatischeVerlenging = Period.OfMonths(4) };

        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).Extend(Verlenging.Automatisch(normen));

        Assert.Equal(D("2025-07-15"), termijn.Einde);
    }

    [Fact]
    public void IsOverschreden_OnTheLastDay_IsFalse_OnTheEinddatum_IsTrue()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14"));

        Assert.False(termijn.IsOverschreden(D("2025-03-14")));
        Assert.True(termijn.IsLopend(D("2025-03-14")));
        Assert.True(termijn.IsOverschreden(D("2025-03-15")));
        Assert.False(termijn.IsLopend(D("2025-03-15")));
    }

    [Fact]
    public void IsLopend_OnTheDagtekeningItself_IsFalse() =>
        Assert.False(Inburgeringstermijn.FromFirstPip(D("2022-03-14")).IsLopend(D("2022-03-14")));

    [Fact]
    public void EndByOntheffing_EndsTheTermijnEarlyAndItIsNeverExceeded()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).EndByOntheffing(D("2023-05-01"));

        Assert.True(termijn.IsBeeindigd);
        Assert.Equal(D("2023-05-01"), termijn.Einde);
        Assert.False(termijn.IsLopend(D("2023-05-01")));
        Assert.False(termijn.IsOverschreden(D("2026-01-01")));
        Assert.Throws<InvalidOperationException>(() => termijn.Extend(Verlenging.Automatisch()));
    }

    [Fact]
    public void TweeMaandenVoorEinde_IsTheStartOfTheWindow()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14"));

        Assert.Equal(D("2025-01-15"), termijn.TweeMaandenVoorEinde().Date);
        Assert.False(termijn.IsInVensterVoorEinde(D("2025-01-14")));
        Assert.True(termijn.IsInVensterVoorEinde(D("2025-01-15")));
        Assert.True(termijn.IsInVensterVoorEinde(D("2025-03-14")));
        Assert.False(termijn.IsInVensterVoorEinde(D("2025-03-15")));
    }

    [Fact]
    public void TweeMaandenVoorEinde_MovesWithAnExtension()
    {
        var termijn = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).Extend(Verlenging.Automatisch());

        Assert.Equal(D("2025-07-15"), termijn.TweeMaandenVoorEinde().Date);
    }

    [Fact]
    public void TweeMaandenVoorEinde_FromApril29_ClampsToFebruary28InACommonYear()
    {
        // Dagtekening 28-04-2024: start 29-04-2024, einde 29-04-2027; 29-02-2027 does not exist, so the window opens on 28-02-2027.
        var termijn = Inburgeringstermijn.FromFirstPip(D("2024-04-28"));

        Assert.Equal(D("2027-04-29"), termijn.Einde);
        Assert.Equal(D("2027-02-28"), termijn.TweeMaandenVoorEinde().Date);
    }

    [Fact]
    public void VerlengingAanvragenVanaf_IsSixMonthsBeforeTheEnd() =>
        Assert.Equal(D("2024-09-15"), Inburgeringstermijn.FromFirstPip(D("2022-03-14")).VerlengingAanvragenVanaf().Date);

    [Fact]
    public void WisselenTot_IsEighteenMonthsAfterStart() =>
        Assert.Equal(D("2023-09-15"), Inburgeringstermijn.FromFirstPip(D("2022-03-14")).WisselenTot().Date);

    [Fact]
    public void EindeAsDeadline_ExplainsTheFirstPip()
    {
        var deadline = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).EindeAsDeadline();

        Assert.Equal("2025-03-15", deadline.Iso);
        Assert.Contains("14-03-2022", deadline.Reason);
        Assert.Contains("eerste PIP", deadline.Reason);
    }
}
