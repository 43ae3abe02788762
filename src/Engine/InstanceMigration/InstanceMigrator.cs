using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.InstanceMigration;

/// <summary>
/// The decisions of migration, on the two parsed versions: generating a plan, checking it, and moving one loaded instance.
/// Moving is all or nothing per instance: every wait is checked first; only an instance without problems is changed.
/// </summary>
internal sealed class InstanceMigrator
{
    private readonly ProcessModel _source;
    private readonly ProcessModel _target;
    private readonly DefinitionEntity _sourceDefinition;
    private readonly DefinitionEntity _targetDefinition;
    private readonly Dictionary<string, string> _map;

    public InstanceMigrator(DefinitionEntity sourceDefinition, ProcessModel source, DefinitionEntity targetDefinition, ProcessModel target, MigrationPlan plan)
    {
        _sourceDefinition = sourceDefinition;
        _targetDefinition = targetDefinition;
        _source = source;
        _target = target;
        _map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in plan.Instructions)
        {
            _map.TryAdd(instruction.SourceElementId, instruction.TargetElementId);
        }

        PlanProblems = CheckPlan(plan);
    }

    public IReadOnlyList<MigrationProblem> PlanProblems { get; }

    // ---------------------------------------------------------------- plans

    /// <summary>Maps every element of the source to the element with the same id in the target, where the kinds agree.</summary>
    public static List<MigrationInstruction> Generate(ProcessModel source, ProcessModel target) =>
        source.AllNodes.Values
            .Where(n => target.FindNode(n.Id) is { } t && Incompatibility(n, t) is null)
            .OrderBy(n => n.Id, StringComparer.Ordinal)
            .Select(n => new MigrationInstruction(n.Id, n.Id))
            .ToList();

    public static IReadOnlyList<MigrationElement> Elements(ProcessModel model) =>
        model.AllNodes.Values
            .OrderBy(n => n.Id, StringComparer.Ordinal)
            .Select(n => new MigrationElement(n.Id, n.Name, KindName(n)))
            .ToList();

    private List<MigrationProblem> CheckPlan(MigrationPlan plan)
    {
        var problems = new List<MigrationProblem>();
        if (_sourceDefinition.Id == _targetDefinition.Id)
        {
            problems.Add(new(null, EngineErrors.MigrationSameVersion.With(("key", _sourceDefinition.Key), ("version", _sourceDefinition.Version))));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instruction in plan.Instructions)
        {
            if (!seen.Add(instruction.SourceElementId))
            {
                problems.Add(new(instruction.SourceElementId, EngineErrors.MigrationSourceMappedTwice.With(("elementId", instruction.SourceElementId))));
                continue;
            }

            var source = _source.FindNode(instruction.SourceElementId);
            var target = _target.FindNode(instruction.TargetElementId);
            if (source is null)
            {
                problems.Add(new(instruction.SourceElementId, EngineErrors.MigrationSourceElementUnknown.With(
                    ("elementId", instruction.SourceElementId), ("key", _sourceDefinition.Key), ("version", _sourceDefinition.Version))));
                continue;
            }

            if (target is null)
            {
                problems.Add(new(instruction.SourceElementId, EngineErrors.MigrationTargetElementUnknown.With(
                    ("elementId", instruction.TargetElementId), ("key", _targetDefinition.Key), ("version", _targetDefinition.Version))));
                continue;
            }

            var reason = Incompatibility(source, target);
            if (reason is null && source.Kind == NodeKind.BoundaryEvent
                && (source.AttachedTo is null || !_map.TryGetValue(source.AttachedTo.Id, out var attached) || target.AttachedTo?.Id != attached))
            {
                reason = "het is aan een andere activiteit bevestigd";
            }

            if (reason is not null)
            {
                problems.Add(new(source.Id, Incompatible(source, target, reason)));
            }
        }

        return problems;
    }

    /// <summary>Why a token (or anything waiting) at <paramref name="source"/> cannot wait at <paramref name="target"/>; null when it can.</summary>
    /// <remarks>The reasons are Dutch: they are shown to the designer inside the Dutch text of the code.</remarks>
    internal static string? Incompatibility(FlowNode source, FlowNode target)
    {
        var kindsAgree = source.Kind == target.Kind
            || (source.Kind is NodeKind.ServiceTask or NodeKind.SendTask && target.Kind is NodeKind.ServiceTask or NodeKind.SendTask);
        if (!kindsAgree)
        {
            return "een ander soort element";
        }

        if (source.Trigger != target.Trigger)
        {
            return "een ander soort gebeurtenis";
        }

        if (source.Kind == NodeKind.BoundaryEvent && source.CancelActivity != target.CancelActivity)
        {
            return "de ene onderbreekt de activiteit, de andere niet";
        }

        if (source.Kind is NodeKind.ServiceTask or NodeKind.SendTask && !string.Equals(source.Topic, target.Topic, StringComparison.Ordinal))
        {
            return $"een andere activiteit ('{source.Topic}' tegenover '{target.Topic}')";
        }

        if (source.Kind == NodeKind.CallActivity && !string.Equals(source.Call?.CalledElement, target.Call?.CalledElement, StringComparison.Ordinal))
        {
            return $"roept een ander proces aan ('{source.Call?.CalledElement}' tegenover '{target.Call?.CalledElement}')";
        }

        if (source.Timer is not null && target.Timer is not null && source.Timer.Kind != target.Timer.Kind)
        {
            return "een ander soort timer";
        }

        return null;
    }

    private static EngineError Incompatible(FlowNode source, FlowNode target, string reason) =>
        EngineErrors.MigrationElementsIncompatible.With(
            ("elementId", source.Id), ("sourceKind", KindName(source)), ("targetElementId", target.Id), ("targetKind", KindName(target)), ("reason", reason));

    internal static string KindName(FlowNode node) => node.Trigger is EventTrigger.None
        ? ToKebab(node.Kind.ToString())
        : $"{ToKebab(node.Kind.ToString())}:{ToKebab(node.Trigger.ToString())}";

    private static string ToKebab(string name) => EngineDbContext.SnakeCase(name).Replace('_', '-');

    // ---------------------------------------------------------------- instances

    /// <summary>
    /// Checks every wait of a loaded instance against the plan and, when nothing stands in the way and <paramref name="apply"/>
    /// is set, moves it: the caller commits the step (batch) or throws it away (dry run).
    /// </summary>
    public InstanceMigrationReport Migrate(InstanceState instance, IReadOnlyList<IncidentEntity> incidents, Executor executor, DateTimeOffset now, bool apply, Guid? batchId)
    {
        var entity = instance.Entity;
        var problems = new List<MigrationProblem>();
        var waits = new List<MigratedWait>();
        var actions = new List<Action>();
        if (entity.Status != InstanceStatus.Active)
        {
            problems.Add(new(null, EngineErrors.MigrationInstanceEnded.With(("instanceId", entity.Id))));
            return new(entity.Id, entity.BusinessKey, entity.TenantId, false, waits, problems);
        }

        if (entity.DefinitionId != _sourceDefinition.Id)
        {
            problems.Add(new(null, EngineErrors.MigrationInstanceNotOnSource.With(
                ("instanceId", entity.Id), ("key", _sourceDefinition.Key), ("version", _sourceDefinition.Version), ("actualVersion", entity.DefinitionVersion))));
            return new(entity.Id, entity.BusinessKey, entity.TenantId, false, waits, problems);
        }

        var targets = new Dictionary<Guid, FlowNode>();
        foreach (var execution in instance.Executions)
        {
            var source = _source.FindNode(execution.ElementId);
            if (source is null || !_map.TryGetValue(execution.ElementId, out var targetId) || _target.FindNode(targetId) is not { } target)
            {
                problems.Add(new(execution.ElementId, EngineErrors.MigrationElementUnmapped.With(("elementId", execution.ElementId))));
                continue;
            }

            if (Incompatibility(source, target) is { } reason)
            {
                problems.Add(new(source.Id, Incompatible(source, target, reason)));
                continue;
            }

            targets[execution.Id] = target;
        }

        foreach (var execution in instance.Executions)
        {
            if (!targets.TryGetValue(execution.Id, out var target))
            {
                continue;
            }

            // The token's new element must sit where its parent token goes: a sub-process's inner tokens stay inside it.
            var parent = instance.Parent(execution);
            string? expectedScope = null;
            if (parent is not null)
            {
                if (!targets.TryGetValue(parent.Id, out var parentTarget))
                {
                    continue;
                }

                expectedScope = parentTarget.Id;
            }

            if (target.Scope.Owner?.Id != expectedScope)
            {
                problems.Add(new(execution.ElementId, EngineErrors.MigrationScopeChanged.With(
                    ("elementId", execution.ElementId), ("targetElementId", target.Id), ("expectedScope", expectedScope ?? _target.Id))));
                continue;
            }

            if (execution.State == ExecutionState.Joining && execution.ArrivedBy is { } flowId && !target.Incoming.Any(f => f.Id == flowId))
            {
                problems.Add(new(execution.ElementId, EngineErrors.MigrationJoinFlowMissing.With(
                    ("elementId", execution.ElementId), ("flowId", flowId), ("targetElementId", target.Id))));
                continue;
            }

            // A token at a call activity waits on the called process, whichever state it is in while it does: a running call.
            var kind = execution.State switch
            {
                ExecutionState.Failed => "incident",
                _ when target.Kind == NodeKind.CallActivity => "call",
                ExecutionState.Scope => "scope",
                _ => "token",
            };
            waits.Add(new(kind, execution.ElementId, target.Id, Moved(execution.ElementId, target.Id), Detail: execution.State.ToString().ToLowerInvariant()));
            var exec = execution;
            var targetNode = target;
            actions.Add(() => exec.ElementId = targetNode.Id);
        }

        foreach (var task in instance.Tasks)
        {
            if (instance.FindExecution(task.ExecutionId) is { } execution && targets.TryGetValue(execution.Id, out var target))
            {
                waits.Add(new("task", task.ElementId, target.Id, Moved(task.ElementId, target.Id), task.DueAt, task.DueAt, task.Name));
                var t = task;
                actions.Add(() =>
                {
                    t.ElementId = target.Id;
                    t.DefinitionKey = _targetDefinition.Key;
                    t.Version++;
                });
            }
        }

        foreach (var job in instance.Jobs)
        {
            if (instance.FindExecution(job.ExecutionId) is { } execution && targets.TryGetValue(execution.Id, out var target))
            {
                waits.Add(new("job", job.ElementId, target.Id, Moved(job.ElementId, target.Id), job.DueAt, job.DueAt, job.ActivityType));
                var j = job;
                actions.Add(() =>
                {
                    j.ElementId = target.Id;
                    j.DefinitionKey = _targetDefinition.Key;
                    j.Version++;
                });
            }
        }

        var covered = new HashSet<(Guid, string)>();
        foreach (var timer in instance.Timers)
        {
            MigrateTimer(instance, timer, targets, executor, now, problems, waits, actions, covered);
        }

        foreach (var subscription in instance.Subscriptions)
        {
            MigrateSubscription(instance, subscription, targets, executor, waits, actions, covered);
        }

        // Boundary events the new version added to an activity a token waits at are armed now.
        foreach (var execution in instance.Executions.Where(e => e.State is ExecutionState.Waiting or ExecutionState.Scope))
        {
            if (!targets.TryGetValue(execution.Id, out var target))
            {
                continue;
            }

            foreach (var boundary in target.BoundaryEvents.Where(b => b.Trigger is EventTrigger.Timer or EventTrigger.Message))
            {
                if (covered.Contains((execution.Id, boundary.Id)))
                {
                    continue;
                }

                DateTimeOffset? due = null;
                if (boundary.Trigger == EventTrigger.Timer)
                {
                    try
                    {
                        due = executor.TimerDueSince(instance, execution, boundary, now, out _);
                    }
                    catch (ModelRuntimeException ex)
                    {
                        problems.Add(new(boundary.Id, EngineErrors.MigrationTimerInvalid.Because(ex.Error, ("targetElementId", boundary.Id))));
                        continue;
                    }
                }

                waits.Add(new(boundary.Trigger == EventTrigger.Timer ? "timer" : "message", execution.ElementId, boundary.Id, "created", null, due, boundary.MessageName));
                var exec = execution;
                var b = boundary;
                actions.Add(() => executor.ArmBoundaryForMigration(instance, exec, b));
            }
        }

        foreach (var incident in incidents)
        {
            if (incident.ExecutionId is { } id && targets.TryGetValue(id, out var target))
            {
                waits.Add(new("incident", incident.ElementId, target.Id, Moved(incident.ElementId, target.Id), Detail: incident.Type));
                var i = incident;
                actions.Add(() =>
                {
                    i.ElementId = target.Id;
                    i.DefinitionKey = _targetDefinition.Key;
                    i.Version++;
                });
            }
        }

        var canMigrate = problems.Count == 0;
        if (canMigrate && apply)
        {
            foreach (var action in actions)
            {
                action();
            }

            entity.DefinitionId = _targetDefinition.Id;
            entity.DefinitionKey = _targetDefinition.Key;
            entity.DefinitionVersion = _targetDefinition.Version;
            executor.JournalMigration(instance, "instance-migrated", new
            {
                from = new { key = _sourceDefinition.Key, version = _sourceDefinition.Version },
                to = new { key = _targetDefinition.Key, version = _targetDefinition.Version },
                batchId,
                waits = waits.Select(w => new { w.Kind, w.SourceElementId, w.TargetElementId, w.Action, w.NewDueAt }),
            });
        }

        return new(entity.Id, entity.BusinessKey, entity.TenantId, canMigrate, waits, problems);
    }

    private void MigrateTimer(
        InstanceState instance,
        TimerEntity timer,
        Dictionary<Guid, FlowNode> targets,
        Executor executor,
        DateTimeOffset now,
        List<MigrationProblem> problems,
        List<MigratedWait> waits,
        List<Action> actions,
        HashSet<(Guid, string)> covered)
    {
        if (timer.ExecutionId is not { } executionId || instance.FindExecution(executionId) is not { } execution
            || !targets.TryGetValue(executionId, out var executionTarget))
        {
            return;
        }

        var sourceEvent = _source.FindNode(timer.ElementId);
        FlowNode? targetEvent = sourceEvent?.Kind == NodeKind.BoundaryEvent
            ? (_map.TryGetValue(timer.ElementId, out var mapped) ? _target.FindNode(mapped) : null)
            : executionTarget;
        if (sourceEvent?.Kind == NodeKind.BoundaryEvent && (targetEvent is null || targetEvent.AttachedTo?.Id != executionTarget.Id || targetEvent.Trigger != EventTrigger.Timer))
        {
            // The new version has no such boundary timer on this activity: the timer goes.
            waits.Add(new("timer", timer.ElementId, null, "cancelled", timer.DueAt, null));
            var t = timer;
            actions.Add(() =>
            {
                t.Status = TimerStatus.Cancelled;
                t.Version++;
                instance.Timers.Remove(t);
                executor.CancelTimerForMigration(t);
            });
            return;
        }

        if (targetEvent?.Timer is null)
        {
            return;
        }

        covered.Add((executionId, targetEvent.Id));
        var unchanged = sourceEvent?.Timer is { } sourceTimer && sourceTimer.Kind == targetEvent.Timer.Kind
            && string.Equals(sourceTimer.Text, targetEvent.Timer.Text, StringComparison.Ordinal);
        if (unchanged)
        {
            waits.Add(new("timer", timer.ElementId, targetEvent.Id, "kept", timer.DueAt, timer.DueAt, timer.Spec));
            var t = timer;
            var id = targetEvent.Id;
            actions.Add(() =>
            {
                t.ElementId = id;
                t.DefinitionId = _targetDefinition.Id;
                t.Version++;
            });
            return;
        }

        // Another definition: computed again as if the token had arrived when it did (a cycle that already fired starts anew now).
        DateTimeOffset due;
        string spec;
        try
        {
            var since = timer.FiredCount > 0 ? now : timer.CreatedAt;
            due = executor.TimerDueSince(instance, execution, targetEvent, since, out spec);
        }
        catch (ModelRuntimeException ex)
        {
            problems.Add(new(targetEvent.Id, EngineErrors.MigrationTimerInvalid.Because(ex.Error, ("targetElementId", targetEvent.Id))));
            return;
        }

        waits.Add(new("timer", timer.ElementId, targetEvent.Id, "recomputed", timer.DueAt, due, spec));
        var timerToMove = timer;
        var targetId = targetEvent.Id;
        actions.Add(() =>
        {
            timerToMove.ElementId = targetId;
            timerToMove.DefinitionId = _targetDefinition.Id;
            timerToMove.Spec = spec;
            timerToMove.Kind = ((Timers.TimerKind)(int)targetEvent.Timer.Kind).ToString();
            timerToMove.DueAt = due;
            timerToMove.FirstDueAt = due;
            timerToMove.FiredCount = 0;
            timerToMove.Version++;
            executor.RescheduleTimerForMigration(timerToMove);
        });
    }

    private void MigrateSubscription(
        InstanceState instance,
        MessageSubscriptionEntity subscription,
        Dictionary<Guid, FlowNode> targets,
        Executor executor,
        List<MigratedWait> waits,
        List<Action> actions,
        HashSet<(Guid, string)> covered)
    {
        if (instance.FindExecution(subscription.ExecutionId) is not { } execution || !targets.TryGetValue(execution.Id, out var executionTarget))
        {
            return;
        }

        var sourceEvent = _source.FindNode(subscription.ElementId);
        var targetEvent = sourceEvent?.Kind == NodeKind.BoundaryEvent
            ? (_map.TryGetValue(subscription.ElementId, out var mapped) ? _target.FindNode(mapped) : null)
            : executionTarget;
        if (targetEvent is null || targetEvent.MessageName is null
            || (sourceEvent?.Kind == NodeKind.BoundaryEvent && (targetEvent.AttachedTo?.Id != executionTarget.Id || targetEvent.Trigger != EventTrigger.Message)))
        {
            waits.Add(new("message", subscription.ElementId, null, "cancelled", Detail: subscription.MessageName));
            var s = subscription;
            actions.Add(() => executor.RemoveSubscriptionForMigration(instance, s));
            return;
        }

        covered.Add((execution.Id, targetEvent.Id));
        var renamed = !string.Equals(subscription.MessageName, targetEvent.MessageName, StringComparison.Ordinal);
        waits.Add(new("message", subscription.ElementId, targetEvent.Id, renamed ? "renamed" : Moved(subscription.ElementId, targetEvent.Id),
            Detail: renamed ? $"{subscription.MessageName} → {targetEvent.MessageName}" : subscription.MessageName));
        var sub = subscription;
        var target = targetEvent;
        actions.Add(() =>
        {
            sub.ElementId = target.Id;
            sub.MessageName = target.MessageName;
        });
    }

    private static string Moved(string sourceId, string targetId) => string.Equals(sourceId, targetId, StringComparison.Ordinal) ? "kept" : "moved";
}
