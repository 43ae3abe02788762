using System.Net;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators;
using Inburgering.Simulators.Taalaanbieder;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// Issue 11: on the real-time split (Quartz for timers, Hangfire for partner calls) <c>/health/ready</c> checks the database,
/// Quartz and Hangfire, and <c>/metrics</c> shows both schedulers' queue depths, scraped and parsed.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class SchedulerHealthTests
{
    private const int Timers = 6;
    private const int Calls = 4;

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReadyChecksDatabaseQuartzAndHangfire_AndMetricsShowTheirQueueDepths(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var partners = await PartnerSimulatorHost.StartAsync();

        // The partner is down: every call fails and waits out its back-off in Hangfire's scheduled set.
        partners.Failures.For(TaalaanbiederSimulatorEndpoints.Partner).Set(new FailurePlan { DownUntil = DateTimeOffset.UtcNow.AddDays(1) });
        await using var server = await DurableServers.StartAsync(DurableServers.Arguments(database, partners));
        using var api = new ServerApi(server.BaseAddress);
        await api.DeployAsync(DurabilityBpmn.TimerAndPartnerCall);

        // A fresh node reports ready once its Hangfire server has sent its first heartbeat: wait for that, generously.
        var ready = await Eventually.WaitAsync(() => ReadyAsync(server), r => r.Status == HttpStatusCode.OK, TimeSpan.FromMinutes(3), "/health/ready answers 200", 500);
        foreach (var check in new[] { "database", "quartz", "hangfire" })
        {
            Assert.Equal("Healthy", ready.Body["checks"]![check]!["status"]!.GetValue<string>());
        }

        for (var i = 0; i < Timers; i++)
        {
            // Each timer in its own moment (timers due in one tenth of a second share a trigger).
            await api.StartAsync("wachten", $"H-T-{i}", new { wacht = $"PT{i + 1}H" });
        }

        for (var i = 0; i < Calls; i++)
        {
            await api.StartAsync("aanmelden", $"H-A-{i}", new { bsn = TestBsn.For(i), taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" });
        }

        // Each call fails its first attempt within seconds (a slow machine takes longer: wait as long as attempts are made).
        var samples = await Eventually.WaitAsync(
            () => ScrapeAsync(server),
            s => Value(s, "inburgering_quartz_triggers{state=\"waiting\"}") >= Timers && Value(s, "inburgering_hangfire_jobs{state=\"scheduled\"}") >= Calls,
            TimeSpan.FromMinutes(3),
            $"{Timers} waiting Quartz triggers and {Calls} scheduled Hangfire jobs in /metrics",
            1000);
        Assert.Equal(Timers, Value(samples, "inburgering_quartz_triggers{state=\"waiting\"}"));
        Assert.True(Value(samples, "inburgering_hangfire_jobs{state=\"enqueued\"}") >= 0);
        Assert.Contains("inburgering_hangfire_jobs{state=\"processing\"}", samples.Keys);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(ServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Scrapes <c>/metrics</c> without signing in (as Prometheus does) and parses every sample line: series → value.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(ServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static double Value(Dictionary<string, double> samples, string series) => samples.GetValueOrDefault(series);

}
