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
            Step.Journal(instance, "message-correlated", node.Id, new { name = messageName, bufferedMessageId = buffered.Id, receivedAt = buffered.ReceivedAt });
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

        var tenant = Tenants.ListColumn([instance.Entity.TenantId]);
        var message = candidates.FirstOrDefault(m => m.Tenants == Tenants.All || m.Tenants.Contains(tenant, StringComparison.Ordinal));
        if (message is not null)
        {
            message.ConsumedAt = Now;
            message.ConsumedByInstanceId = instance.Id;
        }

        return message;
    }

    /// <summary>Delivers a message to a waiting subscription of this instance.</summary>
    public void DeliverMessage(InstanceState instance, MessageSubscriptionEntity subscription, JsonObject variables)
    {
        var execution = instance.FindExecution(subscription.ExecutionId) ?? throw EngineErrors.PathGone.Exception();
        var node = instance.Model.Node(subscription.ElementId);
        Step.Journal(instance, "message-correlated", node.Id, new { name = subscription.MessageName, correlationKey = subscription.CorrelationKey }, Step.Actor.Name);
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
