using System.Globalization;
using System.Text.RegularExpressions;

namespace Inburgering.Engine.Timers;

/// <summary>
/// ISO 8601 dates and date-times as they appear in BPMN timers and expressions:
/// <c>2026-12-01T09:00:00Z</c>, <c>2026-12-01T09:00:00+01:00</c>, <c>2026-12-01T09:00</c> (wall clock in the zone),
/// <c>2026-12-01</c> (midnight in the zone). Seconds may carry up to seven fraction digits.
/// </summary>
internal static partial class IsoDateTime
{
    /// <summary>Parses <paramref name="text"/>; a time without offset, or a date alone, is read in <paramref name="zone"/>.</summary>
    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(zone);
        value = default;
        if (!TryParseParts(text, out var parts))
        {
            return false;
        }

        value = parts.Resolve(zone);
        return true;
    }

    /// <summary>Parses without deciding the zone yet (a timer is parsed before the zone is known).</summary>
    internal static bool TryParseParts(string? text, out IsoDateTimeParts parts)
    {
        parts = default;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = Number(match, "year");
        var month = Number(match, "month");
        var day = Number(match, "day");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (!match.Groups["hour"].Success)
        {
            parts = new IsoDateTimeParts(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified), Offset: null, DateOnly: true);
            return true;
        }

        var hour = Number(match, "hour");
        var minute = Number(match, "minute");
        var second = match.Groups["second"].Success ? Number(match, "second") : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (match.Groups["fraction"].Success)
        {
            var digits = match.Groups["fraction"].Value.PadRight(7, '0');
            local = local.AddTicks(long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        TimeSpan? offset = null;
        var zoneText = match.Groups["offset"].Value;
        if (zoneText.Length > 0)
        {
            if (zoneText is "Z" or "z")
            {
                offset = TimeSpan.Zero;
            }
            else
            {
                var digits = zoneText[1..].Replace(":", "", StringComparison.Ordinal);
                var hours = int.Parse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture);
                var minutes = digits.Length > 2 ? int.Parse(digits[2..], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
                if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
                {
                    return false;
                }

                var span = new TimeSpan(hours, minutes, 0);
                offset = zoneText[0] == '-' ? -span : span;
            }
        }

        parts = new IsoDateTimeParts(local, offset, DateOnly: false);
        return true;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?:[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2})(?::(?<second>[0-9]{2})(?:[.,](?<fraction>[0-9]{1,7}))?)?(?<offset>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}

/// <summary>A parsed ISO date or date-time whose zone may still be open.</summary>
internal readonly record struct IsoDateTimeParts(DateTime Local, TimeSpan? Offset, bool DateOnly)
{
    public DateTimeOffset Resolve(TimeZoneInfo zone) =>
        Offset is { } offset ? new DateTimeOffset(Local, offset) : ZonedTime.Resolve(Local, zone);
}
