using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Microsoft.Extensions.DependencyInjection;
using DiagnosticsActivity = System.Diagnostics.Activity;

namespace Inburgering.Engine.Tests.Tracing;

/// <summary>
/// Issue 11: the engine's spans, seen through an <see cref="ActivityListener"/> as an OpenTelemetry SDK sees them: one per
/// step (start, correlation, timer, partner-call result, task completion) as a child of the caller's span, one per
/// partner-call attempt as a child of the step that scheduled the call (through the traceparent kept on the job row), tagged
/// with definition, element, activity type and outcome and never with a BSN or business key. And the failed call's request
/// and answer on its incident: for a beheerder only, gone with the personal data.
/// </summary>
public sealed class EngineTracingTests
{
    private const string Bsn = "123456782";
    private const string BusinessKey = "BK-GEHEIM-1";

    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://inburgering.test">
          <bpmn:message id="mKlaar" name="klaar" />
          <bpmn:process id="sporen" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="wacht" />
            <bpmn:receiveTask id="wacht" messageRef="mKlaar" />
            <bpmn:sequenceFlow id="f1" sourceRef="wacht" targetRef="pauze" />
            <bpmn:intermediateCatchEvent id="pauze">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="pauze" targetRef="bel" />
            <bpmn:serviceTask id="bel" camunda:type="external" camunda:topic="test.partner" />
            <bpmn:sequenceFlow id="f3" sourceRef="bel" targetRef="na" />
            <bpmn:userTask id="na" />
            <bpmn:sequenceFlow id="f4" sourceRef="na" targetRef="einde" />
            <bpmn:endEvent id="einde" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string TestSourceName = "Inburgering.Engine.Tests.Tracing";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EachStepAndEachPartnerCallAttempt_IsASpan_InTheCallersTrace_WithoutPersonalData(DatabaseProvider provider)
    {
        using var spans = new SpanCollector();
        await using var h = await EngineHarness.CreateAsync(provider, s => s.AddActivity<PartnerActivity>());
        await h.DeployAsync(Bpmn);

        DiagnosticsActivity root;
        Guid id;
        using (root = TestSource.StartActivity("api-request")!)
        {
            id = await h.StartAsync("sporen", new { bsn = Bsn, faal = false }, BusinessKey);
            await h.Engine.CorrelateMessageAsync(new CorrelateMessage("klaar", BusinessKey, null), EngineHarness.Admin);
            await h.AdvanceAsync("PT2H");
            await h.CompleteAsync(id, "na");
        }

        Assert.Equal("completed", (await h.InstanceAsync(id)).Status);
        var trace = spans.Of(root.TraceId);
        var start = Step(trace, "start");
        var correlate = Step(trace, "correlate");
        var timer = Step(trace, "fire-timer");
        var complete = Step(trace, "complete-task");
        var recorded = Step(trace, "record-partner-call");
        var attempt = Assert.Single(trace, s => s.OperationName == "partner-call test.partner");

        // The steps an API call (here: the test's span) runs are its children.
        foreach (var (step, element) in new[] { (start, "start"), (correlate, "wacht"), (timer, "pauze"), (complete, "na") })
        {
            Assert.Equal(root.SpanId, step.ParentSpanId);
            Assert.Equal("sporen", step.GetTagItem(EngineMetrics.Tags.DefinitionKey));
            Assert.Equal(element, step.GetTagItem(EngineMetrics.Tags.ElementId));
            Assert.Equal("committed", step.GetTagItem(EngineMetrics.Tags.Outcome));
        }

        // The attempt is a child of the step that scheduled the call (the timer's), its result's step a child of the attempt.
        Assert.Equal(timer.SpanId, attempt.ParentSpanId);
        Assert.Equal("test.partner", attempt.GetTagItem(EngineMetrics.Tags.ActivityType));
        Assert.Equal("bel", attempt.GetTagItem(EngineMetrics.Tags.ElementId));
        Assert.Equal("sporen", attempt.GetTagItem(EngineMetrics.Tags.DefinitionKey));
        Assert.Equal("completed", attempt.GetTagItem(EngineMetrics.Tags.Outcome));
        Assert.Equal(1, attempt.GetTagItem(EngineMetrics.Tags.Attempt));
        Assert.Equal(attempt.SpanId, recorded.ParentSpanId);
        Assert.Equal("test.partner", recorded.GetTagItem(EngineMetrics.Tags.ActivityType));

        // Never a person: no tag value holds the BSN or the business key.
        foreach (var span in trace)
        {
            foreach (var (name, value) in span.TagObjects)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                Assert.False(text.Contains(Bsn, StringComparison.Ordinal) || text.Contains(BusinessKey, StringComparison.Ordinal), $"{span.OperationName} {name}={text}");
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AFailedCall_KeepsItsRequestAndAnswer_ForABeheerderOnly_TheRetryJoinsItsTrace_AndErasureRemovesIt(DatabaseProvider provider)
    {
        using var spans = new SpanCollector();
        await using var h = await EngineHarness.CreateAsync(provider, s => s.AddActivity<PartnerActivity>());
        await h.DeployAsync(Bpmn);
        var id = await h.StartAsync("sporen", new { bsn = Bsn, faal = true }, BusinessKey);
        await h.Engine.CorrelateMessageAsync(new CorrelateMessage("klaar", BusinessKey, null), EngineHarness.Admin);
        await h.AdvanceAsync("PT2H");

        var incident = Assert.Single(await h.IncidentsAsync(id));
        var exchange = Assert.IsType<PartnerExchange>(incident.Exchange);
        Assert.Equal(Bsn, JsonNode.Parse(exchange.Request)!["bsn"]!.GetValue<string>());
        Assert.Equal("POST", exchange.Method);
        Assert.Equal($"http://partner.test/personen/{Bsn}/aanmelding", exchange.Url);
        Assert.Equal(422, exchange.Status);
        Assert.Equal(PartnerExchanges.MaxResponseLength, exchange.Response!.Length);
        Assert.StartsWith("{\"detail\":\"afgewezen\"", exchange.Response, StringComparison.Ordinal);

        // A consulent of the same gemeente sees the incident, not what was sent.
        var consulent = new Actor("consulent", new HashSet<string> { "consulent" }, new HashSet<string> { "0632" }, IsAdministrator: false);
        var seen = Assert.Single((await h.Queries.IncidentsAsync(new IncidentFilter(InstanceId: id), consulent, new Paging(1, 10))).Items);
        Assert.Null(seen.Exchange);

        // The retry of the incident is where the next attempt's trace starts.
        await h.Engine.SetVariablesAsync(id, new JsonObject { ["faal"] = false }, EngineHarness.Admin);
        using (var retry = TestSource.StartActivity("retry-request")!)
        {
            await h.Engine.RetryIncidentAsync(incident.Id, EngineHarness.Admin);
            await h.RunJobsAsync();
            var trace = spans.Of(retry.TraceId);
            var retryStep = Step(trace, "retry-incident");
            var attempt = Assert.Single(trace, s => s.OperationName == "partner-call test.partner");
            Assert.Equal(retryStep.SpanId, attempt.ParentSpanId);
            Assert.Equal("completed", attempt.GetTagItem(EngineMetrics.Tags.Outcome));
        }

        await h.CompleteAsync(id, "na");
        Assert.True(await h.Engine.ErasePersonalDataAsync(id, new HashSet<string> { "bsn" }, "bewaartermijn"));
        var erased = Assert.Single((await h.Queries.IncidentsAsync(new IncidentFilter(InstanceId: id, OpenOnly: false), EngineHarness.Admin, new Paging(1, 10))).Items);
        Assert.Null(erased.Exchange);
        Assert.Equal("resolved", erased.Status);
    }

    private static DiagnosticsActivity Step(IReadOnlyList<DiagnosticsActivity> trace, string kind) =>
        Assert.Single(trace, s => s.OperationName == "step " + kind);

    /// <summary>Every span of the engine and of this test that ended while it listened.</summary>
    private sealed class SpanCollector : IDisposable
    {
        private readonly ConcurrentQueue<DiagnosticsActivity> _stopped = new();
        private readonly ActivityListener _listener;

        public SpanCollector()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == EngineMetrics.Name || source.Name == TestSourceName,
                Sample = (ref ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>The engine's spans of one trace (other tests run beside this one, each in traces of its own).</summary>
        public List<DiagnosticsActivity> Of(ActivityTraceId traceId) =>
            _stopped.Where(a => a.TraceId == traceId && a.Source.Name == EngineMetrics.Name).ToList();

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>A partner call that tells the engine about its HTTP exchange (as the partner clients' transport does), then fails for good when <c>faal</c> is set.</summary>
    [Activity("test.partner", "Partner met verzoek en antwoord", Category = "Test", MaxAttempts = 1)]
    public sealed class PartnerActivity : IActivity
    {
        public ValueTask<ActivityResult> ExecuteAsync(Inburgering.Engine.Activities.ActivityContext context, CancellationToken cancellationToken)
        {
            var bsn = context.Input["bsn"]!.GetValue<string>();
            var url = new Uri($"http://partner.test/personen/{bsn}/aanmelding");
            if (context.Input["faal"]?.GetValue<bool>() == true)
            {
                PartnerExchanges.Record("POST", url, 422, "{\"detail\":\"afgewezen\",\"opvulling\":\"" + new string('x', 5000) + "\"}");
                return ValueTask.FromResult(ActivityResult.Fail("De partner wees de aanmelding af.", retryable: false));
            }

            PartnerExchanges.Record("POST", url, 201, "{}");
            return ValueTask.FromResult(ActivityResult.Complete(new JsonObject { ["aangemeld"] = true }));
        }
    }
}
