using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// Where a step's cost goes, one operation at a time (one caller, so the figures are per operation, not per second):
/// allocated KB and the wall time per operation, and for each operation the types that allocated most, sampled by the
/// runtime's allocation ticks (one tick per ~100 KB allocated, so a type's share of the ticks is its share of the bytes).
/// Allocations are the steadiest proxy for the engine's CPU on a shared machine. Asserts nothing.
/// </summary>
internal static class EngineProfile
{
    private static readonly Actor User = new("bench", new HashSet<string> { "beheerder" }, null, IsAdministrator: true);

    public static async Task RunAsync(int operations)
    {
        Console.WriteLine($"# Engine profile: {operations} operations each, one caller, {Environment.ProcessorCount} cores");
        using var listener = new AllocationTicks();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            if (provider == DatabaseProvider.PostgreSql && Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
            {
                Console.WriteLine("PostgreSQL: skipped (INBURGERING_TEST_POSTGRES not set; run through tests/bench/run.sh).");
                continue;
            }

            await using var database = await TestDatabases.CreateAsync(provider);
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            var clock = new ShiftedClock();
            services.AddSingleton<TimeProvider>(clock);
            services.AddProcessEngine(database.Options);
            await using var provided = services.BuildServiceProvider();
            await provided.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
            var engine = provided.GetRequiredService<ProcessEngine>();
            var queries = provided.GetRequiredService<EngineQueries>();
            foreach (var file in new[] { "straight-through.bpmn", "user-tasks.bpmn", "message.bpmn", "timer-burst.bpmn" })
            {
                await engine.DeployAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, file)), file, User);
            }

            Console.WriteLine();
            Console.WriteLine($"## {provider}");
            Console.WriteLine("| operation | KB allocated | ms (one caller, fsync on PostgreSQL) | most allocated types (share of ticks) |");
            Console.WriteLine("|---|---:|---:|---|");
            const int WarmUp = 20;
            var instances = new List<Guid>();
            var tasks = new List<Guid>();
            var run = Guid.NewGuid().ToString("N")[..8];
            await MeasureAsync(listener, "start, 10 no-op steps straight through", operations, i => engine.StartInstanceAsync(new StartInstance("straight", $"S-{run}-{i}", "0632", new JsonObject { ["n"] = i % 10 }), User));
            await MeasureAsync(listener, "start, waits for a message", operations, i => engine.StartInstanceAsync(new StartInstance("message", $"M-{run}-{i}", "0632", null), User));
            await MeasureAsync(listener, "correlate the message by business key", operations, i => engine.CorrelateMessageAsync(new CorrelateMessage("go", $"M-{run}-{i}", null, "0632"), User));
            await MeasureAsync(listener, "start, waits at a user task", operations, async i => instances.Add((await engine.StartInstanceAsync(new StartInstance("fiveTasks", $"U-{run}-{i}", "0632", null), User)).Id));
            await MeasureAsync(listener, "read the instance's open task (werkvoorraad query)", operations, async i => tasks.Add((await queries.TasksAsync(new TaskFilter(InstanceId: instances[i + WarmUp]), User, new Paging(1, 1))).Items.Single().Id));
            await MeasureAsync(listener, "complete the task (to the next one)", operations, i => engine.CompleteTaskAsync(tasks[i + WarmUp], new JsonObject { ["stap"] = 1 }, User));
            var waiting = new List<Guid>();
            await MeasureAsync(listener, "start, waits at a timer", operations, async i => waiting.Add((await engine.StartInstanceAsync(new StartInstance("burst", $"T-{run}-{i}", "0632", null), User)).Id));
            List<(Guid Id, Guid? InstanceId)> timers;
            await using (var db = database.Context())
            {
                var ids = waiting.ToHashSet();
                timers = (await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Scheduled).Select(t => new { t.Id, t.InstanceId }).ToListAsync())
                    .Where(t => t.InstanceId is { } id && ids.Contains(id)).Select(t => (t.Id, t.InstanceId)).OrderBy(t => waiting.IndexOf(t.InstanceId!.Value)).ToList();
            }

            clock.Shift = TimeSpan.FromHours(2);
            await MeasureAsync(listener, "fire the timer (by id, instance known, as the timer pump does)", operations, async i =>
            {
                var (id, instance) = timers[i + WarmUp];
                if (!await engine.FireTimerAsync(id, null, instance))
                {
                    throw new InvalidOperationException("The timer did not fire.");
                }
            });
            clock.Shift = TimeSpan.Zero;

            async Task MeasureAsync(AllocationTicks ticks, string what, int count, Func<int, Task> body)
            {
                for (var i = -WarmUp; i < 0; i++)
                {
                    await body(i);
                }

                ticks.Start();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    await body(i);
                }

                var ms = watch.Elapsed.TotalMilliseconds / count;
                var kb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / count;
                var top = ticks.Stop();
                var total = Math.Max(1, top.Sum(t => t.Value));
                var names = string.Join(", ", top.OrderByDescending(t => t.Value).Take(6).Select(t => string.Create(CultureInfo.InvariantCulture, $"{Short(t.Key)} {t.Value * 100.0 / total:0}%")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {kb:0} | {ms:0.00} | {names} |"));
            }
        }
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }

    private static string Short(string type)
    {
        var generic = type.IndexOf('[', StringComparison.Ordinal);
        var head = generic < 0 ? type : type[..generic];
        return head[(head.LastIndexOf('.') + 1)..] + (generic < 0 ? "" : "<…>");
    }

    /// <summary>Counts the runtime's GCAllocationTick events by type name while started.</summary>
    private sealed class AllocationTicks : EventListener
    {
        private ConcurrentDictionary<string, long> _byType = new();
        private volatile bool _on;

        public void Start()
        {
            _byType = new ConcurrentDictionary<string, long>();
            _on = true;
        }

        public Dictionary<string, long> Stop()
        {
            _on = false;
            return new Dictionary<string, long>(_byType);
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (_on && eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
            {
                var index = eventData.PayloadNames!.IndexOf("TypeName");
                if (index >= 0 && payload[index] is string name)
                {
                    _byType.AddOrUpdate(name, 1, (_, v) => v + 1);
                }
            }
        }
    }
}
