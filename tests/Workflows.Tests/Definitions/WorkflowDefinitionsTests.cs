using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Inburgering.Activities;
using Inburgering.Engine;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Workflows.Expressions;
using Inburgering.Workflows.Policy;
using Inburgering.Workflows.Tests.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Workflows.Tests.Definitions;

/// <summary>
/// Every workflow-definitions/*.bpmn deploys on a real engine (SQLite) with the real activity catalogue and the keten's expression
/// functions, i.e. through the engine's own checks; every function an expression calls exists; every formKey has a form.
/// </summary>
public sealed partial class WorkflowDefinitionsTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    private static string Folder => Path.Combine(RepoRoot.Find(), "workflow-definitions");

    public static IEnumerable<object[]> Files =>
        Directory.GetFiles(Path.Combine(RepoRoot.Find(), "workflow-definitions"), "*.bpmn").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void TheKetenIsThere_OneProcessPerSchakelAndTheTraject_AndTheAwbProcedures()
    {
        var ids = Directory.GetFiles(Folder, "*.bpmn")
            .SelectMany(f => XDocument.Load(f).Root!.Elements(Bpmn + "process").Select(p => (string)p.Attribute("id")!))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
        [
            "awb-bezwaartermijn",
            "casuistiekoverleg", // per gemeente with a periodic overleg (seed 001), not per traject
            "financieel-ontzorgen", // beside the traject from its start (Participatiewet art. 56a)
            "handhaving-bestuurlijke-boete",
            "inburgeringstraject",
            "schakel1-vaststellen-inburgeringsplicht",
            "schakel2-voorbereiden-op-inburgering",
            "schakel3-brede-intake-en-pip",
            "schakel4-inburgeren-en-participeren",
            "schakel5-afronden-inburgering",
        ], ids);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Definition_DeploysThroughTheEnginesChecks(string file)
    {
        var database = Path.Combine(Path.GetTempPath(), $"inburgering-definitions-{Guid.NewGuid():N}.sqlite");
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PersoonReferentie:Secret"] = "test-secret-of-at-least-16-bytes" }).Build();
        services.AddLogging();
        services.AddKeten(configuration, Folder);
        services.AddProcessEngine(new EngineDatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={database}" });
        await using var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
            var xml = await File.ReadAllTextAsync(Path.Combine(Folder, file));
            var result = await provider.GetRequiredService<ProcessEngine>().DeployAsync(xml, file, Actor.System);

            Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
            Assert.Empty(result.Warnings);
            var process = Assert.Single(result.Definitions);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), process.Key);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Definition_IsExecutable_WithDiagramAndDutchNames(string file)
    {
        var document = XDocument.Load(Path.Combine(Folder, file));
        var process = document.Root!.Element(Bpmn + "process")!;
        Assert.Equal("true", (string?)process.Attribute("isExecutable"));
        var shapes = document.Descendants().Where(e => e.Name.LocalName == "BPMNShape").Select(e => (string)e.Attribute("bpmnElement")!).ToHashSet(StringComparer.Ordinal);
        var nodes = process.Descendants().Where(e => e.Attribute("id") is not null && e.Name.Namespace == Bpmn && e.Name.LocalName != "sequenceFlow" && e.Name.LocalName != "documentation"
            && !e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        Assert.All(nodes, n => Assert.Contains((string)n.Attribute("id")!, shapes));
        Assert.All(nodes, n => Assert.Matches("^[A-Za-z][A-Za-z0-9_]*$", (string)n.Attribute("id")!));
        Assert.All(nodes.Where(n => n.Name.LocalName.EndsWith("Task", StringComparison.Ordinal) || n.Name.LocalName == "callActivity"),
            n => Assert.False(string.IsNullOrWhiteSpace((string?)n.Attribute("name")), $"{n.Attribute("id")} has no name"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Definition_CallsOnlyFunctionsThatExist(string file)
    {
        using var keten = new ServiceCollection().AddKeten(new ConfigurationBuilder().Build(), Folder).BuildServiceProvider();
        var known = keten.GetServices<IExpressionFunctionProvider>()
            .SelectMany(p => p.Functions).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var called = FunctionCall().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.All(called, name => Assert.Contains(name, known));
    }

    /// <summary>
    /// Issue 13, point 8: a task without a due date is never late, so nobody is warned when it waits (22 of 34 had none). Every
    /// user task of the keten is due: by law (the PIP deadline, the termijn, Awb art. 5:51's thirteen weeks for a boete), by
    /// policy (voortgangsgesprek, casuïstiekoverleg), or by a stated working norm (README, "Due dates").
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void EveryUserTask_HasADueDate(string file)
    {
        var without = XDocument.Load(Path.Combine(Folder, file)).Descendants(Bpmn + "userTask")
            .Where(t => string.IsNullOrWhiteSpace((string?)t.Attribute(Camunda + "dueDate")))
            .Select(t => (string)t.Attribute("id")!)
            .ToList();
        Assert.True(without.Count == 0, $"{file}: user tasks without camunda:dueDate: {string.Join(", ", without)}");
    }

    /// <summary>
    /// Issue 13, point 8: every seed puts one casusregisseur per inburgeraar (or gezin); the keten's tasks are his or hers by
    /// default (camunda:assignee names the traject variable <c>casusregisseur</c>, null while there is none, so the task stays
    /// in the candidate group's pool). The exceptions are the maatschappelijk begeleider's own task and the gemeente's casuïstiekoverleg
    /// agenda (a task of the gemeente, not of one traject).
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void EveryUserTask_IsTheCasusregisseursByDefault(string file)
    {
        string[] begeleiderTasks = ["User_Mb"];

        // The gemeente's casuïstiekoverleg is no traject's: its agenda task is for the consulenten, without a casusregisseur.
        string[] gemeenteTasks = ["casuistiekoverleg.bpmn:User_Casuistiekoverleg"];
        var without = XDocument.Load(Path.Combine(Folder, file)).Descendants(Bpmn + "userTask")
            .Where(t => !begeleiderTasks.Contains((string)t.Attribute("id")!))
            .Where(t => !gemeenteTasks.Contains($"{file}:{(string)t.Attribute("id")!}"))
            .Where(t => !((string?)t.Attribute(Camunda + "assignee") ?? "").Contains("casusregisseur", StringComparison.Ordinal))
            .Select(t => (string)t.Attribute("id")!)
            .ToList();
        Assert.True(without.Count == 0, $"{file}: user tasks not assigned to the casusregisseur by default: {string.Join(", ", without)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryFormKey_HasAForm(string file)
    {
        var keys = XDocument.Load(Path.Combine(Folder, file)).Descendants(Bpmn + "userTask")
            .Select(t => (string?)t.Attribute(Camunda + "formKey"))
            .ToList();
        Assert.All(keys, key =>
        {
            Assert.False(string.IsNullOrEmpty(key), "A user task without a form.");
            var path = Path.Combine(Folder, "forms", key + ".form");
            Assert.True(File.Exists(path), $"workflow-definitions/forms/{key}.form is missing");
            var form = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(key, (string?)form["id"]);
            Assert.Equal("default", (string?)form["type"]);
            var fieldKeys = form["components"]!.AsArray().Select(c => (string?)c!["key"]).Where(k => k is not null).ToList();
            Assert.Equal(fieldKeys.Count, fieldKeys.Distinct().Count());
        });
    }

    [GeneratedRegex(@"\b((?:beleid|regel|termijn|pip|ontzorging|voortgang|leerroute|timer|awb)\.[A-Za-z]+)\(")]
    private static partial Regex FunctionCall();
}
