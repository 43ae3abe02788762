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
        Assert.Equal(D("2023-07-09"), ontzorging.EvaluatieOp);
        Assert.False(ontzorging.EndedByBijstand);
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
        Assert.True(ontzorging.EndedByBijstand);
        Assert.False(ontzorging.IsActief(D("2023-04-01")));
        Assert.True(ontzorging.IsActief(D("2023-03-31")));
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
    public void Evaluate_Stop_KeepsTheEnd()
    {
        var stopped = Ontzorging.Plan(D("2023-01-10")).Evaluate(OntzorgingEvaluatie.Stoppen);

        Assert.Equal(D("2023-07-10"), stopped.Einde);
        Assert.Contains("gestopt", stopped.Reason);
    }

    [Fact]
    public void Evaluate_Extend_AddsThePeriodToTheEnd()
    {
        var extended = Ontzorging.Plan(D("2023-01-10")).Evaluate(OntzorgingEvaluatie.Verlengen, Period.OfMonths(3));

        Assert.Equal(D("2023-10-10"), extended.Einde);
        Assert.Equal(D("2023-01-10"), extended.Start);
    }

    [Fact]
    public void Evaluate_ExtendButBijstandEndsInBetween_StopsWithTheBijstand()
    {
        var extended = Ontzorging.Plan(D("2023-01-10")).Evaluate(OntzorgingEvaluatie.Verlengen, Period.OfMonths(3), D("2023-09-01"));

        Assert.Equal(D("2023-09-01"), extended.Einde);
        Assert.True(extended.EndedByBijstand);
    }

    [Fact]
    public void Evaluate_ExtendWithoutPeriod_Throws() =>
        Assert.Throws<ArgumentException>(() => Ontzorging.Plan(D("2023-01-10")).Evaluate(OntzorgingEvaluatie.Verlengen));

    [Fact]
    public void Evaluate_ExtendAfterBijstandEnded_Throws() =>
        Assert.Throws<InvalidOperationException>(() =>
            Ontzorging.Plan(D("2023-01-10"), bijstandEinde: D("2023-03-01")).Evaluate(OntzorgingEvaluatie.Verlengen, Period.OfMonths(3)));
}
