using System.Globalization;
using Inburgering.Engine.Timers;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Runtime;
using JsEngine = Jint.Engine;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// The date functions every expression can use. Dates are text: a date is <c>"2026-01-31"</c>, a date-time is ISO 8601
/// (<c>"2026-01-31T09:00:00Z"</c>, with an offset, or without one = wall clock in the configured zone).
/// Functions that return a date-time return UTC with seven fraction digits (<c>"2026-01-31T08:00:00.0000000Z"</c>), so two
/// such values compare correctly as text.
/// </summary>
internal static class StandardFunctions
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { "now", "today", "addDuration", "daysBetween" };

    public static JsValue Create(EvaluationContext context, string name) => name switch
    {
        "now" => context.Function(name, 0, (_, _) => JsonBridge.FormatInstant(context.Time.GetUtcNow())),
        "today" => context.Function(name, 0, (_, _) => Today(context.Time, context.Zone)),
        "addDuration" => context.Function(name, 2, (_, args) => AddDuration(context, args.At(0), args.At(1))),
        "daysBetween" => context.Function(name, 2, (_, args) => DaysBetween(context, args.At(0), args.At(1))),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>today(): the current date in the configured zone, "yyyy-MM-dd".</summary>
    private static string Today(TimeProvider time, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// addDuration(dateOrDateTime, isoDuration): a date gives a date ("2026-01-31" + "P1M" = "2026-02-28"); a date-time
    /// gives a UTC date-time, with years, months, weeks and days counted on the wall clock of the zone. Negative durations
    /// ("-P1D") go back.
    /// </summary>
    private static JsValue AddDuration(EvaluationContext context, JsValue start, JsValue duration)
    {
        var moment = ReadMoment(context, start, "addDuration", 1);
        if (!duration.IsString())
        {
            throw context.TypeError($"addDuration: argument 2 moet een ISO 8601-duur als tekst zijn (bijvoorbeeld 'P1M'), niet {Describe(duration)}.");
        }

        if (!IsoDuration.TryParse(duration.AsString(), out var parsed, out var error))
        {
            throw context.RangeError("addDuration: " + error);
        }

        try
        {
            return moment.Date is { } date
                ? parsed.AddTo(date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : JsonBridge.FormatInstant(parsed.AddTo(moment.Instant!.Value, context.Zone));
        }
        catch (InvalidOperationException ex)
        {
            throw context.RangeError("addDuration: " + ex.Message);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw context.RangeError("addDuration: de uitkomst valt buiten de jaren 1 tot en met 9999.");
        }
    }

    /// <summary>daysBetween(a, b): calendar days from a to b in the configured zone (negative when b is earlier).</summary>
    private static JsValue DaysBetween(EvaluationContext context, JsValue from, JsValue to)
    {
        var start = LocalDate(ReadMoment(context, from, "daysBetween", 1), context.Zone);
        var end = LocalDate(ReadMoment(context, to, "daysBetween", 2), context.Zone);
        return end.DayNumber - start.DayNumber;
    }

    private static DateOnly LocalDate(Moment moment, TimeZoneInfo zone) =>
        moment.Date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment.Instant!.Value, zone).DateTime);

    /// <summary>A date, date-time or JavaScript Date argument.</summary>
    internal static Moment ReadMoment(EvaluationContext context, JsValue value, string function, int position) =>
        ReadMoment(context, value) ?? throw context.TypeError(
            $"{function}: argument {position} moet een datum ('2026-01-31'), een datum-tijd ('2026-01-31T09:00:00Z') of een Date zijn, niet {Describe(value)}.");

    /// <summary>A date, date-time or JavaScript Date, or null when the value is none of these.</summary>
    internal static Moment? ReadMoment(EvaluationContext context, JsValue value)
    {
        if (value.IsString() && IsoDateTime.TryParseParts(value.AsString(), out var parts))
        {
            return parts.DateOnly ? new Moment(DateOnly.FromDateTime(parts.Local), null) : new Moment(null, parts.Resolve(context.Zone));
        }

        if (value.IsDate() && !double.IsNaN(value.AsDate().DateValue))
        {
            try
            {
                return new Moment(null, DateTimeOffset.FromUnixTimeMilliseconds((long)value.AsDate().DateValue));
            }
            catch (ArgumentOutOfRangeException)
            {
                // falls through
            }
        }

        return null;
    }

    internal static string Describe(JsValue value) => value.Type switch
    {
        Types.Undefined => "undefined",
        Types.Null => "null",
        Types.String => $"'{Shorten(value.AsString())}'",
        Types.Number or Types.Boolean => TypeConverter.ToString(value),
        _ when value.IsDate() => "een ongeldige Date",
        _ when value.IsArray() => "een array",
        _ => "een object",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    internal readonly record struct Moment(DateOnly? Date, DateTimeOffset? Instant);
}

/// <summary>What the functions of one evaluation need: its engine, clock, zone and the error constructors it started with.</summary>
internal sealed class EvaluationContext
{
    private readonly ErrorConstructor _rangeError;

    public EvaluationContext(JsEngine engine, TimeProvider time, TimeZoneInfo zone)
    {
        Engine = engine;
        Time = time;
        Zone = zone;
        _rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
    }

    public JsEngine Engine { get; }

    public TimeProvider Time { get; }

    public TimeZoneInfo Zone { get; }

    public JavaScriptException TypeError(string message) => new(Engine.Intrinsics.TypeError, message);

    public JavaScriptException RangeError(string message) => new(_rangeError, message);

    public Jint.Runtime.Interop.ClrFunction Function(string name, int length, Func<JsValue, JsValue[], JsValue> body) =>
        new(Engine, name, body, length, Jint.Runtime.Descriptors.PropertyFlag.Configurable);
}
