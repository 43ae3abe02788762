using Inburgering.Workflows.Termijnen;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Termijnen;

public class OntzorgingTests
{
    [Fact]
    public void Plan_SixMonthsFromTheStartOfBijstand()
    {
        var ontzorging = Ontzorging.Plan(D("2023-01-10"));

        Assert.Equal(D("2023-07-10"), ontzorging.Einde);
        Assert.Equal(ontzorging.Einde, ontzorging.GeplandEinde);
    }

    [Fact]
    public void Plan_FromAugust31_EndsOnTheLastDayOfFebruary() =>
        Assert.Equal(D("2024-02-29"), Ontzorging.Plan(D("2023-08-31")).Einde);

    [Fact]
    public void Plan_BijstandEndsEarlier_EndsWithTheBijstand()
    {
        var ontzorging = Ontzorging.Plan(D("2023-01-10"), bijstandEinde: D("2023-04-01"));

        Assert.Equal(D("2023-04-01"), ontzorging.Einde);
        Assert.Equal(D("2023-07-10"), ontzorging.GeplandEinde);
    }

    [Fact]
    public void Plan_BijstandEndsAfterThePeriod_KeepsThePlannedEnd() =>
        Assert.Equal(D("2023-07-10"), Ontzorging.Plan(D("2023-01-10"), bijstandEinde: D("2024-01-01")).Einde);

    [Fact]
    public void Plan_LongerPolicy_IsUsed() =>
        Assert.Equal(D("2024-01-10"), Ontzorging.Plan(D("2023-01-10"), Period.OfMonths(12)).Einde);

    [Fact]
    public void Plan_ShorterThanTheLegalMinimum_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ontzorging.Plan(D("2023-01-10"), Period.OfMonths(5)));

    [Fact]
    public void Plan_BijstandEndingBeforeItStarts_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ontzorging.Plan(D("2023-01-10"), bijstandEinde: D("2023-01-09")));


    [Fact]
    public void Verleng_AddsThePeriodToTheEnd()
    {
        var einde = Ontzorging.Plan(D("2023-01-10")).Einde;

        Assert.Equal(D("2023-10-10"), Ontzorging.Verleng(einde, Period.OfMonths(3)));
    }

    [Fact]
    public void Verleng_BijstandEndsInBetween_StopsWithTheBijstand()
    {
        var einde = Ontzorging.Plan(D("2023-01-10")).Einde;

        Assert.Equal(D("2023-09-01"), Ontzorging.Verleng(einde, Period.OfMonths(3), D("2023-09-01")));
    }

    [Fact]
    public void Verleng_WithoutPeriod_Throws() =>
        Assert.Throws<ArgumentException>(() => Ontzorging.Verleng(D("2023-07-10"), Period.OfMonths(0)));
}
