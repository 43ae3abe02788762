using Inburgering.Engine.Bpmn;
using static Inburgering.Engine.Tests.Bpmn.BpmnParserTests;

namespace Inburgering.Engine.Tests.Bpmn;

/// <summary>
/// Every refusal rule of the parser: the file is refused, the one error names the element that breaks the rule, and
/// carries the rule's stable code (the server words it in Dutch). One error per rule also proves that a refused element does not drag others along.
/// </summary>
public sealed partial class BpmnParserRefusalTests
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

    private static BpmnProblem SingleError(string xml, IBpmnValidationHooks? hooks = null)
    {
        var result = BpmnParser.Parse(xml, hooks);

        Assert.False(result.IsValid, "The file was accepted.");
        Assert.Empty(result.Processes);
        Assert.True(result.Errors.Count == 1, $"Expected one error, got {result.Errors.Count}: " + string.Join(" | ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        return result.Errors[0];
    }
}
