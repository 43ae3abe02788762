using Inburgering.Engine.Bpmn;
using static Inburgering.Engine.Tests.Bpmn.BpmnParserTests;

namespace Inburgering.Engine.Tests.Bpmn;

/// <summary>Refusals of the Camunda vocabulary: misspelt camunda:* attributes and elements, the camunda prefix on another namespace.</summary>
public sealed partial class BpmnParserRefusalTests
{
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
}
