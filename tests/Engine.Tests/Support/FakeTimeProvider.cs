namespace Inburgering.Engine.Tests.Support;

/// <summary>A clock the test sets by hand: no sleeping, time moves only when told.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _utcNow;

    public FakeTimeProvider(DateTimeOffset utcNow, TimeZoneInfo? localTimeZone = null)
    {
        _utcNow = utcNow.ToUniversalTime();
        LocalTimeZoneOverride = localTimeZone ?? TimeZoneInfo.Utc;
    }

    public DateTimeOffset UtcNow
    {
        get
        {
            lock (_gate)
            {
                return _utcNow;
            }
        }

        set
        {
            lock (_gate)
            {
                _utcNow = value.ToUniversalTime();
            }
        }
    }

    public TimeZoneInfo LocalTimeZoneOverride { get; set; }

    public override TimeZoneInfo LocalTimeZone => LocalTimeZoneOverride;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public void Advance(TimeSpan delta)
    {
        lock (_gate)
        {
            _utcNow += delta;
        }
    }
}
