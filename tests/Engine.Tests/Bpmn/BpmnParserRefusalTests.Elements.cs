using Inburgering.Engine.Bpmn;
using static Inburgering.Engine.Tests.Bpmn.BpmnParserTests;

namespace Inburgering.Engine.Tests.Bpmn;

/// <summary>Refusals of elements the engine does not run and of Camunda extensions that run code.</summary>
public sealed partial class BpmnParserRefusalTests
{
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
}
