using Inburgering.Engine.Timers;
using static Inburgering.Engine.Tests.Support.Zones;

namespace Inburgering.Engine.Tests.Timers;

public class IsoDateTimeTests
{
    [Theory]
    [InlineData("2026-12-01T09:00:00Z", "2026-12-01T09:00:00+00:00")]
    [InlineData("2026-12-01T09:00:00+01:00", "2026-12-01T09:00:00+01:00")]
    [InlineData("2026-12-01T09:00:00-0530", "2026-12-01T09:00:00-05:30")]
    [InlineData("2026-12-01T09:00:00+02", "2026-12-01T09:00:00+02:00")]
    [InlineData("2026-12-01T09:00Z", "2026-12-01T09:00:00+00:00")]
    public void TryParse_WithOffset_UsesThatOffset(string text, string expected)
    {
        Assert.True(IsoDateTime.TryParse(text, Amsterdam, out var value));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, value.Offset);
    }

    [Fact]
    public void TryParse_WithoutOffset_IsWallClockInZone()
    {
        Assert.True(IsoDateTime.TryParse("2026-12-01T09:00:00", Amsterdam, out var winter));
        Assert.True(IsoDateTime.TryParse("2026-07-01T09:00", Amsterdam, out var summer));

        Assert.Equal(At(2026, 12, 1, 9, 0, 1), winter);
        Assert.Equal(At(2026, 7, 1, 9, 0, 2), summer);
    }

    [Fact]
    public void TryParse_DateOnly_IsMidnightInZone()
    {
        Assert.True(IsoDateTime.TryParse("2026-12-01", Amsterdam, out var value));

        Assert.Equal(At(2026, 12, 1, 0, 0, 1), value);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), value.ToUniversalTime());
    }

    [Fact]
    public void TryParse_SevenFractionDigits_KeepsTicks()
    {
        Assert.True(IsoDateTime.TryParse("2026-01-15T09:30:00.1234567Z", Amsterdam, out var value));

        Assert.Equal(1234567, value.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void TryParse_WallClockInDstGap_MovesLater()
    {
        Assert.True(IsoDateTime.TryParse("2026-03-29T02:30", Amsterdam, out var value));

        Assert.Equal(At(2026, 3, 29, 3, 30, 2), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("morgen")]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("2026-12-01T25:00:00Z")]
    [InlineData("2026-12-01T09:60")]
    [InlineData("2026-12-01T09:00:00+15:00")]
    [InlineData("2026-12-01 09:00:00")]
    [InlineData("26-12-01")]
    [InlineData("2026-12-01T09:00:00.12345678Z")]
    [InlineData("２０２６-12-01")]
    public void TryParse_Invalid_ReturnsFalse(string? text)
    {
        Assert.False(IsoDateTime.TryParse(text, Amsterdam, out _));
    }
}
