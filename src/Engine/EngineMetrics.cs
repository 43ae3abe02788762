using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Inburgering.Engine;

/// <summary>
/// The engine's metrics and traces, on .NET's own <see cref="Meter"/> and <see cref="ActivitySource"/> (named
/// <see cref="Name"/>): a host exports them as it likes (the server: Prometheus at <c>/metrics</c>, OpenTelemetry traces).
/// Tags carry activity types and outcomes only, never a person or a business key. Prometheus names are the meter's name and
/// the instrument's: <c>inburgering_engine_steps</c>, <c>inburgering_engine_step_duration_seconds</c>,
/// <c>inburgering_engine_timer_lateness_seconds</c>, <c>inburgering_engine_partner_call_attempts</c>, <c>inburgering_engine_step_conflicts</c>.
/// </summary>
public static class EngineMetrics
{
    /// <summary>The name of the engine's meter and activity source.</summary>
    public const string Name = "Inburgering.Engine";

    internal static readonly ActivitySource Trace = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Steps = Meter.CreateCounter<long>("steps", description: "Steps committed (one transaction each).");

    private static readonly Counter<long> StepConflicts = Meter.CreateCounter<long>("step_conflicts", description: "Steps retried after losing an optimistic-concurrency race.");

    private static readonly Histogram<double> StepSeconds = Meter.CreateHistogram<double>("step_duration_seconds", unit: "s", description: "Time from a step's start to its commit and hand-over.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Histogram<double> TimerLateness = Meter.CreateHistogram<double>("timer_lateness_seconds", unit: "s", description: "How long after its due moment a timer fired.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600] });

    private static readonly Counter<long> PartnerCalls = Meter.CreateCounter<long>("partner_call_attempts", description: "Partner-call attempts by activity type and outcome.");

    internal static void StepCommitted(TimeSpan elapsed)
    {
        Steps.Add(1);
        StepSeconds.Record(elapsed.TotalSeconds);
    }

    internal static void StepConflict() => StepConflicts.Add(1);

    internal static void TimerFired(TimeSpan lateness) => TimerLateness.Record(Math.Max(0, lateness.TotalSeconds));

    internal static void PartnerCallAttempt(string activityType, string outcome) =>
        PartnerCalls.Add(1, new KeyValuePair<string, object?>("activity_type", activityType), new KeyValuePair<string, object?>("outcome", outcome));
}
