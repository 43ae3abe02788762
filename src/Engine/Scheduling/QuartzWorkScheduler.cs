using System.Globalization;
using System.Threading.Channels;
using Inburgering.Engine.Execution;
using Quartz;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Timers as Quartz wake-ups. Timers due in the same <see cref="Bucket"/> (a tenth of a second) share one one-shot trigger
/// named after that moment; when it fires, <see cref="FireTimerJob"/> claims the due timer rows in batches and fires them
/// (<see cref="TimerPump"/>). So Quartz stores and fires a trigger per moment, not per timer: a step that schedules
/// a timer in a moment that already has a trigger rewrites that one trigger, and 100,000 timers due at once are one
/// firing that the pump drains. A cancelled timer leaves its moment's trigger alone (others may share it); a trigger that
/// finds nothing to fire costs one query, and the reconciler removes moments nobody needs any more. Quartz decides when and
/// on which node; the engine's rows decide whether there is anything to do, so a trigger that fires twice or late does no
/// harm.
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
/// <para>
/// <see cref="RunActivityJob"/> and the job group remain for triggers an older version left behind (partner calls run on
/// Hangfire); so does reading a trigger named after one timer (<c>id.moment</c>), which the reconciler replaces by its
/// moment's trigger.
/// </para>
/// </remarks>
internal sealed class QuartzWorkScheduler(ISchedulerFactory schedulers, bool persistentStore = true) : IWorkScheduler
{
    public const string TimerGroup = "inburgering-timers";
    public const string JobGroup = "inburgering-jobs";
    public const string IdKey = "id";

    /// <summary>How many trigger changes one store call takes at most.</summary>
    public const int MaxBatch = 500;

    /// <summary>The prefix of a moment's trigger name: <c>due.</c> and the moment in whole microseconds.</summary>
    public const string MomentPrefix = "due.";

    /// <summary>Timers due within one bucket share a trigger, which fires at the bucket's end: at most this much late.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMilliseconds(100);

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
        if (changes.Timers.Count == 0 && changes.Jobs.Count == 0 && changes.CancelledJobs.Count == 0)
        {
            // Only cancelled timers: their moments' triggers stay (see the class remarks).
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
            // A cancelled timer leaves its moment's trigger: other timers may share it, and an empty firing costs a query.
            foreach (var work in changes.CancelledJobs)
            {
                last[JobTrigger(work)] = null;
            }

            foreach (var work in changes.Timers)
            {
                var key = TimerTrigger(work);
                last[key] = Trigger(FireTimerKey, key, Moment(work.DueAt));
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

    /// <summary>The trigger of the moment <paramref name="work"/> falls in.</summary>
    public static TriggerKey TimerTrigger(ScheduledWork work) => MomentTrigger(Moment(work.DueAt));

    /// <summary>The trigger that fires at <paramref name="moment"/> (a bucket's end).</summary>
    public static TriggerKey MomentTrigger(DateTimeOffset moment) =>
        new(MomentPrefix + (moment.UtcTicks / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture), TimerGroup);

    /// <summary>The end of the bucket <paramref name="due"/> falls in: the moment its trigger fires.</summary>
    public static DateTimeOffset Moment(DateTimeOffset due)
    {
        var ticks = due.UtcTicks;
        var end = (ticks + Bucket.Ticks - 1) / Bucket.Ticks * Bucket.Ticks;
        return new DateTimeOffset(end, TimeSpan.Zero);
    }

    /// <summary>
    /// The latest due moment the trigger named <paramref name="name"/> stands for: a moment's trigger, or one left by an older
    /// version for a single timer (<c>id.microseconds</c>). Null for a name of neither kind (a pump's helper).
    /// </summary>
    public static DateTimeOffset? StandsFor(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0 || !long.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var micros) || micros > DateTimeOffset.MaxValue.UtcTicks / TimeSpan.TicksPerMicrosecond)
        {
            return null;
        }

        return new DateTimeOffset(micros * TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }

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

    /// <summary>A one-shot trigger firing at <paramref name="at"/> for whatever is due then (a moment's or a pump's trigger).</summary>
    public static ITrigger Trigger(JobKey job, TriggerKey key, DateTimeOffset at) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
            .Build();

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
