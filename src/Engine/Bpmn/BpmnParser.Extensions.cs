using System.Collections.Frozen;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Inburgering.Engine.Bpmn;

/// <summary>Camunda extension elements: input/output parameters and their values, and the refused listeners, connectors and fields.</summary>
internal static partial class BpmnParser
{
    private static void ReadExtensions(XElement element, FlowNode node, ParseContext context)
    {
        var extensions = element.Element(Bpmn + "extensionElements");
        if (extensions is null)
        {
            return;
        }

        foreach (var extension in extensions.Elements())
        {
            if (extension.Name.Namespace != Camunda)
            {
                continue;
            }

            switch (extension.Name.LocalName)
            {
                case "inputOutput":
                    node.Inputs = ReadParameters(extension, "inputParameter", node.Id, context);
                    node.Outputs = ReadParameters(extension, "outputParameter", node.Id, context);
                    break;
                case "properties":
                    var properties = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var property in extension.Elements(Camunda + "property"))
                    {
                        var name = (string?)property.Attribute("name");
                        if (!string.IsNullOrWhiteSpace(name))
                        {
                            properties[name] = (string?)property.Attribute("value") ?? "";
                        }
                    }

                    node.Properties = properties.ToFrozenDictionary(StringComparer.Ordinal);
                    break;
                case "executionListener" or "taskListener":
                    context.Error(node.Id, EngineErrors.BpmnUnsupportedListener);
                    break;
                case "formData":
                    context.Error(node.Id, EngineErrors.BpmnUnsupportedFormData);
                    break;
                case "connector":
                    context.Error(node.Id, EngineErrors.BpmnUnsupportedConnector);
                    break;
                case "field":
                    context.Error(node.Id, EngineErrors.BpmnUnsupportedFieldInjection);
                    break;
                case "failedJobRetryTimeCycle":
                    context.Warning(node.Id, EngineErrors.BpmnIgnoredFailedJobRetryTimeCycle);
                    break;
                case "in" or "out":
                    if (node.Kind != NodeKind.CallActivity)
                    {
                        context.Error(node.Id, EngineErrors.BpmnCallMappingMisplaced, ("element", $"camunda:{extension.Name.LocalName}"));
                    }

                    break;
            }
        }
    }

    private static List<IoParameter> ReadParameters(XElement inputOutput, string elementName, string nodeId, ParseContext context)
    {
        var result = new List<IoParameter>();
        foreach (var parameter in inputOutput.Elements(Camunda + elementName))
        {
            var name = (string?)parameter.Attribute("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                context.Error(nodeId, EngineErrors.BpmnIoParameterNameMissing, ("element", $"camunda:{elementName}"));
                continue;
            }

            result.Add(new IoParameter(name, ReadIoValue(parameter, nodeId, name, context)));
        }

        return result;
    }

    private static IoValue ReadIoValue(XElement element, string nodeId, string parameter, ParseContext context)
    {
        var child = element.Elements().FirstOrDefault(e => e.Name.Namespace == Camunda);
        if (child is null)
        {
            var text = element.Value.Trim();
            if (text.Length == 0)
            {
                return new IoValue.Empty();
            }

            context.CheckExpression(nodeId, text, bareIsCode: false, EngineErrors.BpmnIoParameterInvalid, ("name", parameter));
            return new IoValue.Text(text);
        }

        switch (child.Name.LocalName)
        {
            case "script":
                var format = (string?)child.Attribute("scriptFormat");
                if (format is null || !IsJavaScript(format))
                {
                    context.Error(nodeId, EngineErrors.BpmnIoScriptLanguage, ("name", parameter), ("language", format));
                    return new IoValue.Empty();
                }

                if (child.Attribute("resource") is not null)
                {
                    context.Error(nodeId, EngineErrors.BpmnIoScriptResource, ("name", parameter));
                    return new IoValue.Empty();
                }

                context.CheckExpression(nodeId, child.Value, bareIsCode: true, EngineErrors.BpmnIoParameterInvalid, ("name", parameter));
                return new IoValue.Script(child.Value);
            case "list":
                return new IoValue.List(child.Elements().Select(item => ReadListItem(item, nodeId, parameter, context)).ToList());
            case "map":
                return new IoValue.Map(child.Elements(Camunda + "entry")
                    .Select(entry => new KeyValuePair<string, IoValue>((string?)entry.Attribute("key") ?? "", ReadIoValue(entry, nodeId, parameter, context)))
                    .ToList());
            default:
                context.Error(nodeId, EngineErrors.BpmnIoValueUnsupported, ("name", parameter), ("element", child.Name.LocalName));
                return new IoValue.Empty();
        }
    }

    private static IoValue ReadListItem(XElement item, string nodeId, string parameter, ParseContext context) =>
        item.Name.LocalName switch
        {
            "value" => ReadIoValue(item, nodeId, parameter, context),
            "list" or "map" or "script" => ReadIoValue(new XElement("wrapper", item), nodeId, parameter, context),
            _ => new IoValue.Empty(),
        };
}
