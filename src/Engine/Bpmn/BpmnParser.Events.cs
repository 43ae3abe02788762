using System.Collections.Frozen;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Inburgering.Engine.Bpmn;

/// <summary>Events: start, end, intermediate and boundary events with their definitions, and timers.</summary>
internal static partial class BpmnParser
{
    private static void ReadEvent(XElement element, FlowNode node, ParseContext context)
    {
        var definitions = element.Elements().Where(e => e.Name.Namespace == Bpmn && EventDefinitionNames.Contains(e.Name.LocalName)).ToList();
        if (element.Elements(Bpmn + "eventDefinitionRef").Any())
        {
            context.Error(node.Id, EngineErrors.BpmnUnsupportedEventDefinitionRef);
        }

        if (definitions.Count > 1)
        {
            context.Refuse(node.Id, EngineErrors.BpmnUnsupportedMultipleEvent.With());
            return;
        }

        var definition = definitions.FirstOrDefault();
        var trigger = definition?.Name.LocalName switch
        {
            null => EventTrigger.None,
            "messageEventDefinition" => EventTrigger.Message,
            "timerEventDefinition" => EventTrigger.Timer,
            "errorEventDefinition" => EventTrigger.Error,
            "terminateEventDefinition" => EventTrigger.Terminate,
            _ => (EventTrigger?)null,
        };

        if (trigger is null)
        {
            context.Refuse(node.Id, EngineErrors.BpmnUnsupportedEventType.With(("definition", definition!.Name.LocalName)));
            return;
        }

        node.Trigger = trigger.Value;
        var allowed = node.Kind switch
        {
            NodeKind.StartEvent => trigger is EventTrigger.None or EventTrigger.Message or EventTrigger.Timer,
            NodeKind.EndEvent => trigger is EventTrigger.None or EventTrigger.Terminate or EventTrigger.Error,
            NodeKind.IntermediateCatchEvent => trigger is EventTrigger.Message or EventTrigger.Timer,
            NodeKind.IntermediateThrowEvent => trigger is EventTrigger.None,
            NodeKind.BoundaryEvent => trigger is EventTrigger.Message or EventTrigger.Timer or EventTrigger.Error,
            _ => false,
        };

        if (!allowed)
        {
            context.Refuse(node.Id, (node.Kind, trigger) switch
            {
                (NodeKind.IntermediateCatchEvent, EventTrigger.None) => EngineErrors.BpmnCatchNeedsDefinition.With(),
                (NodeKind.BoundaryEvent, EventTrigger.None) => EngineErrors.BpmnBoundaryNeedsDefinition.With(),
                (NodeKind.EndEvent, EventTrigger.Message) or (NodeKind.IntermediateThrowEvent, EventTrigger.Message) => EngineErrors.BpmnUnsupportedMessageThrow.With(),
                _ => EngineErrors.BpmnUnsupportedEventCombination.With(("element", element.Name.LocalName), ("definition", definition?.Name.LocalName ?? "no event definition")),
            });
            return;
        }

        switch (trigger)
        {
            case EventTrigger.Message:
                node.MessageName = context.MessageName(node.Id, (string?)definition!.Attribute("messageRef"));
                break;
            case EventTrigger.Timer:
                node.Timer = ReadTimer(definition!, node.Id, context);
                break;
            case EventTrigger.Error:
                var variables = new Dictionary<string, string>(node.Properties, StringComparer.Ordinal);
                foreach (var name in new[] { "errorCodeVariable", "errorMessageVariable" })
                {
                    if ((string?)definition!.Attribute(Camunda + name) is { Length: > 0 } variable)
                    {
                        variables[name] = variable;
                    }
                }

                node.Properties = variables.ToFrozenDictionary(StringComparer.Ordinal);
                var errorRef = (string?)definition!.Attribute("errorRef");
                if (errorRef is null)
                {
                    if (node.Kind == NodeKind.EndEvent)
                    {
                        context.Error(node.Id, EngineErrors.BpmnErrorEndNeedsErrorRef);
                    }
                }
                else if (!context.ErrorCodes.TryGetValue(errorRef, out var code))
                {
                    context.Error(node.Id, EngineErrors.BpmnErrorNotFound, ("errorRef", errorRef));
                }
                else if (string.IsNullOrWhiteSpace(code))
                {
                    if (node.Kind == NodeKind.EndEvent)
                    {
                        context.Error(node.Id, EngineErrors.BpmnErrorCodeMissing, ("errorRef", errorRef));
                    }
                }
                else
                {
                    node.ErrorCode = code;
                }

                break;
        }

        if (node.Kind == NodeKind.BoundaryEvent)
        {
            var cancel = (string?)element.Attribute("cancelActivity");
            node.CancelActivity = !string.Equals(cancel, "false", StringComparison.OrdinalIgnoreCase);
            if (!node.CancelActivity && trigger == EventTrigger.Error)
            {
                context.Error(node.Id, EngineErrors.BpmnErrorBoundaryNonInterrupting);
            }
        }
    }

    private static TimerDefinition? ReadTimer(XElement definition, string id, ParseContext context)
    {
        var parts = new[] { ("timeDate", TimerDefinitionKind.Date), ("timeDuration", TimerDefinitionKind.Duration), ("timeCycle", TimerDefinitionKind.Cycle) }
            .Select(p => (Element: definition.Element(Bpmn + p.Item1), Kind: p.Item2))
            .Where(p => p.Element is not null)
            .ToList();
        if (parts.Count != 1)
        {
            context.Error(id, parts.Count == 0 ? EngineErrors.BpmnTimerDefinitionMissing : EngineErrors.BpmnTimerDefinitionMultiple);
            return null;
        }

        var text = parts[0].Element!.Value.Trim();
        if (text.Length == 0)
        {
            context.Error(id, EngineErrors.BpmnTimerEmpty);
            return null;
        }

        if (context.Hooks.ValidateExpression(text, bareIsCode: false) is { } expressionError)
        {
            context.Error(id, EngineErrors.BpmnTimerExpressionInvalid.Because(expressionError));
        }
        else if (!ContainsExpression(text) && context.Hooks.ValidateTimer(parts[0].Kind, text) is { } timerError)
        {
            context.Error(id, EngineErrors.BpmnTimerInvalid.Because(timerError));
        }

        return new TimerDefinition(parts[0].Kind, text);
    }
}
