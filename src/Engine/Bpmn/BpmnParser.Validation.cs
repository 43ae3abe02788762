using System.Collections.Frozen;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Inburgering.Engine.Bpmn;

/// <summary>The checks after reading: a scope's start and end, reachability, and each node's own rules.</summary>
internal static partial class BpmnParser
{
    private static void ValidateScope(ScopeModel scope, bool isProcess, ParseContext context)
    {
        var starts = scope.StartEvents.ToList();
        if (starts.Count == 0)
        {
            context.Error(isProcess ? scope.Id : scope.Owner!.Id, (isProcess, scope.Nodes.Count) switch
            {
                (true, _) => EngineErrors.BpmnProcessNoStart,
                (false, 0) => EngineErrors.BpmnSubProcessEmpty,
                _ => EngineErrors.BpmnSubProcessNoStart,
            });
        }

        if (!isProcess && starts.Any(s => s.Trigger != EventTrigger.None))
        {
            foreach (var start in starts.Where(s => s.Trigger != EventTrigger.None))
            {
                context.Error(start.Id, EngineErrors.BpmnSubProcessTriggeredStart);
            }
        }

        if (starts.Count(s => s.Trigger == EventTrigger.None) > 1)
        {
            foreach (var start in starts.Where(s => s.Trigger == EventTrigger.None).Skip(1))
            {
                context.Error(start.Id, EngineErrors.BpmnMultipleNoneStarts);
            }
        }

        foreach (var duplicate in starts.Where(s => s.MessageName is not null).GroupBy(s => s.MessageName).Where(g => g.Count() > 1))
        {
            context.Error(duplicate.Last().Id, EngineErrors.BpmnDuplicateMessageStart, ("name", duplicate.Key));
        }

        if (starts.Count > 0)
        {
            ValidateReachability(scope, context);
        }

        foreach (var node in scope.Nodes)
        {
            ValidateNode(node, context);
            if (node.SubScope is not null)
            {
                ValidateScope(node.SubScope, isProcess: false, context);
            }
        }
    }

    /// <summary>
    /// Every node must lie on a path from a start event of its scope (boundary events count for their activity). Nodes
    /// behind an element refused for its own reason are not reported again.
    /// </summary>
    private static void ValidateReachability(ScopeModel scope, ParseContext context)
    {
        var reached = new HashSet<FlowNode>();
        var work = new Stack<FlowNode>(scope.Nodes.Where(n =>
            n.Kind == NodeKind.StartEvent
            || context.Refused.Contains(n.Id)
            || context.FedByRefused.Contains(n.Id)
            || (n.Kind == NodeKind.BoundaryEvent && n.AttachedTo is null)));
        while (work.Count > 0)
        {
            var node = work.Pop();
            if (!reached.Add(node))
            {
                continue;
            }

            foreach (var flow in node.Outgoing)
            {
                work.Push(flow.Target);
            }

            foreach (var boundary in node.BoundaryEvents)
            {
                work.Push(boundary);
            }
        }

        // A boundary event of an unreachable activity is unreachable for the same reason; the activity is reported.
        foreach (var node in scope.Nodes.Where(n => !reached.Contains(n) && n.Kind != NodeKind.BoundaryEvent))
        {
            context.Error(node.Id, node.Incoming.Count == 0 ? EngineErrors.BpmnUnreachableNoIncoming : EngineErrors.BpmnUnreachable);
        }
    }

    private static void ValidateNode(FlowNode node, ParseContext context)
    {
        switch (node.Kind)
        {
            case NodeKind.StartEvent:
                if (node.Incoming.Count > 0)
                {
                    context.Error(node.Id, EngineErrors.BpmnStartHasIncoming);
                }

                break;
            case NodeKind.EndEvent:
                if (node.Outgoing.Count > 0)
                {
                    context.Error(node.Id, EngineErrors.BpmnEndHasOutgoing);
                }

                break;
            case NodeKind.BoundaryEvent:
                if (node.Incoming.Count > 0)
                {
                    context.Error(node.Id, EngineErrors.BpmnBoundaryHasIncoming);
                }

                break;
        }

        if (node.IsGateway && node.Outgoing.Count == 0)
        {
            context.Error(node.Id, EngineErrors.BpmnGatewayNoOutgoing);
        }

        foreach (var flow in node.Outgoing.Where(f => f.Condition is not null))
        {
            var allowed = node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway || node.IsActivity;
            if (!allowed)
            {
                context.Error(flow.Id, node.Kind == NodeKind.ParallelGateway ? EngineErrors.BpmnConditionOnParallelGateway : EngineErrors.BpmnConditionNotAllowed);
            }
        }

        if (node.DefaultFlow is not null && !(node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway || node.IsActivity))
        {
            context.Error(node.Id, EngineErrors.BpmnDefaultFlowNotAllowed);
        }
    }
}
