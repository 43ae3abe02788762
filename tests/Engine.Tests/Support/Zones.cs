namespace Inburgering.Engine.Tests.Support;

internal static class Zones
{
    public static TimeZoneInfo Amsterdam { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>A wall-clock time in Amsterdam with its offset spelled out, for readable assertions.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute, int offsetHours) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(offsetHours));
}
