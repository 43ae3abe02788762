using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Issue 11's first figure: a bulk "retry now" of many partner calls the day the partner is back, while many timers fall due
/// at that moment. The engine on its real-time split in this process (timers on Quartz, partner calls on Hangfire, both in
/// the PostgreSQL database, started as the server starts them), a partner activity that answers in 50 ms. The calls first
/// fail while the partner is down and wait out an hour's back-off; half a second before the timers fall due the partner is
/// back and every waiting call is retried now (<see cref="ProcessEngine.RetryPartnerCallsNowAsync"/>). Prints the timers'
/// lateness (fired moment minus due moment) and how long the calls took to drain. Asserts nothing.
/// </summary>
internal static class RetryBurstBench
{
    private const string Definitions = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="retry-burst" targetNamespace="bench">
          <bpmn:process id="wachten" isExecutable="true">
            <bpmn:startEvent id="s1" />
            <bpmn:sequenceFlow id="a1" sourceRef="s1" targetRef="wacht" />
            <bpmn:intermediateCatchEvent id="wacht">
              <bpmn:timerEventDefinition><bpmn:timeDuration>${wacht}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="a2" sourceRef="wacht" targetRef="na1" />
            <bpmn:userTask id="na1" />
          </bpmn:process>
          <bpmn:process id="aanroepen" isExecutable="true">
            <bpmn:startEvent id="s2" />
            <bpmn:sequenceFlow id="b1" sourceRef="s2" targetRef="roep" />
            <bpmn:serviceTask id="roep" camunda:type="external" camunda:topic="bench.partner" />
            <bpmn:sequenceFlow id="b2" sourceRef="roep" targetRef="na2" />
            <bpmn:userTask id="na2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Actor User = new("bench", new HashSet<string> { "beheerder" }, null, IsAdministrator: true);

    public static async Task RunAsync(int calls, int timers, int? hangfireWorkers, int? quartzThreads, int? timerParallelism, int? timerPumps, string? pgbenchTps)
    {
        if (Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
        {
            Console.WriteLine("Retry burst: skipped (INBURGERING_TEST_POSTGRES not set; run through tests/bench/run.sh).");
            return;
        }

        Console.WriteLine($"# Retry burst on PostgreSQL: {calls:N0} partner calls retried now while {timers:N0} timers fall due; Quartz (timers) and Hangfire (calls) in process, {Environment.ProcessorCount} cores");
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole().AddFilter("Quartz", LogLevel.Error).AddFilter("Hangfire", LogLevel.Error));
        builder.Services.AddProcessEngine(database.Options);
        builder.Services.AddActivity<BenchPartner>();
        var hangfire = new HangfireSettings { WorkerCount = hangfireWorkers };
        var scheduler = new SchedulerSettings { MaxConcurrency = quartzThreads, TimerParallelism = timerParallelism, TimerPumps = timerPumps ?? 2 };
        builder.Services.AddWorkScheduling(database.Options, scheduler, hangfire);
        using var host = builder.Build();
        await host.Services.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
        await host.StartAsync();
        var engine = host.Services.GetRequiredService<ProcessEngine>();
        await engine.DeployAsync(Definitions, "retry-burst.bpmn", User);

        // The partner is down: every call fails its first attempt and waits out an hour's back-off.
        BenchPartner.Down = true;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await engine.StartInstanceAsync(new StartInstance("aanroepen", $"A-{i}", "0632", null), User, ct));
        while (true)
        {
            await using var db = database.Context();
            if (await db.Jobs.CountAsync(j => j.Status == JobStatus.Pending && j.Attempts >= 1) >= calls)
            {
                break;
            }

            await Task.Delay(1000);
        }

        Console.WriteLine($"- {calls:N0} calls started, failed once and waiting out their back-off after {watch.Elapsed.TotalSeconds:0} s");

        // The timers: due together a little after the last one is started (the burst moment).
        var lead = TimeSpan.FromSeconds(Math.Max(20, timers / 50.0));
        var burst = DateTimeOffset.UtcNow + lead;
        watch.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, timers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var wait = burst - DateTimeOffset.UtcNow;
            var variables = new JsonObject { ["wacht"] = string.Create(CultureInfo.InvariantCulture, $"PT{Math.Max(0.001, wait.TotalSeconds):0.000}S") };
            await engine.StartInstanceAsync(new StartInstance("wachten", $"T-{i}", "0632", variables), User, ct);
        });
        Console.WriteLine($"- {timers:N0} timers started in {watch.Elapsed.TotalSeconds:0} s, due at {burst:HH:mm:ss.fff} UTC");
        if (DateTimeOffset.UtcNow > burst)
        {
            Console.WriteLine("  (starting took longer than the lead: some timers were due before the retry; that shows as lateness)");
        }

        // Half a second before the burst the partner is back and the beheerder retries every waiting call now.
        while (DateTimeOffset.UtcNow < burst - TimeSpan.FromMilliseconds(500))
        {
            await Task.Delay(50);
        }

        BenchPartner.Down = false;
        var retryStart = DateTimeOffset.UtcNow;
        var moved = await engine.RetryPartnerCallsNowAsync(new PartnerCallFilter(ActivityType: BenchPartner.Type), User);
        var retryCall = DateTimeOffset.UtcNow - retryStart;
        Console.WriteLine($"- retry now: {moved:N0} calls moved to now and handed to Hangfire in {retryCall.TotalSeconds:0.0} s");

        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < TimeSpan.FromMinutes(30))
        {
            await Task.Delay(1000);
            await using var db = database.Context();
            if (!await db.Timers.AnyAsync(t => t.Status == TimerStatus.Scheduled) && !await db.Jobs.AnyAsync(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
            {
                break;
            }
        }

        await host.StopAsync();

        List<(DateTimeOffset At, DateTimeOffset Due)> firings;
        List<DateTimeOffset> completed;
        await using (var db = database.Context())
        {
            firings = (await db.Journal.AsNoTracking().Where(j => j.Type == "timer-fired").Select(j => new { j.At, j.Data }).ToListAsync())
                .Select(j => (j.At, JsonNode.Parse(j.Data!)!["dueAt"]!.GetValue<DateTimeOffset>()))
                .ToList();
            completed = await db.Journal.AsNoTracking().Where(j => j.Type == "job-completed").Select(j => j.At).ToListAsync();
        }

        var lateness = firings.Select(f => (f.At - f.Due).TotalSeconds).Order().ToList();
        var callsDrained = completed.Count == 0 ? double.NaN : (completed.Max() - retryStart).TotalSeconds;
        var timersDrained = firings.Count == 0 ? double.NaN : (firings.Max(f => f.At) - burst).TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| calls retried | timers | timers fired | timer lateness p50 | p99 | max | timers drained after the burst | calls completed | calls drained after the retry | pgbench -N tps |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {moved:N0} | {timers:N0} | {firings.Count:N0} | {Percentile(lateness, 0.50):0.00} s | {Percentile(lateness, 0.99):0.00} s | {(lateness.Count == 0 ? double.NaN : lateness[^1]):0.00} s | {timersDrained:0.0} s | {completed.Count:N0} | {callsDrained:0.0} s | {(double.TryParse(pgbenchTps, CultureInfo.InvariantCulture, out var tps) ? tps.ToString("0", CultureInfo.InvariantCulture) : "?")} |"));
        Console.WriteLine();
        Console.WriteLine($"Quartz threads {scheduler.MaxConcurrency?.ToString(CultureInfo.InvariantCulture) ?? "10 (default)"}, timer pumps {scheduler.TimerPumps} firing for {scheduler.TimerParallelism} instances each, Hangfire workers {hangfire.WorkerCount?.ToString(CultureInfo.InvariantCulture) ?? "10 (default)"}; partner latency {BenchPartner.Latency.TotalMilliseconds:0} ms. Target (issue 11): timer lateness p99 < 2 s.");
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    /// <summary>The bench's partner: down (a retryable failure, an hour's back-off) or answering in 50 ms.</summary>
    [Activity(Type, "Bench partner", InitialDelaySeconds = 3600, MaxAttempts = 5)]
    private sealed class BenchPartner : IActivity
    {
        public const string Type = "bench.partner";

        public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

        public static volatile bool Down;

        public async ValueTask<ActivityResult> ExecuteAsync(Inburgering.Engine.Activities.ActivityContext context, CancellationToken cancellationToken)
        {
            if (Down)
            {
                return ActivityResult.Fail("partner down");
            }

            await Task.Delay(Latency, cancellationToken);
            return ActivityResult.Complete();
        }
    }
}
