using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Scheduling;
using Inburgering.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

/// <summary>
/// A burst of pending timers on PostgreSQL: the engine with Quartz (clustered ADO store) in this process; every timer falls
/// due at the same moment while the scheduler (and the backlog watch, with which other nodes join a drain) runs. Prints timers fired per second, lateness (fired moment minus due
/// moment) and this process's memory before and after. Asserts nothing.
/// </summary>
internal static class TimerBurstBench
{
    private static readonly Actor User = new("bench", new HashSet<string> { "beheerder" }, null, IsAdministrator: true);

    public static async Task RunAsync(int timers, string? pgbenchTps, int nodes = 1, int? timerParallelism = null, int? timerPumps = null)
    {
        if (Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
        {
            Console.WriteLine("Timer burst: skipped (INBURGERING_TEST_POSTGRES not set; run through tests/bench/run.sh).");
            return;
        }

        Console.WriteLine($"# Timer burst on PostgreSQL: {timers:N0} pending timers due at one moment, Quartz (clustered ADO store) waking the timer pump, {(nodes >= 2 ? "two nodes (this process and a second one, one cluster)" : "in process")}, {Environment.ProcessorCount} cores");
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);
        var watch = Stopwatch.StartNew();

        // The timers: one instance started through the engine, the others written in bulk as copies of its rows.
        Guid template;
        await using (var rows = Build(database, quartz: false))
        {
            await rows.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
            var engine = rows.GetRequiredService<ProcessEngine>();
            await engine.DeployAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "timer-burst.bpmn")), "timer-burst.bpmn", User);
            template = (await engine.StartInstanceAsync(new StartInstance("burst", "BURST", "0632", null), User)).Id;
        }

        var placeholder = DateTimeOffset.UtcNow.AddDays(1);
        await Backlog.CopyAsync(database, template, Enumerable.Repeat(placeholder, timers).ToList());
        Console.WriteLine($"- {timers:N0} instances waiting on a timer written in {watch.Elapsed.TotalSeconds:0} s");

        // The second node: its own process, its own Quartz scheduler in the same cluster and its own timer pumps.
        using var node = nodes >= 2 ? BenchProcesses.StartNode("timers-node", database.ConnectionString) : null;
        if (node is not null && await node.StandardOutput.ReadLineAsync() != "ready")
        {
            throw new InvalidOperationException("The second node did not start.");
        }

        var settings = new SchedulerSettings { TimerParallelism = timerParallelism };
        if (timerPumps is { } pumps)
        {
            settings.TimerPumps = pumps;
        }

        await using var services = Build(database, quartz: true, settings);
        // Printed after the build: the scheduling's registration fills in the defaults it uses on this database.
        Console.WriteLine($"- timer pumps: up to {settings.TimerPumps}, each firing for {settings.TimerParallelism} instances at once (--timer-pumps, --timer-parallelism)");
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var reconciler = ActivatorUtilities.CreateInstance<WorkReconciler>(services);

        // Timers due in one moment share one trigger, so storing them is quick: the burst is due 20 s from now.
        var due = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        await using (var db = database.Context())
        {
            await db.Timers.Where(t => t.Status == TimerStatus.Scheduled).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, due));
        }

        var store = Stopwatch.StartNew();
        var reconciled = await reconciler.ReconcileAsync(CancellationToken.None);
        Console.WriteLine($"- {reconciled.TimersScheduled:N0} Quartz trigger(s) stored for {timers:N0} timers in {store.Elapsed.TotalMilliseconds:0} ms; the burst is due at {due:HH:mm:ss.fff} UTC");
        var transactionsBefore = await BenchProcesses.WriteTransactionIdAsync(database);

        var ours = 0;
        using var listener = EngineMetricsListener(() => Interlocked.Increment(ref ours));
        await scheduler.Start();
        var backlogWatch = ActivatorUtilities.CreateInstance<TimerBacklogWatch>(services);
        await backlogWatch.StartAsync(CancellationToken.None);
        var before = Memory();
        Console.WriteLine($"- memory before the burst: {before}");
        while (DateTimeOffset.UtcNow < due)
        {
            await Task.Delay(100);
        }

        var drain = Stopwatch.StartNew();
        var peak = 0L;
        while (true)
        {
            await Task.Delay(1000);
            peak = Math.Max(peak, Environment.WorkingSet);
            await using var db = database.Context();
            if (!await db.Timers.AnyAsync(t => t.Status == TimerStatus.Scheduled))
            {
                break;
            }
        }

        var transactions = await BenchProcesses.WriteTransactionIdAsync(database) - transactionsBefore - 1;
        var after = Memory();
        await backlogWatch.StopAsync(CancellationToken.None);
        await scheduler.Shutdown(waitForJobsToComplete: true);
        var nodeReport = "";
        if (node is not null)
        {
            node.StandardInput.Close();
            nodeReport = await node.StandardOutput.ReadToEndAsync();
            await node.WaitForExitAsync();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var collected = Memory();

        List<(DateTimeOffset At, DateTimeOffset Due)> firings;
        await using (var db = database.Context())
        {
            firings = (await db.Journal.AsNoTracking().Where(j => j.Type == "timer-fired").Select(j => new { j.At, j.Data }).ToListAsync())
                .Select(j => (j.At, JsonNode.Parse(j.Data!)!["dueAt"]!.GetValue<DateTimeOffset>()))
                .ToList();
        }

        var lateness = firings.Select(f => (f.At - f.Due).TotalSeconds).Order().ToList();
        var span = (firings.Max(f => f.At) - firings.Min(f => f.At)).TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| timers | fired | seconds (first to last firing) | timers fired/s | lateness p50 | lateness p99 | lateness max |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {timers:N0} | {firings.Count:N0} | {span:0.0} | {firings.Count / span:0} | {Percentile(lateness, 0.50):0.0} s | {Percentile(lateness, 0.99):0.0} s | {lateness[^1]:0.0} s |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Write transactions in the database during the burst (transaction ids handed out, Quartz's check-ins included): {transactions:N0}, {(double)transactions / firings.Count:0.00} per timer fired: {BenchProcesses.CeilingShare(transactions / span, pgbenchTps)}."));
        Console.WriteLine($"Memory of this process (engine + Quartz): before the burst {before}; when drained {after} (peak working set {peak / 1048576.0:0} MB); after a full GC {collected}.");
        if (node is not null)
        {
            Console.WriteLine($"This node fired {ours:N0} timers; the second node: {nodeReport.Trim()}.");
        }

        Console.WriteLine($"Drained {drain.Elapsed.TotalSeconds:0} s after the due moment. Lateness is the journal's fired moment minus the timer's due moment; with every timer due at once it grows linearly through the burst, so p50 is about half the drain time.");
    }

    /// <summary>The second node: the engine with Quartz in the cluster, until standard input closes; then its memory and timers fired.</summary>
    public static async Task RunNodeAsync(string connectionString)
    {
        var database = new TestDatabase(DatabaseProvider.PostgreSql, connectionString, () => Task.CompletedTask);
        await using var services = Build(database, quartz: true);
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var fired = 0;
        using var listener = EngineMetricsListener(() => Interlocked.Increment(ref fired));
        await scheduler.Start();
        var watch = ActivatorUtilities.CreateInstance<TimerBacklogWatch>(services);
        await watch.StartAsync(CancellationToken.None);
        Console.WriteLine("ready");
        var peak = 0L;
        var input = Task.Run(() => Console.In.ReadToEnd());
        while (!input.IsCompleted)
        {
            peak = Math.Max(peak, Environment.WorkingSet);
            await Task.WhenAny(input, Task.Delay(1000));
        }

        await watch.StopAsync(CancellationToken.None);
        await scheduler.Shutdown(waitForJobsToComplete: true);
        Console.WriteLine($"fired {fired:N0} timers, peak working set {peak / 1048576.0:0} MB, CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0} s");
    }

    /// <summary>Calls <paramref name="fired"/> for every timer this process fires (the engine's timer lateness histogram).</summary>
    private static MeterListener EngineMetricsListener(Action fired)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngineMetrics.Name && instrument.Name == "timer_lateness_seconds")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => fired());
        listener.Start();
        return listener;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static string Memory() =>
        string.Create(CultureInfo.InvariantCulture, $"working set {Environment.WorkingSet / 1048576.0:0} MB, GC heap {GC.GetTotalMemory(false) / 1048576.0:0} MB");

    private static ServiceProvider Build(TestDatabase database, bool quartz, SchedulerSettings? settings = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Quartz", LogLevel.Error));
        services.AddProcessEngine(database.Options);
        if (quartz)
        {
            services.AddWorkScheduling(database.Options, settings);
        }

        return services.BuildServiceProvider();
    }
}
