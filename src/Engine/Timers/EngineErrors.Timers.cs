namespace Inburgering.Engine;

/// <summary>The codes of timer texts (timeDate, timeDuration, timeCycle) and ISO 8601 durations that do not read.</summary>
public static partial class EngineErrors
{
    internal static readonly ErrorCode TimerDateEmpty = new("timer.date-empty", Invalid, "The timer date is empty.");

    internal static readonly ErrorCode TimerDurationEmpty = new("timer.duration-empty", Invalid, "The timer duration is empty.");

    internal static readonly ErrorCode TimerCycleEmpty = new("timer.cycle-empty", Invalid, "The timer cycle is empty.");

    internal static readonly ErrorCode TimerDateInvalid = new("timer.date-invalid", Invalid,
        "'{text}' is not a valid ISO 8601 date or time (e.g. 2026-12-01T09:00:00Z, 2026-12-01T09:00:00+01:00, 2026-12-01T09:00 or 2026-12-01).");

    internal static readonly ErrorCode TimerDurationNegative = new("timer.duration-negative", Invalid,
        "The timer duration '{text}' is negative; a timer cannot fall due in the past.");

    internal static readonly ErrorCode TimerCycleInvalid = new("timer.cycle-invalid", Invalid,
        "'{text}' is not a valid timer cycle (e.g. R/P3M, R5/P1W, R3/2026-01-01T09:00:00Z/P1D or a Quartz cron expression such as 0 0 9 ? * MON).");

    internal static readonly ErrorCode TimerCycleRepetitionsInvalid = new("timer.cycle-repetitions-invalid", Invalid,
        "In the timer cycle '{text}', '{part}' is not a valid number of repetitions (R, or R followed by a number of at least 1).");

    internal static readonly ErrorCode TimerCycleEndForm = new("timer.cycle-end-form", Invalid,
        "The timer cycle '{text}' has the form repetitions/duration/end; that is not supported, use repetitions/start/duration (e.g. R3/2026-01-01T09:00:00Z/P1D).");

    internal static readonly ErrorCode TimerCycleStartInvalid = new("timer.cycle-start-invalid", Invalid,
        "In the timer cycle '{text}', '{part}' is not a valid ISO 8601 date or time.");

    internal static readonly ErrorCode TimerCycleDurationInvalid = new("timer.cycle-duration-invalid", Invalid, "In the timer cycle '{text}': {cause}");

    internal static readonly ErrorCode TimerCycleTooFrequent = new("timer.cycle-too-frequent", Invalid,
        "The timer cycle '{text}' repeats more often than once per {min}; that would fire without end in real time.");

    internal static readonly ErrorCode TimerCycleDurationNotPositive = new("timer.cycle-duration-not-positive", Invalid,
        "In the timer cycle '{text}' the duration '{duration}' must be greater than zero.");

    internal static readonly ErrorCode TimerCronInvalid = new("timer.cron-invalid", Invalid, "'{text}' is not a valid cron expression: {reason}");

    internal static readonly ErrorCode TimerCronFiveFields = new("timer.cron-five-fields", Invalid,
        "'{text}' is not a valid cron expression: {reason} A Quartz cron has 6 or 7 fields and starts with the seconds (e.g. 0 0 9 ? * MON).");

    // ---------------------------------------------------------------- ISO 8601 durations

    internal static readonly ErrorCode DurationInvalid = new("duration.invalid", Invalid, "'{text}' is not a valid ISO 8601 duration: {cause}.");

    internal static readonly ErrorCode DurationEmpty = new("duration.empty", Invalid, "the text is empty");

    internal static readonly ErrorCode DurationMissingP = new("duration.missing-p", Invalid, "a duration starts with 'P' (e.g. P3M, PT10M or -P1D)");

    internal static readonly ErrorCode DurationNoComponents = new("duration.no-components", Invalid, "no component follows 'P' (e.g. P1D)");

    internal static readonly ErrorCode DurationDoubleT = new("duration.double-t", Invalid, "the 'T' occurs twice");

    internal static readonly ErrorCode DurationNoTimeComponents = new("duration.no-time-components", Invalid,
        "no hours, minutes or seconds follow 'T' (e.g. PT10M)");

    internal static readonly ErrorCode DurationFractionNotLast = new("duration.fraction-not-last", Invalid, "only the last component may have a fraction");

    internal static readonly ErrorCode DurationNumberMissing = new("duration.number-missing", Invalid, "no number precedes '{unit}'");

    internal static readonly ErrorCode DurationUnexpectedCharacter = new("duration.unexpected-character", Invalid, "unexpected character '{character}'");

    internal static readonly ErrorCode DurationFractionDigitsMissing = new("duration.fraction-digits-missing", Invalid,
        "the digits of the fraction are missing after '{number}'");

    internal static readonly ErrorCode DurationUnitMissing = new("duration.unit-missing", Invalid,
        "the unit is missing after '{number}' (Y, M, W or D, or after the T: H, M or S)");

    internal static readonly ErrorCode DurationHoursBeforeT = new("duration.hours-before-t", Invalid, "hours ('H') come after the 'T' (e.g. PT1H)");

    internal static readonly ErrorCode DurationSecondsBeforeT = new("duration.seconds-before-t", Invalid, "seconds ('S') come after the 'T' (e.g. PT30S)");

    internal static readonly ErrorCode DurationDateUnitAfterT = new("duration.date-unit-after-t", Invalid,
        "'{unit}' comes before the 'T' (e.g. P1{unit}T2H)");

    internal static readonly ErrorCode DurationUnitUnknown = new("duration.unit-unknown", Invalid, "unknown unit '{unit}'");

    internal static readonly ErrorCode DurationUnitOrder = new("duration.unit-order", Invalid,
        "'{unit}' occurs twice or in the wrong place; the order is PnYnMnWnDTnHnMnS");

    internal static readonly ErrorCode DurationNumberTooLarge = new("duration.number-too-large", Invalid, "the number {number} is too large");

    internal static readonly ErrorCode DurationFractionNotAllowed = new("duration.fraction-not-allowed", Invalid,
        "a fraction is only allowed on hours, minutes or seconds (e.g. PT1.5H)");

    internal static readonly ErrorCode DurationFractionTooLong = new("duration.fraction-too-long", Invalid, "the fraction has too many digits");

    internal static readonly ErrorCode DurationTooLarge = new("duration.too-large", Invalid, "the duration is too large");
}
