using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators;
using Inburgering.Simulators.Taalaanbieder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// Issue 11 item 1: after a partner outage, calls waiting out their back-off are listed and can be told to try now, one
/// or in bulk per activity type and gemeente, beheerder only; nothing else moves.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class RetryNowTests
{
    private const string Activity = "taalaanbieder.aanmelden";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CallsWaitingOutTheirBackOff_RunNow_OneOrPerActivityTypeAndGemeente(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var clock = new ForwardingTimeProvider();
        await using var partners = await PartnerSimulatorHost.StartAsync(clock);
        await using var server = new SimulatedServer(database, partners);
        using var http = server.Client();
        clock.Target = server.Services.GetRequiredService<TimeProvider>();
        partners.Failures.For(TaalaanbiederSimulatorEndpoints.Partner).Set(new FailurePlan { DownUntil = clock.GetUtcNow().AddDays(30) });
        using (var deploy = new StringContent(DurabilityBpmn.TimerAndPartnerCall, System.Text.Encoding.UTF8, "application/xml"))
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/definitions", deploy)).StatusCode);
        }

        for (var i = 0; i < 8; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/instances", new
            {
                definitionKey = "aanmelden",
                businessKey = $"R-{i}",
                gemeente = i < 5 ? "0632" : "1901",
                variables = new { bsn = TestBsn.For(i), taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Two hours of outage: every call has failed several times and waits out a back-off of an hour or more.
        using (var advance = await http.PostAsJsonAsync("/api/v1/clock/advance", new { duration = "PT2H" }))
        {
            Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        }

        partners.Failures.For(TaalaanbiederSimulatorEndpoints.Partner).Reset();
        var now = clock.GetUtcNow();

        var waiting = await ListAsync(http, "/api/v1/partner-calls?state=waiting&gemeente=0632");
        Assert.Equal(5, waiting["total"]!.GetValue<int>());
        var items = waiting["items"]!.AsArray().Select(n => n!).ToList();
        Assert.All(items, c =>
        {
            Assert.Equal(Activity, c["activityType"]!.GetValue<string>());
            Assert.Equal("0632", c["gemeente"]!.GetValue<string>());
            Assert.True(c["attempts"]!.GetValue<int>() > 1);
            Assert.True(c["nextAttemptAt"]!.GetValue<DateTimeOffset>() > now);
            Assert.False(string.IsNullOrEmpty(c["lastError"]?.GetValue<string>()));
        });
        var dueOrder = items.Select(c => c["nextAttemptAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(dueOrder.Order().ToList(), dueOrder);
        Assert.Equal(3, (await ListAsync(http, "/api/v1/partner-calls?state=waiting&gemeente=1901"))["total"]!.GetValue<int>());
        Assert.Equal(8, (await ListAsync(http, $"/api/v1/partner-calls?activityType={Activity}&pageSize=2"))["total"]!.GetValue<int>());

        // Beheerders only; a wrong state or gemeente is a clear 400/422; an unknown call is a 404.
        using (var consulent = server.CreateClient())
        {
            consulent.DefaultRequestHeaders.Add("X-User", "carla");
            consulent.DefaultRequestHeaders.Add("X-Roles", "consulent");
            consulent.DefaultRequestHeaders.Add("X-Gemeenten", "0632");
            Assert.Equal(HttpStatusCode.Forbidden, (await consulent.GetAsync("/api/v1/partner-calls")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await consulent.PostAsync($"/api/v1/partner-calls/{items[0]["id"]}/retry-now", null)).StatusCode);
        }

        await ProblemAsync(http.GetAsync("/api/v1/partner-calls?state=failed"), HttpStatusCode.BadRequest, "request.partner-call-state-invalid");
        await ProblemAsync(http.GetAsync("/api/v1/partner-calls?gemeente=12"), HttpStatusCode.UnprocessableEntity, "request.gemeente-invalid");
        await ProblemAsync(http.PostAsync($"/api/v1/partner-calls/{Guid.NewGuid()}/retry-now", null), HttpStatusCode.NotFound, "partner-call.not-found");

        // One call now: it runs without the clock moving; the others keep waiting.
        var first = Guid.Parse(items[0]["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync($"/api/v1/partner-calls/{first}/retry-now", null)).StatusCode);
        await WaitForCompletedAsync(database, 1);
        await ProblemAsync(http.PostAsync($"/api/v1/partner-calls/{first}/retry-now", null), HttpStatusCode.Conflict, "partner-call.not-waiting");

        // In bulk for one gemeente and activity type: the four left in 0632, not the three of 1901.
        using var bulk = await http.PostAsJsonAsync("/api/v1/partner-calls/retry-now", new { activityType = Activity, gemeente = "0632" });
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(4, JsonNode.Parse(await bulk.Content.ReadAsStringAsync())!["count"]!.GetValue<int>());
        await WaitForCompletedAsync(database, 5);
        await using (var db = database.Context())
        {
            var jobs = await db.Jobs.ToListAsync();
            Assert.All(jobs.Where(j => j.TenantId == "1901"), j => Assert.Equal(JobStatus.Pending, j.Status));
            Assert.All(jobs.Where(j => j.TenantId == "0632"), j => Assert.Equal(JobStatus.Completed, j.Status));
        }

        Assert.Equal(3, (await ListAsync(http, "/api/v1/partner-calls?state=waiting"))["total"]!.GetValue<int>());
        using var none = await http.PostAsJsonAsync("/api/v1/partner-calls/retry-now", new { activityType = "duo.onbekend" });
        Assert.Equal(0, JsonNode.Parse(await none.Content.ReadAsStringAsync())!["count"]!.GetValue<int>());
    }

    private static async Task<JsonNode> ListAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task ProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string code)
    {
        using var response = await call;
        Assert.Equal(status, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(code, problem["code"]!.GetValue<string>());
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> calls completed: the dispatcher is woken by the hand-over and runs them without
    /// the clock moving. The bound (two minutes) is only against a hang on a busy machine; it also checks no more complete.
    /// </summary>
    private static async Task WaitForCompletedAsync(TestDatabase database, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        int completed;
        do
        {
            await Task.Delay(100);
            await using var db = database.Context();
            completed = await db.Jobs.CountAsync(j => j.Status == JobStatus.Completed);
        }
        while (completed < expected && DateTime.UtcNow < deadline);
        Assert.Equal(expected, completed);
    }
}
