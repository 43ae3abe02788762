using Inburgering.Workflows.Termijnen;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Termijnen;

public class PeriodAndBpmnTimerTests
{
    [Theory]
    [InlineData(3, 0, 0, 0, "P3Y")]
    [InlineData(0, 0, 10, 0, "P10W")]
    [InlineData(1, 6, 0, 0, "P1Y6M")]
    [InlineData(0, 2, 2, 0, "P2M14D")]
    [InlineData(0, 0, 1, 3, "P10D")]
    [InlineData(0, 0, 0, 0, "P0D")]
    public void ToIso8601_RendersTheDatePart(int years, int months, int weeks, int days, string expected) =>
        Assert.Equal(expected, new Period(years, months, weeks, days).ToIso8601());

    [Theory]
    [InlineData("P3Y")]
    [InlineData("P10W")]
    [InlineData("P1Y6M")]
    [InlineData("P2M14D")]
    public void ParseIso8601_RoundTrips(string iso) =>
        Assert.Equal(iso, Period.ParseIso8601(iso).ToIso8601());

    [Theory]
    [InlineData("P")]
    [InlineData("3Y")]
    [InlineData("PT5H")]
    [InlineData("")]
    public void ParseIso8601_Invalid_Throws(string text) =>
        Assert.Throws<FormatException>(() => Period.ParseIso8601(text));

    [Fact]
    public void ToIso8601_Negative_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Period.OfDays(-1).ToIso8601());

    [Fact]
    public void AddTo_YearsAndMonthsTogether_ClampOnce() =>
        Assert.Equal(D("2025-02-28"), new Period(Years: 1, Months: 6).AddTo(D("2023-08-31")));

    [Fact]
    public void SubtractFrom_IsTheInverseForOrdinaryDates() =>
        Assert.Equal(D("2022-03-01"), Period.OfWeeks(10).SubtractFrom(D("2022-05-10")));

    [Fact]
    public void TimeDate_InWinter_HasOffsetPlusOne() =>
        Assert.Equal("2025-03-15T08:00:00+01:00", BpmnTimer.TimeDate(D("2025-03-15")));

    [Fact]
    public void TimeDate_InSummer_HasOffsetPlusTwo() =>
        Assert.Equal("2025-07-01T00:00:00+02:00", BpmnTimer.TimeDate(D("2025-07-01"), new TimeOnly(0, 0)));
}
