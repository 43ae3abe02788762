using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Inburgering.Engine.Execution;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Partner-call attempts as Hangfire jobs: each job row's attempt becomes one Hangfire job carrying the row id and the
/// moment it is due (<see cref="PartnerCallJob"/>), enqueued at once when due and scheduled otherwise. Hangfire decides
/// when and on which node (its workers are the partner calls' own capacity, apart from Quartz's threads, which fire the
/// timers); the engine's rows decide whether there is anything to do. A cancelled attempt needs no deletion: its job finds
/// the row moved on and does nothing (the reconciler deletes such scheduled jobs on its full pass).
/// </summary>
internal sealed class HangfireWorkScheduler(JobStorage storage, TimeProvider time)
{
    /// <summary>The Hangfire queue of partner calls.</summary>
    public const string Queue = "partner-calls";

    /// <summary>How many jobs are created at once when many are handed over together (a bulk retry now, the reconciler).</summary>
    private const int Parallelism = 4;

    private readonly BackgroundJobClient _client = new(storage);

    public JobStorage Storage => storage;

    /// <summary>Creates a Hangfire job for every attempt in <paramref name="jobs"/> (once per row and moment); completes when stored.</summary>
    public Task HandOverAsync(IReadOnlyCollection<ScheduledWork> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return Task.CompletedTask;
        }

        var distinct = jobs.DistinctBy(w => (w.Id, Microseconds(w.DueAt))).ToList();
        if (distinct.Count == 1)
        {
            return Task.Run(() => Create(distinct[0]), cancellationToken);
        }

        return Parallel.ForEachAsync(
            distinct,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            (work, _) =>
            {
                Create(work);
                return ValueTask.CompletedTask;
            });
    }

    private void Create(ScheduledWork work)
    {
        var micros = Microseconds(work.DueAt);
        var job = Job.FromExpression<PartnerCallJob>(j => j.RunAsync(work.Id, micros, CancellationToken.None));
        IState state = work.DueAt <= time.GetUtcNow() ? new EnqueuedState(Queue) : new ScheduledState(work.DueAt.UtcDateTime);
        _client.Create(job, state);
    }

    /// <summary>
    /// The Hangfire jobs waiting or running for partner calls, by name (<see cref="QuartzWorkScheduler.Name"/>), with the
    /// Hangfire ids of those still scheduled (which the reconciler may delete when their row is gone).
    /// </summary>
    public HangfireJobs Existing()
    {
        var monitoring = storage.GetMonitoringApi();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var scheduled = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        const int page = 1000;
        for (var from = 0; ; from += page)
        {
            var list = monitoring.ScheduledJobs(from, page);
            foreach (var (id, dto) in list)
            {
                if (NameOf(dto?.Job) is { } name)
                {
                    names.Add(name);
                    if (!scheduled.TryGetValue(name, out var ids))
                    {
                        scheduled[name] = ids = [];
                    }

                    ids.Add(id);
                }
            }

            if (list.Count < page)
            {
                break;
            }
        }

        for (var from = 0; ; from += page)
        {
            var list = monitoring.EnqueuedJobs(Queue, from, page);
            names.UnionWith(list.Select(p => NameOf(p.Value?.Job)).OfType<string>());
            if (list.Count < page)
            {
                break;
            }
        }

        for (var from = 0; ; from += page)
        {
            var list = monitoring.FetchedJobs(Queue, from, page);
            names.UnionWith(list.Select(p => NameOf(p.Value?.Job)).OfType<string>());
            if (list.Count < page)
            {
                break;
            }
        }

        for (var from = 0; ; from += page)
        {
            var list = monitoring.ProcessingJobs(from, page);
            names.UnionWith(list.Select(p => NameOf(p.Value?.Job)).OfType<string>());
            if (list.Count < page)
            {
                break;
            }
        }

        return new HangfireJobs(names, scheduled);
    }

    /// <summary>Deletes a scheduled Hangfire job (one whose row is gone); false when it already moved on.</summary>
    public bool Delete(string hangfireJobId) => _client.ChangeState(hangfireJobId, new DeletedState(), ScheduledState.StateName);

    /// <summary>How many partner-call jobs wait in Hangfire: enqueued (due now) and scheduled (due later).</summary>
    public (long Enqueued, long Scheduled) Depths()
    {
        var monitoring = storage.GetMonitoringApi();
        return (monitoring.EnqueuedCount(Queue), monitoring.ScheduledCount());
    }

    private static string? NameOf(Job? job) =>
        job is { Type: var type, Args: [Guid id, long micros, ..] } && type == typeof(PartnerCallJob)
            ? QuartzWorkScheduler.Name(new ScheduledWork(id, Moment(micros)))
            : null;

    /// <summary>A moment in whole microseconds since 0001-01-01 UTC, the precision PostgreSQL keeps.</summary>
    public static long Microseconds(DateTimeOffset moment) => moment.UtcTicks / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset Moment(long microseconds) => new(microseconds * TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
}

/// <summary>The partner-call jobs Hangfire holds: every name, and the Hangfire ids of the scheduled ones by name.</summary>
internal sealed record HangfireJobs(HashSet<string> Names, Dictionary<string, List<string>> Scheduled);

/// <summary>
/// The engine's scheduler on the split: timers to Quartz (<see cref="QuartzWorkScheduler"/>), partner-call attempts to
/// Hangfire (<see cref="HangfireWorkScheduler"/>), each with its own threads, so a burst of partner calls never delays a
/// timer. Both stores are persistent on PostgreSQL and in memory on SQLite, so the outbox is used exactly when Quartz's is.
/// </summary>
internal sealed class SplitWorkScheduler(QuartzWorkScheduler timers, HangfireWorkScheduler jobs) : IWorkScheduler
{
    public bool UsesOutbox => timers.UsesOutbox;

    public Task HandOverAsync(WorkChanges changes, CancellationToken cancellationToken)
    {
        var toQuartz = changes.Timers.Count + changes.CancelledTimers.Count > 0
            ? timers.HandOverAsync(new WorkChanges(changes.Timers, changes.CancelledTimers, [], []), cancellationToken)
            : Task.CompletedTask;
        var toHangfire = jobs.HandOverAsync(changes.Jobs, cancellationToken);
        return Task.WhenAll(toQuartz, toHangfire);
    }
}
