namespace Inburgering.Engine.Scheduling;

/// <summary>
/// A clock that stands still until it is advanced: scenario tests, demos and designers trying a change run
/// whole trajectories in virtual time. All engine code reads time from <see cref="TimeProvider"/>, so this is the only switch.
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now;

    public SimulationClock(DateTimeOffset start)
    {
        _now = start.ToUniversalTime();
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Sets the clock to any moment, back included: only for a database that holds nothing yet (<see cref="ClockService.StartEmptyDatabaseAtAsync"/>).</summary>
    internal void Reset(DateTimeOffset moment)
    {
        lock (_lock)
        {
            _now = moment.ToUniversalTime();
        }
    }

    /// <summary>Moves the clock forward (never back).</summary>
    internal void MoveTo(DateTimeOffset moment)
    {
        lock (_lock)
        {
            if (moment > _now)
            {
                _now = moment.ToUniversalTime();
            }
        }
    }
}
