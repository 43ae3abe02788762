using Inburgering.Engine.Bpmn;
using static Inburgering.Tests.Bpmn.BpmnParserTests;

namespace Inburgering.Tests.Bpmn;

/// <summary>
/// Every refusal rule of the parser: the file is refused, the one error names the element that breaks the rule, and
/// the reason is plain Dutch. One error per rule also proves that a refused element does not drag others along.
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
        Assert.StartsWith("Geen geldige XML (regel 1", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Parse_EmptyFile_IsRefused(string xml)
    {
        var error = SingleError(xml);

        Assert.Null(error.ElementId);
        Assert.Equal("Het bestand is leeg.", error.Message);
    }

    [Fact]
    public void Parse_FileOverTheSizeLimit_IsRefusedBeforeReading()
    {
        var error = SingleError(Xml(Skeleton) + new string(' ', BpmnParser.MaxXmlLength));

        Assert.Null(error.ElementId);
        Assert.StartsWith("Het bestand is te groot", error.Message);
    }

    [Theory]
    [InlineData("""<process xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="p" />""", "'process'")]
    [InlineData("""<definitions id="d"><process id="p" /></definitions>""", "namespace ''")]
    [InlineData("""<definitions xmlns="http://schema.omg.org/spec/BPMN/2.0" id="d" />""", "namespace 'http://schema.omg.org/spec/BPMN/2.0'")]
    public void Parse_WrongRootElement_IsRefused(string xml, string detail)
    {
        var error = SingleError(xml);

        Assert.Null(error.ElementId);
        Assert.StartsWith("Het hoofdelement is", error.Message);
        Assert.Contains(detail, error.Message);
    }

    [Fact]
    public void Parse_FileWithoutProcess_IsRefused()
    {
        var error = SingleError($"""<definitions xmlns="{BpmnParser.BpmnNamespace}" id="d"><message id="m" name="x" /></definitions>""");

        Assert.Null(error.ElementId);
        Assert.Equal("Het bestand bevat geen proces.", error.Message);
    }

    [Fact]
    public void Parse_ProcessNotExecutable_IsRefusedOnTheProcess()
    {
        var error = SingleError(Xml(Skeleton).Replace("isExecutable=\"true\"", "isExecutable=\"false\"", StringComparison.Ordinal));

        Assert.Equal("p", error.ElementId);
        Assert.Contains("isExecutable=\"false\"", error.Message);
    }

    [Fact]
    public void Parse_ProcessIdThatCannotBeAKey_IsRefused()
    {
        var error = SingleError(Xml(Skeleton).Replace("id=\"p\"", "id=\"1 proces\"", StringComparison.Ordinal));

        Assert.Equal("1 proces", error.ElementId);
        Assert.StartsWith("Het proces-id moet beginnen met een letter", error.Message);
    }

    [Fact]
    public void Parse_ProcessWithoutStartEvent_IsRefused()
    {
        var error = SingleError(Xml("""<endEvent id="e" />"""));

        Assert.Equal("p", error.ElementId);
        Assert.Equal("Het proces heeft geen startgebeurtenis.", error.Message);
    }

    // ---------------------------------------------------------------- ids

    [Fact]
    public void Parse_TwoNodesWithTheSameId_IsRefusedOnce_WithoutCrashing()
    {
        var error = SingleError(Xml(Skeleton + """<endEvent id="e" />"""));

        Assert.Equal("e", error.ElementId);
        Assert.StartsWith("Dit id komt meer dan eens voor in het bestand", error.Message);
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
        Assert.StartsWith("Dit id komt meer dan eens voor in het bestand", result.Errors[0].Message);
    }

    [Theory]
    [InlineData("""<sequenceFlow id="t" sourceRef="s" targetRef="e" />""", "t")]
    [InlineData("""<dataObject id="e" />""", "e")]
    [InlineData("""<textAnnotation id="p" />""", "p")]
    public void Parse_IdSharedWithAnyOtherElement_IsRefused(string extra, string id)
    {
        var result = BpmnParser.Parse(Xml(Skeleton + extra));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, e => e.Message.Contains("meer dan eens", StringComparison.Ordinal));
        Assert.Equal(id, error.ElementId);
    }

    [Fact]
    public void Parse_IdSharedWithAMessage_IsRefused()
    {
        var error = SingleError(Xml(Skeleton, """<message id="t" name="x" />"""));

        Assert.Equal("t", error.ElementId);
        Assert.Contains("meer dan eens", error.Message);
    }

    // ---------------------------------------------------------------- elements the engine does not run

    [Theory]
    [InlineData("scriptTask", "Scripttaken worden niet ondersteund")]
    [InlineData("businessRuleTask", "Bedrijfsregeltaken (DMN) worden niet ondersteund")]
    [InlineData("eventBasedGateway", "Gebeurtenisgebaseerde gateways worden niet ondersteund")]
    [InlineData("complexGateway", "Complexe gateways worden niet ondersteund")]
    [InlineData("transaction", "Transacties (met compensatie) worden niet ondersteund")]
    [InlineData("adHocSubProcess", "Ad-hoc-subprocessen worden niet ondersteund")]
    public void Parse_UnsupportedElement_IsRefusedOnItsId_AndItsFlowsAddNothing(string element, string reason)
    {
        var error = SingleError(Xml($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
            <{element} id="x" />
            <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.StartsWith(reason, error.Message);
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
        Assert.StartsWith("Gebeurtenis-subprocessen worden niet ondersteund", error.Message);
    }

    [Fact]
    public void Parse_UnknownBpmnElement_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """<choreographyActivity id="x" />"""));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("Element 'choreographyActivity' wordt niet ondersteund.", error.Message);
    }

    [Theory]
    [InlineData("intermediateCatchEvent", "signalEventDefinition", "signaal")]
    [InlineData("intermediateThrowEvent", "escalationEventDefinition", "escalatie")]
    [InlineData("intermediateThrowEvent", "compensateEventDefinition", "compensatie")]
    [InlineData("intermediateCatchEvent", "conditionalEventDefinition", "voorwaardelijke gebeurtenis")]
    [InlineData("intermediateCatchEvent", "linkEventDefinition", "link")]
    public void Parse_UnsupportedEventDefinition_IsRefusedOnTheEvent(string element, string definition, string name)
    {
        var error = SingleError(Xml($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
            <{element} id="x"><{definition} /></{element}>
            <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal($"Gebeurtenissen van het type {name} worden niet ondersteund.", error.Message);
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
        Assert.StartsWith("Berichten versturen vanuit een gebeurtenis wordt niet ondersteund; gebruik een verzendtaak", error.Message);
    }

    [Theory]
    [InlineData(
        """<startEvent id="x"><errorEventDefinition /></startEvent><sequenceFlow id="f1" sourceRef="x" targetRef="e" /><endEvent id="e" />""",
        "Een startgebeurtenis met een foutdefinitie wordt niet ondersteund.")]
    [InlineData(
        """<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" /><intermediateCatchEvent id="x"><errorEventDefinition /></intermediateCatchEvent>""",
        "Een tussentijdse vanggebeurtenis met een foutdefinitie wordt niet ondersteund.")]
    [InlineData(
        """<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" /><endEvent id="x"><timerEventDefinition /></endEvent>""",
        "Een eindgebeurtenis met een timerdefinitie wordt niet ondersteund.")]
    public void Parse_EventWithATriggerItsKindCannotHave_IsRefused(string body, string reason)
    {
        var error = SingleError(Xml(body));

        Assert.Equal("x", error.ElementId);
        Assert.Equal(reason, error.Message);
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
        Assert.Equal("Een tussentijdse vanggebeurtenis heeft een timer- of berichtdefinitie nodig.", error.Message);
    }

    [Theory]
    [InlineData("multiInstanceLoopCharacteristics isSequential=\"true\"", "Meervoudige instanties (multi-instance) worden nog niet ondersteund.")]
    [InlineData("standardLoopCharacteristics", "Lussen (standardLoopCharacteristics) worden niet ondersteund; modelleer de herhaling met een gateway.")]
    public void Parse_LoopOnATask_IsRefused(string loop, string reason)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"<userTask id=\"t\"><{loop} /></userTask>", StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal(reason, error.Message);
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
        Assert.Equal("Compensatie wordt niet ondersteund.", error.Message);
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
        Assert.StartsWith("Listeners worden niet ondersteund", error.Message);
    }

    [Fact]
    public void Parse_ExecutionListenerOnTheProcess_IsRefusedOnTheProcess()
    {
        var error = SingleError(Xml($"""
            <extensionElements><camunda:executionListener event="start" class="nl.Luisteraar" /></extensionElements>
            {Skeleton}
            """));

        Assert.Equal("p", error.ElementId);
        Assert.StartsWith("Execution listeners worden niet ondersteund", error.Message);
    }

    [Theory]
    [InlineData("camunda:class=\"nl.gemeente.Delegate\"", "camunda:class")]
    [InlineData("camunda:expression=\"${bean.doe()}\"", "camunda:expression")]
    [InlineData("camunda:delegateExpression=\"${delegate}\"", "camunda:delegateExpression")]
    public void Parse_ServiceTaskWithJavaDelegate_IsRefused(string attribute, string name)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"<serviceTask id=\"t\" {attribute} />", StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal($"{name} wordt niet ondersteund: servicetaken draaien als activiteit met camunda:type=\"external\" en camunda:topic.", error.Message);
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
        Assert.StartsWith("camunda:class wordt niet ondersteund", error.Message);
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
        Assert.Equal("Een service- of verzendtaak heeft camunda:type=\"external\" en een camunda:topic (de activiteit uit de catalogus) nodig.", error.Message);
    }

    [Fact]
    public void Parse_CamundaEightServiceTask_IsRefused_WithTheZeebeType()
    {
        var xml = Xml(Skeleton.Replace("<task id=\"t\" />", """
            <serviceTask id="t"><extensionElements><zeebe:taskDefinition xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" type="betalen" /></extensionElements></serviceTask>
            """, StringComparison.Ordinal));

        var error = SingleError(xml);

        Assert.Equal("t", error.ElementId);
        Assert.StartsWith("Deze taak is voor Camunda 8 (zeebe:taskDefinition type=\"betalen\")", error.Message);
    }

    [Fact]
    public void Parse_ActivityTopicUnknownToTheCatalogue_IsRefused_ThroughTheHooks()
    {
        var xml = Xml(Skeleton.Replace("<task id=\"t\" />", """<serviceTask id="t" camunda:type="external" camunda:topic="onbekend.iets" />""", StringComparison.Ordinal));

        var error = SingleError(xml, EngineValidation.Hooks);

        Assert.Equal("t", error.ElementId);
        Assert.StartsWith("Er is geen activiteit 'onbekend.iets' in de catalogus", error.Message);
    }

    [Fact]
    public void Parse_ActivityTopicInTheCatalogue_IsAccepted_ThroughTheHooks()
    {
        var xml = Xml(Skeleton.Replace("<task id=\"t\" />", """<serviceTask id="t" camunda:type="external" camunda:topic="test.echo" />""", StringComparison.Ordinal));

        Assert.True(BpmnParser.Parse(xml, EngineValidation.Hooks).IsValid);
    }

    [Theory]
    [InlineData("camunda:formRef=\"formulier\"", "", "camunda:formRef wordt niet ondersteund")]
    [InlineData("", "<camunda:formData />", "camunda:formData (gegenereerde formulieren) wordt niet ondersteund")]
    [InlineData("", "<camunda:field name=\"x\" stringValue=\"y\" />", "Veldinjectie (camunda:field) wordt niet ondersteund")]
    [InlineData("", "<camunda:connector />", "Connectors worden niet ondersteund")]
    [InlineData("", "<camunda:in source=\"a\" target=\"b\" />", "camunda:in hoort alleen bij een aanroepactiviteit.")]
    public void Parse_CamundaExtensionThatDoesNotApply_IsRefused(string attribute, string extension, string reason)
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", $"""
            <userTask id="t" {attribute}><extensionElements>{extension}</extensionElements></userTask>
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.StartsWith(reason, error.Message);
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
        Assert.Equal("parameter 'x': scripts in 'groovy' worden niet ondersteund; alleen JavaScript.", error.Message);
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
        Assert.Equal("Het bericht 'weg' bestaat niet in dit bestand.", error.Message);
    }

    [Fact]
    public void Parse_MessageWithoutName_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """<receiveTask id="t" messageRef="naamloos" />""", StringComparison.Ordinal), Messages));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("Het bericht 'naamloos' heeft geen naam; berichten worden op naam gecorreleerd.", error.Message);
    }

    [Fact]
    public void Parse_MessageEventWithoutMessageRef_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<startEvent id=\"s\" />", """<startEvent id="s"><messageEventDefinition /></startEvent>""", StringComparison.Ordinal)));

        Assert.Equal("s", error.ElementId);
        Assert.Equal("Er is geen bericht gekozen (messageRef ontbreekt).", error.Message);
    }

    [Fact]
    public void Parse_TwoStartEventsForTheSameMessage_AreRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <startEvent id="m1"><messageEventDefinition messageRef="m" /></startEvent><sequenceFlow id="g1" sourceRef="m1" targetRef="t" />
            <startEvent id="m2"><messageEventDefinition messageRef="m" /></startEvent><sequenceFlow id="g2" sourceRef="m2" targetRef="t" />
            """, Messages));

        Assert.Equal("m2", error.ElementId);
        Assert.Equal("Meer dan één startgebeurtenis wacht op bericht 'bericht'.", error.Message);
    }

    [Theory]
    [InlineData("<errorEventDefinition />", "Een fouteindgebeurtenis moet naar een fout (bpmn:error met errorCode) verwijzen.")]
    [InlineData("<errorEventDefinition errorRef=\"zonderCode\" />", "De fout 'zonderCode' heeft geen errorCode.")]
    [InlineData("<errorEventDefinition errorRef=\"weg\" />", "De fout 'weg' bestaat niet in dit bestand.")]
    public void Parse_ErrorEndWithoutErrorCode_IsRefused(string definition, string reason)
    {
        var error = SingleError(Xml(Skeleton.Replace("<endEvent id=\"e\" />", $"<endEvent id=\"e\">{definition}</endEvent>", StringComparison.Ordinal), Messages));

        Assert.Equal("e", error.ElementId);
        Assert.Equal(reason, error.Message);
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
        Assert.StartsWith("De reeksstroom gaat over de grens van een subproces (doel 'e' ligt in een ander bereik)", error.Message);
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
        Assert.StartsWith("De reeksstroom gaat over de grens van een subproces (doel 't' ligt in een ander bereik)", error.Message);
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
        Assert.StartsWith("De reeksstroom gaat over de grens van een subproces (doel 'it' ligt in een ander bereik)", error.Message);
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
        Assert.Equal("De reeksstroom verwijst naar doel 's2' in een ander proces; tussen processen lopen geen reeksstromen.", error.Message);
    }

    [Theory]
    [InlineData("""<sequenceFlow id="x" sourceRef="t" targetRef="weg" />""", "De reeksstroom verwijst naar een doel 'weg' die niet bestaat.")]
    [InlineData("""<sequenceFlow id="x" sourceRef="weg" targetRef="t" />""", "De reeksstroom verwijst naar een bron 'weg' die niet bestaat.")]
    [InlineData("""<sequenceFlow id="x" targetRef="t" />""", "De reeksstroom heeft geen sourceRef.")]
    [InlineData("""<sequenceFlow id="x" sourceRef="t" targetRef="m" />""", "De reeksstroom verwijst naar 'm' als doel, maar dat is geen gebeurtenis, activiteit of gateway.")]
    public void Parse_FlowWithABrokenReference_IsRefused(string flow, string reason)
    {
        var error = SingleError(Xml(Skeleton + flow, Messages));

        Assert.Equal("x", error.ElementId);
        Assert.Equal(reason, error.Message);
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
        Assert.Equal("Een standaardstroom mag geen voorwaarde hebben.", error.Message);
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
        Assert.Equal("De standaardstroom 'f1' is geen uitgaande stroom van dit element.", error.Message);
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
        Assert.Equal("Alleen exclusieve en inclusieve gateways en activiteiten hebben een standaardstroom.", error.Message);
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
        Assert.StartsWith("Voorwaarden op uitgaande stromen van een parallelle gateway hebben geen effect", error.Message);
    }

    [Fact]
    public void Parse_ConditionOnAFlowOutOfAnEvent_IsRefusedOnTheFlow()
    {
        var error = SingleError(Xml(Skeleton.Replace("""<sequenceFlow id="f1" sourceRef="s" targetRef="t" />""", """
            <sequenceFlow id="f1" sourceRef="s" targetRef="t"><conditionExpression>${a}</conditionExpression></sequenceFlow>
            """, StringComparison.Ordinal)));

        Assert.Equal("f1", error.ElementId);
        Assert.Equal("Alleen stromen uit een exclusieve of inclusieve gateway of een activiteit kunnen een voorwaarde hebben.", error.Message);
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
        Assert.StartsWith("Voorwaarden in de taal 'http://www.w3.org/1999/XPath' worden niet ondersteund", error.Message);
    }

    [Fact]
    public void Parse_GatewayWithoutOutgoingFlow_IsRefused()
    {
        var error = SingleError(Xml("""<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" /><exclusiveGateway id="gw" />"""));

        Assert.Equal("gw", error.ElementId);
        Assert.Equal("Een gateway heeft minstens één uitgaande stroom nodig.", error.Message);
    }

    // ---------------------------------------------------------------- structure

    [Fact]
    public void Parse_NodeWithoutIncomingFlow_IsUnreachable()
    {
        var error = SingleError(Xml(Skeleton + """<task id="x" /><sequenceFlow id="f3" sourceRef="x" targetRef="e" />"""));

        Assert.Equal("x", error.ElementId);
        Assert.Equal("Dit element is onbereikbaar: het heeft geen inkomende stroom.", error.Message);
    }

    [Fact]
    public void Parse_LoopNoStartEventLeadsInto_IsUnreachable()
    {
        var result = BpmnParser.Parse(Xml(Skeleton + """
            <task id="a" /><task id="b" />
            <sequenceFlow id="ab" sourceRef="a" targetRef="b" /><sequenceFlow id="ba" sourceRef="b" targetRef="a" />
            """));

        Assert.Equal(["a", "b"], result.Errors.Select(e => e.ElementId));
        Assert.All(result.Errors, e => Assert.Equal("Dit element is onbereikbaar: geen pad vanaf een startgebeurtenis komt hier uit.", e.Message));
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
        Assert.Equal("Een startgebeurtenis kan geen inkomende stroom hebben.", error.Message);
    }

    [Fact]
    public void Parse_EndEventWithOutgoingFlow_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """<sequenceFlow id="after" sourceRef="e" targetRef="t" />"""));

        Assert.Equal("e", error.ElementId);
        Assert.Equal("Een eindgebeurtenis kan geen uitgaande stroom hebben.", error.Message);
    }

    [Fact]
    public void Parse_BoundaryEventWithIncomingFlow_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="in" sourceRef="s" targetRef="b" />
            """));

        Assert.Equal("b", error.ElementId);
        Assert.Equal("Een grensgebeurtenis kan geen inkomende stroom hebben.", error.Message);
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
        Assert.Equal("Een grensgebeurtenis kan alleen aan een activiteit hangen, niet aan 'gw'.", error.Message);
    }

    [Theory]
    [InlineData("", "De grensgebeurtenis hangt aan geen activiteit (attachedToRef ontbreekt).")]
    [InlineData("attachedToRef=\"weg\"", "De grensgebeurtenis hangt aan 'weg', dat niet in hetzelfde bereik ligt of niet bestaat.")]
    public void Parse_BoundaryEventNotAttachedToAnActivity_IsRefused(string attribute, string reason)
    {
        var error = SingleError(Xml(Skeleton + $"""
            <boundaryEvent id="b" {attribute}><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            """));

        Assert.Equal("b", error.ElementId);
        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void Parse_NonInterruptingErrorBoundary_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t" cancelActivity="false"><errorEventDefinition errorRef="err" /></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """, Messages));

        Assert.Equal("b", error.ElementId);
        Assert.Equal("Een foutgrensgebeurtenis onderbreekt altijd (cancelActivity kan niet \"false\" zijn).", error.Message);
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
        Assert.Equal("Een ingebed subproces start alleen met een startgebeurtenis zonder trigger.", error.Message);
    }

    [Theory]
    [InlineData("", "Het subproces is leeg")]
    [InlineData("""<task id="it" />""", "Het subproces heeft geen startgebeurtenis.")]
    public void Parse_SubProcessWithoutStartEvent_IsRefusedOnTheSubProcess(string content, string reason)
    {
        var error = SingleError(Xml($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <subProcess id="sub">{content}</subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """));

        Assert.Equal("sub", error.ElementId);
        Assert.StartsWith(reason, error.Message);
    }

    [Fact]
    public void Parse_TwoNoneStartEvents_IsRefusedOnTheSecond()
    {
        var error = SingleError(Xml(Skeleton + """<startEvent id="s2" /><sequenceFlow id="f3" sourceRef="s2" targetRef="t" />"""));

        Assert.Equal("s2", error.ElementId);
        Assert.Equal("Er is meer dan één startgebeurtenis zonder trigger; de engine weet dan niet waar te beginnen.", error.Message);
    }

    [Fact]
    public void Parse_TimerWithTwoDefinitions_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>P1D</timeDuration><timeCycle>R/P1D</timeCycle></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """));

        Assert.Equal("b", error.ElementId);
        Assert.Equal("De timer heeft meer dan één van timeDate, timeDuration en timeCycle.", error.Message);
    }

    [Theory]
    [InlineData("<timerEventDefinition />", "De timer heeft geen timeDate, timeDuration of timeCycle.")]
    [InlineData("<timerEventDefinition><timeDuration> </timeDuration></timerEventDefinition>", "De timer is leeg.")]
    public void Parse_TimerWithoutText_IsRefused(string definition, string reason)
    {
        var error = SingleError(Xml(Skeleton + $"""
            <intermediateCatchEvent id="x">{definition}</intermediateCatchEvent>
            <sequenceFlow id="f3" sourceRef="t" targetRef="x" />
            """));

        Assert.Equal("x", error.ElementId);
        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void Parse_EventWithTwoDefinitions_IsRefused()
    {
        var error = SingleError(Xml(Skeleton + """
            <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition><messageEventDefinition messageRef="m" /></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """, Messages));

        Assert.Equal("b", error.ElementId);
        Assert.StartsWith("Een gebeurtenis met meer dan één definitie", error.Message);
    }

    [Fact]
    public void Parse_CalledElementBindingVersionTag_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """
            <callActivity id="t" calledElement="ander" camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="v1" />
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.Equal("camunda:calledElementBinding=\"versionTag\" wordt niet ondersteund (wel: latest, deployment, version).", error.Message);
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
        Assert.StartsWith("Met camunda:calledElementBinding=\"version\" is camunda:calledElementVersion een positief geheel getal", error.Message);
    }

    [Fact]
    public void Parse_CallActivityWithoutCalledElement_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """<callActivity id="t" />""", StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.StartsWith("Een aanroepactiviteit heeft een calledElement", error.Message);
    }

    [Fact]
    public void Parse_CallMappingWithoutTarget_IsRefused()
    {
        var error = SingleError(Xml(Skeleton.Replace("<task id=\"t\" />", """
            <callActivity id="t" calledElement="ander"><extensionElements><camunda:in source="a" /></extensionElements></callActivity>
            """, StringComparison.Ordinal)));

        Assert.Equal("t", error.ElementId);
        Assert.StartsWith("camunda:in heeft variables=\"all\" nodig", error.Message);
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
            Assert.StartsWith("Het bestand bevat een DTD (<!DOCTYPE …>); dat is om veiligheidsredenen niet toegestaan", error.Message);
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
        Assert.Contains("DTD", error.Message);
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
        Assert.Contains("DTD", error.Message);
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
        Assert.StartsWith("De voorwaarde: ", error.Message);
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
        Assert.StartsWith("parameter 'x': ", error.Message);
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
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
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
        Assert.Equal($"'{dueDate}' is geen datum (ISO 8601) en geen duur (zoals P2W).", error.Message);
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

    private static BpmnProblem SingleError(string xml, IBpmnValidationHooks? hooks = null)
    {
        var result = BpmnParser.Parse(xml, hooks);

        Assert.False(result.IsValid, "The file was accepted.");
        Assert.Empty(result.Processes);
        Assert.True(result.Errors.Count == 1, $"Expected one error, got {result.Errors.Count}: " + string.Join(" | ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        return result.Errors[0];
    }
}
