using System.Globalization;
using Inburgering.Engine.Timers;
using Jint.Native;
using Jint.Native.Date;
using Jint.Runtime;

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

    public static void Install(Sandbox sandbox, TimeProvider time, TimeZoneInfo zone)
    {
        Define(sandbox, "now", sandbox.Function(0, (_, _) => JsonBridge.FormatInstant(time.GetUtcNow())));
        Define(sandbox, "today", sandbox.Function(0, (_, _) => Today(time, zone)));
        Define(sandbox, "addDuration", sandbox.Function(2, (_, args) => AddDuration(sandbox, zone, args.At(0), args.At(1))));
        Define(sandbox, "daysBetween", sandbox.Function(2, (_, args) => DaysBetween(sandbox, zone, args.At(0), args.At(1))));
    }

    /// <summary>A global that scripts can neither overwrite nor delete; a variable with the same name is ignored.</summary>
    public static void Define(Sandbox sandbox, string name, JsValue value) =>
        sandbox.Engine.Global.FastAddProperty(name, value, writable: false, enumerable: false, configurable: false);

    /// <summary>today(): the current date in the configured zone, "yyyy-MM-dd".</summary>
    private static string Today(TimeProvider time, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// addDuration(dateOrDateTime, isoDuration): a date gives a date ("2026-01-31" + "P1M" = "2026-02-28"); a date-time
    /// gives a UTC date-time, with years, months, weeks and days counted on the wall clock of the zone. Negative durations
    /// ("-P1D") go back.
    /// </summary>
    private static JsValue AddDuration(Sandbox sandbox, TimeZoneInfo zone, JsValue start, JsValue duration)
    {
        var moment = ReadMoment(sandbox, zone, start, "addDuration", 1);
        if (!duration.IsString())
        {
            throw sandbox.TypeError($"addDuration: argument 2 moet een ISO 8601-duur als tekst zijn (bijvoorbeeld 'P1M'), niet {Describe(duration)}.");
        }

        if (!IsoDuration.TryParse(duration.AsString(), out var parsed, out var error))
        {
            throw sandbox.RangeError("addDuration: " + error);
        }

        try
        {
            return moment.Date is { } date
                ? parsed.AddTo(date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : JsonBridge.FormatInstant(parsed.AddTo(moment.Instant!.Value, zone));
        }
        catch (InvalidOperationException ex)
        {
            throw sandbox.RangeError("addDuration: " + ex.Message);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw sandbox.RangeError("addDuration: de uitkomst valt buiten de jaren 1 tot en met 9999.");
        }
    }

    /// <summary>daysBetween(a, b): calendar days from a to b in the configured zone (negative when b is earlier).</summary>
    private static JsValue DaysBetween(Sandbox sandbox, TimeZoneInfo zone, JsValue from, JsValue to)
    {
        var start = LocalDate(ReadMoment(sandbox, zone, from, "daysBetween", 1), zone);
        var end = LocalDate(ReadMoment(sandbox, zone, to, "daysBetween", 2), zone);
        return end.DayNumber - start.DayNumber;
    }

    private static DateOnly LocalDate(Moment moment, TimeZoneInfo zone) =>
        moment.Date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment.Instant!.Value, zone).DateTime);

    /// <summary>A date, date-time or JavaScript Date argument.</summary>
    internal static Moment ReadMoment(Sandbox sandbox, TimeZoneInfo zone, JsValue value, string function, int position)
    {
        if (value.IsString() && IsoDateTime.TryParseParts(value.AsString(), out var parts))
        {
            return parts.DateOnly ? new Moment(DateOnly.FromDateTime(parts.Local), null) : new Moment(null, parts.Resolve(zone));
        }

        if (value.IsObject() && value.AsObject() is DateInstance date && !double.IsNaN(date.PrimitiveValue))
        {
            try
            {
                return new Moment(null, DateTimeOffset.FromUnixTimeMilliseconds((long)date.PrimitiveValue));
            }
            catch (ArgumentOutOfRangeException)
            {
                // falls through to the error below
            }
        }

        throw sandbox.TypeError(
            $"{function}: argument {position} moet een datum ('2026-01-31'), een datum-tijd ('2026-01-31T09:00:00Z') of een Date zijn, niet {Describe(value)}.");
    }

    internal static string Describe(JsValue value) => value.Type switch
    {
        Types.Undefined => "undefined",
        Types.Null => "null",
        Types.String => $"'{Shorten(value.AsString())}'",
        Types.Number or Types.Boolean => TypeConverter.ToString(value),
        _ => value.AsObject() is DateInstance ? "een ongeldige Date" : "een object",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    internal readonly record struct Moment(DateOnly? Date, DateTimeOffset? Instant);
}
