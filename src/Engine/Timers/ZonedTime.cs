namespace Inburgering.Engine.Timers;

/// <summary>Wall-clock arithmetic in a time zone, with the same DST rules everywhere in the engine.</summary>
internal static class ZonedTime
{
    /// <summary>
    /// Maps a wall-clock time in <paramref name="zone"/> to an instant.
    /// A time inside a DST gap (e.g. 02:30 on the spring-forward night) moves later by the length of the gap (03:30);
    /// an ambiguous time (the fall-back hour) keeps <paramref name="preferredOffset"/> when that is one of the two
    /// candidates, otherwise takes the earlier instant.
    /// </summary>
    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone, TimeSpan? preferredOffset = null)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Before a gap the offset is the smaller one; reading the wall time with it lands after the gap.
            var offsetBefore = Min(OffsetAround(local, zone, -1), OffsetAround(local, zone, 1));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, offsetBefore), zone);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            if (preferredOffset is { } preferred && Array.IndexOf(offsets, preferred) >= 0)
            {
                return new DateTimeOffset(local, preferred);
            }

            // The larger offset gives the earlier instant (the first time the clock shows this wall time).
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The instant expressed in the zone's local offset.</summary>
    public static DateTimeOffset ToZone(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    private static TimeSpan OffsetAround(DateTime local, TimeZoneInfo zone, int days)
    {
        // Transitions are far more than a day apart, so a day away is safely on one side of the gap.
        var probe = local.AddDays(days);
        return zone.IsInvalidTime(probe) ? zone.BaseUtcOffset : zone.GetUtcOffset(probe);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
