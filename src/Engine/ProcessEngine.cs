using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Definitions;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Engine;

/// <summary>
/// The commands of the engine. Each runs as one step: load, run to wait state, commit in one transaction with
/// optimistic concurrency, then tell the scheduler what fell due. A step that loses a race is retried from scratch.
/// </summary>
public sealed partial class ProcessEngine
{
    private readonly IEngineDbContextFactory _databases;
    private readonly DefinitionRegistry _definitions;
    private readonly IExpressionEvaluator _expressions;
    private readonly IActivityCatalog _activities;
    private readonly IWorkScheduler _scheduler;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly CountedVariables _counted;
    private readonly DisplayVariables _display;
    private readonly EngineServices _services;
    private readonly ILogger<ProcessEngine> _logger;

    internal ProcessEngine(
        IEngineDbContextFactory databases,
        DefinitionRegistry definitions,
        IExpressionEvaluator expressions,
        IActivityCatalog activities,
        IWorkScheduler scheduler,
        TimeProvider time,
        IOptions<EngineOptions> options,
        CountedVariables counted,
        DisplayVariables display,
        ILogger<ProcessEngine> logger)
    {
        _databases = databases;
        _definitions = definitions;
        _expressions = expressions;
        _activities = activities;
        _scheduler = scheduler;
        _time = time;
        _options = options.Value;
        _counted = counted;
        _display = display;
        _services = new EngineServices(expressions, _options);
        _logger = logger;
    }

    /// <summary>The longest business key, correlation key and message name the engine keeps.</summary>
    internal const int MaxKeyLength = 200;

    public DatabaseProvider Provider => _databases.Provider;

    // ---------------------------------------------------------------- definitions

    /// <summary>
    /// Validates and deploys a BPMN file. Each executable process becomes a new version of its key, unless the
    /// file is identical to that key's latest version.
    /// </summary>
    public async Task<DeployResult> DeployAsync(string xml, string? source, Actor actor, CancellationToken cancellationToken = default)
    {
        var parsed = BpmnParser.Parse(xml, new EngineValidationHooks(_expressions, _activities));
        if (!parsed.IsValid)
        {
            return new DeployResult([], parsed.Errors, parsed.Warnings);
        }

        var normalized = xml.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        for (var attempt = 1; ; attempt++)
        {
            await using var db = _databases.Create();
            var now = _time.GetUtcNow();
            var deploymentId = Guid.CreateVersion7(now);
            var deployed = new List<DeployedDefinition>();
            var scheduled = new List<TimerEntity>();
            var cancelled = new List<TimerEntity>();
            foreach (var process in parsed.Processes)
            {
                var latest = await DefinitionRegistry.LatestAsync(db, process.Id, cancellationToken);
                if (latest is not null && latest.ContentHash == hash)
                {
                    deployed.Add(new DeployedDefinition(latest.Id, latest.Key, latest.Version, latest.Name, false, latest.DeployedAt));
                    continue;
                }

                var entity = new DefinitionEntity
                {
                    Id = Guid.CreateVersion7(now),
                    Key = process.Id,
                    Version = (latest?.Version ?? 0) + 1,
                    Name = process.Name,
                    ContentHash = hash,
                    Xml = xml,
                    DeploymentId = deploymentId,
                    Source = source,
                    DeployedBy = actor.Name,
                    DeployedAt = now,
                    MessageStarts = Executor.ListColumn(process.MessageStartEvents.Select(s => s.MessageName!).ToList()),
                };
                db.Definitions.Add(entity);
                _definitions.Remember(entity.Id, process);
                deployed.Add(new DeployedDefinition(entity.Id, entity.Key, entity.Version, entity.Name, true, now));

                // A new version takes over the timer start events of the previous one.
                var oldTimers = await db.Timers
                    .Where(t => t.InstanceId == null && t.Status == TimerStatus.Scheduled && db.Definitions.Any(d => d.Id == t.DefinitionId && d.Key == process.Id))
                    .ToListAsync(cancellationToken);
                foreach (var timer in oldTimers)
                {
                    timer.Status = TimerStatus.Cancelled;
                    cancelled.Add(timer);
                }

                foreach (var start in process.TimerStartEvents)
                {
                    var spec = _expressions.EvaluateTemplate(start.Timer!.Text, new Dictionary<string, JsonNode?>())?.ToString() ?? "";
                    var kind = (TimerKind)(int)start.Timer.Kind;
                    if (!TimerSchedule.TryParse(kind, spec, out var schedule, out var error))
                    {
                        return new DeployResult([], [new BpmnProblem(start.Id, EngineErrors.BpmnTimerInvalid.Because(error))], parsed.Warnings);
                    }

                    var timer = new TimerEntity
                    {
                        Id = Guid.CreateVersion7(now),
                        DefinitionId = entity.Id,
                        ElementId = start.Id,
                        Status = TimerStatus.Scheduled,
                        DueAt = schedule!.FirstDue(now, _services.Zone).ToUniversalTime(),
                        Spec = spec,
                        Kind = kind.ToString(),
                        CreatedAt = now,
                    };
                    timer.FirstDueAt = timer.DueAt;
                    db.Timers.Add(timer);
                    scheduled.Add(timer);
                }
            }

            var changes = new WorkChanges(
                scheduled.Select(t => new ScheduledWork(t.Id, t.DueAt)).ToList(),
                cancelled.Select(t => new ScheduledWork(t.Id, t.DueAt)).ToList(),
                [],
                []);
            var outbox = changes.IsEmpty || !_scheduler.UsesOutbox ? [] : Step.WriteOutbox(db, changes, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < _options.MaxConcurrencyRetries)
            {
                // Another node deployed the same key at the same moment: read again and decide again.
                Log.DeployRetried(_logger, ex.Message);
                continue;
            }

            await HandOverAsync(db, changes, outbox);
            foreach (var d in deployed.Where(d => d.IsNew))
            {
                Log.Deployed(_logger, d.Key, d.Version, source ?? "api");
            }

            return new DeployResult(deployed, [], parsed.Warnings);
        }
    }

    // ---------------------------------------------------------------- instances

    /// <summary>Starts an instance at the process's none start event and runs it to its first wait states.</summary>
    public async Task<StartedInstance> StartInstanceAsync(StartInstance command, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        Tenants.Validate(command.TenantId);
        if (!actor.MayAccess(command.TenantId))
        {
            throw EngineErrors.TenantForbidden.Exception(("tenantId", command.TenantId));
        }

        if (command.BusinessKey is { Length: > MaxKeyLength })
        {
            throw EngineErrors.BusinessKeyTooLong.Exception(("maxLength", MaxKeyLength));
        }

        var started = await RunAsync("start", actor, async (step, executor, ct) =>
        {
            var definition = (command.Version is { } v
                    ? await DefinitionRegistry.VersionAsync(step.Db, command.DefinitionKey, v, ct)
                    : await DefinitionRegistry.LatestAsync(step.Db, command.DefinitionKey, ct))
                ?? throw (command.Version is null
                    ? EngineErrors.DefinitionNotFound.Exception(("key", command.DefinitionKey))
                    : EngineErrors.DefinitionVersionNotFound.Exception(("key", command.DefinitionKey), ("version", command.Version)));
            var model = await _definitions.ModelAsync(definition.Id, definition.Key, ct);
            var start = model.NoneStartEvent ?? throw EngineErrors.DefinitionNoNoneStart.Exception(("key", model.Id));
            EngineMetrics.TagStep(definition.Key, start.Id);
            var instance = executor.CreateInstance(definition.Id, model, definition.Version, command.BusinessKey, command.TenantId, command.Variables?.DeepClone().AsObject() ?? [], null, null);
            executor.Begin(instance, start);
            return instance.Entity;
        }, cancellationToken);
        return new StartedInstance(started.Id, started.DefinitionKey, started.DefinitionVersion, started.BusinessKey, started.TenantId, Queries.EngineQueries.StatusName(started.Status));
    }

    /// <summary>Terminates a top-level instance and everything it called.</summary>
    public async Task CancelInstanceAsync(Guid instanceId, string? reason, Actor actor, CancellationToken cancellationToken = default) =>
        await RunAsync("cancel", actor, async (step, executor, ct) =>
        {
            var instance = await LoadVisibleAsync(step, instanceId, actor, ct);
            if (!instance.IsActive)
            {
                throw EngineErrors.InstanceEnded.Exception(("instanceId", instanceId));
            }

            if (instance.Entity.ParentInstanceId is not null)
            {
                throw EngineErrors.InstanceIsCalled.Exception(("instanceId", instanceId));
            }

            await executor.CancelInstanceAsync(instance, string.IsNullOrWhiteSpace(reason) ? $"Cancelled by {actor.Name}" : reason, notifyCaller: false, ct);
            return true;
        }, cancellationToken);

    /// <summary>Sets instance variables (operations fixing data before retrying an incident).</summary>
    public async Task SetVariablesAsync(Guid instanceId, JsonObject variables, Actor actor, CancellationToken cancellationToken = default) =>
        await RunAsync("set-variables", actor, async (step, _, ct) =>
        {
            var instance = await LoadVisibleAsync(step, instanceId, actor, ct);
            if (!instance.IsActive)
            {
                throw EngineErrors.InstanceEnded.Exception(("instanceId", instanceId));
            }

            foreach (var (name, value) in variables)
            {
                instance.SetVariable(null, name, value);
            }

            step.Journal(instance, "variables-changed", null, new { names = variables.Select(v => v.Key) }, actor.Name);
            return true;
        }, cancellationToken);

    // ---------------------------------------------------------------- tasks

    /// <summary>Takes a task into the actor's own work list.</summary>
    public async Task ClaimTaskAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var task = await FindTaskAsync(db, taskId, actor, cancellationToken);
        EnsureOpen(task);
        if (task.Assignee is not null && task.Assignee != actor.Name)
        {
            throw EngineErrors.TaskClaimedByOther.Exception(("assignee", task.Assignee));
        }

        EnsureCandidate(task, actor);
        if (task.Assignee == actor.Name)
        {
            return;
        }

        task.Assignee = actor.Name;
        task.ClaimedAt = _time.GetUtcNow();
        task.Version++;
        db.Journal.Add(new JournalEntity { InstanceId = task.InstanceId, At = task.ClaimedAt.Value, Type = "task-claimed", ElementId = task.ElementId, User = actor.Name, Data = $"{{\"taskId\":\"{task.Id}\"}}" });
        await SaveTaskAsync(db, cancellationToken);
    }

    /// <summary>Gives a claimed task back to the group.</summary>
    public async Task UnclaimTaskAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var task = await FindTaskAsync(db, taskId, actor, cancellationToken);
        EnsureOpen(task);
        if (task.Assignee is null)
        {
            return;
        }

        if (task.Assignee != actor.Name && !actor.IsAdministrator)
        {
            throw EngineErrors.TaskUnclaimForbidden.Exception(("assignee", task.Assignee));
        }

        task.Assignee = null;
        task.ClaimedAt = null;
        task.Version++;
        db.Journal.Add(new JournalEntity { InstanceId = task.InstanceId, At = _time.GetUtcNow(), Type = "task-unclaimed", ElementId = task.ElementId, User = actor.Name, Data = $"{{\"taskId\":\"{task.Id}\"}}" });
        await SaveTaskAsync(db, cancellationToken);
    }

    /// <summary>Completes a task with the form's variables; the token moves on to its next wait states.</summary>
    public Task CompleteTaskAsync(Guid taskId, JsonObject? variables, Actor actor, CancellationToken cancellationToken = default) =>
        CompleteTaskAsync(taskId, variables, actor, check: null, cancellationToken);

    /// <summary>
    /// Completes a task as <see cref="CompleteTaskAsync(Guid, JsonObject?, Actor, CancellationToken)"/> does, once
    /// <paramref name="check"/> has accepted it. The check runs inside the step, after the engine's own checks (open, the
    /// actor's to complete): it sees the task's form key and the variables the completion is judged against, as the step
    /// read them, and refuses by throwing. Nothing is stored then, and the exception reaches the caller as it was thrown.
    /// </summary>
    public async Task CompleteTaskAsync(Guid taskId, JsonObject? variables, Actor actor, Action<TaskCompletionCheck>? check, CancellationToken cancellationToken = default) =>
        await RunAsync("complete-task", actor, async (step, executor, ct) =>
        {
            // The task and its instance in one read (nothing of either leaves the step before the checks below).
            var (task, instance) = await step.LoadTaskAsync(taskId, ct);
            if (task is null || !actor.MayAccess(task.TenantId))
            {
                throw EngineErrors.TaskNotFound.Exception(("taskId", taskId));
            }

            EngineMetrics.TagStep(task.DefinitionKey, task.ElementId);
            EnsureOpen(task);
            if (task.Assignee is not null && task.Assignee != actor.Name && !actor.IsAdministrator)
            {
                throw EngineErrors.TaskClaimedByOther.Exception(("assignee", task.Assignee));
            }

            EnsureCandidate(task, actor);
            var tracked = instance?.Tasks.FirstOrDefault(t => t.Id == task.Id);
            if (instance is null || !instance.IsActive || tracked is null)
            {
                throw EngineErrors.TaskNotOpen.Exception();
            }

            check?.Invoke(TaskCompletionCheck.Of(tracked, instance.Variables));
            if (tracked.FourEyesRoles.Length > 0)
            {
                var complete = FourEyes.Approve(tracked, actor, variables, step.Now, out var merged, out var remaining);
                if (!complete)
                {
                    step.Journal(instance, "task-approved", tracked.ElementId, new { taskId = tracked.Id, remaining }, actor.Name);
                    await TakeCaseOwnershipAsync(step, instance, tracked, actor, ct);
                    return true;
                }

                executor.CompleteUserTask(instance, tracked, merged, FourEyes.Completers(tracked));
                await TakeCaseOwnershipAsync(step, instance, tracked, actor, ct);
                return true;
            }

            executor.CompleteUserTask(instance, tracked, variables?.DeepClone().AsObject(), actor.Name);
            await TakeCaseOwnershipAsync(step, instance, tracked, actor, ct);
            return true;
        }, cancellationToken);

    private static async Task<UserTaskEntity> FindTaskAsync(EngineDbContext db, Guid taskId, Actor actor, CancellationToken cancellationToken)
    {
        var task = await Step.TaskById.For(db)(db, taskId);
        if (task is null || !actor.MayAccess(task.TenantId))
        {
            throw EngineErrors.TaskNotFound.Exception(("taskId", taskId));
        }

        return task;
    }

    private static void EnsureOpen(UserTaskEntity task)
    {
        if (task.Status != UserTaskStatus.Open)
        {
            throw (task.Status == UserTaskStatus.Completed ? EngineErrors.TaskCompleted : EngineErrors.TaskCancelled).Exception();
        }
    }

    /// <summary>A task is for its assignee, its candidate users and the members of its candidate groups; a task without candidates is for everyone of its tenant.</summary>
    private static void EnsureCandidate(UserTaskEntity task, Actor actor)
    {
        if (actor.IsAdministrator || task.Assignee == actor.Name)
        {
            return;
        }

        var groups = task.CandidateGroups.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var users = task.CandidateUsers.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (groups.Length == 0 && users.Length == 0 && task.Assignee is null)
        {
            return;
        }

        if (users.Contains(actor.Name, StringComparer.Ordinal) || groups.Any(actor.IsMemberOf))
        {
            return;
        }

        throw groups.Length > 0
            ? EngineErrors.TaskForGroups.Exception(("groups", groups))
            : EngineErrors.TaskForOthers.Exception();
    }

    private static async Task SaveTaskAsync(EngineDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await StepSave.SaveAsync(db, [], cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw EngineErrors.TaskConcurrencyConflict.Exception();
        }
    }

    // ---------------------------------------------------------------- shared

    private static async Task<InstanceState> LoadVisibleAsync(Step step, Guid instanceId, Actor actor, CancellationToken cancellationToken)
    {
        var instance = await step.LoadAsync(instanceId, cancellationToken);
        if (instance is null || !actor.MayAccess(instance.Entity.TenantId))
        {
            throw EngineErrors.InstanceNotFound.Exception(("instanceId", instanceId));
        }

        return instance;
    }

    /// <summary>Runs one step with retries on optimistic-concurrency conflicts, then hands what fell due to the scheduler.</summary>
    /// <remarks>
    /// Traced as one span <c>step {kind}</c> (see <see cref="EngineMetrics"/>) that covers every retry; the body names the
    /// definition and element it worked on with <see cref="EngineMetrics.TagStep"/>.
    /// </remarks>
    internal async Task<T> RunAsync<T>(string kind, Actor actor, Func<Step, Executor, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        using var span = EngineMetrics.StartStep(kind);
        try
        {
            var result = await RunStepAsync(actor, body, cancellationToken);
            EngineMetrics.EndSpan(span, "committed");
            return result;
        }
        catch (EngineException ex)
        {
            EngineMetrics.EndSpan(span, "refused", ex.Code);
            throw;
        }
        catch (Exception ex) when (span is not null)
        {
            EngineMetrics.EndSpan(span, "failed", ex.GetType().Name);
            throw;
        }
    }

    private async Task<T> RunStepAsync<T>(Actor actor, Func<Step, Executor, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = _databases.Create();
            var step = new Step(db, _definitions, _time.GetUtcNow(), actor, _options.TenantVariable, _counted, _display);
            var executor = new Executor(step, _services);
            T result;
            WorkChanges changes;
            List<OutboxEntity> outbox = [];
            try
            {
                result = await body(step, executor, cancellationToken);
                await executor.RunAsync(cancellationToken);
                changes = step.Changes();
                if (_scheduler.UsesOutbox && !changes.IsEmpty)
                {
                    outbox = step.WriteOutbox(changes);
                }

                await step.CommitAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < _options.MaxConcurrencyRetries)
            {
                EngineMetrics.StepConflict();
                Log.StepRetried(_logger, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
                continue;
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw new EngineException(EngineErrors.InstanceConcurrencyConflict.With(), ex);
            }

            await HandOverAsync(db, changes, outbox);
            EngineMetrics.StepCommitted(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            await CatchMessagesKeptMeanwhileAsync(step);

            return result;
        }
    }

    /// <summary>
    /// Hands a committed step's schedule changes to the scheduler and clears their outbox rows. A failure here loses
    /// nothing: the rows stay in the outbox and the reconciler hands them over.
    /// </summary>
    internal async Task HandOverAsync(EngineDbContext db, WorkChanges changes, List<OutboxEntity> outbox)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        try
        {
            await _scheduler.HandOverAsync(changes, CancellationToken.None);
            if (outbox.Count > 0)
            {
                var ids = outbox.Select(o => o.Id).ToList();
                await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // After commit nothing may fail the command: the outbox keeps what was not handed over.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandOverFailed(_logger, ex);
        }
    }
}

/// <summary>A command to start an instance of the latest version of a definition (or of <see cref="Version"/>) for a tenant.</summary>
public sealed record StartInstance(string DefinitionKey, string? BusinessKey, string TenantId, JsonObject? Variables, int? Version = null);

/// <summary>An instance just started (it has run to its first wait states; <see cref="Status"/> may already be completed).</summary>
public sealed record StartedInstance(Guid Id, string DefinitionKey, int DefinitionVersion, string? BusinessKey, string TenantId, string Status);

/// <summary>The outcome of a deployment: what was deployed (new or unchanged), or why not.</summary>
public sealed record DeployResult(IReadOnlyList<DeployedDefinition> Definitions, IReadOnlyList<BpmnProblem> Errors, IReadOnlyList<BpmnProblem> Warnings)
{
    public bool Succeeded => Errors.Count == 0;
}

public sealed record DeployedDefinition(Guid Id, string Key, int Version, string? Name, bool IsNew, DateTimeOffset DeployedAt);

