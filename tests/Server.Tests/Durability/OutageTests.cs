using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Taalaanbieder;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators;
using Inburgering.Simulators.Taalaanbieder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// Issue 3, must-show 2: the taalaanbieder is down for 30 virtual days. Attempts back off further and further, incidents
/// open when the activity's attempts run out, nothing is dropped, and once the partner is back the remaining attempts
/// and one bulk retry drain everything.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class OutageTests(ITestOutputHelper output)
{
    private const string Activity = "taalaanbieder.aanmelden";
    private const int Early = 40;
    private const int Late = 15;

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PartnerDownFor30VirtualDays_BacksOffOpensIncidentsDropsNothing_AndDrainsWhenBack(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clock = new ForwardingTimeProvider();
        await using var partners = await PartnerSimulatorHost.StartAsync(clock);
        await using var server = new SimulatedServer(database, partners);
        using var http = server.Client();
        clock.Target = server.Services.GetRequiredService<TimeProvider>();
        var policy = new { maxAttempts = 50, initial = TimeSpan.FromSeconds(10), max = TimeSpan.FromHours(6) }; // [Activity] of TaalaanbiederAanmeldenActivity
        var outageStart = clock.GetUtcNow();
        partners.Failures.For(TaalaanbiederSimulatorEndpoints.Partner).Set(new FailurePlan { DownUntil = outageStart.AddDays(30) });

        using (var deploy = new StringContent(DurabilityBpmn.TimerAndPartnerCall, System.Text.Encoding.UTF8, "application/xml"))
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/definitions", deploy)).StatusCode);
        }

        await StartAsync(http, 0, Early);
        await AdvanceAsync(http, days: 25);
        await StartAsync(http, Early, Late);
        await AdvanceAsync(http, days: 4, hours: 23);

        // Just before the partner returns: the early calls ran out of attempts (incidents), the late ones still retry.
        await using (var db = database.Context())
        {
            var incidents = await db.Incidents.Where(i => i.Status == IncidentStatus.Open).ToListAsync();
            Assert.Equal(Early, incidents.Count);
            Assert.All(incidents, i => Assert.Equal((Activity, policy.maxAttempts, "meldAan"), (i.ActivityType!, i.Attempts, i.ElementId)));
            var jobs = await db.Jobs.ToListAsync();
            Assert.Equal(Early + Late, jobs.Count);
            Assert.Equal(Early, jobs.Count(j => j.Status == JobStatus.Failed && j.Attempts == policy.maxAttempts));
            Assert.Equal(Late, jobs.Count(j => j.Status == JobStatus.Pending && j.Attempts is > 1 and < 50));

            // Nothing dropped: every instance is still active and waits at the call.
            var instances = await db.Instances.ToListAsync();
            Assert.Equal(Early + Late, instances.Count);
            Assert.All(instances, i => Assert.Equal(InstanceStatus.Active, i.Status));
            Assert.Equal(0, await db.UserTasks.CountAsync());
        }

        // Back-off: each early call was tried exactly maxAttempts times, the gaps growing by the factor until the cap.
        var requests = partners.AanmeldenByKey();
        Assert.Equal(Early + Late, requests.Count);
        var early = requests.Values.Where(r => r.Count == policy.maxAttempts).ToList();
        Assert.Equal(Early, early.Count);
        foreach (var attempts in early)
        {
            var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToList();
            Assert.InRange(gaps[0], policy.initial * 0.8, policy.initial * 1.2);
            for (var k = 1; k < 7; k++)
            {
                Assert.True(gaps[k] > gaps[k - 1] * 2, $"Gap {k} ({gaps[k]}) is not about three times gap {k - 1} ({gaps[k - 1]}).");
            }

            Assert.All(gaps.Skip(8), g => Assert.InRange(g, policy.max * 0.8, policy.max * 1.2));
            Assert.All(attempts, a => Assert.True(a.Injected && a.Status == 503));
        }

        // The partner is back: the late calls complete on their own remaining attempts.
        await AdvanceAsync(http, days: 1);
        await using (var db = database.Context())
        {
            Assert.Equal(Late, await db.Jobs.CountAsync(j => j.Status == JobStatus.Completed));
            Assert.Equal(Early, await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open));
        }

        // One bulk retry for the activity type drains the rest.
        using var retry = await http.PostAsJsonAsync("/api/v1/incidents/retry", new { activityType = Activity });
        var retried = JsonNode.Parse(await retry.Content.ReadAsStringAsync())!;
        Assert.Equal((Early, Early), (retried["matched"]!.GetValue<int>(), retried["retried"]!.GetValue<int>()));
        await AdvanceAsync(http, minutes: 1);

        await using (var db = database.Context())
        {
            Assert.Equal(Early + Late, await db.Jobs.CountAsync(j => j.Status == JobStatus.Completed));
            Assert.Equal(0, await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open));
            var tasks = await db.UserTasks.GroupBy(t => t.InstanceId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Early + Late, tasks.Count);
            Assert.All(tasks, c => Assert.Equal(1, c));
        }

        Assert.Equal(Early + Late, partners.Taalaanbieder.Count);
        var attemptsPerCall = partners.AanmeldenByKey().Values.Select(r => r.Count).ToList();
        output.WriteLine(
            $"{provider}: {Early} calls started at the outage, {Late} on day 25; {attemptsPerCall.Sum()} attempts in all; " +
            $"incidents after {policy.maxAttempts} attempts (about {(early[0][^1].At - early[0][0].At).TotalDays:0.0} virtual days); " +
            $"first gaps of one call: {string.Join(", ", early[0].Zip(early[0].Skip(1), (a, b) => (b.At - a.At).ToString(@"d\.hh\:mm\:ss")).Take(9))}");
    }

    private static async Task StartAsync(HttpClient http, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/instances", new
            {
                definitionKey = "aanmelden",
                businessKey = $"O-{i}",
                gemeente = "0632",
                variables = new { bsn = TestBsn.For(i), taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    /// <summary>Advances the virtual clock a day at a time, so every attempt in the span runs at its own due moment.</summary>
    private static async Task AdvanceAsync(HttpClient http, int days = 0, int hours = 0, int minutes = 0)
    {
        for (var d = 0; d < days; d++)
        {
            await PostAdvanceAsync(http, "P1D");
        }

        if (hours > 0 || minutes > 0)
        {
            await PostAdvanceAsync(http, $"PT{hours}H{minutes}M");
        }
    }

    private static async Task PostAdvanceAsync(HttpClient http, string duration)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/clock/advance", new { duration });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
