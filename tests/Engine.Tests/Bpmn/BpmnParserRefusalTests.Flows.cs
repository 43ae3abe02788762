using Inburgering.Engine.Bpmn;
using static Inburgering.Engine.Tests.Bpmn.BpmnParserTests;

namespace Inburgering.Engine.Tests.Bpmn;

/// <summary>Refusals of messages, errors, sequence flows and structure.</summary>
public sealed partial class BpmnParserRefusalTests
{
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
}
