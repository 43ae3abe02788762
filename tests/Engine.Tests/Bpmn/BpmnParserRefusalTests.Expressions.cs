using Inburgering.Engine.Bpmn;
using static Inburgering.Engine.Tests.Bpmn.BpmnParserTests;

namespace Inburgering.Engine.Tests.Bpmn;

/// <summary>Refusals from the checks of the expression engine and the timer parser.</summary>
public sealed partial class BpmnParserRefusalTests
{
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
}
