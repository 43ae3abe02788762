using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Server.Tests.Durability;
using Inburgering.Server.Tests.Keten;
using Inburgering.Simulators.Demo;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Inburgering.Server.Tests;

/// <summary>
/// Issue 4, item 6: with Inburgering:DemoData the service starts with the Ferm Werk gemeenten, its simulators, and a few dozen
/// trajecten at different stages, made by running the keten through virtual time — and a restart does not make them again.
/// </summary>
public sealed class DemoDataTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoData_RunsTrajectenThroughTheKetenUpToToday_AndARestartLeavesThemAlone(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var work = Directory.CreateTempSubdirectory("inburgering-demo-").FullName;
        string[] arguments =
        [
            "--Inburgering:Database", provider.ToString(),
            "--ConnectionStrings:Inburgering", database.ConnectionString,
            "--Inburgering:SimulationClock=true",
            "--Inburgering:DevelopmentSignIn=true",
            "--Inburgering:DemoData=true",
        ];
        var startedAt = DateTimeOffset.UtcNow;
        var server = await ServerProcess.StartAsync(arguments, work);
        try
        {
            using var client = new ServerApi(server.BaseAddress);
            var api = client.Http;

            // Not ready while the demo is built; the API answers all the same.
            Assert.True((await api.GetAsync("api/v1/clock")).IsSuccessStatusCode);
            var ready = await server.WaitReadyAsync(ServerProcess.ReadyLimit);
            output.WriteLine($"{provider}: ready after {(DateTimeOffset.UtcNow - startedAt).TotalSeconds:0.0} s: {ready}");
            Assert.DoesNotContain("mislukt", ready, StringComparison.Ordinal);

            // The clock is back at today, simulated.
            var clock = await api.GetJsonAsync("api/v1/clock");
            Assert.True((bool)clock["simulated"]!);
            var now = DateTimeOffset.Parse((string)clock["now"]!, CultureInfo.InvariantCulture);
            Assert.InRange(now, startedAt.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

            await using var db = database.Context();
            var trajecten = await db.Instances.AsNoTracking().Where(i => i.DefinitionKey == "inburgeringstraject").ToListAsync();
            var personas = DemoPersonas.For(30, 127);
            Assert.InRange(trajecten.Count, personas.Count, personas.Count + 3);
            Assert.Equal(DemoPersonas.Gemeenten.Order(), trajecten.Select(t => t.TenantId).Distinct().Order());

            // Started over the last thirty months, at different stages today: finished ones, and ones in every schakel.
            Assert.True(trajecten.Min(t => t.StartedAt) < now.AddMonths(-28), "The oldest traject started about thirty months ago.");
            Assert.True(trajecten.Max(t => t.StartedAt) > now.AddMonths(-2), "The newest traject started in the last weeks.");
            Assert.InRange(trajecten.Count(t => t.Status == InstanceStatus.Completed), 5, 20);

            // The gemeente recorded each running traject's inburgeraar by name, the newest too (one started by the last week's
            // events is named the week after).
            var unnamed = trajecten.Where(t => t.Status == InstanceStatus.Active && t.StartedAt < now.AddDays(-8) && !t.Variables.Contains("\"inburgeraarNaam\"", StringComparison.Ordinal)).Select(t => t.BusinessKey).ToList();
            Assert.Empty(unnamed);
            Assert.Contains(trajecten, t => t.StartedAt > now.AddMonths(-2) && t.Variables.Contains("\"inburgeraarNaam\"", StringComparison.Ordinal));
            var active = await db.Instances.AsNoTracking().Where(i => i.Status == InstanceStatus.Active).GroupBy(i => i.DefinitionKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            output.WriteLine(string.Join(", ", active.Select(a => $"{a.Key}: {a.Value}")));
            Assert.True(active.GetValueOrDefault("schakel3-brede-intake-en-pip") >= 1, "Someone is between intake and PIP.");
            Assert.True(active.GetValueOrDefault("schakel4-inburgeren-en-participeren") >= 10, "Most run in schakel 4.");
            var ends = trajecten.Where(t => t.Status == InstanceStatus.Completed).Select(t => t.EndReason ?? "").ToList();
            Assert.Contains(ends, e => e.Contains("End_Afgerond", StringComparison.Ordinal));
            Assert.Contains(ends, e => e.Contains("End_NietInBehandeling", StringComparison.Ordinal));
            Assert.Contains(ends, e => e.Contains("End_Verhuisd", StringComparison.Ordinal));

            // Made by the engine, not by rows: DUO was asked and told, timers fired, people did tasks, with four eyes where due.
            var journal = await db.Journal.AsNoTracking().GroupBy(j => j.Type).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            Assert.True(journal.GetValueOrDefault("timer-fired") > 100, "Deadlines and voortgangsgesprekken fired through virtual time.");
            Assert.True(journal.GetValueOrDefault("message-correlated") >= personas.Count, "DUO's notificaties reached the trajecten.");
            Assert.True(journal.GetValueOrDefault("job-completed") > 100, "Partner calls ran.");
            var approvers = await db.Journal.AsNoTracking().Where(j => j.Type == "task-completed").Select(j => j.User).Distinct().ToListAsync();
            Assert.Contains("carla", approvers);
            Assert.Contains("carla + bram", approvers); // four eyes: casusregisseur and maatschappelijk begeleider
            Assert.Equal(0, await db.Incidents.CountAsync());

            // A werkvoorraad to work in: open tasks in every gemeente, some due already.
            var open = await api.GetJsonAsync("api/v1/tasks?status=open&pageSize=500");
            var tasks = open["items"]!.AsArray().Select(t => t!.AsObject()).ToList();
            Assert.InRange(tasks.Count, 10, 200);
            Assert.True(tasks.Select(t => (string)t["gemeente"]!).Distinct().Count() >= 3, "Tasks in most gemeenten.");
            Assert.True(tasks.Select(t => (string)t["elementId"]!).Distinct().Count() >= 5, "Tasks of several kinds.");

            // A restart on the same database leaves the demo as it is.
            var counts = (await db.Instances.CountAsync(), await db.Journal.CountAsync());
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(arguments, work);
            using var again = new ServerApi(server.BaseAddress);
            Assert.Contains("overgeslagen", await server.WaitReadyAsync(ServerProcess.ReadyLimit), StringComparison.Ordinal);
            Assert.Equal(counts, (await db.Instances.CountAsync(), await db.Journal.CountAsync()));
            var resumed = DateTimeOffset.Parse((string)(await again.Http.GetJsonAsync("api/v1/clock"))["now"]!, CultureInfo.InvariantCulture);
            Assert.InRange(resumed, now.AddSeconds(-1), now.AddSeconds(1)); // virtual time resumes where it stood
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task DemoData_WithoutTheSimulationClock_StopsTheStartWithTheReason()
    {
        var work = Directory.CreateTempSubdirectory("inburgering-demo-").FullName;
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(["--Inburgering:DemoData=true", "--Inburgering:DevelopmentSignIn=true"], work));
        Assert.Contains("Inburgering:SimulationClock=true", failure.Message, StringComparison.Ordinal);
    }
}
