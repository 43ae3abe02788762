using System.Text.Json;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine;

/// <summary>Handing a task to a colleague, and sending a four-eyes task back to the first person.</summary>
public sealed partial class ProcessEngine
{
    /// <summary>
    /// Hands an open task to <paramref name="assignee"/>. Allowed for its current assignee, for a candidate while nobody holds
    /// it, and for an administrator. The engine does not know people: the host checks that the colleague may do the task
    /// (same tenant, a candidate group) before it calls this.
    /// </summary>
    public async Task<UserTaskEntity> AssignTaskAsync(Guid taskId, string assignee, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(assignee) || assignee.Length > 200)
        {
            throw new EngineException("Geef aan wie de taak krijgt (hooguit 200 tekens).", EngineErrorKind.Invalid);
        }

        await using var db = _databases.Create();
        var task = await FindTaskAsync(db, taskId, actor, cancellationToken);
        EnsureOpen(task);
        if (task.Assignee is not null && task.Assignee != actor.Name && !actor.HasRole(Roles.Beheerder))
        {
            throw new EngineException($"Deze taak is geclaimd door {task.Assignee}; alleen die persoon of een beheerder kan haar overdragen.", EngineErrorKind.Conflict);
        }

        EnsureCandidate(task, actor);
        if (FourEyes.Read(task).Any(a => a.User == assignee))
        {
            throw new EngineException($"Vier ogen: {assignee} heeft deze taak al afgerond; een tweede persoon moet haar doen.", EngineErrorKind.Conflict);
        }

        var previous = task.Assignee;
        task.Assignee = assignee;
        task.ClaimedAt = _time.GetUtcNow();
        task.Version++;
        db.Journal.Add(new JournalEntity
        {
            InstanceId = task.InstanceId,
            At = task.ClaimedAt.Value,
            Type = "task-assigned",
            ElementId = task.ElementId,
            User = actor.Name,
            Data = JsonSerializer.Serialize(new { taskId = task.Id, assignee, previous }, Json.Options),
        });
        await SaveTaskAsync(db, cancellationToken);
        return task;
    }

    /// <summary>
    /// Four eyes: the second person does not agree with what the first entered and sends the task back to the first person
    /// with a reason. The recorded approvals are dropped; the first person completes it again.
    /// </summary>
    public async Task<UserTaskEntity> ReturnTaskAsync(Guid taskId, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            throw new EngineException("Geef een reden (hooguit 2000 tekens) waarom u de taak terugstuurt.", EngineErrorKind.Invalid);
        }

        await using var db = _databases.Create();
        var task = await FindTaskAsync(db, taskId, actor, cancellationToken);
        EnsureOpen(task);
        var approvals = FourEyes.Read(task);
        if (approvals.Count == 0)
        {
            throw new EngineException("Er is nog niets afgerond om terug te sturen: alleen een vier-ogentaak die de eerste persoon al heeft afgerond kan terug.", EngineErrorKind.Conflict);
        }

        if (approvals.Any(a => a.User == actor.Name))
        {
            throw new EngineException("Vier ogen: u heeft deze taak zelf afgerond; de tweede persoon beoordeelt haar.", EngineErrorKind.Conflict);
        }

        if (task.Assignee is not null && task.Assignee != actor.Name && !actor.HasRole(Roles.Beheerder))
        {
            throw new EngineException($"Deze taak is geclaimd door {task.Assignee}.", EngineErrorKind.Conflict);
        }

        EnsureCandidate(task, actor);
        var first = approvals[0].User;
        task.Approvals = null;
        task.Assignee = first;
        task.ClaimedAt = _time.GetUtcNow();
        task.Version++;
        db.Journal.Add(new JournalEntity
        {
            InstanceId = task.InstanceId,
            At = task.ClaimedAt.Value,
            Type = "task-returned",
            ElementId = task.ElementId,
            User = actor.Name,
            Data = JsonSerializer.Serialize(new { taskId = task.Id, reason = reason.Trim(), to = first }, Json.Options),
        });
        await SaveTaskAsync(db, cancellationToken);
        return task;
    }
}
