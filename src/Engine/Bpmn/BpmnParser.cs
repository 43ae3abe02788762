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
internal static partial class BpmnParser
{
    public const string BpmnNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string CamundaNamespace = "http://camunda.org/schema/1.0/bpmn";
    public const int MaxXmlLength = 4 * 1024 * 1024;

    /// <summary>
    /// The deepest element nesting a file may have. Real models nest sub-processes a handful of levels; the parser reads
    /// scopes recursively, so a hostile file of thousands of levels would otherwise overflow the stack and end the process.
    /// </summary>
    public const int MaxXmlDepth = 200;

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
            if (DepthBeyond(xml, MaxXmlDepth) is { } deep)
            {
                context.Error(null, EngineErrors.BpmnFileTooDeep, ("line", deep.Line), ("max", MaxXmlDepth));
                return context.Result([]);
            }

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

    /// <summary>
    /// Streams the file once (linear time, constant stack) and stops at the first element deeper than <paramref name="max"/>;
    /// null when the file stays within it. Malformed XML throws <see cref="XmlException"/> as <see cref="Load"/> would.
    /// </summary>
    private static (int Line, int Position)? DepthBeyond(string xml, int max)
    {
        using var stringReader = new StringReader(xml);
        using var reader = XmlReader.Create(stringReader, ReaderSettings());
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= max)
            {
                var info = (IXmlLineInfo)reader;
                return (info.LineNumber, info.LinePosition);
            }
        }

        return null;
    }

    private static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

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
