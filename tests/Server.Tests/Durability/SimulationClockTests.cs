using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// The simulation clock fires timers through the same dispatcher (<c>ProcessEngine.FireTimerAsync</c>) as Quartz does in
/// real time: one process, run once on each, leaves the same journal.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class SimulationClockTests
{
    [Fact]
    public async Task SimulationClock_FiresTimersThroughTheSameDispatcherAsQuartz()
    {
        // Real time: Quartz (in-memory store on SQLite) fires the timer two seconds after the start.
        await using var realDatabase = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        List<(string Type, string? Element)> real;
        await using (var server = new SimulatedServer(realDatabase, null, new Dictionary<string, string> { ["Inburgering:SimulationClock"] = "false" }))
        {
            using var http = server.Client();
            var id = await StartAsync(http);
            Assert.False((await GetAsync(http, "/api/v1/clock"))["simulated"]!.GetValue<bool>());
            await Eventually.WaitAsync(() => JournalReader.TimerFiringsAsync(realDatabase, "wacht"), f => f.Count == 1, TimeSpan.FromSeconds(30), "the timer fired");
            real = await JournalAsync(realDatabase, id);
        }

        // Virtual time: advancing the clock fires the same timer.
        await using var simulatedDatabase = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        List<(string Type, string? Element)> simulated;
        await using (var server = new SimulatedServer(simulatedDatabase, null))
        {
            using var http = server.Client();
            var id = await StartAsync(http);
            Assert.True((await GetAsync(http, "/api/v1/clock"))["simulated"]!.GetValue<bool>());
            using var advance = await http.PostAsJsonAsync("/api/v1/clock/advance", new { duration = "PT2S" });
            Assert.Equal(1, JsonNode.Parse(await advance.Content.ReadAsStringAsync())!["timersFired"]!.GetValue<int>());
            simulated = await JournalAsync(simulatedDatabase, id);
            var firing = Assert.Single(await JournalReader.TimerFiringsAsync(simulatedDatabase, "wacht"));
            Assert.Equal(firing.DueAt, firing.At);
        }

        Assert.Contains(("timer-fired", "wacht"), real);
        Assert.Equal(real, simulated);
    }

    private static async Task<Guid> StartAsync(HttpClient http)
    {
        using (var deploy = new StringContent(DurabilityBpmn.TimerAndPartnerCall, System.Text.Encoding.UTF8, "application/xml"))
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/definitions", deploy)).StatusCode);
        }

        using var start = await http.PostAsJsonAsync("/api/v1/instances", new { definitionKey = "wachten", businessKey = "S-1", gemeente = "0632", variables = new { wacht = "PT2S" } });
        return JsonNode.Parse(await start.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string url) => JsonNode.Parse(await http.GetStringAsync(url))!;

    private static async Task<List<(string Type, string? Element)>> JournalAsync(TestDatabase database, Guid instanceId)
    {
        await using var db = database.Context();
        return (await db.Journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).Select(j => new { j.Type, j.ElementId }).ToListAsync())
            .Select(j => (j.Type, j.ElementId)).ToList();
    }
}
