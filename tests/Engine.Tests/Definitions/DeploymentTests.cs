using System.Security.Cryptography;
using System.Text;
using Inburgering.Engine;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.Tests.Definitions;

/// <summary>Deploying BPMN files: versions by content, running instances keeping theirs, refused files deploying nothing.</summary>
public sealed class DeploymentTests
{
    private static readonly Paging All = new(1, 500);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_NewKey_CreatesVersionOne_WithNameHashAndXml(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var xml = TwoTasks("aanvraag", "Aanvraag behandelen", "controleren");

        var result = await h.Engine.DeployAsync(xml, "aanvraag.bpmn", EngineHarness.Admin);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        var deployed = Assert.Single(result.Definitions);
        Assert.Equal("aanvraag", deployed.Key);
        Assert.Equal(1, deployed.Version);
        Assert.Equal("Aanvraag behandelen", deployed.Name);
        Assert.True(deployed.IsNew);
        Assert.Equal(EngineHarness.Start, deployed.DeployedAt);

        var view = Assert.Single((await h.Queries.DefinitionsAsync(null, latestOnly: false, All)).Items);
        Assert.Equal(deployed.Id, view.Id);
        Assert.Equal(("aanvraag", 1, "Aanvraag behandelen"), (view.Key, view.Version, view.Name));
        Assert.Equal(Sha256(xml), view.ContentHash);
        Assert.Equal("aanvraag.bpmn", view.Source);
        Assert.Equal("test-beheerder", view.DeployedBy);
        Assert.True(view.IsLatest);
        Assert.Equal(xml, await h.Queries.DefinitionXmlAsync("aanvraag", 1));
        Assert.Null(await h.Queries.DefinitionXmlAsync("aanvraag", 2));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_IdenticalXmlAgain_ReturnsTheSameVersion_NotNew(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var xml = TwoTasks("aanvraag", "Aanvraag", "controleren");
        var first = Assert.Single((await h.DeployAsync(xml)).Definitions);

        h.Clock.MoveTo(EngineHarness.Start.AddHours(1));
        var again = Assert.Single((await h.DeployAsync(xml)).Definitions);
        var withOtherLineEndings = Assert.Single((await h.DeployAsync(xml.Replace("\n", "\r\n", StringComparison.Ordinal) + "\n  ")).Definitions);

        Assert.Equal(first with { IsNew = false }, again);
        Assert.Equal(first with { IsNew = false }, withOtherLineEndings);
        Assert.Equal(1, (await h.Queries.DefinitionsAsync("aanvraag", latestOnly: false, All)).Total);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_ChangedXml_CreatesVersionTwo_AndKeepsVersionOne(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var v1 = TwoTasks("aanvraag", "Aanvraag", "controleren");
        var v2 = TwoTasks("aanvraag", "Aanvraag", "goedkeuren");
        await h.DeployAsync(v1);

        var result = await h.DeployAsync(v2);

        var deployed = Assert.Single(result.Definitions);
        Assert.Equal(2, deployed.Version);
        Assert.True(deployed.IsNew);
        var versions = (await h.Queries.DefinitionsAsync("aanvraag", latestOnly: false, All)).Items;
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal([true, false], versions.Select(v => v.IsLatest));
        Assert.NotEqual(versions[0].ContentHash, versions[1].ContentHash);
        Assert.Equal(v1, await h.Queries.DefinitionXmlAsync("aanvraag", 1));
        Assert.Equal(v2, await h.Queries.DefinitionXmlAsync("aanvraag", 2));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_BackToTheFirstXml_CreatesVersionThree(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var v1 = TwoTasks("aanvraag", "Aanvraag", "controleren");
        await h.DeployAsync(v1);
        await h.DeployAsync(TwoTasks("aanvraag", "Aanvraag", "goedkeuren"));

        var deployed = Assert.Single((await h.DeployAsync(v1)).Definitions);

        Assert.Equal(3, deployed.Version);
        Assert.True(deployed.IsNew);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RunningInstance_KeepsItsVersion_WhileNewInstancesGetTheNewOne(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(TwoTasks("aanvraag", "Aanvraag", "controleren"));
        var old = await h.StartAsync("aanvraag");

        await h.DeployAsync(TwoTasks("aanvraag", "Aanvraag", "goedkeuren"));
        var fresh = await h.StartAsync("aanvraag");

        Assert.Equal(1, (await h.InstanceAsync(old)).DefinitionVersion);
        Assert.Equal(2, (await h.InstanceAsync(fresh)).DefinitionVersion);

        await h.CompleteAsync(old, "intake");
        await h.CompleteAsync(fresh, "intake");
        Assert.Equal(["controleren"], await h.ActiveAsync(old));
        Assert.Equal(["goedkeuren"], await h.ActiveAsync(fresh));

        await h.CompleteAsync(old, "controleren");
        var finished = await h.InstanceAsync(old);
        Assert.Equal("completed", finished.Status);
        Assert.Equal(1, finished.DefinitionVersion);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RunningInstance_AfterARestart_ContinuesOnItsOwnVersion(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(TwoTasks("aanvraag", "Aanvraag", "controleren"));
        var old = await h.StartAsync("aanvraag");
        await h.DeployAsync(TwoTasks("aanvraag", "Aanvraag", "goedkeuren"));

        // A new runtime on the same database: nothing parsed is remembered, v1 is read back from its stored XML.
        await using var restarted = await RestartAsync(h);
        var engine = restarted.GetRequiredService<ProcessEngine>();
        var queries = restarted.GetRequiredService<EngineQueries>();
        var task = (await queries.TasksAsync(new TaskFilter(InstanceId: old), EngineHarness.Admin, All)).Items.Single(t => t.ElementId == "intake");
        await engine.CompleteTaskAsync(task.Id, null, EngineHarness.Admin);

        var instance = (await queries.InstanceAsync(old, EngineHarness.Admin))!;
        Assert.Equal(1, instance.DefinitionVersion);
        Assert.Equal(["controleren"], instance.ActiveElements);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_FileWithTwoExecutableProcesses_DeploysTwoKeys(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="{BpmnParser.BpmnNamespace}" id="defs" targetNamespace="http://inburgering.test">
              <process id="eerste" name="Eerste" isExecutable="true">
                <startEvent id="s1" /><sequenceFlow id="f1" sourceRef="s1" targetRef="t1" />
                <userTask id="t1" /><sequenceFlow id="f2" sourceRef="t1" targetRef="e1" /><endEvent id="e1" />
              </process>
              <process id="tweede" name="Tweede" isExecutable="true">
                <startEvent id="s2" /><sequenceFlow id="g1" sourceRef="s2" targetRef="t2" />
                <userTask id="t2" /><sequenceFlow id="g2" sourceRef="t2" targetRef="e2" /><endEvent id="e2" />
              </process>
            </definitions>
            """;

        var result = await h.DeployAsync(xml);

        Assert.Equal([("eerste", 1, "Eerste"), ("tweede", 1, "Tweede")], result.Definitions.Select(d => (d.Key, d.Version, d.Name)));
        Assert.All(result.Definitions, d => Assert.True(d.IsNew));
        Assert.Equal(2, (await h.Queries.DefinitionsAsync(null, latestOnly: true, All)).Total);
        Assert.Equal(xml, await h.Queries.DefinitionXmlAsync("tweede", 1));
        Assert.Equal(["t1"], await h.ActiveAsync(await h.StartAsync("eerste")));
        Assert.Equal(["t2"], await h.ActiveAsync(await h.StartAsync("tweede")));

        var again = await h.DeployAsync(xml);
        Assert.All(again.Definitions, d => Assert.False(d.IsNew));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_RefusedFile_DeploysNothing_AndSaysWhy(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(TwoTasks("aanvraag", "Aanvraag", "controleren"));
        var before = (await h.Queries.DefinitionsAsync(null, latestOnly: false, All)).Total;
        var refused = TwoTasks("aanvraag", "Aanvraag", "controleren")
            .Replace("<userTask id=\"controleren\" />", "<scriptTask id=\"controleren\" />", StringComparison.Ordinal);

        var result = await h.Engine.DeployAsync(refused, "fout.bpmn", EngineHarness.Admin);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Definitions);
        var error = Assert.Single(result.Errors);
        Assert.Equal("controleren", error.ElementId);
        Assert.Equal("bpmn.unsupported.script-task", error.Code);
        Assert.Equal(before, (await h.Queries.DefinitionsAsync(null, latestOnly: false, All)).Total);
        Assert.Null(await h.Queries.DefinitionXmlAsync("aanvraag", 2));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_FileWithOneGoodAndOneRefusedProcess_DeploysNeither(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var xml = $"""
            <definitions xmlns="{BpmnParser.BpmnNamespace}" xmlns:camunda="{BpmnParser.CamundaNamespace}">
              <process id="goed" isExecutable="true"><startEvent id="s1" /></process>
              <process id="fout" isExecutable="true">
                <startEvent id="s2" /><sequenceFlow id="f1" sourceRef="s2" targetRef="x" />
                <serviceTask id="x" camunda:type="external" camunda:topic="bestaat.niet" />
              </process>
            </definitions>
            """;

        var result = await h.Engine.DeployAsync(xml, null, EngineHarness.Admin);

        Assert.False(result.Succeeded);
        Assert.Equal("x", Assert.Single(result.Errors).ElementId);
        Assert.Equal(0, (await h.Queries.DefinitionsAsync(null, latestOnly: false, All)).Total);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_Warnings_AreReturned_WithTheDeployment(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var xml = TwoTasks("aanvraag", "Aanvraag", "controleren")
            .Replace("<endEvent id=\"e\" />", "<endEvent id=\"e\" /><dataObject id=\"dossier\" />", StringComparison.Ordinal);

        var result = await h.DeployAsync(xml);

        Assert.Single(result.Definitions);
        Assert.Equal("dossier", Assert.Single(result.Warnings).ElementId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Definitions_LatestOnlyAndPaging_GiveTheRightTotals(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        foreach (var (key, versions) in new[] { ("bravo", 1), ("alfa", 3), ("charlie", 2) })
        {
            for (var v = 1; v <= versions; v++)
            {
                await h.DeployAsync(TwoTasks(key, $"{key} v{v}", $"taak{v}"));
            }
        }

        var all = await h.Queries.DefinitionsAsync(null, latestOnly: false, All);
        Assert.Equal(6, all.Total);
        Assert.Equal(
            [("alfa", 3), ("alfa", 2), ("alfa", 1), ("bravo", 1), ("charlie", 2), ("charlie", 1)],
            all.Items.Select(d => (d.Key, d.Version)));
        Assert.Equal([true, false, false, true, true, false], all.Items.Select(d => d.IsLatest));

        var latest = await h.Queries.DefinitionsAsync(null, latestOnly: true, All);
        Assert.Equal(3, latest.Total);
        Assert.Equal([("alfa", 3, "alfa v3"), ("bravo", 1, "bravo v1"), ("charlie", 2, "charlie v2")], latest.Items.Select(d => (d.Key, d.Version, d.Name)));
        Assert.All(latest.Items, d => Assert.True(d.IsLatest));

        var page2 = await h.Queries.DefinitionsAsync(null, latestOnly: false, new Paging(2, 4));
        Assert.Equal((6, 2, 4), (page2.Total, page2.Page, page2.PageSize));
        Assert.Equal([("charlie", 2), ("charlie", 1)], page2.Items.Select(d => (d.Key, d.Version)));

        var latestPage2 = await h.Queries.DefinitionsAsync(null, latestOnly: true, new Paging(2, 2));
        Assert.Equal(3, latestPage2.Total);
        Assert.Equal(["charlie"], latestPage2.Items.Select(d => d.Key));

        var beyond = await h.Queries.DefinitionsAsync(null, latestOnly: false, new Paging(3, 4));
        Assert.Equal(6, beyond.Total);
        Assert.Empty(beyond.Items);

        var alfa = await h.Queries.DefinitionsAsync("alfa", latestOnly: false, new Paging(1, 2));
        Assert.Equal(3, alfa.Total);
        Assert.Equal([3, 2], alfa.Items.Select(d => d.Version));
        var alfaLatest = await h.Queries.DefinitionsAsync("alfa", latestOnly: true, All);
        Assert.Equal(3, Assert.Single(alfaLatest.Items).Version);
        Assert.Equal(0, (await h.Queries.DefinitionsAsync("delta", latestOnly: false, All)).Total);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Definitions_InvalidPaging_IsRefused(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);

        var ex = await Assert.ThrowsAsync<EngineException>(() => h.Queries.DefinitionsAsync(null, latestOnly: false, new Paging(0, 10)));

        Assert.Equal(EngineErrorKind.Invalid, ex.Kind);
    }

    /// <summary>start → intake (user task) → <paramref name="second"/> (user task) → end.</summary>
    private static string TwoTasks(string key, string name, string second) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{BpmnParser.BpmnNamespace}" id="defs" targetNamespace="http://inburgering.test">
          <process id="{key}" name="{name}" isExecutable="true">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="intake" />
            <userTask id="intake" />
            <sequenceFlow id="f2" sourceRef="intake" targetRef="{second}" />
            <userTask id="{second}" />
            <sequenceFlow id="f3" sourceRef="{second}" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;

    private static string Sha256(string xml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())));

    private static async Task<ServiceProvider> RestartAsync(EngineHarness h)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(new SimulationClock(h.Clock.GetUtcNow()));
        services.AddProcessEngine(new EngineDatabaseOptions { Provider = h.Provider, ConnectionString = h.ConnectionString });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
        return provider;
    }
}
