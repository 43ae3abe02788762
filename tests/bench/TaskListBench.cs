using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Inburgering.Engine.Persistence;
using Inburgering.Tests;

/// <summary>
/// The werkvoorraad's reads at scale on PostgreSQL: 100,000 open tasks over 15 gemeenten (each with its schakel instance
/// under a traject whose variables carry the display fields), served by the real service as a separate process. Measures
/// GET /api/v1/tasks per tab (mine, groups, all; sorted by due date; 25 per page) and GET /tasks/counts, for a consulent of
/// one gemeente and a beheerder of all fifteen, and prints p50/p95/max. Asserts nothing.
/// </summary>
internal static class TaskListBench
{
    private static readonly string[] Gemeenten =
        ["0632", "1901", "0335", "0589", "0505", "0590", "0642", "0531", "0610", "0405", "0532", "0441", "0420", "0385", "0398"];

    public static async Task RunAsync(int tasks, int requests)
    {
        if (Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
        {
            Console.WriteLine("Task list: skipped (INBURGERING_TEST_POSTGRES not set; run through tests/bench/run.sh).");
            return;
        }

        Console.WriteLine($"# Werkvoorraad reads on PostgreSQL: {tasks:N0} open tasks over {Gemeenten.Length} gemeenten, {requests} requests per line, {Environment.ProcessorCount} cores");
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);
        var watch = Stopwatch.StartNew();
        await SeedAsync(database, tasks);
        Console.WriteLine($"- {tasks:N0} tasks (and {tasks / 2:N0} schakel and {tasks / 2:N0} traject instances) written in {watch.Elapsed.TotalSeconds:0} s");

        var work = Directory.CreateTempSubdirectory("inburgering-bench-tasks-").FullName;
        await using var server = await ServerProcess.StartAsync(
            [
                "--Inburgering:Database", "PostgreSql",
                "--ConnectionStrings:Inburgering", database.ConnectionString,
                "--Inburgering:DevelopmentSignIn=true",
                "--Inburgering:SimulationClock=true",
                "--Logging:LogLevel:Default=Warning",
            ],
            work);

        Console.WriteLine();
        Console.WriteLine("| who | call | tasks in view | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        var users = new (string Name, string User, string Roles, string Gemeenten)[]
        {
            ("consulent, 1 gemeente", "consulent-1", "consulent", "0632"),
            ("beheerder, 15 gemeenten", "beheerder-15", "beheerder,consulent", string.Join(',', Gemeenten)),
        };
        foreach (var (name, user, roles, gemeenten) in users)
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
            client.DefaultRequestHeaders.Add("X-User", user);
            client.DefaultRequestHeaders.Add("X-Roles", roles);
            client.DefaultRequestHeaders.Add("X-Gemeenten", gemeenten);
            foreach (var (call, url) in new[]
            {
                ("/tasks mine", "api/v1/tasks?view=mine&sort=due&pageSize=25"),
                ("/tasks groups", "api/v1/tasks?view=groups&sort=due&pageSize=25"),
                ("/tasks all", "api/v1/tasks?view=all&sort=due&pageSize=25"),
                ("/tasks all, page 40", "api/v1/tasks?view=all&sort=due&pageSize=25&page=40"),
                ("/tasks all, overdue, unclaimed", "api/v1/tasks?view=all&due=overdue&unassigned=true&sort=due&pageSize=25"),
                ("/tasks/counts", "api/v1/tasks/counts"),
            })
            {
                var (times, total) = await MeasureAsync(client, url, requests);
                Console.WriteLine($"| {name} | {call} | {total} | {P(times, 0.50):0.0} | {P(times, 0.95):0.0} | {times.Max():0.0} |");
            }
        }
    }

    private static async Task<(List<double> Times, string Total)> MeasureAsync(HttpClient client, string url, int requests)
    {
        string total = "";
        for (var i = 0; i < 20; i++)
        {
            using var warm = await client.GetAsync(url);
            warm.EnsureSuccessStatusCode();
        }

        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            response.EnsureSuccessStatusCode();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (i == 0)
            {
                using var json = JsonDocument.Parse(body);
                total = json.RootElement.TryGetProperty("total", out var t) ? t.GetInt32().ToString("N0", CultureInfo.InvariantCulture)
                    : json.RootElement.TryGetProperty("all", out var a) ? a.GetInt32().ToString("N0", CultureInfo.InvariantCulture) : "";
            }
        }

        return (times, total);
    }

    private static double P(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>Half as many trajecten as tasks; each traject has one schakel instance holding two open tasks.</summary>
    private static async Task SeedAsync(TestDatabase database, int tasks)
    {
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        var definitionId = Guid.NewGuid();
        var filler = new string('x', 1500);
        var names = new[] { "Brede intake afnemen", "PIP opstellen en vaststellen", "Voortgangsgesprek voeren", "MAP-eindgesprek voeren", "PVT-ondertekening registreren", "Klantprofiel uit TVS verwerken" };
        for (var batch = 0; batch < tasks / 2; batch += 2500)
        {
            await using var db = database.Context();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = batch; i < Math.Min(tasks / 2, batch + 2500); i++)
            {
                var gemeente = Gemeenten[i % Gemeenten.Length];
                var root = Guid.NewGuid();
                var schakel = Guid.NewGuid();
                var referentie = $"P-BENCH{i:D15}";
                db.Instances.Add(new InstanceEntity
                {
                    Id = root,
                    DefinitionId = definitionId,
                    DefinitionKey = "inburgeringstraject",
                    DefinitionVersion = 1,
                    BusinessKey = referentie,
                    TenantId = gemeente,
                    Status = InstanceStatus.Active,
                    RootInstanceId = root,
                    StartedAt = now.AddDays(-random.Next(1, 900)),
                    Variables = JsonSerializer.Serialize(new { inburgeraarNaam = $"Persoon {i}", persoonReferentie = referentie, doelgroep = "Asielstatushouder", toelichting = filler }),
                });
                db.Instances.Add(new InstanceEntity
                {
                    Id = schakel,
                    DefinitionId = definitionId,
                    DefinitionKey = "schakel4-inburgeren-en-participeren",
                    DefinitionVersion = 1,
                    BusinessKey = referentie,
                    TenantId = gemeente,
                    Status = InstanceStatus.Active,
                    ParentInstanceId = root,
                    RootInstanceId = root,
                    StartedAt = now.AddDays(-random.Next(1, 600)),
                    Variables = JsonSerializer.Serialize(new { persoonReferentie = referentie, pipLeerroute = "B", toelichting = filler }),
                });
                for (var t = 0; t < 2; t++)
                {
                    var element = random.Next(names.Length);
                    db.UserTasks.Add(new UserTaskEntity
                    {
                        Id = Guid.NewGuid(),
                        InstanceId = schakel,
                        ExecutionId = Guid.NewGuid(),
                        ElementId = $"User_{element}",
                        Name = names[element],
                        DefinitionKey = "schakel4-inburgeren-en-participeren",
                        BusinessKey = referentie,
                        TenantId = gemeente,
                        Status = UserTaskStatus.Open,
                        Assignee = random.Next(10) == 0 ? (random.Next(2) == 0 ? "consulent-1" : "beheerder-15") : null,
                        CandidateGroups = random.Next(4) == 0 ? ",begeleider," : ",consulent,",
                        DueAt = random.Next(10) == 0 ? null : now.AddDays(random.Next(-60, 365)),
                        CreatedAt = now.AddDays(-random.Next(1, 400)),
                    });
                }
            }

            await db.SaveChangesAsync();
        }
    }
}
