using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Timers;

namespace Inburgering.Engine.Execution;

/// <summary>What instance migration needs of the executor: timers computed as the executor computes them, boundary events armed.</summary>
internal sealed partial class Executor
{
    /// <summary>
    /// The due moment of <paramref name="eventNode"/>'s timer for a token that has waited since <paramref name="since"/>, with
    /// the instance's variables as they are now (the evaluated text is returned in <paramref name="spec"/>).
    /// </summary>
    internal DateTimeOffset TimerDueSince(InstanceState instance, ExecutionEntity execution, FlowNode eventNode, DateTimeOffset since, out string spec)
    {
        var definition = eventNode.Timer!;
        try
        {
            spec = EvaluateText(instance, execution, definition.Text) ?? "";
        }
        catch (ExpressionException ex)
        {
            throw new ModelRuntimeException(EngineErrors.ExpressionFailed.With(("reason", Truncate(ex.Message))));
        }

        var kind = (TimerKind)(int)definition.Kind;
        if (!TimerSchedule.TryParse(kind, spec, out var schedule, out var error))
        {
            throw new ModelRuntimeException(EngineErrors.TimerInvalidAtRunTime.Because(error, ("spec", spec)));
        }

        return schedule!.FirstDue(since, Services.Zone).ToUniversalTime();
    }

    /// <summary>Arms one boundary event of an activity a token already waits at (a boundary event the new version added).</summary>
    internal void ArmBoundaryForMigration(InstanceState instance, ExecutionEntity execution, FlowNode boundary)
    {
        switch (boundary.Trigger)
        {
            case EventTrigger.Timer:
                CreateTimer(instance, execution, boundary);
                break;
            case EventTrigger.Message:
                // A message already buffered for it is taken by the next message delivery or correlation, not here: migration
                // moves tokens and runs nothing.
                AddSubscription(instance, execution, boundary, boundary.MessageName!);
                break;
        }
    }

    internal void CancelTimerForMigration(TimerEntity timer) => Step.CancelledTimers.Add(timer);

    internal void RescheduleTimerForMigration(TimerEntity timer) => Step.ScheduledTimers.Add(timer);

    internal void RemoveSubscriptionForMigration(InstanceState instance, MessageSubscriptionEntity subscription)
    {
        instance.Subscriptions.Remove(subscription);
        Step.Db.MessageSubscriptions.Remove(subscription);
    }

    internal void JournalMigration(InstanceState instance, string type, object data) => Step.Journal(instance, type, null, data, Step.Actor.Name);
}
