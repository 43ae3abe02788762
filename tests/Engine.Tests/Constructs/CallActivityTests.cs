using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class CallActivityTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Call_StartsLinkedChild_WithMappedVariablesAndParentBusinessKey(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("call-activity.bpmn");

        var id = await h.StartAsync("caller", new { naam = "Amina", uren = 400, geheim = "x" }, "P-42", "1901");

        var parent = await h.InstanceAsync(id);
        Assert.Equal(["call"], parent.ActiveElements);
        var childId = Assert.Single(parent.ChildInstanceIds);
        var child = await h.InstanceAsync(childId);
        Assert.Equal("callee", child.DefinitionKey);
        Assert.Equal(id, child.ParentInstanceId);
        Assert.Equal(id, child.RootInstanceId);
        Assert.Equal("P-42", child.BusinessKey);
        Assert.Equal("1901", child.TenantId);
        Assert.Equal("Amina", child.Variables["persoon"]!.GetValue<string>());
        Assert.Equal(800, child.Variables["dubbel"]!.GetValue<int>());
        Assert.False(child.Variables.ContainsKey("geheim"));
        Assert.Equal(["work"], child.ActiveElements);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ChildEnd_ResumesParent_WithOutVariables(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("call-activity.bpmn");
        var id = await h.StartAsync("caller", new { naam = "A", uren = 1 }, "P-7");
        var childId = (await h.InstanceAsync(id)).ChildInstanceIds.Single();

        await h.CompleteAsync(childId, "work", new { weigeren = false, uitslag = "geslaagd" });
        // The child's message inherits the parent's business key.
        var result = await h.Engine.CorrelateMessageAsync(new Engine.CorrelateMessage("klaar", "P-7", null), EngineHarness.Admin);

        Assert.Equal([childId], result.CorrelatedInstances);
        Assert.Equal("completed", (await h.InstanceAsync(childId)).Status);
        var parent = await h.InstanceAsync(id);
        Assert.Equal(["after"], parent.ActiveElements);
        Assert.Equal("geslaagd", parent.Variables["uitslagKind"]!.GetValue<string>());
        Assert.False(parent.Variables.ContainsKey("weigeren"));
        Assert.Contains("call-completed", await h.JournalTypesAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ErrorEndInChild_IsCaughtByBoundaryOnCallActivity(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("call-activity.bpmn");
        var id = await h.StartAsync("caller", new { naam = "A", uren = 1 });
        var childId = (await h.InstanceAsync(id)).ChildInstanceIds.Single();

        await h.CompleteAsync(childId, "work", new { weigeren = true });

        Assert.Equal("terminated", (await h.InstanceAsync(childId)).Status);
        Assert.Equal(["handle"], await h.ActiveAsync(id));
        Assert.Empty(await h.IncidentsAsync(childId));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CancelParent_TerminatesChild(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("call-activity.bpmn");
        var id = await h.StartAsync("caller", new { naam = "A", uren = 1 });
        var childId = (await h.InstanceAsync(id)).ChildInstanceIds.Single();

        await h.Engine.CancelInstanceAsync(id, "verhuisd", EngineHarness.Admin);

        Assert.Equal("terminated", (await h.InstanceAsync(id)).Status);
        Assert.Equal("terminated", (await h.InstanceAsync(childId)).Status);
        Assert.Empty(await h.TasksAsync(childId));
    }
}
