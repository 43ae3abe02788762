using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Definitions;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine;

public sealed partial class ProcessEngine
{
    // ---------------------------------------------------------------- timers

    /// <summary>
    /// The one timer dispatcher: fires a timer that is due and still scheduled. Safe to call twice and from several
    /// nodes: only the step that changes the timer row wins. Returns false when there was nothing (more) to fire.
    /// </summary>
    internal Task<bool> FireTimerAsync(Guid timerId, CancellationToken cancellationToken = default) => FireTimerAsync(timerId, null, null, cancellationToken);

    /// <summary>
    /// As <see cref="FireTimerAsync(Guid, CancellationToken)"/>; with <paramref name="occurrence"/> (the due moment a pump
    /// claimed) the step fires only that occurrence: a cycle that another firing already moved on to its next due moment is
    /// left alone, even when that moment is due as well. With <paramref name="instanceId"/> (known from the timer's row) the
    /// step loads the instance with its timers at once instead of reading the timer row first.
    /// </summary>
    internal async Task<bool> FireTimerAsync(Guid timerId, DateTimeOffset? occurrence, Guid? instanceId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RunAsync("fire-timer", Actor.System, async (step, executor, ct) =>
            {
                var known = instanceId is { } id && await step.LoadAsync(id, ct) is { } loaded ? loaded.Timers.FirstOrDefault(t => t.Id == timerId) : null;
                var timer = known ?? await step.Db.Timers.FirstOrDefaultAsync(t => t.Id == timerId, ct);
                if (timer is null || timer.Status != TimerStatus.Scheduled || timer.DueAt > step.Now || (occurrence is { } due && timer.DueAt != due))
                {
                    return false;
                }

                // A re-armed cycle is free for the next claim.
                timer.ClaimedUntil = null;

                EngineMetrics.TagStep(null, timer.ElementId);

                EngineMetrics.TimerFired(step.Now - timer.DueAt);

                if (timer.InstanceId is null)
                {
                    await StartByTimerAsync(step, executor, timer, ct);
                    return true;
                }

                var instance = await step.LoadAsync(timer.InstanceId.Value, ct);
                var tracked = instance?.Timers.FirstOrDefault(t => t.Id == timer.Id);
                if (instance is null || tracked is null)
                {
                    timer.Status = TimerStatus.Cancelled;
                    return false;
                }

                return executor.FireTimer(instance, tracked);
            }, cancellationToken);
        }
        catch (EngineException ex)
        {
            // Lost every race: another node fired it, or the instance moved on. Nothing is lost: the row is the truth.
            Log.TimerNotFired(_logger, timerId, ex.Message);
            return false;
        }
    }

    private async Task StartByTimerAsync(Step step, Executor executor, TimerEntity timer, CancellationToken cancellationToken)
    {
        var definition = await DefinitionRegistry.Heads(step.Db.Definitions.AsNoTracking().Where(d => d.Id == timer.DefinitionId)).FirstAsync(cancellationToken);
        var model = await _definitions.ModelAsync(definition.Id, definition.Key, cancellationToken);
        var start = model.Node(timer.ElementId);
        timer.FiredCount++;
        timer.FiredAt = step.Now;

        // A timer start event changes no instance row, so the timer row's own version is what stops two nodes that
        // fire it at the same moment from both starting instances.
        timer.Version++;
        var next = Enum.Parse<TimerKind>(timer.Kind) == TimerKind.Cycle && TimerSchedule.TryParse(TimerKind.Cycle, timer.Spec, out var schedule, out _)
            ? schedule!.NextDue(timer.DueAt, timer.FiredCount, _services.Zone, timer.FirstDueAt)
            : null;
        if (next is { } due)
        {
            timer.DueAt = due;
            step.ScheduledTimers.Add(timer);
        }
        else
        {
            timer.Status = TimerStatus.Fired;
        }

        foreach (var tenantId in _options.TimerStartTenants)
        {
            var instance = executor.CreateInstance(definition.Id, model, definition.Version, null, tenantId, [], null, null);
            step.Journal(instance, "timer-fired", start.Id, new { timerId = timer.Id });
            executor.Begin(instance, start);
        }
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due timers that no live claim holds, oldest first, until <paramref name="until"/>:
    /// one write transaction for the whole batch. On PostgreSQL the rows are picked with <c>FOR UPDATE SKIP LOCKED</c>, so
    /// pumps on several nodes take different timers instead of racing for the same ones; SQLite has one writer and one node.
    /// </summary>
    internal async Task<List<DueTimer>> ClaimDueTimersAsync(DateTimeOffset now, int limit, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = _databases.Provider == DatabaseProvider.PostgreSql
            ? db.Timers.FromSqlInterpolated(
                $"SELECT * FROM timers WHERE status = 'Scheduled' AND due_at <= {now} AND (claimed_until IS NULL OR claimed_until < {now}) ORDER BY due_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
            : db.Timers.Where(t => t.Status == TimerStatus.Scheduled && t.DueAt <= now && (t.ClaimedUntil == null || t.ClaimedUntil < now)).OrderBy(t => t.DueAt).Take(limit);
        var claimed = await due.AsNoTracking().Select(t => new { t.Id, t.DueAt, t.InstanceId }).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return [];
        }

        var ids = claimed.Select(t => t.Id).ToList();
        await db.Timers.Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedUntil, until), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed.Select(t => new DueTimer(t.Id, t.DueAt, t.InstanceId)).ToList();
    }

    /// <summary>Lets go of claims, so the next pump takes these timers at once instead of after the lease.</summary>
    internal async Task ReleaseTimerClaimsAsync(IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        await db.Timers.Where(t => timerIds.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>
    /// When a timer due by <paramref name="covered"/> still needs a firing: its due moment if no live claim holds it, else
    /// the moment its claim runs out (the pump holding it may have died). Null when every such timer has fired.
    /// </summary>
    internal async Task<DateTimeOffset?> NextNeededFiringAsync(DateTimeOffset covered, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var open = db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Scheduled && t.DueAt <= covered);
        var unclaimed = await open.Where(t => t.ClaimedUntil == null || t.ClaimedUntil < now).OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
        if (unclaimed is not null)
        {
            return unclaimed;
        }

        return await open.Where(t => t.ClaimedUntil >= now).OrderBy(t => t.ClaimedUntil).Select(t => t.ClaimedUntil).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The due moment of a timer that is still scheduled, or null (fired, cancelled, gone).</summary>
    internal async Task<DateTimeOffset?> ScheduledTimerDueAsync(Guid timerId, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        return await db.Timers.AsNoTracking()
            .Where(t => t.Id == timerId && t.Status == TimerStatus.Scheduled)
            .Select(t => (DateTimeOffset?)t.DueAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Timers due at or before <paramref name="until"/>, oldest first, with their instance (null for a timer start event): for the dispatcher and the simulation clock.</summary>
    internal async Task<List<DueTimer>> DueTimersAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var due = new List<DueTimer>();
        await foreach (var timer in Polls.DueTimers.For(db)(db, until, limit).WithCancellation(cancellationToken))
        {
            due.Add(timer);
        }

        return due;
    }

    /// <summary>The earliest scheduled timer and the earliest pending job, if any.</summary>
    internal async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var timer = await Polls.FirstScheduledTimer.For(db)(db, cancellationToken);
        var job = await Polls.FirstPendingJob.For(db)(db, cancellationToken);
        return timer is null ? job : job is null ? timer : (timer < job ? timer : job);
    }

    // ---------------------------------------------------------------- jobs

    /// <summary>Jobs ready to run at or before <paramref name="until"/> (pending and due, or running with an expired lease), oldest first, with their instance.</summary>
    internal async Task<List<(Guid Id, Guid InstanceId)>> DueJobsAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var due = new List<DueJob>();
        await foreach (var job in Polls.DueJobs.For(db)(db, until, limit).WithCancellation(cancellationToken))
        {
            due.Add(job);
        }

        return due.OrderBy(j => j.DueAt).Take(limit).Select(j => (j.Id, j.InstanceId)).ToList();
    }

    /// <summary>Whether an attempt of any job is running (the simulation clock waits for it before time moves on).</summary>
    internal async Task<bool> AnyJobRunningAsync(CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        return await Polls.AnyJobRunning.For(db)(db, cancellationToken);
    }

    private readonly record struct DueJob(Guid Id, Guid InstanceId, DateTimeOffset DueAt);

    /// <summary>
    /// The polls of the dispatcher and the simulation clock, compiled once: they run between every two moments of an advance
    /// and every dispatcher round, and EF Core otherwise rebuilds and looks up each LINQ query on every run.
    /// </summary>
    private static class Polls
    {
        public static readonly ModelBound<Func<EngineDbContext, DateTimeOffset, int, IAsyncEnumerable<DueTimer>>> DueTimers =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, DateTimeOffset until, int limit) => db.Timers.AsNoTracking()
                .Where(t => t.Status == TimerStatus.Scheduled && t.DueAt <= until)
                .OrderBy(t => t.DueAt)
                .Take(limit)
                .Select(t => new DueTimer(t.Id, t.DueAt, t.InstanceId))));

        public static readonly ModelBound<Func<EngineDbContext, CancellationToken, Task<DateTimeOffset?>>> FirstScheduledTimer =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, CancellationToken ct) =>
                db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Scheduled).OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefault()));

        public static readonly ModelBound<Func<EngineDbContext, CancellationToken, Task<DateTimeOffset?>>> FirstPendingJob =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, CancellationToken ct) =>
                db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Pending).OrderBy(j => j.DueAt).Select(j => (DateTimeOffset?)j.DueAt).FirstOrDefault()));

        // Two ordered index scans on (status, due_at) in one statement, not one condition with OR: PostgreSQL answers the OR
        // with a bitmap scan, which never marks the index entries that jobs moving from pending to done leave behind as
        // dead, so between vacuums every poll walked all of them again.
        public static readonly ModelBound<Func<EngineDbContext, DateTimeOffset, int, IAsyncEnumerable<DueJob>>> DueJobs =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, DateTimeOffset until, int limit) =>
                db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Pending && j.DueAt <= until).OrderBy(j => j.DueAt).Take(limit)
                    .Concat(db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Running && j.LockedUntil < until).OrderBy(j => j.DueAt).Take(limit))
                    .Select(j => new DueJob(j.Id, j.InstanceId, j.DueAt))));

        public static readonly ModelBound<Func<EngineDbContext, CancellationToken, Task<bool>>> AnyJobRunning =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, CancellationToken ct) => db.Jobs.Any(j => j.Status == JobStatus.Running)));
    }

    /// <summary>
    /// Runs one attempt of a job: claims it, calls the activity outside any transaction, and records the outcome
    /// (complete, BPMN error, retry later with back-off, or incident). At-least-once: a crash after the call and
    /// before the record makes the job run again after its lease, with the same idempotency key.
    /// </summary>
    internal async Task<JobOutcome> RunJobAsync(Guid jobId, IServiceProvider services, bool takeOverLease = false, CancellationToken cancellationToken = default)
    {
        var claim = await ClaimJobAsync(jobId, takeOverLease, cancellationToken);
        return claim is { } claimed ? await RunClaimedJobAsync(claimed, services, cancellationToken) : JobOutcome.NotReady;
    }

    /// <summary>
    /// Claims the ready jobs of <paramref name="jobIds"/> (as <see cref="RunJobAsync"/> claims one): on PostgreSQL in one
    /// statement and one transaction, with the instances and executions their inputs are built from. The jobs another node
    /// claimed first are left out. For the simulation clock, which runs a moment's due partner calls together.
    /// </summary>
    internal async Task<List<ClaimedJob>> ClaimJobsAsync(IReadOnlyList<Guid> jobIds, CancellationToken cancellationToken = default)
    {
        var claimed = new List<ClaimedJob>();
        if (jobIds.Count == 0)
        {
            return claimed;
        }

        await using var db = _databases.Create();
        if (db is PostgresEngineDbContext)
        {
            var now = _time.GetUtcNow();
            foreach (var row in await PostgresLoads.ClaimJobsAsync(db, [.. jobIds], now, _options.NodeId, now + _options.JobLease, cancellationToken))
            {
                claimed.Add(await ContextAsync(row.Job, row.Instance, row.Executions, now, cancellationToken));
            }

            return claimed;
        }

        foreach (var id in jobIds)
        {
            if (await ClaimJobAsync(id, takeOverLease: false, cancellationToken) is { } one)
            {
                claimed.Add(one);
            }
        }

        return claimed;
    }

    /// <summary>Runs one claimed attempt: calls the activity outside any transaction and records the outcome.</summary>
    internal async Task<JobOutcome> RunClaimedJobAsync(ClaimedJob claimed, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var (job, context) = claimed;
        using var span = EngineMetrics.StartPartnerCall(job.ActivityType, job.DefinitionKey, job.ElementId, job.Attempts, job.TraceParent);
        var descriptor = _activities.Find(job.ActivityType);
        ActivityResult result;
        PartnerExchange? exchange = null;
        if (descriptor is null)
        {
            result = ActivityResult.Fail(EngineErrors.ActivityUnknown.With(("activityType", job.ActivityType)), retryable: false);
        }
        else
        {
            var recorder = PartnerExchanges.Listen();
            try
            {
                result = await ExecuteActivityAsync(job, context, services, cancellationToken);
            }
            finally
            {
                PartnerExchanges.Stop();
            }

            exchange = result is ActivityResult.Failed ? recorder.ToExchange(context.Input) : null;
        }

        var outcome = await RecordJobResultAsync(job, descriptor, result, exchange, cancellationToken);
        var outcomeName = outcome switch
        {
            JobOutcome.Completed => "completed",
            JobOutcome.BpmnError => "bpmn-error",
            JobOutcome.RetryScheduled => "retry-scheduled",
            JobOutcome.IncidentOpened => "incident",
            _ => "discarded",
        };
        EngineMetrics.PartnerCallAttempt(job.ActivityType, outcomeName);
        EngineMetrics.EndSpan(span, outcomeName, result is ActivityResult.Failed failed ? failed.Error?.Code ?? "activity.failed" : null);
        return outcome;
    }

    /// <summary>Hands a job that could not run yet back to the scheduler for its due moment (or the end of another node's lease).</summary>
    internal async Task RescheduleJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        var due = job?.Status switch
        {
            JobStatus.Pending => job.DueAt,
            JobStatus.Running => job.LockedUntil,
            _ => null,
        };
        if (due is { } moment)
        {
            await HandOverAsync(db, new WorkChanges([], [], [new ScheduledWork(jobId, moment)], []), []);
        }
    }

    private async Task<ClaimedJob?> ClaimJobAsync(Guid jobId, bool takeOverLease, CancellationToken cancellationToken)
    {
        await using var db = _databases.Create();
        var now = _time.GetUtcNow();
        JobEntity job;
        InstanceEntity instance;
        IEnumerable<ExecutionEntity> executions;
        if (db is PostgresEngineDbContext)
        {
            // One command: the claim (UPDATE … RETURNING) with the instance and executions the input is built from.
            var claimed = await PostgresLoads.ClaimJobAsync(db, jobId, now, _options.NodeId, now + _options.JobLease, takeOverLease, cancellationToken);
            if (claimed is null)
            {
                return null;
            }

            (job, instance, executions) = (claimed.Job, claimed.Instance, claimed.Executions);
        }
        else
        {
            var found = await JobQueries.Job.For(db)(db, jobId);
            var ready = found is not null
                && ((found.Status == JobStatus.Pending && found.DueAt <= now) || (found.Status == JobStatus.Running && (takeOverLease || found.LockedUntil < now)));
            if (!ready)
            {
                return null;
            }

            job = found!;
            job.Status = JobStatus.Running;
            job.LockedBy = _options.NodeId;
            job.LockedUntil = now + _options.JobLease;
            job.Attempts++;
            job.Version++;
            try
            {
                await StepSave.SaveAsync(db, [], cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return null;
            }

            instance = await JobQueries.Instance.For(db)(db, job.InstanceId) ?? throw new InvalidOperationException($"Job {job.Id} has no instance {job.InstanceId}.");
            executions = await JobQueries.Executions.For(db)(db, job.InstanceId).ToListAsync(cancellationToken);
        }

        return await ContextAsync(job, instance, executions, now, cancellationToken);
    }

    /// <summary>A claimed job with its activity's input, built from the variables visible at the task (read only).</summary>
    private async Task<ClaimedJob> ContextAsync(JobEntity job, InstanceEntity instance, IEnumerable<ExecutionEntity> executions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var model = await _definitions.ModelAsync(instance.DefinitionId, instance.DefinitionKey, cancellationToken);
        var state = new InstanceState(instance, model, _options.TenantVariable);
        state.Executions.AddRange(executions);
        var execution = state.FindExecution(job.ExecutionId);
        var visible = state.VisibleVariables(execution);
        var input = new JsonObject();
        var descriptor = _activities.Find(job.ActivityType);
        var declared = descriptor?.Inputs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var locals = execution is null ? null : state.Locals(execution);
        foreach (var (name, value) in visible)
        {
            if (name == InstanceState.ExecutionVariable || (declared is { Count: > 0 } && !declared.Contains(name) && locals?.ContainsKey(name) != true))
            {
                continue;
            }

            input[name] = value?.DeepClone();
        }

        var context = new ActivityContext(job.Id, job.InstanceId, job.DefinitionKey, job.ElementId, job.BusinessKey, job.TenantId, job.ActivityType, job.IdempotencyKey, job.Attempts, input, now);
        return new ClaimedJob(job, context);
    }

    private async Task<ActivityResult> ExecuteActivityAsync(JobEntity job, ActivityContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ActivityTimeout);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var activity = _activities.Create(job.ActivityType, scope.ServiceProvider);
            return await activity.ExecuteAsync(context, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ActivityResult.Fail(EngineErrors.ActivityTimeout.With(("seconds", Math.Round(_options.ActivityTimeout.TotalSeconds))));
        }
#pragma warning disable CA1031 // Any exception from an activity is a failed attempt, retried under its policy; it must not crash the worker.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.ActivityThrew(_logger, job.ActivityType, job.Id, ex);
            return ActivityResult.Fail(EngineErrors.ActivityThrew.With(("exception", ex.GetType().Name), ("message", ex.Message)));
        }
    }

    private async Task<JobOutcome> RecordJobResultAsync(JobEntity claimed, ActivityDescriptor? descriptor, ActivityResult result, PartnerExchange? exchange, CancellationToken cancellationToken)
    {
        var policy = _options.RetryPolicies.TryGetValue(claimed.ActivityType, out var configured) ? configured : descriptor?.Retry ?? RetryPolicy.Default;
        try
        {
            return await RunAsync("record-partner-call", Actor.System, async (step, executor, ct) =>
            {
                EngineMetrics.TagStep(claimed.DefinitionKey, claimed.ElementId, claimed.ActivityType);

                // The instance's live jobs hold this one while its token waits on it: one query fewer than reading it on
                // its own first. A job no longer live there (its instance ended) is read by its id.
                var instance = await step.LoadAsync(claimed.InstanceId, ct);
                var job = instance?.Jobs.FirstOrDefault(j => j.Id == claimed.Id) ?? await JobQueries.Job.For(step.Db)(step.Db, claimed.Id);
                if (job is null || job.Status != JobStatus.Running || job.LockedBy != _options.NodeId || job.Attempts != claimed.Attempts)
                {
                    // Cancelled meanwhile (boundary event, instance cancelled) or taken over after our lease expired.
                    step.Forget(instance);
                    return JobOutcome.Discarded;
                }

                if (result is ActivityResult.Failed failed && failed.Retryable && job.Attempts < policy.MaxAttempts)
                {
                    // A retry changes the job only: the instance row is neither written nor its version bumped, so a
                    // retry never conflicts with the instance's other work.
                    step.Forget(instance);
                    job.Status = JobStatus.Pending;
                    job.DueAt = step.Now + Backoff(policy, job.Attempts);
                    var reason = failed.Error?.Message ?? failed.Reason;
                    job.LastError = reason.Length > 2000 ? reason[..2000] : reason;
                    job.LockedBy = null;
                    job.LockedUntil = null;
                    job.Version++;
                    step.ReadyJobs.Add(job);
                    return JobOutcome.RetryScheduled;
                }

                var tracked = instance?.Jobs.FirstOrDefault(j => j.Id == job.Id);
                if (instance is null || !instance.IsActive || tracked is null)
                {
                    job.Status = JobStatus.Cancelled;
                    return JobOutcome.Discarded;
                }

                switch (result)
                {
                    case ActivityResult.Completed completed:
                        executor.CompleteJob(instance, tracked, completed.Output);
                        return JobOutcome.Completed;
                    case ActivityResult.BpmnError error:
                        await executor.RaiseJobErrorAsync(instance, tracked, error.ErrorCode, error.Message, error.Variables, ct);
                        return JobOutcome.BpmnError;
                    case ActivityResult.Failed failure:
                        var reason = failure.Error ?? EngineErrors.ActivityFailed.With(("reason", Executor.Truncate(failure.Reason)));
                        executor.FailJob(instance, tracked, failure.Retryable
                            ? EngineErrors.ActivityAttemptsExhausted.Because(reason, ("attempts", tracked.Attempts))
                            : reason, exchange);
                        return JobOutcome.IncidentOpened;
                    default:
                        throw new InvalidOperationException($"Unknown activity result {result.GetType().Name}.");
                }
            }, cancellationToken);
        }
        catch (EngineException ex)
        {
            // The result could not be recorded; the lease expires and the job runs again with the same idempotency key.
            Log.JobResultNotRecorded(_logger, claimed.Id, ex.Message);
            return JobOutcome.Discarded;
        }
    }

    /// <summary>
    /// A partner call's queries, compiled once per model (as <see cref="Step"/>'s are): a claim and a record run them for
    /// every call, and a trajectory makes dozens of calls.
    /// </summary>
    private static class JobQueries
    {
        public static readonly ModelBound<Func<EngineDbContext, Guid, Task<JobEntity?>>> Job =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.Jobs.FirstOrDefault(j => j.Id == id)));

        public static readonly ModelBound<Func<EngineDbContext, Guid, Task<InstanceEntity?>>> Instance =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.Instances.AsNoTracking().FirstOrDefault(i => i.Id == id)));

        public static readonly ModelBound<Func<EngineDbContext, Guid, IAsyncEnumerable<ExecutionEntity>>> Executions =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.Executions.AsNoTracking().Where(e => e.InstanceId == id)));
    }

    /// <summary>A partner call's attempt, claimed by this node: the job row as claimed, and the activity's context.</summary>
    internal sealed record ClaimedJob(JobEntity Job, ActivityContext Context);

    /// <summary>Exponential back-off with jitter: initial × factor^(attempt−1), capped, spread by ±jitter.</summary>
    internal static TimeSpan Backoff(RetryPolicy policy, int attempt)
    {
        var baseDelay = policy.InitialDelay.TotalMilliseconds * Math.Pow(policy.Factor, Math.Max(0, attempt - 1));
        var capped = Math.Min(baseDelay, policy.MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        var spread = 1 + (policy.Jitter * ((Random.Shared.NextDouble() * 2) - 1));
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Max(0, capped * spread));
    }

    // ---------------------------------------------------------------- incidents

    /// <summary>Retries what an incident stopped.</summary>
    public async Task RetryIncidentAsync(Guid incidentId, Actor actor, CancellationToken cancellationToken = default) =>
        await RunAsync("retry-incident", actor, async (step, executor, ct) =>
        {
            var incident = await step.Db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, ct);
            if (incident is null || !actor.MayAccess(incident.TenantId))
            {
                throw EngineErrors.IncidentNotFound.Exception(("incidentId", incidentId));
            }

            EngineMetrics.TagStep(incident.DefinitionKey, incident.ElementId, incident.ActivityType);

            if (incident.Status != IncidentStatus.Open)
            {
                throw EngineErrors.IncidentResolved.Exception();
            }

            var instance = await step.LoadAsync(incident.InstanceId, ct);
            if (instance is null || !instance.IsActive)
            {
                incident.Status = IncidentStatus.Resolved;
                incident.ResolvedAt = step.Now;
                incident.ResolvedBy = "obsolete: instance ended";
                return true;
            }

            await executor.RetryIncidentAsync(instance, incident, ct);
            return true;
        }, cancellationToken);

    /// <summary>Retries every open incident matching the filter (e.g. all of one activity type the day its partner returns).</summary>
    public async Task<BulkRetryResult> RetryIncidentsAsync(IncidentFilter filter, Actor actor, CancellationToken cancellationToken = default)
    {
        List<Guid> ids;
        await using (var db = _databases.Create())
        {
            ids = await EngineQueries.FilterIncidents(db.Incidents.AsNoTracking(), filter, actor)
                .Where(i => i.Status == IncidentStatus.Open)
                .OrderBy(i => i.CreatedAt)
                .Select(i => i.Id)
                .ToListAsync(cancellationToken);
        }

        var retried = 0;
        var failed = new List<Guid>();
        foreach (var id in ids)
        {
            try
            {
                await RetryIncidentAsync(id, actor, cancellationToken);
                retried++;
            }
            catch (EngineException)
            {
                failed.Add(id);
            }
        }

        return new BulkRetryResult(ids.Count, retried, failed);
    }
}

/// <summary>What one attempt of a job led to.</summary>
internal enum JobOutcome
{
    NotReady,
    Completed,
    BpmnError,
    RetryScheduled,
    IncidentOpened,
    Discarded,
}

/// <summary>Which incidents a list or bulk retry concerns.</summary>
public sealed record IncidentFilter(string? TenantId = null, string? DefinitionKey = null, string? ElementId = null, string? ActivityType = null, Guid? InstanceId = null, bool OpenOnly = true);

public sealed record BulkRetryResult(int Matched, int Retried, IReadOnlyList<Guid> Failed);
