using System.Text;
using System.Xml.Linq;
using Inburgering.Engine.Bpmn;
using Xunit.Abstractions;

namespace Inburgering.Engine.Tests.Bpmn;

/// <summary>
/// The reference models of the BPMN Model Interchange Working Group (vendored in Bpmn/Miwg with their CC BY 3.0 licence and attribution): real files from
/// modelling tools, far beyond what the engine runs. Each is read without an exception and is either accepted or
/// refused with reasons that point at elements of that file.
/// </summary>
public sealed class MiwgConformanceTests(ITestOutputHelper output)
{
    private static readonly string Folder = System.IO.Path.Combine(AppContext.BaseDirectory, "Miwg");

    public static TheoryData<string> Files => new(FileNames());

    [Fact]
    public void Suite_HasAllTwentyOneReferenceModels() =>
        Assert.Equal(21, FileNames().Count);

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_ReferenceModel_IsAcceptedOrRefusedWithIdsOfThatFile(string file)
    {
        var xml = File.ReadAllText(System.IO.Path.Combine(Folder, file));
        var ids = IdsIn(xml);

        var result = BpmnParser.Parse(xml);

        if (result.IsValid)
        {
            Assert.NotEmpty(result.Processes);
            Assert.All(result.Processes, p => Assert.Contains(p.Id, ids));
        }
        else
        {
            Assert.Empty(result.Processes);
            Assert.Contains(result.Errors, e => e.ElementId is not null);
        }

        Assert.All(result.Errors.Concat(result.Warnings), problem =>
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.Message));
            if (problem.ElementId is not null)
            {
                Assert.True(ids.Contains(problem.ElementId), $"'{problem.ElementId}' ({problem.Message}) is not an id in {file}.");
            }
        });
    }

    [Theory]
    [InlineData("A.1.0.bpmn")]
    [InlineData("A.2.0.bpmn")]
    [InlineData("A.4.0.bpmn")]
    [InlineData("A.4.1.bpmn")]
    public void Parse_DescriptiveModelOfRunnableConstructs_IsRefusedOnlyForIsExecutable(string file)
    {
        var xml = File.ReadAllText(System.IO.Path.Combine(Folder, file));
        var processIds = XDocument.Parse(xml).Descendants(XName.Get("process", BpmnParser.BpmnNamespace)).Select(p => (string)p.Attribute("id")!).ToList();

        var result = BpmnParser.Parse(xml);

        Assert.Equal(processIds, result.Errors.Select(e => e.ElementId));
        Assert.All(result.Errors, e => Assert.Equal("bpmn.process.not-executable", e.Code));

        var executable = BpmnParser.Parse(xml.Replace("isExecutable=\"false\"", "isExecutable=\"true\"", StringComparison.Ordinal));
        Assert.True(executable.IsValid, string.Join("; ", executable.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        Assert.Equal(processIds, executable.Processes.Select(p => p.Id));
    }

    [Theory]
    [InlineData("C.8.0.bpmn")]
    [InlineData("C.8.1.bpmn")]
    [InlineData("C.9.0.bpmn")]
    public void Parse_CamundaEightModel_IsRefusedForItsZeebeServiceTasks(string file)
    {
        var result = BpmnParser.Parse(File.ReadAllText(System.IO.Path.Combine(Folder, file)));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Code == "bpmn.service-task.camunda8");
    }

    [Fact]
    public void Parse_ModelWithBothCamundaVocabularies_IsAccepted()
    {
        var result = BpmnParser.Parse(File.ReadAllText(System.IO.Path.Combine(Folder, "C.9.1.bpmn")));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        var process = Assert.Single(result.Processes);
        Assert.Equal("requestDocument_en", process.Id);
        Assert.Equal("emailService", process.Node("SendTask_RequestDocument").Topic);
        Assert.Equal("MESSAGE_documentReceived", process.Node("ReceiveTask_WaitForDocument").MessageName);
        Assert.False(process.Node("BoundaryEvent_1").CancelActivity);
        Assert.Equal(new TimerDefinition(TimerDefinitionKind.Cycle, "R6/P1D"), process.Node("BoundaryEvent_1").Timer);
    }

    [Theory]
    [InlineData("C.9.0.bpmn")]
    [InlineData("C.9.2.bpmn")]
    public void Parse_ModelWithEventSubProcesses_NamesEachOfThem(string file)
    {
        var xml = File.ReadAllText(System.IO.Path.Combine(Folder, file));
        var eventSubProcesses = XDocument.Parse(xml).Descendants(XName.Get("subProcess", BpmnParser.BpmnNamespace))
            .Where(s => (string?)s.Attribute("triggeredByEvent") == "true")
            .Select(s => (string)s.Attribute("id")!)
            .ToList();

        var result = BpmnParser.Parse(xml);

        Assert.NotEmpty(eventSubProcesses);
        Assert.All(eventSubProcesses, id => Assert.Contains(result.Errors, e => e.ElementId == id && e.Code == "bpmn.unsupported.event-sub-process"));
    }

    [Fact]
    public void Summary_PrintsTheOutcomeOfEveryFile()
    {
        var table = new StringBuilder();
        table.AppendLine("| file | outcome | errors | warnings | first reasons |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var file in FileNames())
        {
            var result = BpmnParser.Parse(File.ReadAllText(System.IO.Path.Combine(Folder, file)));
            var reasons = result.Errors
                .Select(e => e.Message)
                .Distinct(StringComparer.Ordinal)
                .Take(3)
                .Select(m => m.Length > 90 ? m[..90] + "…" : m);
            table.AppendLine($"| {file} | {(result.IsValid ? "accepted" : "refused")} | {result.Errors.Count} | {result.Warnings.Count} | {string.Join(" / ", reasons)} |");
        }

        output.WriteLine(table.ToString());
        Assert.Equal(23, table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static List<string> FileNames() =>
        Directory.EnumerateFiles(Folder, "*.bpmn").Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    private static HashSet<string> IdsIn(string xml) =>
        XDocument.Parse(xml).Descendants()
            .Select(e => (string?)e.Attribute("id"))
            .Where(id => id is not null)
            .Select(id => id!.Trim())
            .ToHashSet(StringComparer.Ordinal);
}
