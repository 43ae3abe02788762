using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Tests;
using Inburgering.Workflows.Beheer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Operations' reads at scale on PostgreSQL: 100,000 active trajecten over 15 gemeenten, each with its schakel instance (one in
/// five still in schakel 3 with the PIP deadline timer, the rest in schakel 4 with the voortgangsgesprek task, the termijn timer
/// and for asielstatushouders the ontzorging evaluation), their history (brede intakes and PIPs over three years, partner calls),
/// served by the real service as a separate process. Measures the overdue summary, the overdue lists (page 1 and 40) and the
/// quarter's counts, for a beheerder of the four Ferm Werk gemeenten and one of all fifteen; prints p50/p95/max. Asserts nothing.
/// </summary>
internal static class OperationsBench
{
    private static readonly string[] Gemeenten =
        ["0632", "1901", "0335", "0589", "0505", "0590", "0642", "0531", "0610", "0405", "0532", "0441", "0420", "0385", "0398"];

    private const string Schakel3 = "schakel3-brede-intake-en-pip";
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    public static async Task RunAsync(int trajecten, int requests, string? pgbenchTps)
    {
        if (Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
        {
            Console.WriteLine("Operations: skipped (INBURGERING_TEST_POSTGRES not set; run through tests/bench/run.sh).");
            return;
        }

        Console.WriteLine($"# Operations reads on PostgreSQL: {trajecten:N0} active trajecten over {Gemeenten.Length} gemeenten, {requests} requests per line, {Environment.ProcessorCount} cores; pgbench -N: {pgbenchTps ?? "?"} tps");
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);
        var watch = Stopwatch.StartNew();
        var rows = await SeedAsync(database, trajecten);
        Console.WriteLine($"- {rows:N0} rows (instances, open and completed tasks, timers, partner calls) written in {watch.Elapsed.TotalSeconds:0} s");

        var work = Directory.CreateTempSubdirectory("inburgering-bench-ops-").FullName;
        await using var server = await ServerProcess.StartAsync(
            [
                "--Inburgering:Database", "PostgreSql",
                "--ConnectionStrings:Inburgering", database.ConnectionString,
                "--Inburgering:DevelopmentSignIn=true",
                "--Inburgering:SimulationClock=true",
                "--Logging:LogLevel:Default=Warning",
            ],
            work);

        // The rows were written as an older version would have: the server writes their counted values in the background.
        watch.Restart();
        var counted = new CountedVariables(Inburgering.Workflows.Beheer.Kwartaalcijfers.TrajectKenmerken);
        while (true)
        {
            await using var db = database.Context();
            var stale = await db.Instances.CountAsync(i => i.CountedValues == null || !i.CountedValues.StartsWith(counted.Signature));
            if (stale == 0)
            {
                break;
            }

            await Task.Delay(500);
        }

        Console.WriteLine($"- counted values of {trajecten * 2:N0} instances (root and schakel of each traject) written by the server's backfill in {watch.Elapsed.TotalSeconds:0} s after its start");

        // The backfill rewrote every row once: what autovacuum does after it, done now, so the reads below are the steady state.
        watch.Restart();
        await using (var db = database.Context())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }

        Console.WriteLine($"- VACUUM ANALYZE after the backfill: {watch.Elapsed.TotalSeconds:0} s");

        var kwartaal = $"{DateTime.UtcNow.Year}-K{((DateTime.UtcNow.Month - 1) / 3) + 1}";
        Console.WriteLine();
        Console.WriteLine("| who | call | rows | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (name, gemeenten) in new[] { ("beheerder, 4 gemeenten", string.Join(',', Gemeenten.Take(4))), ("beheerder, 15 gemeenten", string.Join(',', Gemeenten)) })
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Add("X-User", "beheerder");
            client.DefaultRequestHeaders.Add("X-Roles", "beheerder");
            client.DefaultRequestHeaders.Add("X-Gemeenten", gemeenten);
            foreach (var (call, url) in new[]
            {
                ("overdue summary (5 kinds × gemeenten)", "api/v1/beheer/achterstanden"),
                ("overdue PIP, page 1", "api/v1/beheer/achterstanden/pip?pageSize=25"),
                ("voortgangsgesprek, page 40", "api/v1/beheer/achterstanden/voortgangsgesprek?pageSize=25&page=40"),
                ("termijn, one gemeente", "api/v1/beheer/achterstanden/termijn?gemeente=0632&pageSize=25"),
                ("tasks past due, page 1", "api/v1/beheer/achterstanden/taken?staat=te-laat&pageSize=25"),
                ("counts of the quarter", $"api/v1/beheer/cijfers?kwartaal={kwartaal}"),
            })
            {
                var (times, total) = await MeasureAsync(client, url, requests);
                Console.WriteLine($"| {name} | {call} | {total} | {P(times, 0.50):0.0} | {P(times, 0.95):0.0} | {times.Max():0.0} |");
            }
        }

        await CountsBreakdownAsync(database, requests);
    }

    /// <summary>Where the quarter's counts spend their time: each engine read the counts make, for a beheerder of four gemeenten.</summary>
    private static async Task CountsBreakdownAsync(TestDatabase database, int requests)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProcessEngine(database.Options, o =>
        {
            foreach (var name in Kwartaalcijfers.TrajectKenmerken)
            {
                o.CountedVariables.Add(name);
            }
        });
        await using var provider = services.BuildServiceProvider();
        var queries = provider.GetRequiredService<EngineQueries>();

        // As in the server: its backfill went through the table (here it finds every row current), so counts skip that scan.
        await provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<InstanceValuesBackfill>().Single()
            .RunAsync(CancellationToken.None);
        var actor = new Actor("beheerder", new HashSet<string> { "beheerder" }, new HashSet<string>(Gemeenten.Take(4)));
        var kwartaal = Kwartaal.VanMoment(DateTimeOffset.UtcNow);
        var (from, to) = (kwartaal.Van, kwartaal.Tot);
        var elements = Kwartaalcijfers.Memo.Where(r => r.Bron is Kwartaalcijfers.Bron.TaakAfgerond or Kwartaalcijfers.Bron.TaakGestart).Select(r => r.Sleutel[(r.Sleutel.IndexOf('/', StringComparison.Ordinal) + 1)..]).Distinct().ToList();
        var types = Kwartaalcijfers.Memo.Where(r => r.Bron == Kwartaalcijfers.Bron.PartnerAanroep).Select(r => r.Sleutel).ToList();
        Console.WriteLine();
        Console.WriteLine("| counts: engine read (4 gemeenten) | p50 ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, read) in new (string, Func<Task>)[]
        {
            ("tasks completed in the quarter", () => queries.TaskCountsPerTenantAsync(elements, completed: true, from, to, actor)),
            ("tasks created in the quarter", () => queries.TaskCountsPerTenantAsync(elements, completed: false, from, to, actor)),
            ("partner calls completed in the quarter", () => queries.CompletedJobCountsAsync(types, from, to, actor)),
            ("trajecten started per doelgroep", () => queries.VariableCountsAsync(Kwartaalcijfers.Traject, ["doelgroep", "gedetailleerdeDoelgroep"], (from, to), actor)),
            ("running per schakel", () => queries.ActiveInstanceCountsAsync(Kwartaalcijfers.Schakels.Select(k => k.Key).ToList(), actor)),
            ("running per doelgroep and leerroute", () => queries.VariableCountsAsync(Kwartaalcijfers.Traject, Kwartaalcijfers.TrajectKenmerken, null, actor)),
            ("running per doelgroep and leerroute, the slow way (issue 11's 1.7 s)", () => queries.VariableCountsAsync(Kwartaalcijfers.Traject, ["doelgroep", "gedetailleerdeDoelgroep", "onbekend"], null, actor)),
            ("started and ended, one quarter (the trend asks 8)", () => queries.StartedAndEndedAsync(Kwartaalcijfers.Traject, from, to, actor)),
        })
        {
            await read();
            var times = new List<double>();
            for (var i = 0; i < Math.Min(requests, 20); i++)
            {
                var watch = Stopwatch.StartNew();
                await read();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"| {name} | {P(times, 0.50):0.0} | {P(times, 0.95):0.0} |");
        }
    }

    private static async Task<(List<double> Times, string Total)> MeasureAsync(HttpClient client, string url, int requests)
    {
        var total = "";
        for (var i = 0; i < 5; i++)
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
                    : json.RootElement.TryGetProperty("soorten", out var s) ? s.EnumerateArray().Sum(k => k.GetProperty("teLaat").GetInt32() + k.GetProperty("binnenkort").GetInt32()).ToString("N0", CultureInfo.InvariantCulture)
                    : json.RootElement.TryGetProperty("doelgroepen", out var d) ? d.GetProperty("rijen").EnumerateArray().Sum(r => r.GetProperty("totaal").GetInt32()).ToString("N0", CultureInfo.InvariantCulture)
                    : "";
            }
        }

        return (times, total);
    }

    private static double P(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>Each traject: root and schakel instance, its open work (task and/or timers), a completed intake and PIP, partner calls.</summary>
    private static async Task<int> SeedAsync(TestDatabase database, int trajecten)
    {
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        var definitionId = Guid.NewGuid();
        var filler = new string('x', 1500);
        var doelgroepen = new[] { ("Asielstatushouder", (string?)null), ("Gezinsmigrant en overige migrant", (string?)"Gezinsvormer"), ("Gezinsmigrant en overige migrant", (string?)null) };
        var routes = new[] { "B", "Z", "O" };
        var rows = 0;
        for (var batch = 0; batch < trajecten; batch += 2000)
        {
            await using var db = database.Context();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = batch; i < Math.Min(trajecten, batch + 2000); i++)
            {
                var gemeente = Gemeenten[i % Gemeenten.Length];
                var root = Guid.NewGuid();
                var schakel = Guid.NewGuid();
                var referentie = $"P-BENCH{i:D15}";
                var (doelgroep, detail) = doelgroepen[random.Next(doelgroepen.Length)];
                var inSchakel3 = random.Next(5) == 0;
                var started = now.AddDays(-random.Next(1, 1100));
                Instance(root, null, "inburgeringstraject", new { inburgeraarNaam = $"Persoon {i}", persoonReferentie = referentie, doelgroep, gedetailleerdeDoelgroep = detail, pipLeerroute = inSchakel3 ? null : routes[random.Next(3)], toelichting = filler });
                Instance(schakel, root, inSchakel3 ? Schakel3 : Schakel4, new { persoonReferentie = referentie, toelichting = filler });
                Task(inSchakel3 ? Schakel3 : Schakel4, "User_Intake", UserTaskStatus.Completed, started.AddDays(7), started.AddDays(70), started.AddDays(random.Next(7, 40)));
                if (inSchakel3)
                {
                    var uiterlijk = now.AddDays(random.Next(-20, 70));
                    if (uiterlijk < now)
                    {
                        Task(Schakel3, "User_Verstreken", UserTaskStatus.Open, uiterlijk, null, null);
                    }
                    else
                    {
                        Timer(Schakel3, "Timer_Uiterlijk", uiterlijk);
                        Task(Schakel3, "User_Pip", UserTaskStatus.Open, now.AddDays(-random.Next(1, 60)), uiterlijk, null);
                    }
                }
                else
                {
                    var pip = started.AddDays(random.Next(30, 90));
                    Task(Schakel3, "User_Pip", UserTaskStatus.Completed, started.AddDays(20), started.AddDays(70), pip);
                    Task(Schakel4, "User_Vg", UserTaskStatus.Open, now.AddDays(-random.Next(1, 90)), now.AddDays(random.Next(-60, 120)), null);
                    Timer(Schakel4, "Timer_Einde", pip.AddYears(3).AddDays(random.Next(0, 180)));
                    if (doelgroep == "Asielstatushouder")
                    {
                        Timer("financieel-ontzorgen", "Bnd_OzEvaluatie", now.AddDays(random.Next(1, 200)));
                    }

                    Job("taalaanbieder.aanmelden", pip.AddDays(3));
                }

                Job("intake.leerbaarheidstoets-aanvragen", started.AddDays(5));

                void Instance(Guid id, Guid? parent, string key, object variables)
                {
                    db.Instances.Add(new InstanceEntity
                    {
                        Id = id,
                        DefinitionId = definitionId,
                        DefinitionKey = key,
                        DefinitionVersion = 1,
                        BusinessKey = referentie,
                        TenantId = gemeente,
                        Status = InstanceStatus.Active,
                        ParentInstanceId = parent,
                        RootInstanceId = root,
                        StartedAt = started,
                        Variables = JsonSerializer.Serialize(variables),
                    });
                    rows++;
                }

                void Task(string key, string element, UserTaskStatus status, DateTimeOffset created, DateTimeOffset? due, DateTimeOffset? completed)
                {
                    db.UserTasks.Add(new UserTaskEntity
                    {
                        Id = Guid.NewGuid(),
                        InstanceId = schakel,
                        ExecutionId = Guid.NewGuid(),
                        ElementId = element,
                        Name = element,
                        DefinitionKey = key,
                        BusinessKey = referentie,
                        TenantId = gemeente,
                        Status = status,
                        CandidateGroups = ",consulent,",
                        DueAt = due,
                        CreatedAt = created,
                        CompletedAt = completed,
                        CompletedBy = completed is null ? null : "carla",
                    });
                    rows++;
                }

                void Timer(string key, string element, DateTimeOffset due)
                {
                    db.Timers.Add(new TimerEntity
                    {
                        Id = Guid.NewGuid(),
                        InstanceId = schakel,
                        ExecutionId = Guid.NewGuid(),
                        DefinitionId = definitionId,
                        ElementId = element,
                        TenantId = gemeente,
                        Status = TimerStatus.Scheduled,
                        DueAt = due,
                        FirstDueAt = due,
                        Spec = "bench",
                        Kind = "date",
                        CreatedAt = now.AddDays(-30),
                    });
                    rows++;
                }

                void Job(string activityType, DateTimeOffset completed)
                {
                    db.Jobs.Add(new JobEntity
                    {
                        Id = Guid.NewGuid(),
                        InstanceId = schakel,
                        ExecutionId = Guid.NewGuid(),
                        ElementId = "Svc",
                        ActivityType = activityType,
                        DefinitionKey = Schakel3,
                        TenantId = gemeente,
                        BusinessKey = referentie,
                        IdempotencyKey = Guid.NewGuid().ToString(),
                        Status = JobStatus.Completed,
                        Attempts = 1,
                        DueAt = completed,
                        CreatedAt = completed,
                        CompletedAt = completed,
                    });
                    rows++;
                }
            }

            await db.SaveChangesAsync();
        }

        return rows;
    }
}
