using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Definitions;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Execution;

/// <summary>
/// One unit of work: the instances a command touches, loaded into one DbContext and committed in one
/// transaction with optimistic concurrency on every instance row it changed.
/// </summary>
internal sealed class Step(EngineDbContext db, DefinitionRegistry definitions, DateTimeOffset now, Actor actor, string tenantVariable, CountedVariables counted, DisplayVariables display)
{
    private readonly Dictionary<Guid, InstanceState> _instances = [];

    /// <summary>The instances this step started (their rows are inserted, not updated).</summary>
    private readonly HashSet<Guid> _started = [];

    /// <summary>This step's journal entries, written by <see cref="JournalWriter"/> at commit (not change-tracked).</summary>
    private readonly List<JournalEntity> _journal = [];

    public EngineDbContext Db { get; } = db;

    public DefinitionRegistry Definitions { get; } = definitions;

    public DateTimeOffset Now { get; } = now;

    public Actor Actor { get; } = actor;

    /// <summary>Timers created or moved in this step, handed to the scheduler after commit.</summary>
    public List<TimerEntity> ScheduledTimers { get; } = [];

    /// <summary>Timers cancelled in this step (their scope ended), unscheduled after commit.</summary>
    public List<TimerEntity> CancelledTimers { get; } = [];

    /// <summary>Jobs made ready in this step, handed to the job runner after commit.</summary>
    public List<JobEntity> ReadyJobs { get; } = [];

    /// <summary>Jobs cancelled in this step, unscheduled after commit.</summary>
    public List<JobEntity> CancelledJobs { get; } = [];

    /// <summary>Subscriptions with a correlation key begun in this step: after commit the engine looks for a message kept meanwhile.</summary>
    public List<MessageSubscriptionEntity> NewKeyedSubscriptions { get; } = [];

    public IReadOnlyCollection<InstanceState> Instances => _instances.Values;

    public async Task<InstanceState?> LoadAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        if (_instances.TryGetValue(instanceId, out var loaded))
        {
            return loaded;
        }

        if (Db is PostgresEngineDbContext)
        {
            // One round trip for the instance and all it waits on (PostgresLoads); SQLite runs in-process, where a
            // query per kind costs no round trip.
            var rows = await PostgresLoads.InstanceAsync(Db, instanceId, cancellationToken);
            return rows is null ? null : await AdoptAsync(rows, cancellationToken);
        }

        var entity = await Compiled.Instance.For(Db)(Db, instanceId);
        if (entity is null)
        {
            return null;
        }

        var state = await StateAsync(entity, cancellationToken);
        var model = state.Model;
        if (entity.Status == InstanceStatus.Active)
        {
            await foreach (var execution in Compiled.Executions.For(Db)(Db, instanceId).WithCancellation(cancellationToken))
            {
                state.Executions.Add(execution);
            }

            // Load only the kinds of waits the tokens can hold, as the model says: most steps need one or two of them.
            var nodes = state.Executions.Select(e => model.FindNode(e.ElementId)).OfType<FlowNode>().ToList();
            if (nodes.Any(n => n.Kind == NodeKind.UserTask))
            {
                await foreach (var task in Compiled.OpenTasks.For(Db)(Db, instanceId).WithCancellation(cancellationToken))
                {
                    state.Tasks.Add(task);
                }
            }

            if (nodes.Any(n => n.Trigger == EventTrigger.Timer || n.BoundaryEvents.Any(b => b.Trigger == EventTrigger.Timer)))
            {
                // By instance only, status filtered here: SQLite without statistics answers "instance and status" from the
                // (status, due_at) index, i.e. by walking every scheduled timer of every instance.
                await foreach (var timer in Compiled.Timers.For(Db)(Db, instanceId).WithCancellation(cancellationToken))
                {
                    if (timer.Status == TimerStatus.Scheduled)
                    {
                        state.Timers.Add(timer);
                    }
                }
            }

            if (nodes.Any(n => n.MessageName is not null || n.BoundaryEvents.Any(b => b.Trigger == EventTrigger.Message)))
            {
                await foreach (var subscription in Compiled.Subscriptions.For(Db)(Db, instanceId).WithCancellation(cancellationToken))
                {
                    state.Subscriptions.Add(subscription);
                }
            }

            if (nodes.Any(n => n.Kind is NodeKind.ServiceTask or NodeKind.SendTask))
            {
                await foreach (var job in Compiled.LiveJobs.For(Db)(Db, instanceId).WithCancellation(cancellationToken))
                {
                    state.Jobs.Add(job);
                }
            }
        }

        _instances[instanceId] = state;
        return state;
    }

    /// <summary>
    /// A task (tracked) and its instance as <see cref="LoadAsync"/> loads it; nulls when there is no such task. On PostgreSQL
    /// one round trip for both.
    /// </summary>
    public async Task<(UserTaskEntity? Task, InstanceState? Instance)> LoadTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        if (Db is PostgresEngineDbContext)
        {
            var (task, rows) = await PostgresLoads.TaskAndInstanceAsync(Db, taskId, cancellationToken);
            return task is null ? (null, null)
                : _instances.TryGetValue(task.InstanceId, out var loaded) ? (task, loaded)
                : (task, rows is null ? null : await AdoptAsync(rows, cancellationToken));
        }

        var found = await TaskById.For(Db)(Db, taskId);
        return found is null ? (null, null) : (found, await LoadAsync(found.InstanceId, cancellationToken));
    }

    /// <summary>A task by its id, tracked; compiled once per model (a claim reads it first, and a completion on SQLite).</summary>
    internal static readonly ModelBound<Func<EngineDbContext, Guid, Task<UserTaskEntity?>>> TaskById =
        new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.UserTasks.FirstOrDefault(t => t.Id == id)));

    /// <summary>The step's state of an instance read on PostgreSQL with its waits.</summary>
    private async Task<InstanceState> AdoptAsync(PostgresLoads.LoadedInstance rows, CancellationToken cancellationToken)
    {
        var instance = await StateAsync(rows.Instance, cancellationToken);
        instance.Executions.AddRange(rows.Executions);
        instance.Tasks.AddRange(rows.Tasks);
        instance.Timers.AddRange(rows.Timers);
        instance.Subscriptions.AddRange(rows.Subscriptions);
        instance.Jobs.AddRange(rows.Jobs);
        _instances[instance.Id] = instance;
        return instance;
    }

    private async Task<InstanceState> StateAsync(InstanceEntity entity, CancellationToken cancellationToken)
    {
        EngineMetrics.TagStep(entity.DefinitionKey, null);
        var model = await Definitions.ModelAsync(entity.DefinitionId, entity.DefinitionKey, cancellationToken);
        return new InstanceState(entity, model, tenantVariable);
    }

    /// <summary>
    /// Forgets an instance this step loaded but does not change after all: its row is not written and its version not
    /// bumped at commit, so the step cannot conflict with the instance's other work. Null: nothing to forget.
    /// </summary>
    public void Forget(InstanceState? instance)
    {
        if (instance is null || !_instances.Remove(instance.Id))
        {
            return;
        }

        Db.Entry(instance.Entity).State = EntityState.Detached;
    }

    public InstanceState Add(InstanceEntity entity, ProcessModel model)
    {
        Db.Instances.Add(entity);
        _started.Add(entity.Id);
        var state = new InstanceState(entity, model, tenantVariable);
        _instances[entity.Id] = state;
        return state;
    }

    public void Journal(InstanceState instance, string type, string? elementId, object? data = null, string? user = null)
    {
        _journal.Add(new JournalEntity
        {
            InstanceId = instance.Id,
            At = Now,
            Type = type,
            ElementId = elementId,
            User = user,
            Data = data is null ? null : System.Text.Json.JsonSerializer.Serialize(data, Json.Options),
        });
    }

    /// <summary>
    /// The queries every step runs to load an instance, compiled once (EF Core otherwise rebuilds and funcletizes the LINQ
    /// expression on every execution, which was a sizeable share of a step's allocations).
    /// </summary>
    private static class Compiled
    {
        public static readonly ModelBound<Func<EngineDbContext, Guid, Task<InstanceEntity?>>> Instance =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.Instances.FirstOrDefault(i => i.Id == id)));

        public static readonly ModelBound<Func<EngineDbContext, Guid, IAsyncEnumerable<ExecutionEntity>>> Executions =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.Executions.Where(e => e.InstanceId == id)));

        public static readonly ModelBound<Func<EngineDbContext, Guid, IAsyncEnumerable<UserTaskEntity>>> OpenTasks =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.UserTasks.Where(t => t.InstanceId == id && t.Status == UserTaskStatus.Open)));

        public static readonly ModelBound<Func<EngineDbContext, Guid, IAsyncEnumerable<TimerEntity>>> Timers =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.Timers.Where(t => t.InstanceId == id)));

        public static readonly ModelBound<Func<EngineDbContext, Guid, IAsyncEnumerable<MessageSubscriptionEntity>>> Subscriptions =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.MessageSubscriptions.Where(s => s.InstanceId == id)));

        public static readonly ModelBound<Func<EngineDbContext, Guid, IAsyncEnumerable<JobEntity>>> LiveJobs =
            new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id) => db.Jobs.Where(j => j.InstanceId == id && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))));
    }

    /// <summary>The schedule changes of this step (after commit, timers still scheduled and jobs still pending).</summary>
    public WorkChanges Changes() => new(
        ScheduledTimers.Where(t => t.Status == TimerStatus.Scheduled).Select(t => new ScheduledWork(t.Id, t.DueAt)).Distinct().ToList(),
        CancelledTimers.Select(t => new ScheduledWork(t.Id, t.DueAt)).Distinct().ToList(),
        ReadyJobs.Where(j => j.Status == JobStatus.Pending).Select(j => new ScheduledWork(j.Id, j.DueAt)).Distinct().ToList(),
        CancelledJobs.Select(j => new ScheduledWork(j.Id, j.DueAt)).Distinct().ToList());

    /// <summary>Writes the schedule changes to the outbox, in this step's transaction.</summary>
    public List<OutboxEntity> WriteOutbox(WorkChanges changes) => WriteOutbox(Db, changes, Now);

    /// <summary>
    /// Writes schedule changes to the outbox of <paramref name="db"/>, to be saved with the change that made them. A cancelled
    /// timer needs no hand-over (its moment's trigger stays; see <see cref="Scheduling.QuartzWorkScheduler"/>), so a step
    /// that only ends timers (a task with a deadline completed) writes no outbox rows and deletes none after its commit.
    /// </summary>
    public static List<OutboxEntity> WriteOutbox(EngineDbContext db, WorkChanges changes, DateTimeOffset now)
    {
        OutboxEntity Row(string kind, ScheduledWork work) => new() { Kind = kind, TargetId = work.Id, DueAt = work.DueAt, CreatedAt = now };
        var rows = changes.Timers.Select(w => Row("timer", w))
            .Concat(changes.Jobs.Select(w => Row("job", w)))
            .Concat(changes.CancelledJobs.Select(w => Row("job-cancel", w)))
            .ToList();
        db.Outbox.AddRange(rows);
        return rows;
    }

    /// <summary>Bumps the version of every instance this step changed and saves in one transaction.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var instance in _instances.Values)
        {
            // Not Db.Entry(...).State: that detects the entity's changes, which the save does again for every entity.
            var started = _started.Contains(instance.Id);
            if (!counted.IsEmpty && (instance.VariablesChanged || started || !counted.IsCurrent(instance.Entity.CountedValues)))
            {
                instance.Entity.CountedValues = counted.Of(instance.Variables);
            }

            if (!display.IsEmpty && (instance.VariablesChanged || started || !display.IsCurrent(instance.Entity.DisplayValues)))
            {
                instance.Entity.DisplayValues = display.Of(instance.Variables);
            }

            instance.Flush();
            if (!started)
            {
                // Every step that loaded an instance bumps its version, so two steps on one instance cannot both commit.
                instance.Entity.Version++;
            }
        }

        // The changed rows and the journal after them in one transaction, without EF Core's update pipeline: on PostgreSQL one
        // batch, on SQLite in line for its one writer (StepSave).
        await StepSave.SaveAsync(Db, _journal, cancellationToken);
    }
}
