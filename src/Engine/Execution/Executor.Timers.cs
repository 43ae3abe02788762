using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Timers;

namespace Inburgering.Engine.Execution;

// The executor's timers: arm, fire, re-arm cycles.
internal sealed partial class Executor
{
    private void CreateTimer(InstanceState instance, ExecutionEntity execution, FlowNode eventNode)
    {
        var definition = eventNode.Timer!;
        var spec = EvaluateText(instance, execution, definition.Text) ?? "";
        var kind = (TimerKind)(int)definition.Kind;
        var due = ComputeDue(kind, spec, out _);
        var timer = new TimerEntity
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            DefinitionId = instance.Entity.DefinitionId,
            ElementId = eventNode.Id,
            TenantId = instance.Entity.TenantId,
            Status = TimerStatus.Scheduled,
            DueAt = due,
            FirstDueAt = due,
            Spec = spec,
            Kind = kind.ToString(),
            CreatedAt = Now,
        };
        Step.Db.Timers.Add(timer);
        instance.Timers.Add(timer);
        Step.ScheduledTimers.Add(timer);
        Step.Journal(instance, "timer-scheduled", eventNode.Id, new { timerId = timer.Id, dueAt = due, spec });
    }

    /// <summary>A timer fell due: a catch event moves on, a boundary event interrupts or forks; cycles re-arm.</summary>
    public bool FireTimer(InstanceState instance, TimerEntity timer)
    {
        var execution = timer.ExecutionId is { } id ? instance.FindExecution(id) : null;
        if (execution is null || !instance.IsActive)
        {
            timer.Status = TimerStatus.Cancelled;
            instance.Timers.Remove(timer);
            return false;
        }

        var node = instance.Model.Node(timer.ElementId);
        var firedDue = timer.DueAt;
        timer.FiredCount++;
        timer.FiredAt = Now;
        Step.Journal(instance, "timer-fired", node.Id, new { timerId = timer.Id, dueAt = firedDue, count = timer.FiredCount });

        if (node.Kind == NodeKind.BoundaryEvent && !node.CancelActivity && NextDue(timer, firedDue) is { } next)
        {
            timer.DueAt = next;
            Step.ScheduledTimers.Add(timer);
        }
        else
        {
            timer.Status = TimerStatus.Fired;
            instance.Timers.Remove(timer);
        }

        if (node.Kind == NodeKind.BoundaryEvent)
        {
            Schedule(instance, execution, node, "boundary", async ct =>
            {
                if (node.CancelActivity)
                {
                    await CancelChildrenAndArtifactsAsync(instance, execution, ct);
                }

                TakeBoundary(instance, execution, node, node.CancelActivity);
            });
        }
        else
        {
            ScheduleLeave(instance, execution, node);
        }

        return true;
    }

    private DateTimeOffset? NextDue(TimerEntity timer, DateTimeOffset firedDue)
    {
        if (!Enum.TryParse<TimerKind>(timer.Kind, out var kind) || kind != TimerKind.Cycle
            || !TimerSchedule.TryParse(kind, timer.Spec, out var schedule, out _))
        {
            return null;
        }

        return schedule!.NextDue(firedDue, timer.FiredCount, Services.Zone, timer.FirstDueAt)?.ToUniversalTime();
    }
}
