using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Inburgering.Engine.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// With an OTLP endpoint configured the spans leave the process: a small OTLP/HTTP receiver on Kestrel gets the server's
    /// batches (protobuf; its strings are plain UTF-8), with the engine's step and partner-call spans, and no BSN in them.
    /// </summary>
    [SkippableFact]
    public async Task WithAnOtlpEndpoint_TheSpansAreExported_WithoutTheBsn()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        await using var partners = await PartnerSimulatorHost.StartAsync();
        await using var collector = await OtlpReceiver.StartAsync();
        await using var server = await DurableServers.StartAsync(DurableServers.Arguments(
            database,
            partners,
            "--Inburgering:Tracing:OtlpEndpoint", new Uri(collector.BaseAddress, "v1/traces").ToString(),
            "--OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
            "--OTEL_BSP_SCHEDULE_DELAY", "500"));
        using var api = new ServerApi(server.BaseAddress);
        await api.DeployAsync(DurabilityBpmn.TimerAndPartnerCall);
        var bsn = TestBsn.For(2);
        await api.StartAsync("aanmelden", "TRACE-2", new { bsn, taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" });

        var exported = await Eventually.WaitAsync(
            () => Task.FromResult(collector.Text()),
            t => t.Contains("partner-call taalaanbieder.aanmelden", StringComparison.Ordinal) && t.Contains("step record-partner-call", StringComparison.Ordinal),
            TimeSpan.FromMinutes(2),
            "the collector received the partner call's spans",
            500);
        Assert.Contains("step start", exported, StringComparison.Ordinal);
        Assert.Contains("inburgering", exported, StringComparison.Ordinal);
        Assert.Contains("application/x-protobuf", collector.ContentTypes);
        Assert.DoesNotContain(bsn, exported, StringComparison.Ordinal);
        Assert.DoesNotContain("TRACE-2", exported, StringComparison.Ordinal);
    }

    /// <summary>An OTLP/HTTP endpoint that keeps every batch it receives.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _batches = new();
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _contentTypes = [];

        private OtlpReceiver(WebApplication app) => _app = app;

        public Uri BaseAddress { get; private set; } = null!;

        public IReadOnlyCollection<string> ContentTypes => _contentTypes;

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new OtlpReceiver(app);
            app.MapPost("/v1/traces", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                receiver._batches.Enqueue(body.ToArray());
                receiver._contentTypes.Add(context.Request.ContentType ?? "");
                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
            return receiver;
        }

        /// <summary>Every batch as text (protobuf keeps strings as UTF-8 bytes).</summary>
        public string Text() => string.Join("\n", _batches.Select(b => System.Text.Encoding.UTF8.GetString(b)));

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
