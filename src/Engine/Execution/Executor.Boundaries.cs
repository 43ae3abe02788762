using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Execution;

// The executor's boundary events: arm, take and disarm.
internal sealed partial class Executor
{
    /// <summary>Takes a boundary event: interrupting reuses the activity's execution, non-interrupting forks a new one.</summary>
    private void TakeBoundary(InstanceState instance, ExecutionEntity attached, FlowNode boundary, bool interrupting)
    {
        Step.Journal(instance, "boundary-triggered", boundary.Id, new { attachedTo = attached.ElementId, interrupting });
        if (interrupting)
        {
            Step.Journal(instance, "element-cancelled", attached.ElementId, new { reason = $"interrupted by '{boundary.Id}'" });
            instance.ClearLocals(attached);
            attached.ElementId = boundary.Id;
            attached.State = ExecutionState.Waiting;
            ScheduleLeave(instance, attached, boundary);
        }
        else
        {
            var forked = NewExecution(instance, attached.ParentId, boundary.Id);
            ScheduleLeave(instance, forked, boundary);
        }
    }

    private async Task ArmBoundaryEventsAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, CancellationToken cancellationToken)
    {
        foreach (var boundary in node.BoundaryEvents)
        {
            switch (boundary.Trigger)
            {
                case EventTrigger.Timer:
                    CreateTimer(instance, execution, boundary);
                    break;
                case EventTrigger.Message:
                    await SubscribeAsync(instance, execution, boundary, boundary.MessageName!, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Cancels the timers and message subscriptions an execution holds (its own and its boundary events').</summary>
    private Task DisarmAsync(InstanceState instance, ExecutionEntity execution, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        foreach (var timer in instance.Timers.Where(t => t.ExecutionId == execution.Id).ToList())
        {
            timer.Status = TimerStatus.Cancelled;
            instance.Timers.Remove(timer);
            Step.CancelledTimers.Add(timer);
        }

        foreach (var subscription in instance.Subscriptions.Where(s => s.ExecutionId == execution.Id).ToList())
        {
            instance.Subscriptions.Remove(subscription);
            Step.Db.MessageSubscriptions.Remove(subscription);
        }

        return Task.CompletedTask;
    }
}
