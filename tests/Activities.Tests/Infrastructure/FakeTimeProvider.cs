namespace Inburgering.Activities.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (the service runs in virtual time too).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;

    public DateOnly Today => DateOnly.FromDateTime(_now.UtcDateTime);
}
