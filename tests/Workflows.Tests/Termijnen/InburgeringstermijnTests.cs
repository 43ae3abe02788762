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
    public void Verlenging_Automatisch_AddsSixMonthsToTheEnd()
    {
        var einde = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).Einde;

        Assert.Equal(D("2025-09-15"), Verlenging.Automatisch().Duur.AddTo(einde));
    }

    [Fact]
    public void Verlenging_Bevalling_AddsSixteenWeeks()
    {
        var einde = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).Einde;

        Assert.Equal(D("2025-03-15").AddDays(112), Verlenging.Bevalling().Duur.AddTo(einde));
    }


    [Fact]
    public void Verlenging_OverigWithoutLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Verlenging.Overig(Period.OfMonths(0)));

    [Fact]
    public void Verlenging_WithConfiguredAutomaticLength_UsesIt()
    {
        var normen = Wi2021Normen.Default with { AutomatischeVerlenging = Period.OfMonths(4) };

        var einde = Inburgeringstermijn.FromFirstPip(D("2022-03-14")).Einde;

        Assert.Equal(D("2025-07-15"), Verlenging.Automatisch(normen).Duur.AddTo(einde));
    }
}
