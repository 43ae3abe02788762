using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// Issue 11: one trace from an API call through the step to the partner call. A real server process (Kestrel; partner calls
/// on Hangfire, in its worker threads, after the request has ended) and the partner simulators on their own Kestrel: the
/// API call carries a known W3C <c>traceparent</c>; the partner receives a <c>traceparent</c> of the same trace, from a span of
/// its own (the HTTP call, under the attempt, under the step that scheduled the call, under the request).
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class TracingTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TheTraceOfAnApiCall_ReachesThePartner_ThroughTheStepAndTheCallOnHangfire(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var partners = await PartnerSimulatorHost.StartAsync();
        await using var server = await DurableServers.StartAsync(DurableServers.Arguments(database, partners));
        using var api = new ServerApi(server.BaseAddress);
        await api.DeployAsync(DurabilityBpmn.TimerAndPartnerCall);

        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/instances", UriKind.Relative)))
        {
            request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{callerSpan.ToHexString()}-01");
            request.Content = JsonContent.Create(new
            {
                definitionKey = "aanmelden",
                businessKey = "TRACE-1",
                gemeente = "0632",
                variables = new { bsn = TestBsn.For(1), taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" },
            });
            using var response = await api.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var calls = await Eventually.WaitAsync(
            () => Task.FromResult(partners.AanmeldenByKey().Values.SelectMany(r => r).ToList()),
            r => r.Count > 0,
            TimeSpan.FromMinutes(2),
            "the taalaanbieder received the aanmelding");
        var call = calls[0];
        Assert.NotNull(call.TraceParent);
        var parts = call.TraceParent.Split('-');
        Assert.Equal(4, parts.Length);
        Assert.Equal(traceId.ToHexString(), parts[1]);
        Assert.NotEqual(callerSpan.ToHexString(), parts[2]);

        // The step kept its own span's traceparent on the job row: the same trace, the step's span (not the caller's).
        await using var db = database.Context();
        var job = await db.Jobs.AsNoTracking().SingleAsync();
        Assert.NotNull(job.TraceParent);
        Assert.Equal(traceId.ToHexString(), job.TraceParent.Split('-')[1]);
        Assert.NotEqual(callerSpan.ToHexString(), job.TraceParent.Split('-')[2]);
        Assert.NotEqual(parts[2], job.TraceParent.Split('-')[2]);
    }
}
