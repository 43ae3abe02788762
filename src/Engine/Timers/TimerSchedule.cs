using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Quartz;

namespace Inburgering.Engine.Timers;

/// <summary>The three BPMN timer definitions: timeDate, timeDuration and timeCycle.</summary>
internal enum TimerKind
{
    Date,
    Duration,
    Cycle,
}

/// <summary>
/// When a BPMN timer is due. Parsed from the already evaluated text of a timer definition:
/// <list type="bullet">
/// <item><b>Date</b>: an ISO date-time (<c>2026-12-01T09:00:00Z</c>, with an offset, without one = wall clock in the zone,
/// or a date alone = midnight in the zone). Fires once.</item>
/// <item><b>Duration</b>: an ISO duration (<c>P14D</c>, <c>PT5M</c>); due at now + duration. Fires once.</item>
/// <item><b>Cycle</b>: <c>R/P3M</c> (unbounded), <c>R5/PT10M</c>, <c>R3/2026-01-01T09:00:00Z/P1D</c> (first due at the start),
/// <c>R/2026-01-01/P1M</c>, or a Quartz cron expression such as <c>0 0 9 ? * MON</c> (seconds first; repeats unbounded).</item>
/// </list>
/// Cycles count from their anchor (the start, or the first due time), so P1M from 31 January gives 28/29 February and then
/// 31 March, not 28 March.
/// </summary>
internal sealed class TimerSchedule
{
    private readonly IsoDateTimeParts? _start;
    private readonly IsoDuration? _duration;
    private readonly string? _cron;

    private TimerSchedule(TimerKind kind, string text, int? repetitions, IsoDateTimeParts? start, IsoDuration? duration, string? cron)
    {
        Kind = kind;
        Text = text;
        Repetitions = repetitions;
        _start = start;
        _duration = duration;
        _cron = cron;
    }

    public TimerKind Kind { get; }

    /// <summary>The definition as parsed (trimmed).</summary>
    public string Text { get; }

    /// <summary>How often the timer fires: 1 for Date and Duration; for a cycle the n of Rn, or null when unbounded (R/…, cron).</summary>
    public int? Repetitions { get; }

    /// <summary>Parses a timer definition; throws <see cref="FormatException"/> with a message naming the text.</summary>
    public static TimerSchedule Parse(TimerKind kind, string text)
    {
        if (!TryParse(kind, text, out var schedule, out var error))
        {
            throw new FormatException(error.Message);
        }

        return schedule;
    }

    public static bool TryParse(
        TimerKind kind,
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out TimerSchedule? schedule,
        [NotNullWhen(false)] out EngineError? error)
    {
        schedule = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = kind switch
            {
                TimerKind.Date => EngineErrors.TimerDateEmpty.With(),
                TimerKind.Duration => EngineErrors.TimerDurationEmpty.With(),
                _ => EngineErrors.TimerCycleEmpty.With(),
            };
            return false;
        }

        error = kind switch
        {
            TimerKind.Date => ParseDate(trimmed, out schedule),
            TimerKind.Duration => ParseDuration(trimmed, out schedule),
            TimerKind.Cycle => ParseCycle(trimmed, out schedule),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of timer."),
        };
        return error is null;
    }

    /// <summary>The first time the timer is due, given the moment it starts (<paramref name="now"/>).</summary>
    /// <remarks>A cycle with a start in the past is due at that start; the engine then fires it as overdue.</remarks>
    public DateTimeOffset FirstDue(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (_cron is not null)
        {
            return Cron(zone).GetNextValidTimeAfter(now)
                ?? throw new InvalidOperationException($"The cron expression '{_cron}' has no moment after {now:o}.");
        }

        if (_start is { } start)
        {
            return ZonedTime.ToZone(start.Resolve(zone), zone);
        }

        return _duration!.Value.AddTo(now, zone);
    }

    /// <summary>
    /// The next due time after the timer fired at <paramref name="previousDue"/> for the <paramref name="firedSoFar"/>-th time
    /// (counting that firing), or null when it is done.
    /// </summary>
    /// <param name="previousDue">The due time that just fired.</param>
    /// <param name="firedSoFar">How many times the timer has fired, at least 1.</param>
    /// <param name="zone">The zone for calendar arithmetic and cron.</param>
    /// <param name="firstDue">
    /// For a cycle without start (<c>R5/P1M</c>): the first due time, so every next time is counted from it and month ends do
    /// not drift. Without it the next time is <paramref name="previousDue"/> + duration, which can drift after a short month
    /// (31 Jan → 28 Feb → 28 Mar). Ignored for the other timers.
    /// </param>
    public DateTimeOffset? NextDue(DateTimeOffset previousDue, int firedSoFar, TimeZoneInfo zone, DateTimeOffset? firstDue = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(firedSoFar, 1);
        if (Kind != TimerKind.Cycle || (Repetitions is { } repetitions && firedSoFar >= repetitions))
        {
            return null;
        }

        if (_cron is not null)
        {
            return Cron(zone).GetNextValidTimeAfter(previousDue);
        }

        var duration = _duration!.Value;
        if (_start is { } start)
        {
            return duration.Multiply(firedSoFar).AddTo(start.Resolve(zone), zone);
        }

        return firstDue is { } anchor
            ? duration.Multiply(firedSoFar).AddTo(anchor, zone)
            : duration.AddTo(previousDue, zone);
    }

    public override string ToString() => Text;

    private CronExpression Cron(TimeZoneInfo zone) => new(_cron!, zone);

    private static EngineError? ParseDate(string text, out TimerSchedule? schedule)
    {
        schedule = null;
        if (!IsoDateTime.TryParseParts(text, out var parts))
        {
            return EngineErrors.TimerDateInvalid.With(("text", text));
        }

        schedule = new TimerSchedule(TimerKind.Date, text, 1, parts, duration: null, cron: null);
        return null;
    }

    private static EngineError? ParseDuration(string text, out TimerSchedule? schedule)
    {
        schedule = null;
        if (!IsoDuration.TryParseCoded(text, out var duration, out var error))
        {
            return error;
        }

        if (duration.IsNegative)
        {
            return EngineErrors.TimerDurationNegative.With(("text", text));
        }

        schedule = new TimerSchedule(TimerKind.Duration, text, 1, start: null, duration, cron: null);
        return null;
    }

    /// <summary>The shortest interval a cycle may repeat at (a cycle of R/PT0.001S would fire without end in real time).</summary>
    public static readonly TimeSpan MinCycleInterval = TimeSpan.FromSeconds(1);

    private const string MinCycleIntervalText = "PT1S";

    private static EngineError? ParseCycle(string text, out TimerSchedule? schedule)
    {
        schedule = null;
        if (text[0] is not ('R' or 'r'))
        {
            return text.Any(char.IsWhiteSpace)
                ? ParseCron(text, out schedule)
                : EngineErrors.TimerCycleInvalid.With(("text", text));
        }

        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3)
        {
            return EngineErrors.TimerCycleInvalid.With(("text", text));
        }

        int? repetitions = null;
        var count = parts[0][1..];
        if (count.Length > 0)
        {
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return EngineErrors.TimerCycleRepetitionsInvalid.With(("text", text), ("part", parts[0]));
            }

            repetitions = n;
        }

        IsoDateTimeParts? start = null;
        var durationText = parts[^1];
        if (parts.Length == 3)
        {
            if (IsoDuration.TryParse(parts[1], out _) && IsoDateTime.TryParseParts(parts[2], out _))
            {
                return EngineErrors.TimerCycleEndForm.With(("text", text));
            }

            if (!IsoDateTime.TryParseParts(parts[1], out var parsedStart))
            {
                return EngineErrors.TimerCycleStartInvalid.With(("text", text), ("part", parts[1]));
            }

            start = parsedStart;
        }

        if (!IsoDuration.TryParseCoded(durationText, out var duration, out var durationError))
        {
            return EngineErrors.TimerCycleDurationInvalid.Because(durationError, ("text", text));
        }

        if (duration.IsNegative || duration.IsZero)
        {
            return EngineErrors.TimerCycleDurationNotPositive.With(("text", text), ("duration", durationText));
        }

        var reference = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (duration.AddTo(reference, TimeZoneInfo.Utc) - reference < MinCycleInterval)
        {
            return EngineErrors.TimerCycleTooFrequent.With(("text", text), ("min", MinCycleIntervalText));
        }

        schedule = new TimerSchedule(TimerKind.Cycle, text, repetitions, start, duration, cron: null);
        return null;
    }

    private static EngineError? ParseCron(string text, out TimerSchedule? schedule)
    {
        schedule = null;
        try
        {
            _ = new CronExpression(text);
        }
        catch (FormatException ex)
        {
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            return (fields == 5 ? EngineErrors.TimerCronFiveFields : EngineErrors.TimerCronInvalid).With(("text", text), ("reason", ex.Message));
        }

        schedule = new TimerSchedule(TimerKind.Cycle, text, repetitions: null, start: null, duration: null, cron: text);
        return null;
    }
}
