using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Scheduling;
using Inburgering.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Inburgering benchmarks: prints figures, asserts nothing. See tests/bench/run.sh.
var scenario = args.FirstOrDefault() ?? "engine";
var options = args.Skip(1).Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

// --databases=Sqlite,PostgreSql (both when not given).
DatabaseProvider[] Databases() => (options.GetValueOrDefault("databases") ?? "Sqlite,PostgreSql").Split(',')
    .Select(d => Enum.TryParse<DatabaseProvider>(d, ignoreCase: true, out var p) ? p : throw new ArgumentException($"Unknown database '{d}': Sqlite or PostgreSql."))
    .ToArray();

switch (scenario)
{
    case "engine":
        await EngineBench.RunAsync(Option("instances", 2000), Option("workers", 8), options.GetValueOrDefault("pgbench-tps"), Option("nodes", 1), options.GetValueOrDefault("workloads")?.Split(','), Databases());
        break;
    case "engine-node":
        // The second node of `engine --nodes=2`: started by the first, told what to run on standard input.
        await EngineBench.RunNodeAsync(options["connection"], Option("workers", 8));
        break;
    case "timers":
        await TimerBurstBench.RunAsync(Option("timers", 100_000), options.GetValueOrDefault("pgbench-tps"), Option("nodes", 1), options.ContainsKey("timer-parallelism") ? Option("timer-parallelism", 8) : null, options.ContainsKey("timer-pumps") ? Option("timer-pumps", 2) : null);
        break;
    case "timers-node":
        // The second node of `timers --nodes=2`: runs the scheduler until its standard input closes.
        await TimerBurstBench.RunNodeAsync(options["connection"]);
        break;
    case "keten":
        await KetenBench.RunAsync(Option("trajecten", 10_000), Option("months", 42), Option("start-weeks", 8), Databases(), options.GetValueOrDefault("pgbench-tps"));
        break;
    case "tasks":
        await TaskListBench.RunAsync(Option("tasks", 100_000), Option("requests", 200));
        break;
    case "retry-burst":
        await RetryBurstBench.RunAsync(Option("calls", 5_000), Option("timers", 1_000), options.ContainsKey("hangfire-workers") ? Option("hangfire-workers", 10) : null, options.ContainsKey("quartz-threads") ? Option("quartz-threads", 10) : null, options.ContainsKey("timer-parallelism") ? Option("timer-parallelism", 4) : null, options.ContainsKey("timer-pumps") ? Option("timer-pumps", 2) : null, options.GetValueOrDefault("pgbench-tps"));
        break;
    case "operations":
        await OperationsBench.RunAsync(Option("trajecten", 100_000), Option("requests", 100), options.GetValueOrDefault("pgbench-tps"));
        break;
    case "profile":
        await EngineProfile.RunAsync(Option("operations", 1000));
        break;
    case "web":
        await WebBench.RunAsync(Option("navigations", 20));
        break;
    case "expressions":
        ExpressionBench.Run(Option("iterations", 5_000));
        break;
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: engine, profile, timers, retry-burst, keten, expressions, tasks, operations, web");
        return 2;
}

return 0;

internal static class EngineBench
{
    private static readonly Actor User = new("bench", new HashSet<string> { "beheerder" }, null, IsAdministrator: true);

    private sealed record Workload(string Name, string Description, int StepsPerInstance, Func<ProcessEngine, EngineQueries, int, int, Task> Run);

    public static async Task RunAsync(int instances, int workers, string? pgbenchTps, int nodes, string[]? only, DatabaseProvider[] providers)
    {
        Console.WriteLine($"# Engine throughput: {instances} instances per measurement, {workers} concurrent workers, {Environment.ProcessorCount} cores");
        Console.WriteLine("CPU is this process's (engine, EF Core, driver), per instance; write transactions are PostgreSQL's (txid_current), per instance.");
        Console.WriteLine();
        Console.WriteLine("| database | workload | instances | seconds | instances/s | commits/s | CPU ms/instance (ours + PostgreSQL's) | KB allocated/instance | write tx/instance |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var workloads = new Workload[]
        {
            new("straight", "10 no-op steps straight through (tasks + XOR + AND split/join)", 1, (e, _, n, w) => StraightAsync(e, n, w)),
            new("message", "no-op, message by business key, no-op (start + correlate)", 2, (e, _, n, w) => MessageAsync(e, n, w)),
            new("tasks", "5 user tasks completed through the engine (start + 5 completions)", 6, UserTasksAsync),
            new("timer", "no-op, 1 ms timer fired by the timer pump, no-op (start + fire)", 2, (e, _, n, w) => TimerAsync(e, n, w)),
        };
        if (only is { Length: > 0 })
        {
            var unknown = only.Where(n => workloads.All(w => w.Name != n)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"Unknown workload(s) {string.Join(", ", unknown)}; the workloads: {string.Join(", ", workloads.Select(w => w.Name))}.");
            }

            workloads = workloads.Where(w => only.Contains(w.Name)).ToArray();
        }

        var results = new List<(DatabaseProvider Provider, string Scenario, double PerSecond, double StepsPerSecond)>();
        foreach (var provider in providers)
        {
            if (provider == DatabaseProvider.PostgreSql && Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
            {
                Console.WriteLine("| PostgreSQL | (skipped: INBURGERING_TEST_POSTGRES not set) | | | | | | | |");
                continue;
            }

            await using var database = await TestDatabases.CreateAsync(provider);
            await using var services = Build(database);
            await services.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
            var engine = services.GetRequiredService<ProcessEngine>();
            var queries = services.GetRequiredService<EngineQueries>();
            await DeployAsync(engine);

            foreach (var workload in workloads)
            {
                // Warm up: JIT, pools, model cache.
                await workload.Run(engine, queries, 50, workers);
                var count = workload.Name == "tasks" ? Math.Max(100, instances / 4) : instances;
                var transactions = provider == DatabaseProvider.PostgreSql ? await BenchProcesses.WriteTransactionIdAsync(database) : 0;
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var pgCpu = provider == DatabaseProvider.PostgreSql ? await BenchProcesses.PostgresCpuAsync(database) : TimeSpan.Zero;
                var watch = Stopwatch.StartNew();
                await workload.Run(engine, queries, count, workers);
                var seconds = watch.Elapsed.TotalSeconds;
                var allocatedKb = (GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1024.0 / count;
                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
                var pgCpuMs = provider == DatabaseProvider.PostgreSql ? ((await BenchProcesses.PostgresCpuAsync(database)) - pgCpu).TotalMilliseconds / count : double.NaN;
                var tx = provider == DatabaseProvider.PostgreSql ? (await BenchProcesses.WriteTransactionIdAsync(database) - transactions - 1) / (double)count : double.NaN;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | {workload.Description} | {count} | {seconds:0.00} | {count / seconds:0} | {count * workload.StepsPerInstance / seconds:0} | {cpuMs:0.00}{(double.IsNaN(pgCpuMs) ? "" : $" + {pgCpuMs:0.00}")} | {allocatedKb:0} | {(double.IsNaN(tx) ? "–" : tx.ToString("0.0", CultureInfo.InvariantCulture))} |"));
                results.Add((provider, workload.Name, count / seconds, count * workload.StepsPerInstance / seconds));
            }
        }

        Console.WriteLine();
        if (double.TryParse(pgbenchTps, NumberStyles.Float, CultureInfo.InvariantCulture, out var tps) && tps > 0)
        {
            Console.WriteLine($"PostgreSQL commit ceiling on this machine (pgbench -N -c 8, same cluster, same run): {tps:0} tps");
            foreach (var r in results.Where(r => r.Provider == DatabaseProvider.PostgreSql))
            {
                Console.WriteLine($"  {r.Scenario}: {BenchProcesses.CeilingShare(r.StepsPerSecond, pgbenchTps)}");
            }
        }
        else
        {
            Console.WriteLine("PostgreSQL commit ceiling: not measured (run through tests/bench/run.sh, which runs pgbench -N first).");
        }

        if (nodes >= 2)
        {
            await TwoNodesAsync(workloads, instances, workers, results, tps);
        }

        Console.WriteLine("Anchors: Camunda 7 reports 100–500 instances/s started on a 4-core laptop; an Elsa 3 user reports a plateau near 166 workflows/s.");
    }

    /// <summary>
    /// Two engine nodes on one PostgreSQL: this process and a second one (this program, <c>engine-node</c>), each with
    /// <paramref name="workers"/> callers, run the same workload at the same moment against one database. Prints the
    /// combined rate next to one node's from the same run.
    /// </summary>
    private static async Task TwoNodesAsync(Workload[] all, int instances, int workers, List<(DatabaseProvider Provider, string Scenario, double PerSecond, double StepsPerSecond)> single, double tps)
    {
        // Not the timer workload: each node's pump would fire the other's timers, so neither could tell when its own are done.
        var workloads = all.Where(w => w.Name != "timer").ToArray();
        if (Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
        {
            return;
        }

        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);
        await using var services = Build(database);
        await services.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
        var engine = services.GetRequiredService<ProcessEngine>();
        var queries = services.GetRequiredService<EngineQueries>();
        await DeployAsync(engine);

        using var node = BenchProcesses.StartNode("engine-node", database.ConnectionString, $"--workers={workers}");
        async Task<string> ReadAsync()
        {
            // Wait on the second node's answer, however long a busy machine takes; it ends its line when it is done.
            return await node.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The second node stopped.");
        }

        foreach (var workload in workloads)
        {
            await workload.Run(engine, queries, 50, workers);
        }

        if (await ReadAsync() != "ready")
        {
            throw new InvalidOperationException("The second node did not warm up.");
        }

        Console.WriteLine();
        Console.WriteLine($"## Two engine nodes (two processes, {workers} callers each) on one PostgreSQL, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| workload | instances | seconds | instances/s, 2 nodes | instances/s, 1 node | 2 nodes / 1 node | commits/s | share of pgbench | CPU ms/instance (ours + PostgreSQL's) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var workload in workloads)
        {
            var count = workload.Name == "tasks" ? Math.Max(100, instances / 4) : instances;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var pgCpu = await BenchProcesses.PostgresCpuAsync(database);
            var watch = Stopwatch.StartNew();
            await node.StandardInput.WriteLineAsync($"{workload.Name} {count}");
            await node.StandardInput.FlushAsync();
            await workload.Run(engine, queries, count, workers);
            var ours = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var answer = (await ReadAsync()).Split(' ');
            var seconds = watch.Elapsed.TotalSeconds;
            var theirs = TimeSpan.FromMilliseconds(double.Parse(answer[1], CultureInfo.InvariantCulture));
            var pgCpuMs = ((await BenchProcesses.PostgresCpuAsync(database)) - pgCpu).TotalMilliseconds / (2 * count);
            var rate = 2 * count / seconds;
            var one = single.FirstOrDefault(r => r.Provider == DatabaseProvider.PostgreSql && r.Scenario == workload.Name).PerSecond;
            var commits = rate * workload.StepsPerInstance;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {workload.Description} | {2 * count} | {seconds:0.00} | {rate:0} | {one:0} | {(one > 0 ? rate / one : double.NaN):0.00} | {commits:0} | {(tps > 0 ? commits / tps : double.NaN):P0} | {(ours + theirs).TotalMilliseconds / (2 * count):0.00} + {pgCpuMs:0.00} |"));
        }

        node.StandardInput.Close();
        await node.WaitForExitAsync();
        Console.WriteLine();
        Console.WriteLine($"Both nodes and PostgreSQL share these {Environment.ProcessorCount} cores: where one node already keeps them busy (its CPU plus the server's per instance, times its rate), a second node can only split the same CPU, and the ratio stays near 1.");
    }

    /// <summary>The second node: warms up, says "ready", then runs "workload count" lines from standard input and answers "done cpu-ms".</summary>
    public static async Task RunNodeAsync(string connectionString, int workers)
    {
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddProcessEngine(new EngineDatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString })
            .BuildServiceProvider();
        var engine = services.GetRequiredService<ProcessEngine>();
        var queries = services.GetRequiredService<EngineQueries>();
        var workloads = new Dictionary<string, Func<int, Task>>
        {
            ["straight"] = n => StraightAsync(engine, n, workers),
            ["message"] = n => MessageAsync(engine, n, workers),
            ["tasks"] = n => UserTasksAsync(engine, queries, n, workers),
        };
        foreach (var run in workloads.Values)
        {
            await run(50);
        }

        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await workloads[parts[0]](int.Parse(parts[1], CultureInfo.InvariantCulture));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0}"));
        }
    }

    private static async Task DeployAsync(ProcessEngine engine)
    {
        foreach (var file in new[] { "straight-through.bpmn", "user-tasks.bpmn", "message.bpmn", "timer.bpmn" })
        {
            var result = await engine.DeployAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, file)), file, User);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
            }
        }
    }

    private static ServiceProvider Build(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddProcessEngine(database.Options);
        return services.BuildServiceProvider();
    }

    private static Task StraightAsync(ProcessEngine engine, int count, int workers) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            var instance = await engine.StartInstanceAsync(new StartInstance("straight", $"B-{Guid.NewGuid():N}", "0632", new JsonObject { ["n"] = i % 10 }), User, ct);
            if (instance.Status != "completed")
            {
                throw new InvalidOperationException("The straight-through instance did not complete.");
            }
        });

    private static Task MessageAsync(ProcessEngine engine, int count, int workers) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            var key = $"M-{Guid.NewGuid():N}";
            await engine.StartInstanceAsync(new StartInstance("message", key, "0632", null), User, ct);
            var result = await engine.CorrelateMessageAsync(new CorrelateMessage("go", key, null, "0632"), User, ct);
            if (result.CorrelatedInstances.Count != 1)
            {
                throw new InvalidOperationException("The message did not reach its instance.");
            }
        });

    /// <summary>
    /// Starts the instances (each waits on a 1 ms timer), then lets the timer pump fire them as it does in production:
    /// claims of 200 due timers in one write each, <paramref name="workers"/> instances at once.
    /// </summary>
    private static async Task TimerAsync(ProcessEngine engine, int count, int workers)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
            await engine.StartInstanceAsync(new StartInstance("timer", $"T-{Guid.NewGuid():N}", "0632", null), User, ct));
        var pump = new TimerPump(engine, TimeProvider.System, new SchedulerSettings { TimerParallelism = workers });
        var fired = 0;
        while (fired < count)
        {
            // The last timers may be due a millisecond after the last start.
            var drained = await pump.DrainAsync(null, null, CancellationToken.None);
            fired += drained;
            if (drained == 0)
            {
                await Task.Delay(1);
            }
        }
    }

    private static Task UserTasksAsync(ProcessEngine engine, EngineQueries queries, int count, int workers) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            var instance = await engine.StartInstanceAsync(new StartInstance("fiveTasks", $"U-{Guid.NewGuid():N}", "0632", null), User, ct);
            for (var step = 0; step < 5; step++)
            {
                var task = (await queries.TasksAsync(new TaskFilter(InstanceId: instance.Id), User, new Paging(1, 1), ct)).Items.Single();
                await engine.CompleteTaskAsync(task.Id, new JsonObject { ["stap"] = step }, User, ct);
            }
        });
}

