using System.Collections.Frozen;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Inburgering.Engine.Bpmn;

/// <summary>Tasks: user tasks, external (service and send) tasks and call activities.</summary>
internal static partial class BpmnParser
{
    private static void ReadUserTask(XElement element, FlowNode node, ParseContext context)
    {
        string? Attr(string name)
        {
            var value = ((string?)element.Attribute(Camunda + name))?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            context.CheckExpression(node.Id, value, bareIsCode: false, EngineErrors.BpmnAttributeInvalid, ("attribute", $"camunda:{name}"));
            return value;
        }

        node.UserTask = new UserTaskSpec(
            Attr("assignee"),
            Attr("candidateGroups"),
            Attr("candidateUsers"),
            Attr("dueDate"),
            Attr("followUpDate"),
            Attr("formKey"),
            Attr("priority"));
        if (element.Attribute(Camunda + "formRef") is not null)
        {
            context.Error(node.Id, EngineErrors.BpmnUnsupportedFormRef);
        }

        foreach (var (attribute, dateField) in new[] { ("camunda:dueDate", node.UserTask.DueDate), ("camunda:followUpDate", node.UserTask.FollowUpDate) })
        {
            if (dateField is not null && !ContainsExpression(dateField)
                && context.Hooks.ValidateTimer(TimerDefinitionKind.Date, dateField) is not null
                && context.Hooks.ValidateTimer(TimerDefinitionKind.Duration, dateField) is not null)
            {
                context.Error(node.Id, EngineErrors.BpmnUserTaskDateInvalid, ("attribute", attribute), ("value", dateField));
            }
        }
    }

    private static void ReadExternalTask(XElement element, FlowNode node, ParseContext context)
    {
        foreach (var unsupported in new[] { "class", "expression", "delegateExpression" })
        {
            if (element.Attribute(Camunda + unsupported) is not null)
            {
                context.Error(node.Id, EngineErrors.BpmnUnsupportedJavaDelegate, ("attribute", $"camunda:{unsupported}"));
            }
        }

        var type = (string?)element.Attribute(Camunda + "type");
        var topic = ((string?)element.Attribute(Camunda + "topic"))?.Trim();
        if (!string.Equals(type, "external", StringComparison.Ordinal) || string.IsNullOrEmpty(topic))
        {
            var zeebeTask = element.Element(Bpmn + "extensionElements")?.Elements(Zeebe + "taskDefinition").FirstOrDefault();
            if (zeebeTask is not null)
            {
                context.Error(node.Id, EngineErrors.BpmnServiceTaskCamunda8, ("type", (string?)zeebeTask.Attribute("type")));
            }
            else if (element.Attribute(Camunda + "class") is null && element.Attribute(Camunda + "expression") is null && element.Attribute(Camunda + "delegateExpression") is null)
            {
                context.Error(node.Id, EngineErrors.BpmnServiceTaskTopicMissing);
            }

            return;
        }

        node.Topic = topic;
        if (context.Hooks.ValidateActivityType(topic) is { } reason)
        {
            context.Error(node.Id, reason);
        }
    }

    private static void ReadCallActivity(XElement element, FlowNode node, ParseContext context)
    {
        var called = ((string?)element.Attribute("calledElement"))?.Trim();
        if (string.IsNullOrEmpty(called))
        {
            context.Error(node.Id, EngineErrors.BpmnCalledElementMissing);
            return;
        }

        context.CheckExpression(node.Id, called, bareIsCode: false, EngineErrors.BpmnAttributeInvalid, ("attribute", "calledElement"));
        var bindingText = (string?)element.Attribute(Camunda + "calledElementBinding") ?? "latest";
        CalledVersionBinding binding;
        switch (bindingText)
        {
            case "latest":
                binding = CalledVersionBinding.Latest;
                break;
            case "deployment":
                binding = CalledVersionBinding.Deployment;
                break;
            case "version":
                binding = CalledVersionBinding.Version;
                break;
            default:
                context.Error(node.Id, EngineErrors.BpmnCalledBindingUnsupported, ("binding", bindingText));
                binding = CalledVersionBinding.Latest;
                break;
        }

        int? version = null;
        if (binding == CalledVersionBinding.Version)
        {
            var versionText = (string?)element.Attribute(Camunda + "calledElementVersion");
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                context.Error(node.Id, EngineErrors.BpmnCalledVersionInvalid);
            }
            else
            {
                version = v;
            }
        }

        if (element.Attribute(Camunda + "caseRef") is not null || element.Attribute(Camunda + "variableMappingClass") is not null
            || element.Attribute(Camunda + "variableMappingDelegateExpression") is not null)
        {
            context.Error(node.Id, EngineErrors.BpmnUnsupportedCallMappingCode);
        }

        var extensions = element.Element(Bpmn + "extensionElements");
        var inMappings = new List<CallMapping>();
        var outMappings = new List<CallMapping>();
        string? businessKey = null;
        foreach (var mapping in extensions?.Elements().Where(e => e.Name == Camunda + "in" || e.Name == Camunda + "out") ?? [])
        {
            var isIn = mapping.Name.LocalName == "in";
            var bk = (string?)mapping.Attribute("businessKey");
            if (isIn && bk is not null)
            {
                context.CheckExpression(node.Id, bk, bareIsCode: false, EngineErrors.BpmnAttributeInvalid, ("attribute", "camunda:in businessKey"));
                businessKey = bk;
                continue;
            }

            var all = string.Equals((string?)mapping.Attribute("variables"), "all", StringComparison.Ordinal);
            var source = (string?)mapping.Attribute("source");
            var sourceExpression = (string?)mapping.Attribute("sourceExpression");
            var target = (string?)mapping.Attribute("target");
            if (!all && ((source is null) == (sourceExpression is null) || string.IsNullOrWhiteSpace(target)))
            {
                context.Error(node.Id, EngineErrors.BpmnCallMappingInvalid, ("element", $"camunda:{mapping.Name.LocalName}"));
                continue;
            }

            if (sourceExpression is not null)
            {
                context.CheckExpression(node.Id, sourceExpression, bareIsCode: false, EngineErrors.BpmnAttributeInvalid, ("attribute", $"camunda:{mapping.Name.LocalName} sourceExpression"));
            }

            (isIn ? inMappings : outMappings).Add(new CallMapping(source, sourceExpression, target, all));
        }

        node.Call = new CallActivitySpec(called, binding, version, inMappings, outMappings, businessKey);
    }
}
