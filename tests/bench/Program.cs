using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Inburgering benchmarks: prints figures, asserts nothing. See tests/bench/run.sh.
var scenario = args.FirstOrDefault() ?? "engine";
var options = args.Skip(1).Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

switch (scenario)
{
    case "engine":
        await EngineBench.RunAsync(Option("instances", 2000), Option("workers", 8), options.GetValueOrDefault("pgbench-tps"));
        break;
    case "timers":
        await TimerBurstBench.RunAsync(Option("timers", 100_000));
        break;
    case "keten":
        await KetenBench.RunAsync(Option("trajecten", 10_000), Option("months", 42), Option("start-weeks", 8), (options.GetValueOrDefault("databases") ?? "Sqlite,PostgreSql").Split(','));
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
    case "web":
        await WebBench.RunAsync(Option("navigations", 20));
        break;
    case "expressions":
        ExpressionBench.Run(Option("iterations", 5_000));
        break;
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: engine, timers, retry-burst, keten, expressions, tasks, operations, web");
        return 2;
}

return 0;

internal static class EngineBench
{
    private static readonly Actor User = new("bench", new HashSet<string> { "beheerder" }, null, IsAdministrator: true);

    public static async Task RunAsync(int instances, int workers, string? pgbenchTps)
    {
        Console.WriteLine($"# Engine throughput: {instances} instances per measurement, {workers} concurrent workers, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| database | scenario | instances | seconds | instances/s | steps (commits)/s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        var results = new List<(DatabaseProvider Provider, string Scenario, double PerSecond, double StepsPerSecond)>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            if (provider == DatabaseProvider.PostgreSql && Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
            {
                Console.WriteLine("| PostgreSQL | (skipped: INBURGERING_TEST_POSTGRES not set) | | | | |");
                continue;
            }

            await using var database = await TestDatabases.CreateAsync(provider);
            await using var services = Build(database);
            await services.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
            var engine = services.GetRequiredService<ProcessEngine>();
            var queries = services.GetRequiredService<EngineQueries>();
            foreach (var file in new[] { "straight-through.bpmn", "user-tasks.bpmn" })
            {
                var result = await engine.DeployAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, file)), file, User);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
                }
            }

            // Warm up: JIT, pools, model cache.
            await StraightAsync(engine, 50, workers);
            await UserTasksAsync(engine, queries, 20, workers);

            var seconds = await StraightAsync(engine, instances, workers);
            Print(provider, "10-step straight-through (tasks + XOR + AND split/join)", instances, seconds, 1);
            results.Add((provider, "straight", instances / seconds, instances / seconds));

            var userInstances = Math.Max(100, instances / 4);
            seconds = await UserTasksAsync(engine, queries, userInstances, workers);
            Print(provider, "5 user tasks completed through the engine (start + 5 completions)", userInstances, seconds, 6);
            results.Add((provider, "tasks", userInstances / seconds, userInstances * 6 / seconds));
        }

        Console.WriteLine();
        if (double.TryParse(pgbenchTps, NumberStyles.Float, CultureInfo.InvariantCulture, out var tps) && tps > 0)
        {
            Console.WriteLine($"PostgreSQL commit ceiling on this machine (pgbench -N, same cluster, same run): {tps:0} tps");
            foreach (var r in results.Where(r => r.Provider == DatabaseProvider.PostgreSql))
            {
                Console.WriteLine($"  {r.Scenario}: {r.StepsPerSecond:0} engine commits/s = {r.StepsPerSecond / tps:P0} of the pgbench ceiling");
            }
        }
        else
        {
            Console.WriteLine("PostgreSQL commit ceiling: not measured (run through tests/bench/run.sh, which runs pgbench -N first).");
        }

        Console.WriteLine("Anchors: Camunda 7 reports 100–500 instances/s started on a 4-core laptop; an Elsa 3 user reports a plateau near 166 workflows/s.");
    }

    private static void Print(DatabaseProvider provider, string scenario, int count, double seconds, int stepsPerInstance) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {provider} | {scenario} | {count} | {seconds:0.00} | {count / seconds:0} | {count * stepsPerInstance / seconds:0} |"));

    private static ServiceProvider Build(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddProcessEngine(database.Options);
        return services.BuildServiceProvider();
    }

    private static async Task<double> StraightAsync(ProcessEngine engine, int count, int workers)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            var instance = await engine.StartInstanceAsync(new StartInstance("straight", $"B-{i}", "0632", new JsonObject { ["n"] = i % 10 }), User, ct);
            if (instance.Status != "completed")
            {
                throw new InvalidOperationException("The straight-through instance did not complete.");
            }
        });
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> UserTasksAsync(ProcessEngine engine, EngineQueries queries, int count, int workers)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            var instance = await engine.StartInstanceAsync(new StartInstance("fiveTasks", $"U-{i}", "0632", null), User, ct);
            for (var step = 0; step < 5; step++)
            {
                var task = (await queries.TasksAsync(new TaskFilter(InstanceId: instance.Id), User, new Paging(1, 1), ct)).Items.Single();
                await engine.CompleteTaskAsync(task.Id, new JsonObject { ["stap"] = step }, User, ct);
            }
        });
        return watch.Elapsed.TotalSeconds;
    }
}
