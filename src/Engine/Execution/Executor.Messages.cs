using System.Text.Json.Nodes;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Execution;

// The executor's message subscriptions, buffered messages and delivery.
internal sealed partial class Executor
{
    private async Task SubscribeAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, string messageName, CancellationToken cancellationToken)
    {
        var key = instance.Entity.BusinessKey;
        if (key is not null && await TakeBufferedAsync(instance, messageName, key, cancellationToken) is { } buffered)
        {
            JournalKept(instance, node.Id, buffered);
            var variables = Json.ParseObject(buffered.Variables);
            if (node.Kind == NodeKind.BoundaryEvent)
            {
                if (!node.CancelActivity)
                {
                    AddSubscription(instance, execution, node, messageName);
                }

                Schedule(instance, execution, node, "boundary", async ct => await TriggerMessageBoundaryAsync(instance, execution, node, variables, ct));
            }
            else
            {
                SetResultVariables(instance, execution, node, variables);
                ScheduleLeave(instance, execution, node);
            }

            return;
        }

        AddSubscription(instance, execution, node, messageName);
    }

    private void AddSubscription(InstanceState instance, ExecutionEntity execution, FlowNode node, string messageName)
    {
        var subscription = new MessageSubscriptionEntity
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id,
            MessageName = messageName,
            CorrelationKey = instance.Entity.BusinessKey,
            TenantId = instance.Entity.TenantId,
            CreatedAt = Now,
        };
        Step.Db.MessageSubscriptions.Add(subscription);
        instance.Subscriptions.Add(subscription);
        if (subscription.CorrelationKey is not null)
        {
            Step.NewKeyedSubscriptions.Add(subscription);
        }
    }

    /// <summary>Every catch of a message with a business key asks this first (compiled: it runs on most steps that wait).</summary>
    private static readonly ModelBound<Func<EngineDbContext, string, string, DateTimeOffset, IAsyncEnumerable<BufferedMessageEntity>>> BufferedCandidates =
        new(() => EF.CompileAsyncQuery((EngineDbContext db, string name, string key, DateTimeOffset now) => db.BufferedMessages
            .Where(m => m.Name == name && m.CorrelationKey == key && m.ConsumedAt == null && m.ExpiresAt > now)
            .OrderBy(m => m.ReceivedAt)
            .Take(20)));

    private async Task<BufferedMessageEntity?> TakeBufferedAsync(InstanceState instance, string name, string key, CancellationToken cancellationToken)
    {
        var candidates = new List<BufferedMessageEntity>();
        await foreach (var candidate in BufferedCandidates.For(Step.Db)(Step.Db, name, key, Now).WithCancellation(cancellationToken))
        {
            candidates.Add(candidate);
        }

        var message = candidates.FirstOrDefault(m => Reaches(m.Tenants, instance.Entity.TenantId));
        if (message is not null)
        {
            Consume(instance, message);
        }

        return message;
    }

    /// <summary>Whether a kept message (sent for <paramref name="tenants"/>, a tenant list column) may reach an instance of <paramref name="tenantId"/>.</summary>
    internal static bool Reaches(string tenants, string tenantId) =>
        tenants == Tenants.All || tenants.Contains(Tenants.ListColumn([tenantId]), StringComparison.Ordinal);

    /// <summary>Takes a kept message for this instance; its version makes a second taker (another instance's step) lose.</summary>
    private void Consume(InstanceState instance, BufferedMessageEntity message)
    {
        message.ConsumedAt = Now;
        message.ConsumedByInstanceId = instance.Id;
        message.Version++;
    }

    /// <summary>Delivers a message to a waiting subscription of this instance.</summary>
    public void DeliverMessage(InstanceState instance, MessageSubscriptionEntity subscription, JsonObject variables)
    {
        Step.Journal(instance, "message-correlated", subscription.ElementId, new { name = subscription.MessageName, correlationKey = subscription.CorrelationKey }, Step.Actor.Name);
        Deliver(instance, subscription, variables);
    }

    /// <summary>Delivers a kept message to a subscription that was there before the message could be found (see <see cref="ProcessEngine.CatchMessagesKeptMeanwhileAsync"/>), journalled as a catch of a kept message.</summary>
    public void DeliverKeptMessage(InstanceState instance, MessageSubscriptionEntity subscription, BufferedMessageEntity message)
    {
        Consume(instance, message);
        JournalKept(instance, subscription.ElementId, message);
        Deliver(instance, subscription, Json.ParseObject(message.Variables));
    }

    private void JournalKept(InstanceState instance, string elementId, BufferedMessageEntity message) =>
        Step.Journal(instance, "message-correlated", elementId, new { name = message.Name, bufferedMessageId = message.Id, receivedAt = message.ReceivedAt });

    private void Deliver(InstanceState instance, MessageSubscriptionEntity subscription, JsonObject variables)
    {
        var execution = instance.FindExecution(subscription.ExecutionId) ?? throw EngineErrors.PathGone.Exception();
        var node = instance.Model.Node(subscription.ElementId);
        if (node.Kind == NodeKind.BoundaryEvent)
        {
            if (node.CancelActivity)
            {
                instance.Subscriptions.Remove(subscription);
                Step.Db.MessageSubscriptions.Remove(subscription);
            }

            Schedule(instance, execution, node, "boundary", async ct => await TriggerMessageBoundaryAsync(instance, execution, node, variables, ct));
            return;
        }

        instance.Subscriptions.Remove(subscription);
        Step.Db.MessageSubscriptions.Remove(subscription);
        SetResultVariables(instance, execution, node, variables);
        ScheduleLeave(instance, execution, node);
    }

    private async Task TriggerMessageBoundaryAsync(InstanceState instance, ExecutionEntity execution, FlowNode boundary, JsonObject variables, CancellationToken cancellationToken)
    {
        if (boundary.CancelActivity)
        {
            await CancelChildrenAndArtifactsAsync(instance, execution, cancellationToken);
        }

        SetVariables(instance, instance.Parent(execution), variables);
        TakeBoundary(instance, execution, boundary, boundary.CancelActivity);
    }
}
