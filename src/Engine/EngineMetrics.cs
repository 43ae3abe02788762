using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Inburgering.Engine;

/// <summary>
/// The engine's metrics and traces, on .NET's own <see cref="Meter"/> and <see cref="ActivitySource"/> (named
/// <see cref="Name"/>): a host exports them as it likes (the server: Prometheus at <c>/metrics</c>, OpenTelemetry traces).
/// Tags carry activity types and outcomes only, never a person or a business key. Prometheus names are the meter's name and
/// the instrument's: <c>inburgering_engine_steps</c>, <c>inburgering_engine_step_duration_seconds</c>,
/// <c>inburgering_engine_timer_lateness_seconds</c>, <c>inburgering_engine_partner_call_attempts</c>, <c>inburgering_engine_step_conflicts</c>.
/// Spans: <c>step {kind}</c> for each of the executor's transactions (a child of whatever span is current, e.g. the ASP.NET
/// Core request that started it) and <c>partner-call {activityType}</c> for each attempt of a partner call, a child of the
/// step that scheduled the call (its W3C <c>traceparent</c> is kept on the job row, see <see cref="TraceParent"/>).
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

    /// <summary>The tag names of the engine's spans. Never a person, a BSN or a business key: definitions, elements, activity types, outcomes.</summary>
    public static class Tags
    {
        public const string StepKind = "inburgering.step.kind";
        public const string DefinitionKey = "inburgering.definition.key";
        public const string ElementId = "inburgering.element.id";
        public const string ActivityType = "inburgering.activity.type";
        public const string Outcome = "inburgering.outcome";
        public const string Attempt = "inburgering.attempt";
        public const string ErrorCode = "inburgering.error.code";
    }

    /// <summary>Starts the span of one step (the executor's transaction), a child of the current span; null when nobody listens.</summary>
    internal static Activity? StartStep(string kind)
    {
        var activity = Trace.StartActivity("step " + kind, ActivityKind.Internal);
        activity?.SetTag(Tags.StepKind, kind);
        return activity;
    }

    /// <summary>
    /// Tags the current step's span with what it worked on. Each tag is set once (the first value wins: a step that moves a
    /// token through several elements names the one that caused it); null leaves a tag for a later call.
    /// </summary>
    internal static void TagStep(string? definitionKey, string? elementId, string? activityType = null)
    {
        if (Activity.Current is not { } activity || activity.Source != Trace || !activity.OperationName.StartsWith("step ", StringComparison.Ordinal))
        {
            return;
        }

        SetOnce(activity, Tags.DefinitionKey, definitionKey);
        SetOnce(activity, Tags.ElementId, elementId);
        SetOnce(activity, Tags.ActivityType, activityType);
    }

    private static void SetOnce(Activity activity, string tag, string? value)
    {
        if (value is not null && activity.GetTagItem(tag) is null)
        {
            activity.SetTag(tag, value);
        }
    }

    /// <summary>Ends a span with its outcome; an error sets the span's status to error with the engine's code (never its text: it may quote data).</summary>
    internal static void EndSpan(Activity? activity, string outcome, string? errorCode = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Tags.Outcome, outcome);
        if (errorCode is not null)
        {
            activity.SetTag(Tags.ErrorCode, errorCode);
            activity.SetStatus(ActivityStatusCode.Error, errorCode);
        }
    }

    /// <summary>The W3C <c>traceparent</c> of the current span (the step), kept on a job row so the call it scheduled joins its trace; null without a span.</summary>
    internal static string? TraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts the span of one partner-call attempt as a child of the step that scheduled it (<paramref name="traceParent"/>),
    /// so an API call, its step, the attempt and the HTTP call to the partner form one trace. Without a kept traceparent
    /// (a row from before traces) the attempt is a child of the current span, if any, or starts a trace of its own.
    /// </summary>
    internal static Activity? StartPartnerCall(string activityType, string definitionKey, string elementId, int attempt, string? traceParent)
    {
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        var activity = Trace.StartActivity("partner-call " + activityType, ActivityKind.Internal, parent);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(Tags.DefinitionKey, definitionKey);
        activity.SetTag(Tags.ElementId, elementId);
        activity.SetTag(Tags.ActivityType, activityType);
        activity.SetTag(Tags.Attempt, attempt);
        return activity;
    }

    internal static void PartnerCallAttempt(string activityType, string outcome) =>
        PartnerCalls.Add(1, new KeyValuePair<string, object?>("activity_type", activityType), new KeyValuePair<string, object?>("outcome", outcome));
}
