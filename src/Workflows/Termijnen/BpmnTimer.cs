using System.Globalization;

namespace Inburgering.Workflows.Termijnen;

/// <summary>
/// Renders deadlines for BPMN timer events: <c>timeDate</c> needs an ISO 8601 date-time, <c>timeDuration</c> an
/// ISO 8601 duration. Legal deadlines are calendar days in the Netherlands, so a date becomes a moment in
/// Europe/Amsterdam (with the offset that holds on that day: +01:00 in winter, +02:00 in summer).
/// </summary>
public static class BpmnTimer
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>
    /// ISO 8601 date-time with offset for a <c>timeDate</c>: the given local time (default 08:00, start of the
    /// working day) on <paramref name="date"/> in Europe/Amsterdam, e.g. "2025-03-15T08:00:00+01:00".
    /// </summary>
    public static string TimeDate(DateOnly date, TimeOnly? localTime = null)
    {
        var local = date.ToDateTime(localTime ?? new TimeOnly(8, 0), DateTimeKind.Unspecified);
        var offset = Amsterdam.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A moment as a person in the Netherlands reads it, as the web application writes dates: "14 december 2026 om 10:30" in
    /// Europe/Amsterdam time; a date alone as "14 december 2026". Null or empty gives "" (nothing planned).
    /// </summary>
    public static string Readable(string? moment)
    {
        if (string.IsNullOrWhiteSpace(moment))
        {
            return "";
        }

        if (DateOnly.TryParseExact(moment, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("d MMMM yyyy", Dutch);
        }

        if (!DateTimeOffset.TryParse(moment, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new FormatException($"'{moment}' is geen datum of tijdstip in de vorm jjjj-mm-dd of jjjj-mm-ddTuu:mm.");
        }

        var local = TimeZoneInfo.ConvertTime(at, Amsterdam);
        return local.ToString("d MMMM yyyy 'om' HH:mm", Dutch);
    }
}
