using System.Text.Json;
using System.Text.Json.Nodes;
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
    /// Hands a whole case (the top-level instance of <paramref name="instanceId"/> and every active instance it called) to a
    /// new owner: sets <paramref name="variable"/> to the owner's name on each of them (a called instance copied its
    /// caller's variables when it started, so each holds its own copy), and gives the case's open tasks held by the previous
    /// owner, and the unassigned ones the model gives the owner (camunda:assignee names <paramref name="variable"/>), to the
    /// new owner where the owner may do them (a candidate, not a four-eyes task waiting for a second person). Tasks a
    /// colleague took stay with the colleague. The host checks who may hand over and to whom.
    /// </summary>
    public async Task<CaseHandover> HandOverCaseAsync(Guid instanceId, string variable, Actor owner, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        ArgumentNullException.ThrowIfNull(owner);
        if (string.IsNullOrWhiteSpace(owner.Name) || owner.Name.Length > 200)
        {
            throw EngineErrors.TaskAssigneeInvalid.Exception(("maxLength", 200));
        }

        return await RunAsync("hand-over-case", actor, async (step, _, ct) =>
        {
            var start = await LoadVisibleAsync(step, instanceId, actor, ct);
            var root = await step.LoadAsync(start.Entity.RootInstanceId, ct) ?? start;
            if (!root.IsActive)
            {
                throw EngineErrors.InstanceEnded.Exception(("instanceId", root.Id));
            }

            return await HandOverAsync(step, root, variable, owner, actor, ct);
        }, cancellationToken);
    }

    /// <summary>The user task property naming the case-owner variable a completion may fill (see <see cref="TakeCaseOwnershipAsync"/>).</summary>
    public const string CaseOwnerProperty = "caseOwner";

    /// <summary>The user task property naming the group whose member becomes the case owner by completing the task.</summary>
    public const string CaseOwnerGroupProperty = "caseOwnerGroup";

    /// <summary>
    /// The user task property naming a variable whose (string) value groups cases (a household): the active cases of the same
    /// tenant that share it and have no owner yet get the same owner in the same step.
    /// </summary>
    public const string CaseOwnerSharedProperty = "caseOwnerShared";

    /// <summary>
    /// In the step that completes (or, with four eyes, approves) a user task whose properties name a case-owner variable
    /// (<c>caseOwner</c>) and a group (<c>caseOwnerGroup</c>): when the actor is a member of that group and the case (the
    /// top-level instance) has no owner yet, the actor becomes it, exactly as <see cref="HandOverCaseAsync"/> would do, but in
    /// the same commit as the completion, so a crash cannot leave a completed task without its owner. The variable is set
    /// before the token moves on: the tasks the completion creates already name the owner.
    /// </summary>
    private static async Task TakeCaseOwnershipAsync(Step step, InstanceState instance, UserTaskEntity task, Actor actor, CancellationToken cancellationToken)
    {
        var node = instance.Model.FindNode(task.ElementId);
        if (node is null
            || !node.Properties.TryGetValue(CaseOwnerProperty, out var variable) || string.IsNullOrWhiteSpace(variable)
            || !node.Properties.TryGetValue(CaseOwnerGroupProperty, out var group) || !actor.IsMemberOf(group)
            || string.IsNullOrWhiteSpace(actor.Name) || actor.Name.Length > 200)
        {
            return;
        }

        var root = await step.LoadAsync(instance.Entity.RootInstanceId, cancellationToken) ?? instance;
        if (!root.IsActive || Text(root.Variables, variable) is not null)
        {
            return;
        }

        await HandOverAsync(step, root, variable, actor, actor, cancellationToken);

        // The other cases of the group (the household) without an owner get the same one.
        if (!node.Properties.TryGetValue(CaseOwnerSharedProperty, out var shared) || string.IsNullOrWhiteSpace(shared))
        {
            return;
        }

        // The value may live in any running instance of the case (a called instance holds its own copy until it ends).
        var key = Text(instance.Variables, shared) ?? Text(root.Variables, shared);
        if (key is null)
        {
            foreach (var id in await step.Db.Instances.Where(i => i.RootInstanceId == root.Id && i.Status == InstanceStatus.Active).OrderBy(i => i.StartedAt).Select(i => i.Id).ToListAsync(cancellationToken))
            {
                if (await step.LoadAsync(id, cancellationToken) is { } called && Text(called.Variables, shared) is { } found)
                {
                    key = found;
                }
            }
        }

        if (key is null || key.Length > Queries.EngineQueries.MaxSharedValueLength)
        {
            return;
        }

        foreach (var id in await Queries.EngineQueries.RootsSharingAsync(step.Db, root.Entity.TenantId, shared, key, activeOnly: true, cancellationToken))
        {
            if (id != root.Id && await step.LoadAsync(id, cancellationToken) is { IsActive: true } other && Text(other.Variables, variable) is null)
            {
                await HandOverAsync(step, other, variable, actor, actor, cancellationToken);
            }
        }
    }

    private static string? Text(JsonObject variables, string name) =>
        variables[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>
    /// Sets variables on a whole case in one step: the top-level instance of <paramref name="instanceId"/> and every active
    /// instance it called (each holds its own copy while it runs, and hands it back when it ends). Journalled on the top-level
    /// instance as <c>variables-changed</c> with the names and <paramref name="reason"/> (the audit trail). The host checks who may.
    /// </summary>
    public async Task SetCaseVariablesAsync(Guid instanceId, JsonObject variables, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variables);
        await RunAsync("set-case-variables", actor, async (step, _, ct) =>
        {
            var start = await LoadVisibleAsync(step, instanceId, actor, ct);
            var root = await step.LoadAsync(start.Entity.RootInstanceId, ct) ?? start;
            if (!root.IsActive)
            {
                throw EngineErrors.InstanceEnded.Exception(("instanceId", root.Id));
            }

            var ids = await step.Db.Instances
                .Where(i => i.RootInstanceId == root.Id && i.Status == InstanceStatus.Active)
                .Select(i => i.Id)
                .ToListAsync(ct);
            foreach (var id in ids)
            {
                if (await step.LoadAsync(id, ct) is { IsActive: true } instance)
                {
                    foreach (var (name, value) in variables)
                    {
                        instance.SetVariable(null, name, value?.DeepClone());
                    }
                }
            }

            step.Journal(root, "variables-changed", null, new { names = variables.Select(v => v.Key), reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() }, actor.Name);
            return true;
        }, cancellationToken);
    }

    private static async Task<CaseHandover> HandOverAsync(Step step, InstanceState root, string variable, Actor owner, Actor actor, CancellationToken ct)
    {
        var previous = root.Variables[variable] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        var ids = await step.Db.Instances
            .Where(i => i.RootInstanceId == root.Id && i.Status == InstanceStatus.Active)
            .Select(i => i.Id)
            .ToListAsync(ct);
        var models = new Dictionary<Guid, Bpmn.ProcessModel>();
        foreach (var id in ids)
        {
            if (await step.LoadAsync(id, ct) is { IsActive: true } instance)
            {
                instance.SetVariable(null, variable, JsonValue.Create(owner.Name));
                models[id] = instance.Model;
            }
        }

        var tasks = await step.Db.UserTasks.Where(t => ids.Contains(t.InstanceId) && t.Status == UserTaskStatus.Open).ToListAsync(ct);
        var handed = 0;

        // Status again in memory: a task completed earlier in this step is still open in the database.
        foreach (var task in tasks.Where(t => t.Status == UserTaskStatus.Open).OrderBy(t => t.CreatedAt))
        {
            // Unassigned: only the tasks the model gives the case owner (their assignee expression names the variable).
            var ownersByModel = models.TryGetValue(task.InstanceId, out var model)
                && model.FindNode(task.ElementId)?.UserTask?.Assignee is { } template
                && template.Contains(variable, StringComparison.Ordinal);
            var held = (task.Assignee is null && ownersByModel) || (previous is not null && task.Assignee == previous);
            if (!held || task.Assignee == owner.Name || task.Approvals is not null || !IsCandidate(task, owner))
            {
                continue;
            }

            var before = task.Assignee;
            task.Assignee = owner.Name;
            task.ClaimedAt = step.Now;
            task.Version++;
            step.Db.Journal.Add(new JournalEntity
            {
                InstanceId = task.InstanceId,
                At = step.Now,
                Type = "task-assigned",
                ElementId = task.ElementId,
                User = actor.Name,
                Data = JsonSerializer.Serialize(new { taskId = task.Id, assignee = owner.Name, previous = before }, Json.Options),
            });
            handed++;
        }

        step.Journal(root, "case-handed-over", null, new { variable, owner = owner.Name, previous, tasks = handed }, actor.Name);
        return new CaseHandover(root.Id, previous, owner.Name, handed);
    }

    private static bool IsCandidate(UserTaskEntity task, Actor actor)
    {
        var groups = task.CandidateGroups.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var users = task.CandidateUsers.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return (groups.Length == 0 && users.Length == 0) || users.Contains(actor.Name, StringComparer.Ordinal) || groups.Any(actor.IsMemberOf);
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

/// <summary>What <see cref="ProcessEngine.HandOverCaseAsync"/> did: the case's top-level instance, who held it, who holds it now and how many open tasks moved.</summary>
public sealed record CaseHandover(Guid RootInstanceId, string? Previous, string Owner, int TasksHandedOver);
