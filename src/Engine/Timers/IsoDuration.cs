using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Inburgering.Engine.Timers;

/// <summary>
/// An ISO 8601 duration such as <c>P3M</c>, <c>P1Y2M10DT2H30M</c>, <c>P2W</c>, <c>PT1.5H</c> or <c>-P1D</c>.
/// Components are kept as written (P1M stays one month, PT90M stays ninety minutes); only a fraction is spread over
/// smaller units (PT1.5H becomes PT1H30M). All components are non-negative; <see cref="IsNegative"/> carries the sign.
/// </summary>
/// <remarks>
/// Adding applies the calendar part first (years and months, clamped to the end of a shorter month, then weeks and
/// days) on the wall clock of the given zone, so a DST change does not move 09:00 to 10:00; the time part
/// (hours, minutes, seconds) is then added as exact elapsed time. A negative duration applies each part backwards
/// in the same order.
/// </remarks>
public readonly record struct IsoDuration
{
    private const int MaxTotalMonths = 12 * 10_000;
    private const int MaxTotalDays = 3_660_000;
    private static readonly decimal MaxTotalSeconds = (decimal)TimeSpan.MaxValue.TotalSeconds / 2;

    public IsoDuration(int years, int months, int weeks, int days, int hours, int minutes, decimal seconds, bool isNegative = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 0m); // not ThrowIfNegative: decimal arithmetic can yield -0
        Years = years;
        Months = months;
        Weeks = weeks;
        Days = days;
        Hours = hours;
        Minutes = minutes;
        Seconds = seconds == 0 ? 0m : seconds;
        IsNegative = isNegative && !(years == 0 && months == 0 && weeks == 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0);
    }

    public int Years { get; }
    public int Months { get; }
    public int Weeks { get; }
    public int Days { get; }
    public int Hours { get; }
    public int Minutes { get; }

    /// <summary>Seconds, possibly with a fraction (PT0.5S).</summary>
    public decimal Seconds { get; }

    public bool IsNegative { get; }

    public bool IsZero => !HasCalendarComponents && !HasTimeComponents;

    /// <summary>True when years, months, weeks or days are set.</summary>
    public bool HasCalendarComponents => Years != 0 || Months != 0 || Weeks != 0 || Days != 0;

    /// <summary>True when hours, minutes or seconds are set.</summary>
    public bool HasTimeComponents => Hours != 0 || Minutes != 0 || Seconds != 0;

    /// <summary>Parses an ISO 8601 duration; throws <see cref="FormatException"/> with the (English) message naming the text.</summary>
    public static IsoDuration Parse(string text)
    {
        if (!TryParseCoded(text, out var value, out var error))
        {
            throw new FormatException(error.Message);
        }

        return value;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out IsoDuration value) => TryParse(text, out value, out _);

    /// <summary>
    /// Like <see cref="TryParse(string?, out IsoDuration)"/>, with a Dutch sentence explaining a failure. This form serves the
    /// expression functions (<c>addDuration</c>), whose messages speak to the person who wrote the expression in Dutch; the
    /// engine itself reads the coded form (<see cref="TryParseCoded"/>), which hosts word themselves.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IsoDuration value, [NotNullWhen(false)] out string? error)
    {
        var parsed = TryParseCoded(text, out value, out var coded);
        error = coded?.Render(ExpressionTexts.GetValueOrDefault);
        return parsed;
    }

    /// <summary>The Dutch wording of the duration codes for <see cref="TryParse(string?, out IsoDuration, out string?)"/>.</summary>
    private static readonly FrozenDictionary<string, string> ExpressionTexts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["duration.invalid"] = "'{text}' is geen geldige ISO 8601-duur: {cause}.",
        ["duration.empty"] = "de tekst is leeg",
        ["duration.missing-p"] = "een duur begint met 'P' (bijvoorbeeld P3M, PT10M of -P1D)",
        ["duration.no-components"] = "na 'P' volgt geen enkel onderdeel (bijvoorbeeld P1D)",
        ["duration.double-t"] = "de 'T' staat er twee keer in",
        ["duration.no-time-components"] = "na 'T' volgen geen uren, minuten of seconden (bijvoorbeeld PT10M)",
        ["duration.fraction-not-last"] = "alleen het laatste onderdeel mag een breuk hebben",
        ["duration.number-missing"] = "vóór '{unit}' staat geen getal",
        ["duration.unexpected-character"] = "onverwacht teken '{character}'",
        ["duration.fraction-digits-missing"] = "na '{number}' ontbreken de cijfers van de breuk",
        ["duration.unit-missing"] = "na '{number}' ontbreekt de eenheid (Y, M, W of D, of na de T: H, M of S)",
        ["duration.hours-before-t"] = "uren ('H') horen na de 'T' (bijvoorbeeld PT1H)",
        ["duration.seconds-before-t"] = "seconden ('S') horen na de 'T' (bijvoorbeeld PT30S)",
        ["duration.date-unit-after-t"] = "'{unit}' hoort vóór de 'T' (bijvoorbeeld P1{unit}T2H)",
        ["duration.unit-unknown"] = "onbekende eenheid '{unit}'",
        ["duration.unit-order"] = "'{unit}' staat dubbel of op de verkeerde plaats; de volgorde is PnYnMnWnDTnHnMnS",
        ["duration.number-too-large"] = "het getal {number} is te groot",
        ["duration.fraction-not-allowed"] = "een breuk is alleen toegestaan bij uren, minuten of seconden (bijvoorbeeld PT1.5H)",
        ["duration.fraction-too-long"] = "de breuk heeft te veel cijfers",
        ["duration.too-large"] = "de duur is te groot",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Like <see cref="TryParse(string?, out IsoDuration)"/>, with the coded reason of a failure (<c>duration.invalid</c> and its cause).</summary>
    internal static bool TryParseCoded([NotNullWhen(true)] string? text, out IsoDuration value, [NotNullWhen(false)] out EngineError? error)
    {
        var reason = TryParseCore(text?.Trim() ?? "", out value);
        error = reason is null ? null : EngineErrors.DurationInvalid.Because(reason, ("text", text));
        return reason is null;
    }

    /// <summary>
    /// Adds this duration to <paramref name="instant"/>: the calendar part on the wall clock of <paramref name="zone"/>
    /// (P1M from 31 January gives the last day of February; P1D keeps 09:00 across a DST change), then the time part
    /// as exact elapsed time. The result is expressed in the zone's offset.
    /// </summary>
    public DateTimeOffset AddTo(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var sign = IsNegative ? -1 : 1;
        var result = ZonedTime.ToZone(instant, zone);
        if (HasCalendarComponents)
        {
            var local = result.DateTime
                .AddMonths(checked(sign * ((Years * 12) + Months)))
                .AddDays(checked(sign * ((Weeks * 7) + Days)));
            result = ZonedTime.Resolve(local, zone, preferredOffset: result.Offset);
        }

        if (HasTimeComponents)
        {
            result = ZonedTime.ToZone(result.Add(sign * TimePart), zone);
        }

        return result;
    }

    /// <summary>
    /// Adds this duration to a date: years and months (clamped to the month's end), then weeks and days.
    /// A time part is allowed only when it is a whole number of days (PT48H); otherwise <see cref="InvalidOperationException"/>.
    /// </summary>
    public DateOnly AddTo(DateOnly date)
    {
        var sign = IsNegative ? -1 : 1;
        var extraDays = 0L;
        if (HasTimeComponents)
        {
            var ticks = TimePart.Ticks;
            if (ticks % TimeSpan.TicksPerDay != 0)
            {
                // Read by the expression function addDuration, whose messages are Dutch (see TryParse).
                throw new InvalidOperationException(
                    $"De duur {this} bevat een tijdsdeel dat geen hele dagen is en kan niet bij een datum zonder tijd worden opgeteld.");
            }

            extraDays = ticks / TimeSpan.TicksPerDay;
        }

        return date
            .AddMonths(checked(sign * ((Years * 12) + Months)))
            .AddDays(checked(sign * (int)((Weeks * 7L) + Days + extraDays)));
    }

    /// <summary>The same duration with the opposite sign.</summary>
    public IsoDuration Negate() => new(Years, Months, Weeks, Days, Hours, Minutes, Seconds, !IsNegative);

    /// <summary>Every component multiplied by <paramref name="factor"/> (used to count cycles from their start without drift).</summary>
    public IsoDuration Multiply(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(factor);
        return new IsoDuration(
            checked(Years * factor),
            checked(Months * factor),
            checked(Weeks * factor),
            checked(Days * factor),
            checked(Hours * factor),
            checked(Minutes * factor),
            Seconds * factor,
            IsNegative);
    }

    /// <summary>Canonical ISO 8601 text, e.g. <c>P1Y2M</c>, <c>PT1H30M</c>, <c>-P1D</c>; the zero duration is <c>PT0S</c>.</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "PT0S";
        }

        var text = new StringBuilder(IsNegative ? "-P" : "P");
        Append(text, Years, 'Y');
        Append(text, Months, 'M');
        Append(text, Weeks, 'W');
        Append(text, Days, 'D');
        if (HasTimeComponents)
        {
            text.Append('T');
            Append(text, Hours, 'H');
            Append(text, Minutes, 'M');
            if (Seconds != 0)
            {
                text.Append(Seconds.ToString("0.############################", CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return text.ToString();
    }

    /// <summary>Hours, minutes and seconds as elapsed time (rounded to whole ticks).</summary>
    internal TimeSpan TimePart
    {
        get
        {
            var totalSeconds = (Hours * 3600m) + (Minutes * 60m) + Seconds;
            return TimeSpan.FromTicks((long)decimal.Round(totalSeconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero));
        }
    }

    private static void Append(StringBuilder text, int value, char unit)
    {
        if (value != 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    /// <summary>Returns null when <paramref name="s"/> is a valid duration, else the reason.</summary>
    private static EngineError? TryParseCore(string s, out IsoDuration value)
    {
        value = default;
        if (s.Length == 0)
        {
            return EngineErrors.DurationEmpty.With();
        }

        var i = 0;
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i = 1;
        }

        if (i >= s.Length || char.ToUpperInvariant(s[i]) != 'P')
        {
            return EngineErrors.DurationMissingP.With();
        }

        i++;
        if (i == s.Length)
        {
            return EngineErrors.DurationNoComponents.With();
        }

        // Ranks: Y M W D | H M S
        var parts = new long[7];
        var fraction = 0m;
        var fractionRank = -1;
        var lastRank = -1;
        var inTime = false;
        var anyTimeComponent = false;
        while (i < s.Length)
        {
            var c = char.ToUpperInvariant(s[i]);
            if (c == 'T')
            {
                if (inTime)
                {
                    return EngineErrors.DurationDoubleT.With();
                }

                inTime = true;
                i++;
                if (i == s.Length)
                {
                    return EngineErrors.DurationNoTimeComponents.With();
                }

                continue;
            }

            if (fractionRank >= 0)
            {
                return EngineErrors.DurationFractionNotLast.With();
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return char.IsAsciiLetter(c)
                    ? EngineErrors.DurationNumberMissing.With(("unit", s[i]))
                    : EngineErrors.DurationUnexpectedCharacter.With(("character", s[i]));
            }

            var number = s[start..i];
            string? fractionDigits = null;
            if (i < s.Length && s[i] is '.' or ',')
            {
                i++;
                var fractionStart = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                if (i == fractionStart)
                {
                    return EngineErrors.DurationFractionDigitsMissing.With(("number", $"{number}{s[fractionStart - 1]}"));
                }

                fractionDigits = s[fractionStart..i];
            }

            if (i == s.Length)
            {
                return EngineErrors.DurationUnitMissing.With(("number", s[start..i]));
            }

            var unit = char.ToUpperInvariant(s[i]);
            i++;
            var rank = inTime
                ? unit switch { 'H' => 4, 'M' => 5, 'S' => 6, _ => -1 }
                : unit switch { 'Y' => 0, 'M' => 1, 'W' => 2, 'D' => 3, _ => -1 };
            if (rank < 0)
            {
                return (inTime, unit) switch
                {
                    (false, 'H') => EngineErrors.DurationHoursBeforeT.With(),
                    (false, 'S') => EngineErrors.DurationSecondsBeforeT.With(),
                    (true, 'Y' or 'W' or 'D') => EngineErrors.DurationDateUnitAfterT.With(("unit", unit)),
                    _ => EngineErrors.DurationUnitUnknown.With(("unit", s[i - 1])),
                };
            }

            if (rank <= lastRank)
            {
                return EngineErrors.DurationUnitOrder.With(("unit", unit));
            }

            lastRank = rank;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
            {
                return EngineErrors.DurationNumberTooLarge.With(("number", number));
            }

            parts[rank] = whole;
            if (fractionDigits is not null)
            {
                if (rank < 4)
                {
                    return EngineErrors.DurationFractionNotAllowed.With();
                }

                if (fractionDigits.Length > 18)
                {
                    return EngineErrors.DurationFractionTooLong.With();
                }

                fractionRank = rank;
                fraction = decimal.Parse("0." + fractionDigits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            }

            if (inTime)
            {
                anyTimeComponent = true;
            }
        }

        if (inTime && !anyTimeComponent)
        {
            return EngineErrors.DurationNoTimeComponents.With();
        }

        // Spread a fraction over smaller units: PT1.5H = PT1H30M, PT1.5M = PT1M30S.
        var minutes = (decimal)parts[5];
        var seconds = (decimal)parts[6];
        switch (fractionRank)
        {
            case 4:
                var extraMinutes = fraction * 60;
                minutes += decimal.Truncate(extraMinutes);
                seconds += (extraMinutes - decimal.Truncate(extraMinutes)) * 60;
                break;
            case 5:
                seconds += fraction * 60;
                break;
            case 6:
                seconds += fraction;
                break;
        }

        if ((parts[0] * 12) + parts[1] > MaxTotalMonths
            || (parts[2] * 7) + parts[3] > MaxTotalDays
            || (parts[4] * 3600m) + (minutes * 60) + seconds > MaxTotalSeconds)
        {
            return EngineErrors.DurationTooLarge.With();
        }

        value = new IsoDuration(
            (int)parts[0], (int)parts[1], (int)parts[2], (int)parts[3], (int)parts[4], (int)minutes, seconds, negative);
        return null;
    }
}
