using System.Collections.Frozen;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Inburgering.Engine.Bpmn;

/// <summary>
/// Reads BPMN 2.0 XML with the Camunda 7 extension vocabulary into immutable <see cref="ProcessModel"/>s,
/// and validates it against the subset the engine runs. Every element the engine cannot execute is
/// reported with its id and a plain reason; nothing that changes behaviour is skipped silently.
/// </summary>
internal static class BpmnParser
{
    public const string BpmnNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string CamundaNamespace = "http://camunda.org/schema/1.0/bpmn";
    public const int MaxXmlLength = 4 * 1024 * 1024;

    private static readonly XNamespace Bpmn = BpmnNamespace;
    private static readonly XNamespace Camunda = CamundaNamespace;
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    /// <summary>The namespace Camunda 7 inherited from Activiti and still reads as its own; older files use it.</summary>
    private static readonly XNamespace Activiti = "http://activiti.org/bpmn";

    private static readonly FrozenDictionary<string, NodeKind> NodeKinds = new Dictionary<string, NodeKind>
    {
        ["startEvent"] = NodeKind.StartEvent,
        ["endEvent"] = NodeKind.EndEvent,
        ["intermediateCatchEvent"] = NodeKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = NodeKind.IntermediateThrowEvent,
        ["boundaryEvent"] = NodeKind.BoundaryEvent,
        ["task"] = NodeKind.Task,
        ["manualTask"] = NodeKind.ManualTask,
        ["userTask"] = NodeKind.UserTask,
        ["serviceTask"] = NodeKind.ServiceTask,
        ["sendTask"] = NodeKind.SendTask,
        ["receiveTask"] = NodeKind.ReceiveTask,
        ["subProcess"] = NodeKind.SubProcess,
        ["callActivity"] = NodeKind.CallActivity,
        ["exclusiveGateway"] = NodeKind.ExclusiveGateway,
        ["parallelGateway"] = NodeKind.ParallelGateway,
        ["inclusiveGateway"] = NodeKind.InclusiveGateway,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ErrorCode> UnsupportedNodes = new Dictionary<string, ErrorCode>
    {
        ["scriptTask"] = EngineErrors.BpmnUnsupportedScriptTask,
        ["businessRuleTask"] = EngineErrors.BpmnUnsupportedBusinessRuleTask,
        ["adHocSubProcess"] = EngineErrors.BpmnUnsupportedAdHocSubProcess,
        ["transaction"] = EngineErrors.BpmnUnsupportedTransaction,
        ["complexGateway"] = EngineErrors.BpmnUnsupportedComplexGateway,
        ["eventBasedGateway"] = EngineErrors.BpmnUnsupportedEventBasedGateway,
        ["callChoreography"] = EngineErrors.BpmnUnsupportedChoreography,
        ["choreographyTask"] = EngineErrors.BpmnUnsupportedChoreography,
        ["subChoreography"] = EngineErrors.BpmnUnsupportedChoreography,
        ["implicitThrowEvent"] = EngineErrors.BpmnUnsupportedImplicitThrowEvent,
    }.ToFrozenDictionary();

    /// <summary>The event definitions BPMN knows; the engine runs message, timer, error and terminate.</summary>
    private static readonly FrozenSet<string> EventDefinitionNames = new[]
    {
        "messageEventDefinition", "timerEventDefinition", "errorEventDefinition", "terminateEventDefinition", "signalEventDefinition",
        "escalationEventDefinition", "compensateEventDefinition", "conditionalEventDefinition", "linkEventDefinition", "cancelEventDefinition",
    }.ToFrozenSet();

    /// <summary>BPMN elements that document a process but carry no execution meaning; accepted as they are.</summary>
    private static readonly FrozenSet<string> Artifacts = new[]
    {
        "documentation", "extensionElements", "laneSet", "textAnnotation", "association", "group", "incoming", "outgoing", "auditing", "monitoring", "category",
    }.ToFrozenSet();

    /// <summary>BPMN data elements: accepted, but the engine gives them no meaning, so each is reported as a warning.</summary>
    private static readonly FrozenSet<string> DataElements = new[]
    {
        "dataObject", "dataObjectReference", "dataStoreReference", "property", "ioSpecification", "dataInputAssociation", "dataOutputAssociation",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "ioBinding", "supportedInterfaceRef", "correlationSubscription",
    }.ToFrozenSet();

    public static BpmnParseResult Parse(string xml, IBpmnValidationHooks? hooks = null)
    {
        var context = new ParseContext(hooks ?? NoHooks.Instance);
        if (string.IsNullOrWhiteSpace(xml))
        {
            context.Error(null, EngineErrors.BpmnFileEmpty);
            return context.Result([]);
        }

        if (xml.Length > MaxXmlLength)
        {
            context.Error(null, EngineErrors.BpmnFileTooLarge, ("length", xml.Length), ("max", MaxXmlLength));
            return context.Result([]);
        }

        XDocument document;
        try
        {
            document = Load(xml);
        }
        catch (XmlException ex)
        {
            context.Error(null, xml.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                ? EngineErrors.BpmnFileDtd.With()
                : EngineErrors.BpmnXmlInvalid.With(("line", ex.LineNumber), ("position", ex.LinePosition), ("reason", ex.Message)));
            return context.Result([]);
        }

        var root = document.Root!;
        if (root.Name != Bpmn + "definitions")
        {
            context.Error(null, EngineErrors.BpmnWrongRoot, ("element", root.Name.LocalName), ("namespace", root.Name.NamespaceName), ("expected", BpmnNamespace));
            return context.Result([]);
        }

        ReadActivitiAsCamunda(root);
        IndexIds(root, context);
        CheckCamundaVocabulary(root, context);
        WarnAboutCamundaEightExtensions(root, context);
        ReadGlobals(root, context);
        var processes = new List<ProcessModel>();
        foreach (var element in root.Elements())
        {
            if (element.Name.Namespace != Bpmn)
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "process":
                    var process = ReadProcess(element, context);
                    if (process is not null)
                    {
                        processes.Add(process);
                    }

                    break;
                case "collaboration":
                    ReadCollaboration(element, context);
                    break;
                case "choreography":
                    context.Error(Id(element), EngineErrors.BpmnUnsupportedChoreography);
                    break;
                case "globalTask" or "globalUserTask" or "globalManualTask" or "globalScriptTask" or "globalBusinessRuleTask":
                    context.Warning(Id(element), EngineErrors.BpmnIgnoredGlobalTask, ("element", element.Name.LocalName));
                    break;
            }
        }

        if (processes.Count == 0 && context.Errors.Count == 0)
        {
            context.Error(null, EngineErrors.BpmnNoProcess);
        }

        return context.Result(processes);
    }

    private static XDocument Load(string xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using var stringReader = new StringReader(xml);
        using var reader = XmlReader.Create(stringReader, settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    /// <summary>
    /// Camunda 7 reads extensions in the Activiti namespace as its own; so does this parser, so that an
    /// <c>activiti:assignee</c> is honoured (or an <c>activiti:class</c> refused) instead of silently ignored.
    /// </summary>
    private static void ReadActivitiAsCamunda(XElement root)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Name.Namespace == Activiti)
            {
                element.Name = Camunda + element.Name.LocalName;
            }

            var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == Activiti).ToList();
            foreach (var attribute in attributes)
            {
                attribute.Remove();
                element.SetAttributeValue(Camunda + attribute.Name.LocalName, attribute.Value);
            }
        }
    }

    /// <summary>The attributes Camunda 7 defines in its namespace (camunda-bpmn-moddle); any other camunda:* attribute is a typo.</summary>
    private static readonly FrozenSet<string> CamundaAttributes = new[]
    {
        "async", "asyncBefore", "asyncAfter", "exclusive", "jobPriority", "taskPriority", "historyTimeToLive", "isStartableInTasklist",
        "versionTag", "candidateStarterGroups", "candidateStarterUsers", "initiator", "formKey", "formRef", "formRefBinding", "formRefVersion",
        "formHandlerClass", "assignee", "candidateGroups", "candidateUsers", "dueDate", "followUpDate", "priority", "class", "expression",
        "delegateExpression", "resultVariable", "topic", "type", "decisionRef", "decisionRefBinding", "decisionRefVersion",
        "decisionRefVersionTag", "decisionRefTenantId", "mapDecisionResult", "calledElementBinding", "calledElementVersion",
        "calledElementVersionTag", "calledElementTenantId", "caseRef", "caseBinding", "caseVersion", "caseTenantId",
        "variableMappingClass", "variableMappingDelegateExpression", "errorCodeVariable", "errorMessageVariable",
        "escalationCodeVariable", "resource", "modelerTemplate", "modelerTemplateVersion", "diagramRelationId",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The elements Camunda 7 defines in its namespace; any other camunda:* element is a typo.</summary>
    private static readonly FrozenSet<string> CamundaElements = new[]
    {
        "properties", "property", "inputOutput", "inputParameter", "outputParameter", "list", "map", "entry", "value", "script", "in",
        "out", "formData", "formField", "validation", "constraint", "formProperty", "field", "string", "expression", "taskListener",
        "executionListener", "connector", "connectorId", "failedJobRetryTimeCycle", "errorEventDefinition", "potentialStarter",
        "timerEventDefinition",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Namespaces of Camunda's that are not the Camunda 7 extension vocabulary (Zeebe, the modeler's own).</summary>
    private static readonly FrozenSet<string> OtherCamundaNamespaces = new[]
    {
        "http://camunda.org/schema/zeebe/1.0", "http://camunda.org/schema/modeler/1.0", "http://camunda.org/schema/1.0/dmn",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The Camunda vocabulary, strictly: a camunda:* attribute or element Camunda 7 does not define (<c>camunda:candidateGroup</c>
    /// for <c>candidateGroups</c>) is refused with the element id and the nearest correct name, and so is the Camunda prefix
    /// bound to another namespace (a wrong URI would make every camunda:* of the file silently ignored).
    /// </summary>
    private static void CheckCamundaVocabulary(XElement root, ParseContext context)
    {
        var reported = new HashSet<(string?, string)>();
        foreach (var element in root.DescendantsAndSelf())
        {
            var owner = element.AncestorsAndSelf().Where(e => e.Name.Namespace == Bpmn).Select(Id).FirstOrDefault(id => id is not null);
            if (element.Name.Namespace == Camunda)
            {
                if (!CamundaElements.Contains(element.Name.LocalName))
                {
                    context.Error(owner, EngineErrors.BpmnCamundaUnknownElement, ("element", element.Name.LocalName), ("nearest", Nearest(element.Name.LocalName, CamundaElements)));
                }
            }
            else if (IsStrayCamundaNamespace(element, element.Name.Namespace) && reported.Add((owner, element.Name.NamespaceName)))
            {
                context.Error(owner, EngineErrors.BpmnCamundaUnknownNamespace, ("name", Prefixed(element, element.Name)), ("namespace", element.Name.NamespaceName), ("expected", CamundaNamespace));
            }

            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace != XNamespace.None))
            {
                if (attribute.Name.Namespace == Camunda)
                {
                    if (!CamundaAttributes.Contains(attribute.Name.LocalName))
                    {
                        context.Error(owner, EngineErrors.BpmnCamundaUnknownAttribute, ("attribute", attribute.Name.LocalName), ("nearest", Nearest(attribute.Name.LocalName, CamundaAttributes)));
                    }
                }
                else if (IsStrayCamundaNamespace(element, attribute.Name.Namespace) && reported.Add((owner, attribute.Name.NamespaceName)))
                {
                    context.Error(owner, EngineErrors.BpmnCamundaUnknownNamespace, ("name", Prefixed(element, attribute.Name)), ("namespace", attribute.Name.NamespaceName), ("expected", CamundaNamespace));
                }
            }
        }
    }

    /// <summary>A namespace that is meant as Camunda's but is not the Camunda 7 one: bound to the prefix camunda, or a camunda URI.</summary>
    private static bool IsStrayCamundaNamespace(XElement element, XNamespace ns) =>
        ns != Camunda && ns != Activiti && !OtherCamundaNamespaces.Contains(ns.NamespaceName)
        && (string.Equals(element.GetPrefixOfNamespace(ns), "camunda", StringComparison.Ordinal)
            || ns.NamespaceName.Contains("camunda", StringComparison.OrdinalIgnoreCase));

    private static string Prefixed(XElement element, XName name) =>
        element.GetPrefixOfNamespace(name.Namespace) is { Length: > 0 } prefix ? $"{prefix}:{name.LocalName}" : name.LocalName;

    /// <summary>The known name nearest to <paramref name="name"/> (fewest edits, case ignored).</summary>
    private static string Nearest(string name, FrozenSet<string> known) =>
        known
            .Select(k => (Name: k, Distance: EditDistance(name.ToUpperInvariant(), k.ToUpperInvariant())))
            .OrderBy(k => k.Distance)
            .ThenBy(k => k.Name, StringComparer.Ordinal)
            .First()
            .Name;

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// Camunda 8 (Zeebe) extensions carry behaviour this engine does not read (task types, I/O mappings, assignments,
    /// correlation keys); each element that has them gets one warning, so a file written for Camunda 8 is not taken at
    /// face value. Service tasks that have only a Zeebe task type are refused separately.
    /// </summary>
    private static void WarnAboutCamundaEightExtensions(XElement root, ParseContext context)
    {
        foreach (var extensions in root.Descendants(Bpmn + "extensionElements"))
        {
            var zeebe = extensions.Elements().Where(e => e.Name.Namespace == Zeebe).Select(e => $"zeebe:{e.Name.LocalName}").Distinct(StringComparer.Ordinal).ToList();
            if (zeebe.Count > 0 && extensions.Parent is { } owner)
            {
                context.Warning(
                    owner.AncestorsAndSelf().Select(Id).FirstOrDefault(id => id is not null),
                    EngineErrors.BpmnIgnoredCamunda8,
                    ("extensions", zeebe));
            }
        }
    }

    /// <summary>
    /// Records every BPMN element id of the file once, before any scope is read, so that a reference to an element later in
    /// the document can be told apart from a reference to nothing; reports ids that occur more than once.
    /// </summary>
    private static void IndexIds(XElement root, ParseContext context)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in root.Descendants().Where(e => e.Name.Namespace == Bpmn))
        {
            var id = Id(element);
            if (id is null)
            {
                continue;
            }

            if (!context.ElementsById.TryAdd(id, element) && reported.Add(id))
            {
                context.Error(id, EngineErrors.BpmnDuplicateId);
            }
        }
    }

    private static void ReadGlobals(XElement root, ParseContext context)
    {
        foreach (var message in root.Elements(Bpmn + "message"))
        {
            var id = Id(message);
            if (id is not null)
            {
                context.Messages[id] = (string?)message.Attribute("name");
            }
        }

        foreach (var error in root.Elements(Bpmn + "error"))
        {
            var id = Id(error);
            if (id is not null)
            {
                context.ErrorCodes[id] = (string?)error.Attribute("errorCode");
            }
        }
    }

    private static void ReadCollaboration(XElement collaboration, ParseContext context)
    {
        foreach (var flow in collaboration.Elements(Bpmn + "messageFlow"))
        {
            context.Warning(Id(flow), EngineErrors.BpmnIgnoredMessageFlow);
        }
    }

    private static ProcessModel? ReadProcess(XElement element, ParseContext context)
    {
        var id = Id(element);
        if (id is null)
        {
            context.Error(null, EngineErrors.BpmnProcessIdMissing);
            return null;
        }

        if (!IsValidKey(id))
        {
            context.Error(id, EngineErrors.BpmnProcessIdInvalid);
        }

        var executable = (string?)element.Attribute("isExecutable");
        var isExecutable = !string.Equals(executable, "false", StringComparison.OrdinalIgnoreCase);
        if (!isExecutable)
        {
            context.Error(id, EngineErrors.BpmnProcessNotExecutable);
        }

        var process = new ProcessModel(id, (string?)element.Attribute("name"), isExecutable)
        {
            Documentation = Documentation(element),
        };
        ReadExtensionElementsOfProcess(element, id, context);
        var allNodes = new List<FlowNode>();
        ReadScope(element, process, process, allNodes, context);
        ValidateScope(process, isProcess: true, context);
        process.Freeze(allNodes);
        return process;
    }

    private static void ReadExtensionElementsOfProcess(XElement element, string id, ParseContext context)
    {
        var extensions = element.Element(Bpmn + "extensionElements");
        if (extensions is null)
        {
            return;
        }

        foreach (var extension in extensions.Elements().Where(e => e.Name.Namespace == Camunda))
        {
            if (extension.Name.LocalName is "executionListener")
            {
                context.Error(id, EngineErrors.BpmnUnsupportedListener);
            }
        }
    }

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

    private static string? Id(XElement element)
    {
        var id = ((string?)element.Attribute("id"))?.Trim();
        return string.IsNullOrEmpty(id) ? null : id;
    }

    private static string? Documentation(XElement element)
    {
        var text = string.Join("\n", element.Elements(Bpmn + "documentation").Select(d => d.Value.Trim()).Where(t => t.Length > 0));
        return text.Length == 0 ? null : text;
    }

    private static bool IsJavaScript(string language) =>
        language.Trim().ToUpperInvariant() is "JAVASCRIPT" or "ECMASCRIPT" or "JS" or "TEXT/JAVASCRIPT" or "APPLICATION/JAVASCRIPT";

    internal static bool ContainsExpression(string text) => text.Contains("${", StringComparison.Ordinal);

    internal static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 200 && (char.IsAsciiLetter(key[0]) || key[0] == '_')
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private sealed class ParseContext(IBpmnValidationHooks hooks)
    {
        public IBpmnValidationHooks Hooks { get; } = hooks;

        public List<BpmnProblem> Errors { get; } = [];

        public List<BpmnProblem> Warnings { get; } = [];

        public Dictionary<string, string?> Messages { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string?> ErrorCodes { get; } = new(StringComparer.Ordinal);

        public HashSet<string> SeenIds { get; } = new(StringComparer.Ordinal);

        /// <summary>Every BPMN element of the file by id (the first, when an id is duplicated).</summary>
        public Dictionary<string, XElement> ElementsById { get; } = new(StringComparer.Ordinal);

        /// <summary>Elements refused as a whole (unsupported kind or event type): references to them are not reported again.</summary>
        public HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

        /// <summary>Nodes whose incoming flow comes from a refused element.</summary>
        public HashSet<string> FedByRefused { get; } = new(StringComparer.Ordinal);

        public void Error(string? elementId, EngineError error) => Errors.Add(new BpmnProblem(elementId, error));

        public void Error(string? elementId, ErrorCode code, params (string Name, object? Value)[] arguments) => Error(elementId, code.With(arguments));

        public void Warning(string? elementId, ErrorCode code, params (string Name, object? Value)[] arguments) =>
            Warnings.Add(new BpmnProblem(elementId, code.With(arguments)));

        /// <summary>Reports an element the engine cannot run at all.</summary>
        public void Refuse(string? elementId, EngineError error)
        {
            Error(elementId, error);
            if (elementId is not null)
            {
                Refused.Add(elementId);
            }
        }

        /// <summary>Reports an expression that does not validate, under <paramref name="code"/> with the expression's reason as cause.</summary>
        public void CheckExpression(string elementId, string text, bool bareIsCode, ErrorCode code, params (string Name, object? Value)[] arguments)
        {
            if (Hooks.ValidateExpression(text, bareIsCode) is { } reason)
            {
                Error(elementId, code.Because(reason, arguments));
            }
        }

        public string? MessageName(string elementId, string? messageRef)
        {
            if (messageRef is null)
            {
                Error(elementId, EngineErrors.BpmnMessageRefMissing);
                return null;
            }

            if (!Messages.TryGetValue(messageRef, out var name))
            {
                Error(elementId, EngineErrors.BpmnMessageNotFound, ("messageRef", messageRef));
                return null;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                Error(elementId, EngineErrors.BpmnMessageNameMissing, ("messageRef", messageRef));
                return null;
            }

            if (ContainsExpression(name))
            {
                Error(elementId, EngineErrors.BpmnMessageNameExpression, ("name", name));
                return null;
            }

            return name;
        }

        public BpmnParseResult Result(List<ProcessModel> processes) =>
            new(Errors.Count == 0 ? processes : [], Errors, Warnings);
    }

    private sealed class NoHooks : IBpmnValidationHooks
    {
        public static NoHooks Instance { get; } = new();

        public EngineError? ValidateExpression(string text, bool bareIsCode) => null;

        public EngineError? ValidateTimer(TimerDefinitionKind kind, string literal) => null;

        public EngineError? ValidateActivityType(string topic) => null;
    }
}
