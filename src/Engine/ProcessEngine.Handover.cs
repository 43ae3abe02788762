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
    public async Task AssignTaskAsync(Guid taskId, string assignee, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(assignee) || assignee.Length > 200)
        {
            throw EngineErrors.TaskAssigneeInvalid.Exception(("maxLength", 200));
        }

        await using var db = _databases.Create();
        var task = await FindTaskAsync(db, taskId, actor, cancellationToken);
        EnsureOpen(task);
        if (task.Assignee is not null && task.Assignee != actor.Name && !actor.IsAdministrator)
        {
            throw EngineErrors.TaskAssignForbidden.Exception(("assignee", task.Assignee));
        }

        EnsureCandidate(task, actor);
        if (FourEyes.Read(task).Any(a => a.User == assignee))
        {
            throw EngineErrors.FourEyesAssigneeAlreadyApproved.Exception(("assignee", assignee));
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
    }

    /// <summary>
    /// Four eyes: the second person does not agree with what the first entered and sends the task back to the first person
    /// with a reason. The recorded approvals are dropped; the first person completes it again.
    /// </summary>
    public async Task ReturnTaskAsync(Guid taskId, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            throw EngineErrors.TaskReturnReasonInvalid.Exception(("maxLength", 2000));
        }

        await using var db = _databases.Create();
        var task = await FindTaskAsync(db, taskId, actor, cancellationToken);
        EnsureOpen(task);
        var approvals = FourEyes.Read(task);
        if (approvals.Count == 0)
        {
            throw EngineErrors.TaskReturnNothingDone.Exception();
        }

        if (approvals.Any(a => a.User == actor.Name))
        {
            throw EngineErrors.TaskReturnOwn.Exception();
        }

        if (task.Assignee is not null && task.Assignee != actor.Name && !actor.IsAdministrator)
        {
            throw EngineErrors.TaskClaimedByOther.Exception(("assignee", task.Assignee));
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
    }
}
