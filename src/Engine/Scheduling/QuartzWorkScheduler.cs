using System.Globalization;
using System.Threading.Channels;
using Inburgering.Engine.Execution;
using Quartz;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Timers and partner-call attempts as Quartz triggers. Each timer row or job attempt gets one one-shot trigger named
/// after its id and due moment, pointing at one of two durable Quartz jobs that call the engine's dispatcher
/// (<see cref="FireTimerJob"/>, <see cref="RunActivityJob"/>). Quartz decides when and on which node; the engine's rows
/// decide whether there is anything to do, so a trigger that fires twice or late does no harm.
/// </summary>
/// <remarks>
/// Hand-overs are group-committed: every change handed over while the previous store call runs goes to the store in the
/// next call, and each caller's task completes when its own triggers are stored. The ADO store takes one cluster-wide
/// lock per call, so steps committing at the same moment share one lock instead of queueing for it one by one.
/// <para>
/// With a persistent store (ADO, PostgreSQL) each step also writes its changes to the outbox, so a crash between commit
/// and hand-over loses nothing. The in-memory store (SQLite) loses every trigger in a crash anyway and is rebuilt from the
/// rows at start-up, so there the outbox would only cost a write and a delete per step.
/// </para>
/// </remarks>
internal sealed class QuartzWorkScheduler(ISchedulerFactory schedulers, bool persistentStore = true) : IWorkScheduler
{
    public const string TimerGroup = "inburgering-timers";
    public const string JobGroup = "inburgering-jobs";
    public const string IdKey = "id";

    /// <summary>How many trigger changes one store call takes at most.</summary>
    public const int MaxBatch = 500;

    public static readonly JobKey FireTimerKey = new("fire-timer", "inburgering");
    public static readonly JobKey RunActivityKey = new("run-activity", "inburgering");

    private readonly Channel<PendingHandOver> _pending = Channel.CreateUnbounded<PendingHandOver>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private Task? _writer;

    public bool UsesOutbox => persistentStore;

    /// <summary>The durable Quartz job that fires timers; recovered on another node when its node dies mid-firing.</summary>
    public static IJobDetail FireTimerJobDetail() =>
        JobBuilder.Create<FireTimerJob>().WithIdentity(FireTimerKey).StoreDurably().RequestRecovery().Build();

    /// <summary>The durable Quartz job that runs partner-call attempts; recovered on another node when its node dies mid-call.</summary>
    public static IJobDetail RunActivityJobDetail() =>
        JobBuilder.Create<RunActivityJob>().WithIdentity(RunActivityKey).StoreDurably().RequestRecovery().Build();

    /// <summary>Stores the triggers of <paramref name="changes"/> (and removes the cancelled ones); completes when they are stored.</summary>
    public Task HandOverAsync(WorkChanges changes, CancellationToken cancellationToken)
    {
        if (changes.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var pending = new PendingHandOver(changes);
        _pending.Writer.TryWrite(pending);
        lock (_gate)
        {
            _writer ??= Task.Run(WriteAsync, CancellationToken.None);
        }

        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingHandOver>();
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var size = 0;
            while (size < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
                size += next.Size;
            }

            try
            {
                await StoreAsync(batch);
                batch.ForEach(p => p.Stored.TrySetResult());
            }
#pragma warning disable CA1031 // Each caller gets its own outcome; its outbox rows stay for the reconciler when it failed.
            catch (Exception) when (batch.Count > 1)
            {
                // One caller's trigger must not fail the others': store them one by one.
                foreach (var pending in batch)
                {
                    try
                    {
                        await StoreAsync([pending]);
                        pending.Stored.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        pending.Stored.TrySetException(ex);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Stored.TrySetException(ex);
            }
#pragma warning restore CA1031
        }
    }

    /// <summary>
    /// Applies the changes in the order they were handed over (a trigger scheduled and then cancelled ends up cancelled),
    /// in one unschedule call and one schedule call.
    /// </summary>
    private async Task StoreAsync(IReadOnlyList<PendingHandOver> batch)
    {
        var last = new Dictionary<TriggerKey, ITrigger?>();
        foreach (var changes in batch.Select(p => p.Changes))
        {
            foreach (var work in changes.CancelledTimers)
            {
                last[TimerTrigger(work)] = null;
            }

            foreach (var work in changes.CancelledJobs)
            {
                last[JobTrigger(work)] = null;
            }

            foreach (var work in changes.Timers)
            {
                last[TimerTrigger(work)] = Trigger(FireTimerKey, TimerTrigger(work), work.Id, work.DueAt);
            }

            foreach (var work in changes.Jobs)
            {
                last[JobTrigger(work)] = Trigger(RunActivityKey, JobTrigger(work), work.Id, work.DueAt);
            }
        }

        var scheduler = await schedulers.GetScheduler();
        var cancelled = last.Where(p => p.Value is null).Select(p => p.Key).ToList();
        if (cancelled.Count == 1)
        {
            await scheduler.UnscheduleJob(cancelled[0]);
        }
        else if (cancelled.Count > 1)
        {
            await scheduler.UnscheduleJobs(cancelled);
        }

        var triggers = last.Values.OfType<ITrigger>().ToList();
        if (triggers.Count == 1)
        {
            await scheduler.ScheduleJob(triggers[0], ScheduleJobOptions.Replacing);
        }
        else if (triggers.Count > 1)
        {
            var timers = triggers.Where(t => t.JobKey.Equals(FireTimerKey)).ToList();
            var jobs = triggers.Where(t => t.JobKey.Equals(RunActivityKey)).ToList();
            var byJob = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
            if (timers.Count > 0)
            {
                byJob[FireTimerJobDetail()] = timers;
            }

            if (jobs.Count > 0)
            {
                byJob[RunActivityJobDetail()] = jobs;
            }

            await scheduler.ScheduleJobs(byJob, ScheduleJobOptions.Replacing);
        }
    }

    public static TriggerKey TimerTrigger(ScheduledWork work) => new(Name(work), TimerGroup);

    public static TriggerKey JobTrigger(ScheduledWork work) => new(Name(work), JobGroup);

    /// <summary>
    /// The trigger name: the row id and the due moment, so a re-armed cycle or a retry never collides with the trigger now
    /// firing. The moment is counted in whole microseconds, the precision PostgreSQL keeps (it truncates the rest): the
    /// name computed from a row read back must equal the name computed from the row as it was written, or a cancelled
    /// timer would miss its trigger and the reconciler would see every trigger as missing and as an orphan at once.
    /// </summary>
    public static string Name(ScheduledWork work) =>
        $"{work.Id:N}.{(work.DueAt.UtcTicks / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A one-shot trigger for <paramref name="work"/> at its due moment.</summary>
    public static ITrigger Trigger(JobKey job, TriggerKey key, ScheduledWork work) => Trigger(job, key, work.Id, work.DueAt);

    /// <summary>
    /// A one-shot trigger firing at <paramref name="at"/>. A trigger that is late (the service was down) fires as soon as
    /// possible, keeping its original fire time, so a backlog drains in due order.
    /// </summary>
    public static ITrigger Trigger(JobKey job, TriggerKey key, Guid id, DateTimeOffset at) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .UsingJobData(IdKey, id.ToString("N"))
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
            .Build();

    private sealed class PendingHandOver(WorkChanges changes)
    {
        public WorkChanges Changes { get; } = changes;

        public int Size { get; } = changes.Timers.Count + changes.CancelledTimers.Count + changes.Jobs.Count + changes.CancelledJobs.Count;

        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
