using System.Text.Json.Serialization;

namespace Inburgering.Simulators;

/// <summary>How a simulator is down: it drops the connection (the client sees a transport error) or answers 503.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DownMode>))]
public enum DownMode
{
    /// <summary>Answer 503 Service Unavailable.</summary>
    Unavailable,

    /// <summary>Abort the connection without an answer, as close to "connection refused" as an in-process endpoint gets.</summary>
    Refuse,
}

/// <summary>
/// What a simulator does wrong on purpose. One plan per simulator, switched at runtime through
/// <c>POST {prefix}/_sim/failure</c> or <see cref="FailureInjector.Set"/>.
/// </summary>
public sealed record FailurePlan
{
    /// <summary>Down now (until <see cref="DownUntil"/> if set).</summary>
    public bool Down { get; init; }

    public DownMode DownMode { get; init; } = DownMode.Unavailable;

    /// <summary>Down until this moment of the simulator's (possibly virtual) clock; implies <see cref="Down"/>.</summary>
    public DateTimeOffset? DownUntil { get; init; }

    /// <summary>Real-time delay before every answer (latency is wall-clock, not business time).</summary>
    public int DelayMilliseconds { get; init; }

    /// <summary>Probability (0..1) that a request gets <see cref="ErrorStatus"/> instead of an answer.</summary>
    public double ErrorRate { get; init; }

    public int ErrorStatus { get; init; } = 500;

    /// <summary>Seed of the random source for <see cref="ErrorRate"/>: the same seed gives the same sequence.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Deliver every outgoing notification twice (same BerichtId), as an at-least-once sender may.</summary>
    public bool DuplicateDelivery { get; init; }

    public static FailurePlan None { get; } = new();
}

/// <summary>The decision for one incoming request.</summary>
public readonly record struct FailureDecision(TimeSpan Delay, FailureOutcome Outcome, int Status);

public enum FailureOutcome
{
    Pass,
    Refuse,
    Unavailable,
    Error,
}

/// <summary>Applies a <see cref="FailurePlan"/>; thread-safe; deterministic for a given seed and request order.</summary>
public sealed class FailureInjector(string partner, TimeProvider time)
{
    private readonly Lock _gate = new();
    private FailurePlan _plan = FailurePlan.None;

    // CA5394: a seeded, reproducible random source is the point here; this is failure injection, not security.
#pragma warning disable CA5394
    private Random _random = new(1);

    public string Partner { get; } = partner;

    public FailurePlan Plan
    {
        get
        {
            lock (_gate)
            {
                return _plan;
            }
        }
    }

    public void Set(FailurePlan plan)
    {
        lock (_gate)
        {
            _plan = plan;
            _random = new Random(plan.Seed);
        }
    }

    public void Reset() => Set(FailurePlan.None);

    public bool IsDown
    {
        get
        {
            var plan = Plan;
            return plan.DownUntil is { } until ? time.GetUtcNow() < until : plan.Down;
        }
    }

    public bool DuplicateDelivery => Plan.DuplicateDelivery;

    public FailureDecision Decide()
    {
        lock (_gate)
        {
            var delay = TimeSpan.FromMilliseconds(Math.Max(0, _plan.DelayMilliseconds));
            var down = _plan.DownUntil is { } until ? time.GetUtcNow() < until : _plan.Down;
            if (down)
            {
                return new FailureDecision(delay, _plan.DownMode == DownMode.Refuse ? FailureOutcome.Refuse : FailureOutcome.Unavailable, 503);
            }

            if (_plan.ErrorRate > 0 && _random.NextDouble() < _plan.ErrorRate)
            {
                return new FailureDecision(delay, FailureOutcome.Error, _plan.ErrorStatus);
            }

            return new FailureDecision(delay, FailureOutcome.Pass, 0);
        }
    }
#pragma warning restore CA5394
}

/// <summary>One <see cref="FailureInjector"/> per simulator (by partner name: duo, intake, taalaanbieder, uitkering).</summary>
public sealed class SimulatorFailures(TimeProvider time)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FailureInjector> _injectors = new(StringComparer.Ordinal);

    public FailureInjector For(string partner) => _injectors.GetOrAdd(partner, p => new FailureInjector(p, time));

    public void ResetAll()
    {
        foreach (var injector in _injectors.Values)
        {
            injector.Reset();
        }
    }
}
