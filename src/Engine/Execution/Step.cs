using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Definitions;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Execution;

/// <summary>
/// One unit of work: the instances a command touches, loaded into one DbContext and committed in one
/// transaction with optimistic concurrency on every instance row it changed.
/// </summary>
internal sealed class Step(EngineDbContext db, DefinitionRegistry definitions, DateTimeOffset now, Actor actor, string tenantVariable, CountedVariables counted)
{
    private readonly Dictionary<Guid, InstanceState> _instances = [];

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

    public IReadOnlyCollection<InstanceState> Instances => _instances.Values;

    public async Task<InstanceState?> LoadAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        if (_instances.TryGetValue(instanceId, out var loaded))
        {
            return loaded;
        }

        var entity = await Db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        EngineMetrics.TagStep(entity.DefinitionKey, null);
        var model = await Definitions.ModelAsync(entity.DefinitionId, entity.DefinitionKey, cancellationToken);
        var state = new InstanceState(entity, model, tenantVariable);
        if (entity.Status == InstanceStatus.Active)
        {
            state.Executions.AddRange(await Db.Executions.Where(e => e.InstanceId == instanceId).ToListAsync(cancellationToken));

            // Load only the kinds of waits the tokens can hold, as the model says: most steps need one or two of them.
            var nodes = state.Executions.Select(e => model.FindNode(e.ElementId)).OfType<FlowNode>().ToList();
            if (nodes.Any(n => n.Kind == NodeKind.UserTask))
            {
                state.Tasks.AddRange(await Db.UserTasks.Where(t => t.InstanceId == instanceId && t.Status == UserTaskStatus.Open).ToListAsync(cancellationToken));
            }

            if (nodes.Any(n => n.Trigger == EventTrigger.Timer || n.BoundaryEvents.Any(b => b.Trigger == EventTrigger.Timer)))
            {
                // By instance only, status filtered here: SQLite without statistics answers "instance and status" from the
                // (status, due_at) index, i.e. by walking every scheduled timer of every instance.
                var timers = await Db.Timers.Where(t => t.InstanceId == instanceId).ToListAsync(cancellationToken);
                state.Timers.AddRange(timers.Where(t => t.Status == TimerStatus.Scheduled));
            }

            if (nodes.Any(n => n.MessageName is not null || n.BoundaryEvents.Any(b => b.Trigger == EventTrigger.Message)))
            {
                state.Subscriptions.AddRange(await Db.MessageSubscriptions.Where(s => s.InstanceId == instanceId).ToListAsync(cancellationToken));
            }

            if (nodes.Any(n => n.Kind is NodeKind.ServiceTask or NodeKind.SendTask))
            {
                state.Jobs.AddRange(await Db.Jobs.Where(j => j.InstanceId == instanceId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running)).ToListAsync(cancellationToken));
            }
        }

        _instances[instanceId] = state;
        return state;
    }

    public InstanceState Add(InstanceEntity entity, ProcessModel model)
    {
        Db.Instances.Add(entity);
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
            var entry = Db.Entry(instance.Entity);
            if (!counted.IsEmpty && (instance.VariablesChanged || entry.State == EntityState.Added || !counted.IsCurrent(instance.Entity.CountedValues)))
            {
                instance.Entity.CountedValues = counted.Of(instance.Variables);
            }

            instance.Flush();
            if (entry.State != EntityState.Added)
            {
                // Every step that loaded an instance bumps its version, so two steps on one instance cannot both commit.
                instance.Entity.Version++;
            }
        }

        if (_journal.Count == 0)
        {
            await Db.SaveChangesAsync(cancellationToken);
            return;
        }

        // The journal goes in the same transaction as the state it describes, after it (the instance row comes first).
        // No savepoint inside it (EF Core sets one in a transaction it did not begin): a step that fails is retried whole.
        await using var transaction = Db.Database.CurrentTransaction is null ? await Db.Database.BeginTransactionAsync(cancellationToken) : null;
        Db.Database.AutoSavepointsEnabled = false;
        await Db.SaveChangesAsync(cancellationToken);
        await JournalWriter.WriteAsync(Db, _journal, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
