using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators;
using Inburgering.Simulators.Taalaanbieder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Server.Tests.Durability;

/// <summary>Issue 11 item 3: <c>/metrics</c> in Prometheus format, scraped and parsed after steps, a timer and partner calls.</summary>
[Collection(DurabilityCollection.Name)]
public sealed class MetricsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Metrics_CountStepsTimerLatenessAndPartnerCallOutcomes(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clock = new ForwardingTimeProvider();
        await using var partners = await PartnerSimulatorHost.StartAsync(clock);
        await using var server = new SimulatedServer(database, partners);
        using var http = server.Client();
        clock.Target = server.Services.GetRequiredService<TimeProvider>();
        var before = await ScrapeAsync(server);

        using (var deploy = new StringContent(DurabilityBpmn.TimerAndPartnerCall, System.Text.Encoding.UTF8, "application/xml"))
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/definitions", deploy)).StatusCode);
        }

        // One call fails twice, then succeeds; one timer falls due.
        partners.Failures.For(TaalaanbiederSimulatorEndpoints.Partner).Set(new FailurePlan { DownUntil = clock.GetUtcNow().AddSeconds(15) });
        await StartAsync(http, new { definitionKey = "aanmelden", businessKey = "M-1", gemeente = "0632", variables = new { bsn = TestBsn.For(1), taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" } });
        await StartAsync(http, new { definitionKey = "wachten", businessKey = "M-2", gemeente = "0632", variables = new { wacht = "PT1M" } });
        using (var advance = await http.PostAsJsonAsync("/api/v1/clock/advance", new { duration = "PT2M" }))
        {
            Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        }

        await using (var db = database.Context())
        {
            Assert.Equal(JobStatus.Completed, (await db.Jobs.SingleAsync()).Status);
        }

        var after = await ScrapeAsync(server);
        foreach (var (series, value) in after.Where(p => p.Key.StartsWith("inburgering_", StringComparison.Ordinal)))
        {
            output.WriteLine($"{series} {value.ToString(CultureInfo.InvariantCulture)}");
        }

        Assert.True(Value(after, "inburgering_engine_steps") - Value(before, "inburgering_engine_steps") >= 5);
        var completed = "inburgering_engine_partner_call_attempts{activity_type=\"taalaanbieder.aanmelden\",outcome=\"completed\"}";
        var retried = "inburgering_engine_partner_call_attempts{activity_type=\"taalaanbieder.aanmelden\",outcome=\"retry-scheduled\"}";
        Assert.Equal(1, Value(after, completed) - Value(before, completed));
        Assert.True(Value(after, retried) - Value(before, retried) >= 1);
        Assert.Equal(1, Value(after, "inburgering_engine_timer_lateness_seconds_count") - Value(before, "inburgering_engine_timer_lateness_seconds_count"));
        Assert.True(Value(after, "inburgering_engine_step_duration_seconds_count") > Value(before, "inburgering_engine_step_duration_seconds_count"));
        Assert.Contains("inburgering_timers{state=\"scheduled\"}", after.Keys);
        Assert.Contains("inburgering_partner_calls{state=\"waiting\"}", after.Keys);
        Assert.Contains("inburgering_open_incidents", after.Keys);
    }

    private static async Task StartAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/instances", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Scrapes <c>/metrics</c> without signing in (as Prometheus does) and parses every sample line: series → value.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(SimulatedServer server)
    {
        using var anonymous = server.CreateClient();
        using var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static double Value(Dictionary<string, double> samples, string series) => samples.GetValueOrDefault(series);

}
