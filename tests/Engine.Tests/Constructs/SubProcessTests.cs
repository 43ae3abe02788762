using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class SubProcessTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Enter_RunsInnerTokens_WithScopeLocalVariables(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("sub-process.bpmn");

        var id = await h.StartAsync("subProcess");

        Assert.Equal(["gesprek", "toets"], await h.ActiveAsync(id));
        Assert.Equal("consulent-1", (await h.TaskAsync(id, "gesprek")).Assignee);
        Assert.False((await h.InstanceAsync(id)).Variables.ContainsKey("poging"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task LastInnerToken_CompletesSubProcess_AndAppliesOutputs(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("sub-process.bpmn");
        var id = await h.StartAsync("subProcess");

        await h.CompleteAsync(id, "gesprek");
        Assert.Equal(["toets"], await h.ActiveAsync(id));
        await h.CompleteAsync(id, "toets");

        var instance = await h.InstanceAsync(id);
        Assert.Equal(["after"], instance.ActiveElements);
        Assert.True(instance.Variables["intakeKlaar"]!.GetValue<bool>());
        Assert.Empty(instance.Timers);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task InterruptingTimerOnSubProcess_CancelsInnerTasks(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("sub-process.bpmn");
        var id = await h.StartAsync("subProcess");
        await h.CompleteAsync(id, "gesprek");

        await h.AdvanceAsync("P10W");

        Assert.Equal(["escalate"], await h.ActiveAsync(id));
        var tasks = await h.Queries.TasksAsync(new Engine.Queries.TaskFilter(InstanceId: id, Status: "all"), EngineHarness.Admin, new Engine.Queries.Paging());
        Assert.Equal("cancelled", tasks.Items.Single(t => t.ElementId == "toets").Status);
        var journal = await h.JournalTypesAsync(id);
        Assert.Contains("timer-fired", journal);
        Assert.Contains("boundary-triggered", journal);
    }
}
