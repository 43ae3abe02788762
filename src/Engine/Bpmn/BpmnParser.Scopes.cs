using System.Collections.Frozen;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Inburgering.Engine.Bpmn;

/// <summary>The scope reader: processes and sub-processes, their nodes and sequence flows.</summary>
internal static partial class BpmnParser
{
    private static void ReadScope(XElement scopeElement, ProcessModel process, ScopeModel scope, List<FlowNode> allNodes, ParseContext context)
    {
        var flows = new List<(XElement Element, SequenceFlow Flow)>();
        var boundaries = new List<(XElement Element, FlowNode Node)>();
        var defaults = new List<(FlowNode Node, string FlowId)>();

        foreach (var child in scopeElement.Elements())
        {
            if (child.Name.Namespace != Bpmn)
            {
                context.Warning(Id(child) ?? scope.Id, EngineErrors.BpmnIgnoredForeignElement, ("element", child.Name.LocalName), ("namespace", child.Name.NamespaceName));
                continue;
            }

            var local = child.Name.LocalName;
            if (NodeKinds.TryGetValue(local, out var kind))
            {
                if (Id(child) is { } nodeId && !context.SeenIds.Add(nodeId))
                {
                    // Reported once by IndexIds; a second node under the same id cannot be part of the graph.
                    continue;
                }

                var node = ReadNode(child, kind, process, allNodes, context);
                if (node is null)
                {
                    continue;
                }

                node.Scope = scope;
                scope.Add(node);
                allNodes.Add(node);

                if (kind == NodeKind.BoundaryEvent)
                {
                    boundaries.Add((child, node));
                }

                var defaultFlow = (string?)child.Attribute("default");
                if (defaultFlow is not null)
                {
                    defaults.Add((node, defaultFlow));
                }
            }
            else if (local == "sequenceFlow")
            {
                var flowId = Id(child);
                if (flowId is null)
                {
                    context.Error(null, EngineErrors.BpmnFlowIdMissing);
                    continue;
                }

                var condition = child.Element(Bpmn + "conditionExpression");
                string? conditionText = null;
                if (condition is not null)
                {
                    var language = (string?)condition.Attribute("language");
                    if (language is not null && !IsJavaScript(language))
                    {
                        context.Error(flowId, EngineErrors.BpmnConditionLanguage, ("language", language));
                    }

                    conditionText = condition.Value.Trim();
                    if (conditionText.Length == 0)
                    {
                        conditionText = null;
                    }
                }

                // A duplicated flow id is reported once by IndexIds; the flow stays in the graph so nothing else cascades.
                var flow = new SequenceFlow(flowId, (string?)child.Attribute("name"), conditionText) { Scope = scope };
                flows.Add((child, flow));
                if (conditionText is not null)
                {
                    context.CheckExpression(flowId, conditionText, bareIsCode: true, EngineErrors.BpmnConditionInvalid);
                }
            }
            else if (UnsupportedNodes.TryGetValue(local, out var reason))
            {
                context.Refuse(Id(child), reason.With());
            }
            else if (DataElements.Contains(local))
            {
                context.Warning(Id(child) ?? scope.Id, EngineErrors.BpmnIgnoredDataElement, ("element", local));
            }
            else if (local is "multiInstanceLoopCharacteristics" or "standardLoopCharacteristics" && scope.Owner is not null)
            {
                // The loop of the sub-process itself: reported by ReadNode.
            }
            else if (!Artifacts.Contains(local))
            {
                if (Id(child) is { } unsupportedId)
                {
                    context.Refuse(unsupportedId, EngineErrors.BpmnUnsupportedElement.With(("element", local)));
                }
                else
                {
                    context.Error(scope.Id, EngineErrors.BpmnUnsupportedElement, ("element", local));
                }
            }
        }

        var nodesById = scope.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var skippedFlows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, flow) in flows)
        {
            var sourceRef = ((string?)element.Attribute("sourceRef"))?.Trim();
            var targetRef = ((string?)element.Attribute("targetRef"))?.Trim();
            var source = sourceRef is null ? null : nodesById.GetValueOrDefault(sourceRef);
            var target = targetRef is null ? null : nodesById.GetValueOrDefault(targetRef);
            if (source is null || target is null)
            {
                skippedFlows.Add(flow.Id);
                if ((source is null && context.Refused.Contains(sourceRef ?? "")) || (target is null && context.Refused.Contains(targetRef ?? "")))
                {
                    // The element at the other end is refused with its own reason; what it would have fed counts as fed.
                    if (target is not null)
                    {
                        context.FedByRefused.Add(target.Id);
                    }

                    continue;
                }

                var (attribute, reference) = source is null ? ("sourceRef", sourceRef) : ("targetRef", targetRef);
                context.Error(flow.Id, FlowReferenceProblem(attribute, reference, scopeElement, context));
                continue;
            }

            flow.Source = source;
            flow.Target = target;
            source.AddOutgoing(flow);
            target.AddIncoming(flow);
            scope.Add(flow);
        }

        foreach (var (element, boundary) in boundaries)
        {
            var attachedRef = ((string?)element.Attribute("attachedToRef"))?.Trim();
            var attached = attachedRef is null ? null : nodesById.GetValueOrDefault(attachedRef);
            if (attached is null && context.Refused.Contains(attachedRef ?? ""))
            {
                // Attached to an element refused with its own reason.
                continue;
            }

            if (attached is null)
            {
                context.Error(boundary.Id, attachedRef is null
                    ? EngineErrors.BpmnBoundaryAttachedToMissing.With()
                    : EngineErrors.BpmnBoundaryAttachedToNotFound.With(("reference", attachedRef)));
                continue;
            }

            if (!attached.IsActivity)
            {
                context.Error(boundary.Id, EngineErrors.BpmnBoundaryAttachedToNotActivity, ("reference", attached.Id));
                continue;
            }

            boundary.AttachedTo = attached;
            attached.AddBoundaryEvent(boundary);
        }

        foreach (var (node, flowId) in defaults)
        {
            var flow = node.Outgoing.FirstOrDefault(f => f.Id == flowId);
            if (flow is null && skippedFlows.Contains(flowId))
            {
                // The flow itself is refused with its own reason.
                continue;
            }

            if (flow is null)
            {
                context.Error(node.Id, EngineErrors.BpmnDefaultFlowNotOutgoing, ("flowId", flowId));
            }
            else if (flow.Condition is not null)
            {
                context.Error(flowId, EngineErrors.BpmnDefaultFlowHasCondition);
            }
            else
            {
                node.DefaultFlow = flow;
            }
        }
    }

    /// <summary>Why a sequence flow's source or target is not a node of the flow's own scope.</summary>
    private static EngineError FlowReferenceProblem(string attribute, string? reference, XElement scopeElement, ParseContext context)
    {
        if (reference is null || reference.Length == 0)
        {
            return EngineErrors.BpmnFlowReferenceMissing.With(("attribute", attribute));
        }

        if (!context.ElementsById.TryGetValue(reference, out var referenced))
        {
            return EngineErrors.BpmnFlowReferenceNotFound.With(("attribute", attribute), ("reference", reference));
        }

        if (referenced.Name.Namespace != Bpmn || !NodeKinds.ContainsKey(referenced.Name.LocalName))
        {
            return EngineErrors.BpmnFlowReferenceNotANode.With(("attribute", attribute), ("reference", reference));
        }

        var ownProcess = scopeElement.AncestorsAndSelf(Bpmn + "process").FirstOrDefault();
        var otherProcess = referenced.Ancestors(Bpmn + "process").FirstOrDefault();
        return (ownProcess == otherProcess ? EngineErrors.BpmnFlowCrossesSubProcess : EngineErrors.BpmnFlowCrossesProcess)
            .With(("attribute", attribute), ("reference", reference));
    }

    private static FlowNode? ReadNode(XElement element, NodeKind kind, ProcessModel process, List<FlowNode> allNodes, ParseContext context)
    {
        var id = Id(element);
        if (id is null)
        {
            context.Error(null, EngineErrors.BpmnElementIdMissing, ("element", element.Name.LocalName));
            return null;
        }

        if (kind == NodeKind.SubProcess && string.Equals((string?)element.Attribute("triggeredByEvent"), "true", StringComparison.OrdinalIgnoreCase))
        {
            context.Refuse(id, EngineErrors.BpmnUnsupportedEventSubProcess.With());
            return null;
        }

        var node = new FlowNode(id, (string?)element.Attribute("name"), kind)
        {
            Documentation = Documentation(element),
        };

        foreach (var loop in element.Elements().Where(e => e.Name == Bpmn + "multiInstanceLoopCharacteristics" || e.Name == Bpmn + "standardLoopCharacteristics"))
        {
            context.Error(id, loop.Name.LocalName == "multiInstanceLoopCharacteristics"
                ? EngineErrors.BpmnUnsupportedMultiInstance
                : EngineErrors.BpmnUnsupportedStandardLoop);
        }

        if (string.Equals((string?)element.Attribute("isForCompensation"), "true", StringComparison.OrdinalIgnoreCase))
        {
            context.Refuse(id, EngineErrors.BpmnUnsupportedCompensation.With());
        }

        ReadExtensions(element, node, context);
        if (kind is NodeKind.StartEvent or NodeKind.EndEvent or NodeKind.IntermediateCatchEvent or NodeKind.IntermediateThrowEvent or NodeKind.BoundaryEvent)
        {
            ReadEvent(element, node, context);
        }

        switch (kind)
        {
            case NodeKind.UserTask:
                ReadUserTask(element, node, context);
                break;
            case NodeKind.ServiceTask or NodeKind.SendTask:
                ReadExternalTask(element, node, context);
                break;
            case NodeKind.ReceiveTask:
                if (string.Equals((string?)element.Attribute("instantiate"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    context.Error(id, EngineErrors.BpmnUnsupportedInstantiatingReceiveTask);
                }

                node.MessageName = context.MessageName(id, (string?)element.Attribute("messageRef"));
                break;
            case NodeKind.CallActivity:
                ReadCallActivity(element, node, context);
                break;
            case NodeKind.SubProcess:
                var scope = new ScopeModel(id, node);
                node.SubScope = scope;
                ReadScope(element, process, scope, allNodes, context);
                break;
        }

        return node;
    }
}
