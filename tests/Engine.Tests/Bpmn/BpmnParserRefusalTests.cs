using Inburgering.Engine.Bpmn;
using static Inburgering.Tests.Bpmn.BpmnParserTests;

namespace Inburgering.Tests.Bpmn;

/// <summary>
/// Every refusal rule of the parser: the file is refused, the one error names the element that breaks the rule, and
/// carries the rule's stable code (the server words it in Dutch). One error per rule also proves that a refused element does not drag others along.
/// </summary>
public sealed class BpmnParserRefusalTests
{
    /// <summary>start "s" → task "t" → end "e": the smallest valid process, to add one fault to.</summary>
    private const string Skeleton = """
        <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
        <task id="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />
        """;

    private const string Messages = """<message id="m" name="bericht" /><message id="naamloos" /><error id="err" errorCode="FOUT" /><error id="zonderCode" />""";

    // ---------------------------------------------------------------- the file

    [Fact]
    public void Parse_Skeleton_IsValid()
    {
        var result = BpmnParser.Parse(Xml(Skeleton, Messages));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Parse_MalformedXml_IsRefusedForTheWholeFile()
    {
        var error = SingleError($"""<definitions xmlns="{BpmnParser.BpmnNamespace}"><process id="p">""");

        Assert.Null(error.ElementId);
        Assert.Equal("bpmn.file.xml-invalid", error.Code);
        Assert.Equal("1", error.Error.Arguments["line"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Parse_EmptyFile_IsRefused(string xml)
    {
        var error = SingleError(xml);

        Assert.Null(error.ElementId);
        Assert.Equal("bpmn.file.empty", error.Code);
    }

    [Fact]
    public void Parse_FileOverTheSizeLimit_IsRefusedBeforeReading()
    {
        var error = SingleError(Xml(Skeleton) + new string(' ', BpmnParser.MaxXmlLength));

        Assert.Null(error.ElementId);
        Assert.Equal("bpmn.file.too-large", error.Code);
    }

    [Theory]
    [InlineData("""<process xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="p" />""", "'process'")]
    [InlineData("""<definitions id="d"><process id="p" /></definitions>""", "namespace ''")]
    [InlineData("""<definitions xmlns="http://schema.omg.org/spec/BPMN/2.0" id="d" />""", "namespace 'http://schema.omg.org/spec/BPMN/2.0'")]
    public void Parse_WrongRootElement_IsRefused(string xml, string detail)
    {
        var error = SingleError(xml);

        Assert.Null(error.ElementId);
        Assert.Equal("bpmn.file.wrong-root", error.Code);
        Assert.Contains(detail, error.Message);
    }

    [Fact]
    public void Parse_FileWithoutProcess_IsRefused()
    {
        var error = SingleError($"""<definitions xmlns="{BpmnParser.BpmnNamespace}" id="d"><message id="m" name="x" /></definitions>""");

        Assert.Null(error.ElementId);
        Assert.Equal("bpmn.file.no-process", error.Code);
    }

    [Fact]
    public void Parse_ProcessNotExecutable_IsRefusedOnTheProcess()
    {
        var error = SingleError(Xml(Skeleton).Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal));

        Assert.Equal("p", error.ElementId);
        Assert.Equal("bpmn.process.not-executable", error.Code);
    }

    [Fact]
    public void Parse_ProcessIdThatCannotBeAKey_IsRefused()
    {
        var error = SingleError(Xml(Skeleton).Replace("id=\"p\"", "id=\"1 proces\"", StringComparison.Ordinal));

        Assert.Equal("1 proces", error.ElementId);
        Assert.Equal("bpmn.process.id-invalid", error.Code);
    }

    [Fact]
    public void Parse_ProcessWithoutStartEvent_IsRefused()
    {
        var error = SingleError(Xml("""<endEvent id="e" />"""));

        Assert.Equal("p", error.ElementId);
        Assert.Equal("bpmn.process.no-start-event", error.Code);
    }

    // ---------------------------------------------------------------- ids

    [Fact]
    public void Parse_TwoNodesWithTheSameId_IsRefusedOnce_WithoutCrashing()
    {
        var error = SingleError(Xml(Skeleton + """<endEvent id="e" />"""));

        Assert.Equal("e", error.ElementId);
        Assert.Equal("bpmn.id.duplicate", error.Code);
    }

    [Fact]
    public void Parse_SameIdInAProcessAndItsSubProcess_IsRefused_WithoutCrashing()
    {
        var result = BpmnParser.Parse(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <subProcess id="sub">
              <startEvent id="s" /><sequenceFlow id="i1" sourceRef="s" targetRef="ie" /><endEvent id="ie" />
            </subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """));

        // The second "s" cannot be part of the graph, so its sub-process also lacks a start: that follows from the duplicate.
        Assert.Empty(result.Processes);
        Assert.Equal("s", result.Errors[0].ElementId);
        Assert.Equal("bpmn.id.duplicate", result.Errors[0].Code);
    }

    [Theory]
    [InlineData("""<sequenceFlow id="t" sourceRef="s" targetRef="e" />""", "t")]
    [InlineData("""<dataObject id="e" />""", "e")]
    [InlineData("""<textAnnotation id="p" />""", "p")]
    public void Parse_IdSharedWithAnyOtherElement_IsRefused(string extra, string id)
    {
        var result = BpmnParser.Parse(Xml(Skeleton + extra));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, e => e.Code == "bpmn.id.duplicate");
        Assert.Equal(id, error.ElementId);
    }

    [Fact]
    public void Parse_IdSharedWithAMessage_IsRefused()
    {
        var error = SingleError(Xml(Skeleton, """<message id="t" name="x" />"""));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.id.duplicate", error.Code);
    }

    // ---------------------------------------------------------------- elements the engine does not run

    [Theory]
    [InlineData("scriptTask", "bpmn.unsupported.script-task")]
    [InlineData("businessRuleTask", "bpmn.unsupported.business-rule-task")]
    [InlineData("eventBasedGateway", "bpmn.unsupported.event-based-gateway")]
    [InlineData("complexGateway", "bpmn.unsupported.complex-gateway")]
    [InlineData("transaction", "bpmn.unsupported.transaction")]
    [InlineData("adHocSubProcess", "bpmn.unsupported.ad-hoc-sub-process")]
    public void Parse_UnsupportedElement_IsRefusedOnItsId_AndItsFlowsAddNothing(string element, string reason)
    {
        var error = SingleError(Xml($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
            <{element} id="x" />
            <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal(reason, error.Code);
    }

    [Fact]
    public void Parse_EventSubProcess_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <subProcess id="x" triggeredByEvent="true">
              <startEvent id="es"><messageEventDefinition messageRef="m" /></startEvent>
              <sequenceFlow id="ef" sourceRef="es" targetRef="ee" /><endEvent id="ee" />
            </subProcess>
            """, Messages));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.unsupported.event-sub-process", error.Code);
    }

    [Fact]
    public void Parse_UnknownBpmnElement_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """<choreographyActivity id="x" />"""));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.unsupported-element", error.Code);
        Assert.Equal("choreographyActivity", error.Error.Arguments["element"]);
    }

    [Theory]
    [InlineData("intermediateCatchEvent", "signalEventDefinition")]
    [InlineData("intermediateThrowEvent", "escalationEventDefinition")]
    [InlineData("intermediateThrowEvent", "compensateEventDefinition")]
    [InlineData("intermediateCatchEvent", "conditionalEventDefinition")]
    [InlineData("intermediateCatchEvent", "linkEventDefinition")]
    public void Parse_UnsupportedEventDefinition_IsRefusedOnTheEvent(string element, string definition)
    {
        var error = SingleError(Xml($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
            <{element} id="x"><{definition} /></{element}>
            <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.unsupported.event-type", error.Code);
        Assert.Equal(definition, error.Error.Arguments["definition"]);
    }

    [Fact]
    public void Parse_LinkCatchEvent_IsRefused_AndWhatFollowsItIsNotCalledUnreachable()
    {
        var error = SingleError(Xml(Skeleton + """
            <intermediateCatchEvent id="x"><linkEventDefinition name="verder" /></intermediateCatchEvent>
            <sequenceFlow id="f3" sourceRef="x" targetRef="t2" /><task id="t2" />
            """));

        Assert.Equal("x", error.ElementId);
    }

    [Theory]
    [InlineData("intermediateThrowEvent")]
    [InlineData("endEvent")]
    public void Parse_MessageThrowEvent_IsRefused_InFavourOfASendTask(string element)
    {
        var after = element == "endEvent" ? "" : """<sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />""";
        var error = SingleError(Xml($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
            <{element} id="x"><messageEventDefinition messageRef="m" /></{element}>
            {after}
            """, Messages));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.unsupported.message-throw-event", error.Code);
    }

    [Theory]
    [InlineData(
        """<startEvent id="x"><errorEventDefinition /></startEvent><sequenceFlow id="f1" sourceRef="x" targetRef="e" /><endEvent id="e" />""",
        "startEvent")]
    [InlineData(
        """<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" /><intermediateCatchEvent id="x"><errorEventDefinition /></intermediateCatchEvent>""",
        "intermediateCatchEvent")]
    [InlineData(
        """<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" /><endEvent id="x"><timerEventDefinition /></endEvent>""",
        "endEvent")]
    public void Parse_EventWithATriggerItsKindCannotHave_IsRefused(string body, string element)
    {
        var error = SingleError(Xml(body));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.unsupported.event-combination", error.Code);
        Assert.Equal(element, error.Error.Arguments["element"]);
    }

    [Fact]
    public void Parse_IntermediateCatchEventWithoutDefinition_IsRefused()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
            <intermediateCatchEvent id="x" />
            <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.event.catch-needs-definition", error.Code);
    }

    [Theory]
    [InlineData("multiInstanceLoopCharacteristics isSequential=\"true\"", "bpmn.unsupported.multi-instance")]
    [InlineData("standardLoopCharacteristics", "bpmn.unsupported.standard-loop")]
    public void Parse_LoopOnATask_IsRefused(string loop, string reason)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"<userTask id=\"t\"><{loop} /></userTask>", StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal(reason, error.Code);
    }

    [Theory]
    [InlineData("multiInstanceLoopCharacteristics")]
    [InlineData("standardLoopCharacteristics")]
    public void Parse_LoopOnASubProcess_IsRefusedOnce(string loop)
    {
        var error = SingleError(Xml($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <subProcess id="sub">
              <{loop} />
              <startEvent id="is" /><sequenceFlow id="i1" sourceRef="is" targetRef="ie" /><endEvent id="ie" />
            </subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("sub", error.ElementId);
    }

    [Fact]
    public void Parse_CompensationHandler_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """<task id="x" isForCompensation="true" />"""));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.unsupported.compensation", error.Code);
    }

    // ---------------------------------------------------------------- Camunda extensions that run code

    [Theory]
    [InlineData("task", "executionListener")]
    [InlineData("userTask", "taskListener")]
    public void Parse_ListenerOnANode_IsRefused(string element, string listener)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"""
            <{element} id="t"><extensionElements><camunda:{listener} event="start" class="nl.Luisteraar" /></extensionElements></{element}>
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.unsupported.listener", error.Code);
    }

    [Fact]
    public void Parse_ExecutionListenerOnTheProcess_IsRefusedOnTheProcess()
    {
        var error = SingleError(Xml($"""
            <extensionElements><camunda:executionListener event="start" class="nl.Luisteraar" /></extensionElements>
            {Skeleton}
            """));

        Assert.Equal("p", error.ElementId);
        Assert.Equal("bpmn.unsupported.listener", error.Code);
    }

    [Theory]
    [InlineData("camunda:class=\"nl.gemeente.Delegate\"", "camunda:class")]
    [InlineData("camunda:expression=\"${bean.doe()}\"", "camunda:expression")]
    [InlineData("camunda:delegateExpression=\"${delegate}\"", "camunda:delegateExpression")]
    public void Parse_ServiceTaskWithJavaDelegate_IsRefused(string attribute, string name)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"<serviceTask id=\"t\" {attribute} />", StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.unsupported.java-delegate", error.Code);
        Assert.Equal(name, error.Error.Arguments["attribute"]);
    }

    [Fact]
    public void Parse_JavaDelegateInTheActivitiNamespace_IsRefusedLikeCamunda()
    {
        var xml = $"""
            <definitions xmlns="{BpmnParser.BpmnNamespace}" xmlns:activiti="http://activiti.org/bpmn">
              <process id="p" isExecutable="true">{Skeleton.Replace("<task id=\"t\" />", "<serviceTask id=\"t\" activiti:class=\"nl.Delegate\" />", StringComparison.Ordinal)}</process>
            </definitions>
            """;

        var error = SingleError(xml);

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.unsupported.java-delegate", error.Code);
    }

    [Theory]
    [InlineData("serviceTask", "")]
    [InlineData("serviceTask", "camunda:type=\"external\"")]
    [InlineData("serviceTask", "camunda:topic=\"test.echo\"")]
    [InlineData("sendTask", "")]
    public void Parse_ServiceOrSendTaskWithoutExternalTopic_IsRefused(string element, string attributes)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"<{element} id=\"t\" {attributes} />", StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.service-task.topic-missing", error.Code);
    }

    [Fact]
    public void Parse_CamundaEightServiceTask_IsRefused_WithTheZeebeType()
    {
        var xml = Xml(Skeleton.Replace("<task id=\"t\" />", """
            <serviceTask id="t"><extensionElements><zeebe:taskDefinition xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" type="betalen" /></extensionElements></serviceTask>
            """, StringComparison.Ordinal));

        var error = SingleError(xml);

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.service-task.camunda8", error.Code);
        Assert.Equal("betalen", error.Error.Arguments["type"]);
    }

    [Fact]
    public void Parse_ActivityTopicUnknownToTheCatalogue_IsRefused_ThroughTheHooks()
    {
        var xml = Xml(Skeleton.Replace("<task id=\"t\" />", """<serviceTask id="t" camunda:type="external" camunda:topic="onbekend.iets" />""", StringComparison.Ordinal));

        var error = SingleError(xml, EngineValidation.Hooks);

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.service-task.activity-unknown", error.Code);
        Assert.Equal("onbekend.iets", error.Error.Arguments["topic"]);
    }

    [Fact]
    public void Parse_ActivityTopicInTheCatalogue_IsAccepted_ThroughTheHooks()
    {
        var xml = Xml(Skeleton.Replace("<task id=\"t\" />", """<serviceTask id="t" camunda:type="external" camunda:topic="test.echo" />""", StringComparison.Ordinal));

        Assert.True(BpmnParser.Parse(xml, EngineValidation.Hooks).IsValid);
    }

    [Theory]
    [InlineData("camunda:formRef=\"formulier\"", "", "bpmn.unsupported.form-ref")]
    [InlineData("", "<camunda:formData />", "bpmn.unsupported.form-data")]
    [InlineData("", "<camunda:field name=\"x\" stringValue=\"y\" />", "bpmn.unsupported.field-injection")]
    [InlineData("", "<camunda:connector />", "bpmn.unsupported.connector")]
    [InlineData("", "<camunda:in source=\"a\" target=\"b\" />", "bpmn.call-activity.mapping-misplaced")]
    public void Parse_CamundaExtensionThatDoesNotApply_IsRefused(string attribute, string extension, string reason)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"""
            <userTask id="t" {attribute}><extensionElements>{extension}</extensionElements></userTask>
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal(reason, error.Code);
    }

    [Fact]
    public void Parse_ScriptInAnotherLanguage_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """
            <task id="t"><extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="x"><camunda:script scriptFormat="groovy">1</camunda:script></camunda:inputParameter>
            </camunda:inputOutput></extensionElements></task>
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.io-parameter.script-language", error.Code);
        Assert.Equal("groovy", error.Error.Arguments["language"]);
    }

    // ---------------------------------------------------------------- messages and errors

    [Fact]
    public void Parse_MessageRefThatDoesNotExist_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="x" attachedToRef="t"><messageEventDefinition messageRef="weg" /></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="x" targetRef="e2" /><endEvent id="e2" />
            """, Messages));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.message.not-found", error.Code);
    }

    [Fact]
    public void Parse_MessageWithoutName_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """<receiveTask id="t" messageRef="naamloos" />""", StringComparison.Ordinal), Messages));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.message.name-missing", error.Code);
    }

    [Fact]
    public void Parse_MessageEventWithoutMessageRef_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<startEvent id=\"s\" />", """<startEvent id="s"><messageEventDefinition /></startEvent>""", StringComparison.Ordinal)));

        Assert.Equal("s", error.ElementId);
        Assert.Equal("bpmn.message.ref-missing", error.Code);
    }

    [Fact]
    public void Parse_TwoStartEventsForTheSameMessage_AreRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <startEvent id="m1"><messageEventDefinition messageRef="m" /></startEvent><sequenceFlow id="g1" sourceRef="m1" targetRef="t" />
            <startEvent id="m2"><messageEventDefinition messageRef="m" /></startEvent><sequenceFlow id="g2" sourceRef="m2" targetRef="t" />
            """, Messages));

        Assert.Equal("m2", error.ElementId);
        Assert.Equal("bpmn.start.duplicate-message", error.Code);
    }

    [Theory]
    [InlineData("<errorEventDefinition />", "bpmn.error.end-needs-error-ref")]
    [InlineData("<errorEventDefinition errorRef=\"zonderCode\" />", "bpmn.error.code-missing")]
    [InlineData("<errorEventDefinition errorRef=\"weg\" />", "bpmn.error.not-found")]
    public void Parse_ErrorEndWithoutErrorCode_IsRefused(string definition, string reason)
    {
        var error = SingleError(Xml(Skeleton.Replace("<endEvent id=\"e\" />", $"<endEvent id=\"e\">{definition}</endEvent>", StringComparison.Ordinal), Messages));

        Assert.Equal("e", error.ElementId);
        Assert.Equal(reason, error.Code);
    }

    // ---------------------------------------------------------------- sequence flows

    [Fact]
    public void Parse_FlowFromASubProcessToALaterNodeOfTheParent_IsCalledACrossing()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <subProcess id="sub">
              <startEvent id="is" /><sequenceFlow id="x" sourceRef="is" targetRef="e" />
            </subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.flow.crosses-sub-process", error.Code);
        Assert.Equal(("targetRef", "e"), (error.Error.Arguments["attribute"], error.Error.Arguments["reference"]));
    }

    [Fact]
    public void Parse_FlowFromASubProcessToAnEarlierNodeOfTheParent_IsCalledACrossing()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><task id="t" />
            <sequenceFlow id="f2" sourceRef="t" targetRef="sub" />
            <subProcess id="sub">
              <startEvent id="is" /><sequenceFlow id="x" sourceRef="is" targetRef="t" />
            </subProcess>
            <sequenceFlow id="f3" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.flow.crosses-sub-process", error.Code);
        Assert.Equal(("targetRef", "t"), (error.Error.Arguments["attribute"], error.Error.Arguments["reference"]));
    }

    [Fact]
    public void Parse_FlowFromTheParentIntoASubProcess_IsCalledACrossing()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <sequenceFlow id="x" sourceRef="s" targetRef="it" />
            <subProcess id="sub">
              <startEvent id="is" /><sequenceFlow id="i1" sourceRef="is" targetRef="it" /><task id="it" />
            </subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.flow.crosses-sub-process", error.Code);
        Assert.Equal(("targetRef", "it"), (error.Error.Arguments["attribute"], error.Error.Arguments["reference"]));
    }

    [Fact]
    public void Parse_FlowToANodeOfAnotherProcess_IsRefused()
    {
        var error = SingleError($"""
            <definitions xmlns="{BpmnParser.BpmnNamespace}">
              <process id="p1" isExecutable="true"><startEvent id="s1" /><sequenceFlow id="x" sourceRef="s1" targetRef="s2" /></process>
              <process id="p2" isExecutable="true"><startEvent id="s2" /></process>
            </definitions>
            """);

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.flow.crosses-process", error.Code);
        Assert.Equal(("targetRef", "s2"), (error.Error.Arguments["attribute"], error.Error.Arguments["reference"]));
    }

    [Theory]
    [InlineData("""<sequenceFlow id="x" sourceRef="t" targetRef="weg" />""", "bpmn.flow.reference-not-found", "targetRef")]
    [InlineData("""<sequenceFlow id="x" sourceRef="weg" targetRef="t" />""", "bpmn.flow.reference-not-found", "sourceRef")]
    [InlineData("""<sequenceFlow id="x" targetRef="t" />""", "bpmn.flow.reference-missing", "sourceRef")]
    [InlineData("""<sequenceFlow id="x" sourceRef="t" targetRef="m" />""", "bpmn.flow.reference-not-a-node", "targetRef")]
    public void Parse_FlowWithABrokenReference_IsRefused(string flow, string code, string attribute)
    {
        var error = SingleError(Xml(Skeleton + flow, Messages));

        Assert.Equal("x", error.ElementId);
        Assert.Equal(code, error.Code);
        Assert.Equal(attribute, error.Error.Arguments["attribute"]);
    }

    [Fact]
    public void Parse_DefaultFlowWithACondition_IsRefusedOnTheFlow()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <exclusiveGateway id="gw" default="d" />
            <sequenceFlow id="d" sourceRef="gw" targetRef="e"><conditionExpression>${a}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f2" sourceRef="gw" targetRef="e"><conditionExpression>${!a}</conditionExpression></sequenceFlow>
            <endEvent id="e" />
            """));

        Assert.Equal("d", error.ElementId);
        Assert.Equal("bpmn.default-flow.has-condition", error.Code);
    }

    [Fact]
    public void Parse_DefaultFlowThatIsNotAnOutgoingFlow_IsRefusedOnTheNode()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <exclusiveGateway id="gw" default="f1" />
            <sequenceFlow id="f2" sourceRef="gw" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("gw", error.ElementId);
        Assert.Equal("bpmn.default-flow.not-outgoing", error.Code);
    }

    [Fact]
    public void Parse_DefaultFlowOnAParallelGateway_IsRefused()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <parallelGateway id="gw" default="f2" />
            <sequenceFlow id="f2" sourceRef="gw" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("gw", error.ElementId);
        Assert.Equal("bpmn.default-flow.not-allowed", error.Code);
    }

    [Fact]
    public void Parse_ConditionOnAParallelGatewayFlow_IsRefusedOnTheFlow()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <parallelGateway id="gw" />
            <sequenceFlow id="c" sourceRef="gw" targetRef="e"><conditionExpression>${a}</conditionExpression></sequenceFlow>
            <endEvent id="e" />
            """));

        Assert.Equal("c", error.ElementId);
        Assert.Equal("bpmn.condition.on-parallel-gateway", error.Code);
    }

    [Fact]
    public void Parse_ConditionOnAFlowOutOfAnEvent_IsRefusedOnTheFlow()
    {
        var error = SingleError(Xml(Skeleton.Replace("""<sequenceFlow id="f1" sourceRef="s" targetRef="t" />""", """
            <sequenceFlow id="f1" sourceRef="s" targetRef="t"><conditionExpression>${a}</conditionExpression></sequenceFlow>
            """, StringComparison.Ordinal)));

        Assert.Equal("f1", error.ElementId);
        Assert.Equal("bpmn.condition.not-allowed", error.Code);
    }

    [Fact]
    public void Parse_ConditionInAnotherLanguage_IsRefusedOnTheFlow()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <exclusiveGateway id="gw" default="f3" />
            <sequenceFlow id="c" sourceRef="gw" targetRef="e"><conditionExpression language="http://www.w3.org/1999/XPath">a = 1</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="gw" targetRef="e" />
            <endEvent id="e" />
            """));

        Assert.Equal("c", error.ElementId);
        Assert.Equal("bpmn.condition.language", error.Code);
        Assert.Equal("http://www.w3.org/1999/XPath", error.Error.Arguments["language"]);
    }

    [Fact]
    public void Parse_GatewayWithoutOutgoingFlow_IsRefused()
    {
        var error = SingleError(Xml("""<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" /><exclusiveGateway id="gw" />"""));

        Assert.Equal("gw", error.ElementId);
        Assert.Equal("bpmn.gateway.no-outgoing", error.Code);
    }

    // ---------------------------------------------------------------- structure

    [Fact]
    public void Parse_NodeWithoutIncomingFlow_IsUnreachable()
    {
        var error = SingleError(Xml(Skeleton + """<task id="x" /><sequenceFlow id="f3" sourceRef="x" targetRef="e" />"""));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("bpmn.element.unreachable-no-incoming", error.Code);
    }

    [Fact]
    public void Parse_LoopNoStartEventLeadsInto_IsUnreachable()
    {
        var result = BpmnParser.Parse(Xml(Skeleton + """
            <task id="a" /><task id="b" />
            <sequenceFlow id="ab" sourceRef="a" targetRef="b" /><sequenceFlow id="ba" sourceRef="b" targetRef="a" />
            """));

        Assert.Equal(["a", "b"], result.Errors.Select(e => e.ElementId));
        Assert.All(result.Errors, e => Assert.Equal("bpmn.element.unreachable", e.Code));
    }

    [Fact]
    public void Parse_PathFromABoundaryEvent_IsReachable()
    {
        var result = BpmnParser.Parse(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="t2" /><task id="t2" />
            """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Parse_StartEventWithIncomingFlow_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """<sequenceFlow id="back" sourceRef="t" targetRef="s" />"""));

        Assert.Equal("s", error.ElementId);
        Assert.Equal("bpmn.start.has-incoming", error.Code);
    }

    [Fact]
    public void Parse_EndEventWithOutgoingFlow_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """<sequenceFlow id="after" sourceRef="e" targetRef="t" />"""));

        Assert.Equal("e", error.ElementId);
        Assert.Equal("bpmn.end.has-outgoing", error.Code);
    }

    [Fact]
    public void Parse_BoundaryEventWithIncomingFlow_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="in" sourceRef="s" targetRef="b" />
            """));

        Assert.Equal("b", error.ElementId);
        Assert.Equal("bpmn.boundary.has-incoming", error.Code);
    }

    [Fact]
    public void Parse_BoundaryEventOnAGateway_IsRefused()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <exclusiveGateway id="gw" /><sequenceFlow id="f2" sourceRef="gw" targetRef="e" /><endEvent id="e" />
            <boundaryEvent id="b" attachedToRef="gw"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            """));

        Assert.Equal("b", error.ElementId);
        Assert.Equal("bpmn.boundary.attached-to-not-activity", error.Code);
        Assert.Equal("gw", error.Error.Arguments["reference"]);
    }

    [Theory]
    [InlineData("", "bpmn.boundary.attached-to-missing")]
    [InlineData("attachedToRef=\"weg\"", "bpmn.boundary.attached-to-not-found")]
    public void Parse_BoundaryEventNotAttachedToAnActivity_IsRefused(string attribute, string reason)
    {
        var error = SingleError(Xml(Skeleton + $"""
            <boundaryEvent id="b" {attribute}><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            """));

        Assert.Equal("b", error.ElementId);
        Assert.Equal(reason, error.Code);
    }

    [Fact]
    public void Parse_NonInterruptingErrorBoundary_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t" cancelActivity="false"><errorEventDefinition errorRef="err" /></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """, Messages));

        Assert.Equal("b", error.ElementId);
        Assert.Equal("bpmn.error.boundary-non-interrupting", error.Code);
    }

    [Fact]
    public void Parse_SubProcessWithAMessageStart_IsRefusedOnThatStart()
    {
        var error = SingleError(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <subProcess id="sub">
              <startEvent id="is"><messageEventDefinition messageRef="m" /></startEvent>
              <sequenceFlow id="i1" sourceRef="is" targetRef="ie" /><endEvent id="ie" />
            </subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """, Messages));

        Assert.Equal("is", error.ElementId);
        Assert.Equal("bpmn.sub-process.start-with-trigger", error.Code);
    }

    [Theory]
    [InlineData("", "bpmn.sub-process.empty")]
    [InlineData("""<task id="it" />""", "bpmn.sub-process.no-start-event")]
    public void Parse_SubProcessWithoutStartEvent_IsRefusedOnTheSubProcess(string content, string reason)
    {
        var error = SingleError(Xml($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <subProcess id="sub">{content}</subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("sub", error.ElementId);
        Assert.Equal(reason, error.Code);
    }

    [Fact]
    public void Parse_TwoNoneStartEvents_IsRefusedOnTheSecond()
    {
        var error = SingleError(Xml(Skeleton + """<startEvent id="s2" /><sequenceFlow id="f3" sourceRef="s2" targetRef="t" />"""));

        Assert.Equal("s2", error.ElementId);
        Assert.Equal("bpmn.start.multiple-none", error.Code);
    }

    [Fact]
    public void Parse_TimerWithTwoDefinitions_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>P1D</timeDuration><timeCycle>R/P1D</timeCycle></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """));

        Assert.Equal("b", error.ElementId);
        Assert.Equal("bpmn.timer.definition-multiple", error.Code);
    }

    [Theory]
    [InlineData("<timerEventDefinition />", "bpmn.timer.definition-missing")]
    [InlineData("<timerEventDefinition><timeDuration> </timeDuration></timerEventDefinition>", "bpmn.timer.empty")]
    public void Parse_TimerWithoutText_IsRefused(string definition, string reason)
    {
        var error = SingleError(Xml(Skeleton + $"""
            <intermediateCatchEvent id="x">{definition}</intermediateCatchEvent>
            <sequenceFlow id="f3" sourceRef="t" targetRef="x" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal(reason, error.Code);
    }

    [Fact]
    public void Parse_EventWithTwoDefinitions_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition><messageEventDefinition messageRef="m" /></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """, Messages));

        Assert.Equal("b", error.ElementId);
        Assert.Equal("bpmn.unsupported.multiple-event", error.Code);
    }

    [Fact]
    public void Parse_CalledElementBindingVersionTag_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """
            <callActivity id="t" calledElement="ander" camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="v1" />
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.call-activity.binding-unsupported", error.Code);
        Assert.Equal("versionTag", error.Error.Arguments["binding"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("camunda:calledElementVersion=\"0\"")]
    [InlineData("camunda:calledElementVersion=\"twee\"")]
    public void Parse_CalledElementBindingVersion_WithoutAPositiveVersion_IsRefused(string version)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"""
            <callActivity id="t" calledElement="ander" camunda:calledElementBinding="version" {version} />
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.call-activity.version-invalid", error.Code);
    }

    [Fact]
    public void Parse_CallActivityWithoutCalledElement_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """<callActivity id="t" />""", StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.call-activity.called-element-missing", error.Code);
    }

    [Fact]
    public void Parse_CallMappingWithoutTarget_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """
            <callActivity id="t" calledElement="ander"><extensionElements><camunda:in source="a" /></extensionElements></callActivity>
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.call-activity.mapping-invalid", error.Code);
        Assert.Equal("camunda:in", error.Error.Arguments["element"]);
    }

    // ---------------------------------------------------------------- hostile input

    [Fact]
    public void Parse_ExternalEntity_IsRefused_WithoutReadingTheFile()
    {
        var secret = $"GEHEIM-{Guid.NewGuid():N}";
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, secret);
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE definitions [ <!ENTITY geheim SYSTEM "{new Uri(file).AbsoluteUri}"> ]>
                <definitions xmlns="{BpmnParser.BpmnNamespace}"><process id="p" name="&geheim;" isExecutable="true"><startEvent id="s" /></process></definitions>
                """;

            var result = BpmnParser.Parse(xml);

            var error = Assert.Single(result.Errors);
            Assert.Null(error.ElementId);
            Assert.Equal("bpmn.file.dtd", error.Code);
            Assert.Empty(result.Processes);
            Assert.DoesNotContain(result.Errors.Concat(result.Warnings), p => p.Message.Contains(secret, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_ExternalDtd_IsRefused_WithoutFetchingIt()
    {
        var error = SingleError($"""
            <?xml version="1.0"?>
            <!DOCTYPE definitions SYSTEM "http://127.0.0.1:9/bestaat-niet.dtd">
            <definitions xmlns="{BpmnParser.BpmnNamespace}"><process id="p"><startEvent id="s" /></process></definitions>
            """);

        Assert.Null(error.ElementId);
        Assert.Equal("bpmn.file.dtd", error.Code);
    }

    [Fact]
    public void Parse_EntityExpansionBomb_IsRefused()
    {
        var error = SingleError($"""
            <?xml version="1.0"?>
            <!DOCTYPE lol [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"> ]>
            <definitions xmlns="{BpmnParser.BpmnNamespace}"><process id="p" name="&c;"><startEvent id="s" /></process></definitions>
            """);

        Assert.Null(error.ElementId);
        Assert.Equal("bpmn.file.dtd", error.Code);
    }

    // ---------------------------------------------------------------- checks of the expression engine and timer parser

    [Fact]
    [Trait("needs", "expressions")]
    public void Parse_ConditionWithASyntaxError_IsRefusedOnTheFlow()
    {
        var xml = Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <exclusiveGateway id="gw" default="f3" />
            <sequenceFlow id="c" sourceRef="gw" targetRef="e"><conditionExpression>${a &gt;&gt;&gt; (}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="gw" targetRef="e" />
            <endEvent id="e" />
            """);

        var error = SingleError(xml, EngineValidation.Hooks);

        Assert.Equal("c", error.ElementId);
        Assert.Equal("bpmn.condition.invalid", error.Code);
        Assert.Equal("expression.invalid", error.Error.Cause?.Code);
    }

    [Fact]
    [Trait("needs", "expressions")]
    public void Parse_InputParameterWithASyntaxError_IsRefusedOnTheTask()
    {
        var xml = Xml(Skeleton.Replace("<task id=\"t\" />", """
            <task id="t"><extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="x">Beste ${naam +}</camunda:inputParameter>
            </camunda:inputOutput></extensionElements></task>
            """, StringComparison.Ordinal));

        var error = SingleError(xml, EngineValidation.Hooks);

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.io-parameter.invalid", error.Code);
        Assert.Equal("x", error.Error.Arguments["name"]);
    }

    [Theory]
    [Trait("needs", "expressions")]
    [InlineData("timeDuration", "P")]
    [InlineData("timeDuration", "3M")]
    [InlineData("timeCycle", "R/elke maand")]
    [InlineData("timeDate", "morgen")]
    public void Parse_TimerWithJunkText_IsRefusedOnTheEvent(string kind, string text)
    {
        var xml = Xml(Skeleton + $"""
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><{kind}>{text}</{kind}></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """);

        var error = SingleError(xml, EngineValidation.Hooks);

        Assert.Equal("b", error.ElementId);
        Assert.Equal("bpmn.timer.invalid", error.Code);
        Assert.Matches("^(timer|duration)\\.", error.Error.Cause?.Code ?? "");
    }

    [Theory]
    [Trait("needs", "expressions")]
    [InlineData("P")]
    [InlineData("over twee weken")]
    public void Parse_UserTaskDueDateThatIsNoDateOrDuration_IsRefused(string dueDate)
    {
        var xml = Xml(Skeleton.Replace("<task id=\"t\" />", $"""<userTask id="t" camunda:dueDate="{dueDate}" />""", StringComparison.Ordinal));

        var error = SingleError(xml, EngineValidation.Hooks);

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.user-task.date-invalid", error.Code);
        Assert.Equal(("camunda:dueDate", dueDate), (error.Error.Arguments["attribute"], error.Error.Arguments["value"]));
    }

    [Theory]
    [InlineData("timeDuration", "P3M")]
    [InlineData("timeDuration", "P2W")]
    [InlineData("timeCycle", "R/P3M")]
    [InlineData("timeCycle", "R3/P1D")]
    [InlineData("timeDate", "2026-06-01T09:00:00Z")]
    [InlineData("timeDuration", "${termijn}")]
    public void Parse_TimerWithValidText_PassesTheChecksOfTheEngine(string kind, string text)
    {
        var xml = Xml(Skeleton + $"""
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><{kind}>{text}</{kind}></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """);

        var result = BpmnParser.Parse(xml, EngineValidation.Hooks);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    // ---------------------------------------------------------------- the Camunda vocabulary

    [Theory]
    [InlineData("""<userTask id="t" camunda:candidateGroup="consulent" />""", "candidateGroup", "candidateGroups")]
    [InlineData("""<userTask id="t" camunda:asignee="anna" />""", "asignee", "assignee")]
    [InlineData("""<userTask id="t" camunda:formkey="intake" />""", "formkey", "formKey")]
    public void Parse_UnknownCamundaAttribute_IsRefusedWithTheElementAndTheNearestName(string task, string attribute, string nearest)
    {
        var error = SingleError(Xml(Skeleton.Replace("""<task id="t" />""", task, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.camunda.unknown-attribute", error.Code);
        Assert.Equal(attribute, error.Error.Arguments["attribute"]);
        Assert.Equal(nearest, error.Error.Arguments["nearest"]);
    }

    [Fact]
    public void Parse_UnknownCamundaExtensionElement_IsRefusedWithTheElement()
    {
        var error = SingleError(Xml(Skeleton.Replace("""<task id="t" />""", """<userTask id="t"><extensionElements><camunda:inputOuput /></extensionElements></userTask>""", StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.camunda.unknown-element", error.Code);
        Assert.Equal("inputOutput", error.Error.Arguments["nearest"]);
    }

    [Theory]
    [InlineData("http://camunda.org/schema/1.0/bpmn2")]
    [InlineData("https://camunda.org/schema/1.0/bpmn")]
    [InlineData("http://example.org/not-camunda")]
    public void Parse_CamundaPrefixOnAnotherNamespace_IsRefusedInsteadOfIgnoringEveryAttribute(string wrongNamespace)
    {
        var xml = Xml(Skeleton.Replace("""<task id="t" />""", """<userTask id="t" camunda:candidateGroups="consulent" />""", StringComparison.Ordinal))
            .Replace($"xmlns:camunda=\"{BpmnParser.CamundaNamespace}\"", $"xmlns:camunda=\"{wrongNamespace}\"", StringComparison.Ordinal);

        var error = SingleError(xml);

        Assert.Equal("t", error.ElementId);
        Assert.Equal("bpmn.camunda.unknown-namespace", error.Code);
        Assert.Equal(wrongNamespace, error.Error.Arguments["namespace"]);
        Assert.Equal("camunda:candidateGroups", error.Error.Arguments["name"]);
    }

    [Fact]
    public void Parse_KnownCamundaAttributesTheEngineDoesNotNeed_AreAccepted()
    {
        var result = BpmnParser.Parse(Xml(Skeleton.Replace("""<task id="t" />""", """<userTask id="t" camunda:asyncBefore="true" camunda:candidateGroups="consulent" />""", StringComparison.Ordinal)));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    private static BpmnProblem SingleError(string xml, IBpmnValidationHooks? hooks = null)
    {
        var result = BpmnParser.Parse(xml, hooks);

        Assert.False(result.IsValid, "The file was accepted.");
        Assert.Empty(result.Processes);
        Assert.True(result.Errors.Count == 1, $"Expected one error, got {result.Errors.Count}: " + string.Join(" | ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        return result.Errors[0];
    }
}
