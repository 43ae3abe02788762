using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Keeps Quartz (timers) and Hangfire (partner calls) in line with the engine's rows, which are the truth. At start-up, and
/// then periodically, it hands over the outbox rows a crash left behind, schedules every timer row that has no Quartz trigger
/// and every job attempt that has no Hangfire job (in due order, in bounded batches, in the background so start-up is not
/// stalled), and removes triggers and scheduled Hangfire jobs whose row is gone.
/// </summary>
internal sealed class WorkReconciler(
    IEngineDbContextFactory databases,
    ISchedulerFactory schedulers,
    QuartzWorkScheduler quartz,
    HangfireWorkScheduler hangfire,
    IWorkScheduler scheduler,
    ProcessEngine engine,
    TimeProvider time,
    IOptions<ReconcilerOptions> options,
    ILogger<WorkReconciler> logger) : BackgroundService
{
    private readonly ReconcilerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastFull = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainOutboxAsync(_options.OutboxGrace, stoppingToken);
                if (time.GetUtcNow() - lastFull >= _options.FullInterval)
                {
                    var result = await ReconcileAsync(stoppingToken);
                    lastFull = time.GetUtcNow();
                    Log.Reconciled(logger, result.TimersScheduled, result.JobsScheduled, result.TriggersRemoved);

                    // A node that stopped between a catch's commit and its look for messages kept meanwhile left both
                    // waiting for each other.
                    await engine.DeliverKeptMessagesAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The reconciler must keep running through database or scheduler hiccups.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ReconcileFailed(logger, ex);
            }

            await Task.Delay(_options.OutboxInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Hands over outbox rows older than <paramref name="grace"/> (their own step did not manage to) and deletes them.</summary>
    public async Task<int> DrainOutboxAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var db = databases.Create();
            var before = time.GetUtcNow() - grace;
            var rows = await db.Outbox.AsNoTracking().Where(o => o.CreatedAt <= before).OrderBy(o => o.Id).Take(_options.BatchSize).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return total;
            }

            // Rows may describe a state that has moved on; check each against the current row before scheduling it.
            var timerIds = rows.Where(r => r.Kind == "timer").Select(r => r.TargetId).ToList();
            var jobIds = rows.Where(r => r.Kind == "job").Select(r => r.TargetId).ToList();
            var timers = await db.Timers.AsNoTracking().Where(t => timerIds.Contains(t.Id) && t.Status == TimerStatus.Scheduled).Select(t => new { t.Id, t.DueAt }).ToListAsync(cancellationToken);
            var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id) && j.Status == JobStatus.Pending).Select(j => new { j.Id, j.DueAt }).ToListAsync(cancellationToken);
            var changes = new WorkChanges(
                timers.Select(t => new ScheduledWork(t.Id, t.DueAt)).ToList(),
                rows.Where(r => r.Kind == "timer-cancel").Select(r => new ScheduledWork(r.TargetId, r.DueAt)).ToList(),
                jobs.Select(j => new ScheduledWork(j.Id, j.DueAt)).ToList(),
                rows.Where(r => r.Kind == "job-cancel").Select(r => new ScheduledWork(r.TargetId, r.DueAt)).ToList());
            await scheduler.HandOverAsync(changes, cancellationToken);
            var ids = rows.Select(r => r.Id).ToList();
            await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(cancellationToken);
            total += rows.Count;
        }
    }

    /// <summary>
    /// Compares the moments of the scheduled timers with Quartz's triggers and every pending or running job with Hangfire's
    /// jobs: schedules what is missing (oldest first, in batches) and removes triggers and scheduled Hangfire jobs without a
    /// row (and the partner-call triggers Quartz held before partner calls moved to Hangfire). Safe to run on several nodes at
    /// once. <see cref="ReconcileResult.TimersScheduled"/> counts moments' triggers.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        var quartzScheduler = await schedulers.GetScheduler(cancellationToken);
        var timerTriggers = (await quartzScheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzWorkScheduler.TimerGroup), cancellationToken))
            .Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var oldJobTriggers = (await quartzScheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzWorkScheduler.JobGroup), cancellationToken))
            .Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var hangfireJobs = await Task.Run(hangfire.Existing, cancellationToken);
        var wantedTimers = new HashSet<string>(StringComparer.Ordinal);
        var wantedJobs = new HashSet<string>(StringComparer.Ordinal);
        var timersScheduled = 0;
        var jobsScheduled = 0;

        // Every moment that has a scheduled timer needs its trigger; everything already due shares one trigger for now, so a
        // backlog after an outage is one drain. Paged by due moment so 100,000 rows never sit in one query result.
        var now = time.GetUtcNow();
        var nowMoment = QuartzWorkScheduler.Moment(now);
        var missingMoments = new List<DateTimeOffset>();
        var cursor = DateTimeOffset.MinValue;
        while (true)
        {
            await using var db = databases.Create();
            var from = cursor;
            var page = await db.Timers.AsNoTracking()
                .Where(t => t.Status == TimerStatus.Scheduled && t.DueAt > from)
                .OrderBy(t => t.DueAt)
                .Take(_options.BatchSize)
                .Select(t => t.DueAt)
                .ToListAsync(cancellationToken);
            foreach (var due in page)
            {
                var moment = due <= now ? nowMoment : QuartzWorkScheduler.Moment(due);
                var name = QuartzWorkScheduler.MomentTrigger(moment).Name;
                if (wantedTimers.Add(name) && !timerTriggers.Contains(name))
                {
                    missingMoments.Add(moment);
                }
            }

            if (page.Count < _options.BatchSize)
            {
                break;
            }

            // The next page starts after the last moment seen: every timer in it is covered by that moment's trigger.
            cursor = QuartzWorkScheduler.Moment(page[^1]);
        }

        for (var i = 0; i < missingMoments.Count; i += _options.BatchSize)
        {
            var batch = missingMoments.Skip(i).Take(_options.BatchSize).Select(m => new ScheduledWork(Guid.Empty, m)).ToList();
            await quartz.HandOverAsync(new WorkChanges(batch, [], [], []), cancellationToken);
        }

        timersScheduled = missingMoments.Count;

        await using (var db = databases.Create())
        {
            var jobs = await db.Jobs.AsNoTracking()
                .Where(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Running)
                .OrderBy(j => j.DueAt)
                .Select(j => new { j.Id, j.Status, j.DueAt, j.LockedUntil })
                .ToListAsync(cancellationToken);
            var missing = new List<ScheduledWork>();
            foreach (var job in jobs)
            {
                var work = new ScheduledWork(job.Id, job.Status == JobStatus.Running && job.LockedUntil is { } until ? until : job.DueAt);
                var name = QuartzWorkScheduler.Name(work);
                wantedJobs.Add(name);
                if (!hangfireJobs.Names.Contains(name))
                {
                    missing.Add(work);
                }
            }

            for (var i = 0; i < missing.Count; i += _options.BatchSize)
            {
                var batch = missing.Skip(i).Take(_options.BatchSize).ToList();
                await hangfire.HandOverAsync(batch, cancellationToken);
            }

            jobsScheduled = missing.Count;
        }

        // Triggers and scheduled jobs whose row is gone (scope ended, job done, moved on) are removed, so nothing is left behind:
        // moments no scheduled timer falls in any more, and triggers an older version made per timer.
        var removed = 0;
        foreach (var orphan in timerTriggers.Where(t => !wantedTimers.Contains(t) && !t.StartsWith(FireTimerJob.HelperPrefix, StringComparison.Ordinal)))
        {
            if (!await quartzScheduler.UnscheduleJob(new TriggerKey(orphan, QuartzWorkScheduler.TimerGroup), cancellationToken))
            {
                continue;
            }

            // A step may have scheduled a timer in that moment since the timers were read: its own hand-over comes after its
            // commit, so if this check misses the row, that hand-over stores the trigger again after the removal.
            if (orphan.StartsWith(QuartzWorkScheduler.MomentPrefix, StringComparison.Ordinal) && QuartzWorkScheduler.StandsFor(orphan) is { } moment && moment > time.GetUtcNow())
            {
                var start = moment - QuartzWorkScheduler.Bucket;
                await using var db = databases.Create();
                if (await db.Timers.AnyAsync(t => t.Status == TimerStatus.Scheduled && t.DueAt > start && t.DueAt <= moment, cancellationToken))
                {
                    await quartz.HandOverAsync(new WorkChanges([new ScheduledWork(Guid.Empty, moment)], [], [], []), cancellationToken);
                    continue;
                }
            }

            removed++;
        }

        foreach (var orphan in oldJobTriggers)
        {
            if (await quartzScheduler.UnscheduleJob(new TriggerKey(orphan, QuartzWorkScheduler.JobGroup), cancellationToken))
            {
                removed++;
            }
        }

        foreach (var (name, ids) in hangfireJobs.Scheduled.Where(p => !wantedJobs.Contains(p.Key)))
        {
            removed += ids.Count(hangfire.Delete);
        }

        return new ReconcileResult(timersScheduled, jobsScheduled, removed);
    }
}

internal sealed record ReconcileResult(int TimersScheduled, int JobsScheduled, int TriggersRemoved);

/// <summary>Settings of the reconciler (section <c>Inburgering:Reconciler</c>).</summary>
public sealed class ReconcilerOptions
{
    /// <summary>How often leftover outbox rows are handed over.</summary>
    public TimeSpan OutboxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How old an outbox row must be before the reconciler takes it (its own step normally clears it within milliseconds).</summary>
    public TimeSpan OutboxGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the full comparison of rows and triggers runs (and once at start-up).</summary>
    public TimeSpan FullInterval { get; set; } = TimeSpan.FromMinutes(10);

    public int BatchSize { get; set; } = 500;
}
