using Inburgering.Engine.Tests.Support;
using Inburgering.Engine.Timers;
using static Inburgering.Engine.Tests.Support.Zones;

namespace Inburgering.Engine.Tests.Timers;

public class IsoDurationTests
{
    [Fact]
    public void Parse_FullForm_ReadsEveryComponent()
    {
        var d = IsoDuration.Parse("P1Y2M3W4DT5H6M7.5S");

        Assert.Equal(new IsoDuration(1, 2, 3, 4, 5, 6, 7.5m), d);
        Assert.False(d.IsNegative);
    }

    [Fact]
    public void Parse_WeeksAlone_IsWeeks()
    {
        Assert.Equal(new IsoDuration(0, 0, 2, 0, 0, 0, 0), IsoDuration.Parse("P2W"));
    }

    [Fact]
    public void Parse_MonthsBeforeTAndMinutesAfterT_AreDistinguished()
    {
        var d = IsoDuration.Parse("P1MT1M");

        Assert.Equal(1, d.Months);
        Assert.Equal(1, d.Minutes);
    }

    [Theory]
    [InlineData("PT1.5H", 1, 30, "0")]
    [InlineData("PT1,5H", 1, 30, "0")]
    [InlineData("PT2.25M", 0, 2, "15")]
    [InlineData("PT0.5S", 0, 0, "0.5")]
    [InlineData("PT1H0.1M", 1, 0, "6")]
    public void Parse_FractionOnSmallestUnit_IsSpreadOverSmallerUnits(string text, int hours, int minutes, string seconds)
    {
        var d = IsoDuration.Parse(text);

        Assert.Equal(hours, d.Hours);
        Assert.Equal(minutes, d.Minutes);
        Assert.Equal(decimal.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), d.Seconds);
    }

    [Fact]
    public void Parse_LeadingMinus_IsNegative()
    {
        var d = IsoDuration.Parse("-P1D");

        Assert.True(d.IsNegative);
        Assert.Equal(1, d.Days);
    }

    [Fact]
    public void Parse_SurroundingWhitespace_IsIgnored()
    {
        Assert.Equal(IsoDuration.Parse("P3M"), IsoDuration.Parse("  P3M\n"));
    }

    [Theory]
    [InlineData("", "duration.empty")]
    [InlineData("P", "duration.no-components")]
    [InlineData("PT", "duration.no-time-components")]
    [InlineData("P1DT", "duration.no-time-components")]
    [InlineData("3M", "duration.missing-p")]
    [InlineData("P1H", "duration.hours-before-t")]
    [InlineData("P30S", "duration.seconds-before-t")]
    [InlineData("PT1D", "duration.date-unit-after-t")]
    [InlineData("P1.5D", "duration.fraction-not-allowed")]
    [InlineData("PT1.5H30M", "duration.fraction-not-last")]
    [InlineData("P1D2D", "duration.unit-order")]
    [InlineData("P1M1Y", "duration.unit-order")]
    [InlineData("PD", "duration.number-missing")]
    [InlineData("P1", "duration.unit-missing")]
    [InlineData("P1X", "duration.unit-unknown")]
    [InlineData("P-1D", "duration.unexpected-character")]
    [InlineData("PT1HT1M", "duration.double-t")]
    [InlineData("PT1TH", "duration.unit-unknown")]
    [InlineData("P99999999999D", "duration.number-too-large")]
    [InlineData("P20000Y", "duration.too-large")]
    public void Parse_Junk_ThrowsFormatExceptionNamingTextAndReason(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => IsoDuration.Parse(text));

        Assert.False(IsoDuration.TryParseCoded(text, out _, out var error));
        Assert.Equal("duration.invalid", error.Code);
        Assert.Equal(reason, error.Cause?.Code);
        Assert.Equal(error.Message, ex.Message);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Junk_ReturnsFalseWithReason()
    {
        Assert.False(IsoDuration.TryParse("P1H", out _));
        Assert.False(IsoDuration.TryParse(null, out _, out var error));
        Assert.Equal("'' is geen geldige ISO 8601-duur: de tekst is leeg.", error);
    }

    [Theory]
    [InlineData("P1Y2M3W4DT5H6M7.5S")]
    [InlineData("P3M")]
    [InlineData("PT10M")]
    [InlineData("-P1D")]
    [InlineData("P2W")]
    [InlineData("PT0.25S")]
    [InlineData("PT90M")]
    public void ToString_CanonicalText_RoundTrips(string text)
    {
        Assert.Equal(text, IsoDuration.Parse(text).ToString());
    }

    [Fact]
    public void ToString_Fraction_IsWrittenInSmallerUnits()
    {
        Assert.Equal("PT1H30M", IsoDuration.Parse("PT1.5H").ToString());
    }

    [Fact]
    public void ToString_Zero_IsPT0SAndNeverNegative()
    {
        Assert.Equal("PT0S", IsoDuration.Parse("-PT0S").ToString());
        Assert.Equal("PT0S", default(IsoDuration).ToString());
    }

    [Fact]
    public void Constructor_NegativeComponent_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoDuration(0, -1, 0, 0, 0, 0, 0));
    }

    [Theory]
    [InlineData(2026, 2, 28)]
    [InlineData(2028, 2, 29)]
    public void AddTo_OneMonthFromJanuary31_GivesLastDayOfFebruary(int year, int month, int day)
    {
        var start = At(year, 1, 31, 9, 0, 1);

        var due = IsoDuration.Parse("P1M").AddTo(start, Amsterdam);

        Assert.Equal(At(year, month, day, 9, 0, 1), due);
    }

    [Fact]
    public void AddTo_ThreeMonthsIntoSummerTime_KeepsNineOClock()
    {
        var due = IsoDuration.Parse("P3M").AddTo(At(2026, 1, 15, 9, 0, 1), Amsterdam);

        Assert.Equal(At(2026, 4, 15, 9, 0, 2), due);
        Assert.Equal(TimeSpan.FromHours(2), due.Offset);
    }

    [Fact]
    public void AddTo_OneDayAcrossSpringForward_KeepsWallClock()
    {
        var due = IsoDuration.Parse("P1D").AddTo(At(2026, 3, 28, 9, 0, 1), Amsterdam);

        Assert.Equal(At(2026, 3, 29, 9, 0, 2), due);
    }

    [Fact]
    public void AddTo_TwentyFourHoursAcrossSpringForward_IsExactElapsedTime()
    {
        var due = IsoDuration.Parse("PT24H").AddTo(At(2026, 3, 28, 9, 0, 1), Amsterdam);

        Assert.Equal(At(2026, 3, 29, 10, 0, 2), due);
    }

    [Fact]
    public void AddTo_DayAndHours_AppliesCalendarThenElapsedTime()
    {
        var due = IsoDuration.Parse("P1DT2H").AddTo(At(2026, 3, 28, 9, 0, 1), Amsterdam);

        Assert.Equal(At(2026, 3, 29, 11, 0, 2), due);
    }

    [Fact]
    public void AddTo_LandingInDstGap_MovesLaterByTheGap()
    {
        var due = IsoDuration.Parse("P1D").AddTo(At(2026, 3, 28, 2, 30, 1), Amsterdam);

        Assert.Equal(At(2026, 3, 29, 3, 30, 2), due);
    }

    [Fact]
    public void AddTo_LandingInRepeatedHour_KeepsTheOriginalOffset()
    {
        var due = IsoDuration.Parse("P1D").AddTo(At(2026, 10, 24, 2, 30, 2), Amsterdam);

        Assert.Equal(TimeSpan.FromHours(2), due.Offset);
        Assert.Equal(new DateTime(2026, 10, 25, 2, 30, 0), due.DateTime);
    }

    [Fact]
    public void AddTo_NegativeDuration_GoesBack()
    {
        Assert.Equal(At(2026, 2, 28, 9, 0, 1), IsoDuration.Parse("-P1M").AddTo(At(2026, 3, 28, 9, 0, 1), Amsterdam));
        Assert.Equal(At(2026, 3, 28, 9, 0, 1), IsoDuration.Parse("-P1D").AddTo(At(2026, 3, 29, 9, 0, 2), Amsterdam));
        Assert.Equal(At(2026, 1, 1, 8, 30, 1), IsoDuration.Parse("-PT30M").AddTo(At(2026, 1, 1, 9, 0, 1), Amsterdam));
    }

    [Fact]
    public void AddTo_InstantInOtherOffset_ReturnsZoneOffset()
    {
        var due = IsoDuration.Parse("PT1H").AddTo(new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero), Amsterdam);

        Assert.Equal(At(2026, 6, 1, 10, 0, 2), due);
        Assert.Equal(TimeSpan.FromHours(2), due.Offset);
    }

    [Theory]
    [InlineData("2026-01-31", "P1M", "2026-02-28")]
    [InlineData("2028-02-29", "P1Y", "2029-02-28")]
    [InlineData("2026-03-01", "-P1D", "2026-02-28")]
    [InlineData("2026-01-01", "P2W3D", "2026-01-18")]
    [InlineData("2026-01-01", "PT48H", "2026-01-03")]
    public void AddTo_Date_IsCalendarCorrect(string start, string duration, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            IsoDuration.Parse(duration).AddTo(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AddTo_DateWithPartialDayTime_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => IsoDuration.Parse("PT5M").AddTo(new DateOnly(2026, 1, 1)));

        Assert.Contains("PT5M", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiply_ScalesEveryComponent()
    {
        Assert.Equal(IsoDuration.Parse("P3Y6MT90S"), IsoDuration.Parse("P1Y2MT30S").Multiply(3));
    }

    [Fact]
    public void Negate_FlipsSign()
    {
        Assert.Equal(IsoDuration.Parse("-P1D"), IsoDuration.Parse("P1D").Negate());
    }
}
