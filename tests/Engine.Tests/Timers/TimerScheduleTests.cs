using Inburgering.Engine.Timers;
using static Inburgering.Engine.Tests.Support.Zones;

namespace Inburgering.Engine.Tests.Timers;

public class TimerScheduleTests
{
    private static readonly DateTimeOffset Now = At(2026, 1, 14, 10, 15, 1); // a Wednesday

    [Fact]
    public void Date_FiresOnceAtThatInstant()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Date, "2026-12-01T09:00:00Z");

        Assert.Equal(TimerKind.Date, schedule.Kind);
        Assert.Equal(1, schedule.Repetitions);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), schedule.FirstDue(Now, Amsterdam));
        Assert.Null(schedule.NextDue(schedule.FirstDue(Now, Amsterdam), 1, Amsterdam));
    }

    [Fact]
    public void Date_WithoutOffset_IsReadInTheZone()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Date, "2026-07-01");

        Assert.Equal(At(2026, 7, 1, 0, 0, 2), schedule.FirstDue(Now, Amsterdam));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), schedule.FirstDue(Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Duration_IsDueAtNowPlusDuration()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Duration, "P14D");

        Assert.Equal(1, schedule.Repetitions);
        Assert.Equal(At(2026, 1, 28, 10, 15, 1), schedule.FirstDue(Now, Amsterdam));
        Assert.Null(schedule.NextDue(At(2026, 1, 28, 10, 15, 1), 1, Amsterdam));
    }

    [Fact]
    public void Duration_Negative_IsRejected()
    {
        Assert.False(TimerSchedule.TryParse(TimerKind.Duration, "-PT5M", out var schedule, out var error));

        Assert.Null(schedule);
        Assert.Equal("timer.duration-negative", error.Code);
        Assert.Equal("-PT5M", error.Arguments["text"]);
    }

    [Fact]
    public void Cycle_CountedWithoutStart_FiresNTimesFromNow()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R3/PT10M");
        var first = schedule.FirstDue(Now, Amsterdam);

        var second = schedule.NextDue(first, 1, Amsterdam, firstDue: first);
        var third = schedule.NextDue(second!.Value, 2, Amsterdam, firstDue: first);

        Assert.Equal(3, schedule.Repetitions);
        Assert.Equal(Now.AddMinutes(10), first);
        Assert.Equal(Now.AddMinutes(20), second);
        Assert.Equal(Now.AddMinutes(30), third);
        Assert.Null(schedule.NextDue(third!.Value, 3, Amsterdam, firstDue: first));
    }

    [Fact]
    public void Cycle_Unbounded_HasNoRepetitionLimit()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/P3M");

        Assert.Null(schedule.Repetitions);
        Assert.NotNull(schedule.NextDue(At(2030, 1, 1, 9, 0, 1), 1000, Amsterdam));
    }

    [Fact]
    public void Cycle_MonthlyFromJanuary31_CountsFromFirstDueSoMonthEndsDoNotDrift()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/P1M");
        var first = schedule.FirstDue(At(2025, 12, 31, 9, 0, 1), Amsterdam);

        var february = schedule.NextDue(first, 1, Amsterdam, firstDue: first);
        var march = schedule.NextDue(february!.Value, 2, Amsterdam, firstDue: first);

        Assert.Equal(At(2026, 1, 31, 9, 0, 1), first);
        Assert.Equal(At(2026, 2, 28, 9, 0, 1), february);
        Assert.Equal(At(2026, 3, 31, 9, 0, 2), march);
    }

    [Fact]
    public void Cycle_WithoutFirstDue_AddsToPreviousDue()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/P1M");

        Assert.Equal(At(2026, 3, 28, 9, 0, 1), schedule.NextDue(At(2026, 2, 28, 9, 0, 1), 2, Amsterdam));
    }

    [Fact]
    public void Cycle_WithStart_IsFirstDueAtStartThenCountsFromStart()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R3/2026-01-01T09:00:00Z/P1D");
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(3, schedule.Repetitions);
        Assert.Equal(start, schedule.FirstDue(Now, Amsterdam));
        Assert.Equal(start.AddDays(1), schedule.NextDue(start, 1, Amsterdam));
        Assert.Equal(start.AddDays(2), schedule.NextDue(start.AddDays(1), 2, Amsterdam));
        Assert.Null(schedule.NextDue(start.AddDays(2), 3, Amsterdam));
    }

    [Fact]
    public void Cycle_WithDateOnlyStart_StartsAtMidnightInZoneAndKeepsMonthEnds()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/2026-01-31/P1M");

        Assert.Equal(At(2026, 1, 31, 0, 0, 1), schedule.FirstDue(Now, Amsterdam));
        Assert.Equal(At(2026, 2, 28, 0, 0, 1), schedule.NextDue(At(2026, 1, 31, 0, 0, 1), 1, Amsterdam));
        Assert.Equal(At(2026, 3, 31, 0, 0, 2), schedule.NextDue(At(2026, 2, 28, 0, 0, 1), 2, Amsterdam));
    }

    [Fact]
    public void Cycle_Cron_IsDueAtNextMatchInZoneAndRepeatsUnbounded()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "0 0 9 ? * MON");

        var first = schedule.FirstDue(Now, Amsterdam);
        var second = schedule.NextDue(first, 1, Amsterdam);

        Assert.Null(schedule.Repetitions);
        Assert.Equal(At(2026, 1, 19, 9, 0, 1), first);
        Assert.Equal(At(2026, 1, 26, 9, 0, 1), second);
    }

    [Fact]
    public void Cycle_CronAcrossSpringForward_StaysAtNineLocal()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "0 0 9 ? * MON");

        var next = schedule.NextDue(At(2026, 3, 23, 9, 0, 1), 10, Amsterdam);

        Assert.Equal(At(2026, 3, 30, 9, 0, 2), next);
    }

    [Theory]
    [InlineData("R0/PT1M", "timer.cycle-repetitions-invalid", null)]
    [InlineData("RX/PT1M", "timer.cycle-repetitions-invalid", null)]
    [InlineData("R/PT0S", "timer.cycle-duration-not-positive", null)]
    [InlineData("R/-P1D", "timer.cycle-duration-not-positive", null)]
    [InlineData("R5", "timer.cycle-invalid", null)]
    [InlineData("R/P1D/2026-01-01", "timer.cycle-end-form", null)]
    [InlineData("R/morgen/P1D", "timer.cycle-start-invalid", null)]
    [InlineData("R/2026-01-01/P1H", "timer.cycle-duration-invalid", "duration.invalid")]
    [InlineData("PT10M", "timer.cycle-invalid", null)]
    [InlineData("0 0 25 ? * MON", "timer.cron-invalid", null)]
    [InlineData("0 9 * * 1", "timer.cron-five-fields", null)]
    [InlineData("  ", "timer.cycle-empty", null)]
    public void Cycle_BadSpec_IsRejectedWithReason(string text, string code, string? cause)
    {
        Assert.False(TimerSchedule.TryParse(TimerKind.Cycle, text, out var schedule, out var error));

        Assert.Null(schedule);
        Assert.Equal(code, error.Code);
        Assert.Equal(cause, error.Cause?.Code);
        var ex = Assert.Throws<FormatException>(() => TimerSchedule.Parse(TimerKind.Cycle, text));
        Assert.Equal(error.Message, ex.Message);
    }

    [Theory]
    [InlineData(TimerKind.Date, "1 december", "timer.date-invalid")]
    [InlineData(TimerKind.Duration, "5 minuten", "duration.invalid")]
    [InlineData(TimerKind.Duration, "", "timer.duration-empty")]
    public void Parse_BadSpec_ThrowsFormatExceptionWithItsText(object kind, string text, string code)
    {
        Assert.False(TimerSchedule.TryParse((TimerKind)kind, text, out _, out var error));

        Assert.Equal(code, error.Code);
        var ex = Assert.Throws<FormatException>(() => TimerSchedule.Parse((TimerKind)kind, text));
        Assert.Equal(error.Message, ex.Message);
    }

    [Fact]
    public void NextDue_FiredSoFarBelowOne_Throws()
    {
        var schedule = TimerSchedule.Parse(TimerKind.Cycle, "R/P1D");

        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.NextDue(Now, 0, Amsterdam));
    }
}
