using Inburgering.Engine.Persistence;
using Inburgering.Engine.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Reads and (when the simulation clock is on) advances time. Advancing fires every timer and job attempt that falls due
/// in the span, in due order, through the same dispatcher as real time, and waits for their consequences before moving on.
/// </summary>
public sealed class ClockService : IDisposable
{
    private readonly SemaphoreSlim _advancing = new(1, 1);
    private readonly TimeProvider time;
    private readonly ProcessEngine engine;
    private readonly IEngineDbContextFactory databases;
    private readonly IServiceProvider services;
    private readonly IOptions<EngineOptions> options;
    private readonly ILogger<ClockService> logger;

    internal ClockService(
        TimeProvider time,
        ProcessEngine engine,
        IEngineDbContextFactory databases,
        IServiceProvider services,
        IOptions<EngineOptions> options,
        ILogger<ClockService> logger)
    {
        this.time = time;
        this.engine = engine;
        this.databases = databases;
        this.services = services;
        this.options = options;
        this.logger = logger;
    }

    public bool IsSimulated => time is SimulationClock;

    public void Dispose() => _advancing.Dispose();

    /// <summary>
    /// Under the simulation clock, lets the background dispatcher run only while no advance is under way, so an advance
    /// fires every timer of its span itself, in order. Null when an advance holds the clock; a no-op hold in real time.
    /// </summary>
    internal async Task<IDisposable?> TryHoldAsync(CancellationToken cancellationToken)
    {
        if (time is not SimulationClock)
        {
            return NoHold.Instance;
        }

        return await _advancing.WaitAsync(0, cancellationToken) ? new Hold(_advancing) : null;
    }

    private sealed class Hold(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed class NoHold : IDisposable
    {
        public static NoHold Instance { get; } = new();

        public void Dispose()
        {
        }
    }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Restores the virtual "now" saved by the last advance (simulation clock only), earlier than the real time or not.</summary>
    internal async Task RestoreAsync(CancellationToken cancellationToken = default)
    {
        if (time is not SimulationClock clock)
        {
            return;
        }

        await using var db = databases.Create();
        var saved = await db.SimulationClock.AsNoTracking().FirstOrDefaultAsync(c => c.Id == 1, cancellationToken);
        if (saved is not null)
        {
            // Virtual time stands still while the service is down: it resumes exactly where it stood.
            clock.Reset(saved.Now);
        }
    }

    /// <summary>
    /// Sets the simulation clock to <paramref name="start"/>, in the past if need be, on a database that holds no instance yet
    /// (demo data is made by running real trajecten from a moment years back up to today). Refused otherwise: time on a
    /// database with history never goes back.
    /// </summary>
    public async Task StartEmptyDatabaseAtAsync(DateTimeOffset start, CancellationToken cancellationToken = default)
    {
        if (time is not SimulationClock clock)
        {
            throw EngineErrors.ClockNotSimulated.Exception();
        }

        await _advancing.WaitAsync(cancellationToken);
        try
        {
            await using (var db = databases.Create())
            {
                // Timers and partner calls belong to instances: none of those, none of these.
                if (await db.Instances.AnyAsync(cancellationToken))
                {
                    throw EngineErrors.ClockDatabaseNotEmpty.Exception();
                }
            }

            clock.Reset(start);
            await SaveAsync(start, cancellationToken);
        }
        finally
        {
            _advancing.Release();
        }
    }

    /// <summary>
    /// The furthest one advance may move the clock: five years (a whole Inburgeringstermijn with extensions). One request
    /// fires every timer on the way, so a thousand years would hold the request (and the clock) for minutes.
    /// </summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(5 * 366);

    private const string MaxAdvanceText = "P5Y";

    /// <summary>Advances the simulation clock by an ISO 8601 duration (calendar-aware: P3M is three months).</summary>
    public async Task<ClockAdvance> AdvanceAsync(string duration, CancellationToken cancellationToken = default)
    {
        if (time is not SimulationClock clock)
        {
            throw EngineErrors.ClockNotSimulated.Exception();
        }

        if (!TimerSchedule.TryParse(TimerKind.Duration, duration, out var schedule, out var error))
        {
            throw new EngineException(EngineErrors.ClockDurationInvalid.Because(error, ("duration", duration)));
        }

        await _advancing.WaitAsync(cancellationToken);
        try
        {
            var from = clock.GetUtcNow();
            DateTimeOffset target;
            try
            {
                target = schedule!.FirstDue(from, options.Value.Zone);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw EngineErrors.ClockAdvanceTooFar.Exception(("duration", duration), ("max", MaxAdvanceText));
            }

            if (target < from)
            {
                throw EngineErrors.ClockBackwards.Exception();
            }

            if (target - from > MaxAdvance)
            {
                throw EngineErrors.ClockAdvanceTooFar.Exception(("duration", duration), ("max", MaxAdvanceText));
            }

            var timers = 0;
            var jobs = 0;
            while (true)
            {
                jobs += await DrainJobsAsync(clock.GetUtcNow(), cancellationToken);
                var next = await engine.NextDueAsync(cancellationToken);
                if (next is null || next > target)
                {
                    break;
                }

                clock.MoveTo(next.Value);
                var due = await engine.DueTimersAsync(clock.GetUtcNow(), 500, cancellationToken);
                timers += await ByInstance.RunAsync(due, t => t.InstanceId ?? t.Id, Parallelism, (t, ct) => engine.FireTimerAsync(t.Id, t.DueAt, t.InstanceId, ct), cancellationToken);
            }

            clock.MoveTo(target);
            jobs += await DrainJobsAsync(target, cancellationToken);

            // What a stopped node left (see ProcessEngine.DeliverKeptMessagesAsync); one query when nothing is.
            if (await engine.DeliverKeptMessagesAsync(cancellationToken) > 0)
            {
                jobs += await DrainJobsAsync(target, cancellationToken);
            }

            await SaveAsync(target, cancellationToken);
            // One instant, one offset: both ends in UTC (the calendar step was taken in the engine's zone).
            var advance = new ClockAdvance(from.ToUniversalTime(), target.ToUniversalTime(), timers, jobs);
            Log.ClockAdvanced(logger, advance.From, advance.To, timers, jobs);
            return advance;
        }
        finally
        {
            _advancing.Release();
        }
    }

    /// <summary>Runs every job due by <paramref name="now"/>, including the ones those create, and waits for attempts running elsewhere.</summary>
    private async Task<int> DrainJobsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = 0;
        var waitedFor = TimeSpan.Zero;
        while (true)
        {
            var due = await engine.DueJobsAsync(now, 200, cancellationToken);
            if (databases.Provider == DatabaseProvider.PostgreSql)
            {
                // The first due call of each instance, claimed together: one transaction instead of one per call. An
                // instance's next call is claimed in the next round, so its input holds what the one before it recorded.
                var claimed = await engine.ClaimJobsAsync(due.DistinctBy(j => j.InstanceId).Take(4 * Parallelism).Select(j => j.Id).ToList(), cancellationToken);
                count += claimed.Count;
                await ByInstance.RunAsync(
                    claimed,
                    c => c.Job.InstanceId,
                    Parallelism,
                    async (c, ct) =>
                    {
                        await engine.RunClaimedJobAsync(c, services, ct);
                        return true;
                    },
                    cancellationToken);
            }
            else
            {
                // SQLite runs in-process: a claim costs no round trip, and its one writer takes them one at a time anyway.
                count += await ByInstance.RunAsync(
                    due,
                    j => j.InstanceId,
                    Parallelism,
                    async (j, ct) => await engine.RunJobAsync(j.Id, services, cancellationToken: ct) != JobOutcome.NotReady,
                    cancellationToken);
            }

            if (due.Count > 0)
            {
                continue;
            }

            var running = await engine.AnyJobRunningAsync(cancellationToken);
            if (!running || waitedFor > TimeSpan.FromSeconds(30))
            {
                return count;
            }

            // Another worker holds an attempt: wait for its outcome before time moves on.
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            waitedFor += TimeSpan.FromMilliseconds(20);
        }
    }

    /// <summary>For how many instances at once an advance fires what falls due at one moment (<see cref="EngineOptions.SimulationParallelism"/>).</summary>
    private int Parallelism => options.Value.SimulationParallelism ?? (databases.Provider == DatabaseProvider.PostgreSql ? 8 : 2);

    private async Task SaveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var row = await db.SimulationClock.FirstOrDefaultAsync(c => c.Id == 1, cancellationToken);
        if (row is null)
        {
            db.SimulationClock.Add(new SimulationClockEntity { Id = 1, Now = now });
        }
        else
        {
            row.Now = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>What an advance of the simulation clock did.</summary>
public sealed record ClockAdvance(DateTimeOffset From, DateTimeOffset To, int TimersFired, int JobAttempts);
