using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class ExclusiveGatewayTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BareCondition_TakesMatchingFlow(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("exclusive-gateway.bpmn");

        var id = await h.StartAsync("exclusive", new { leerroute = "B1", uren = 0 });

        Assert.Equal(["b1"], await h.ActiveAsync(id));
        Assert.Contains(await h.JournalAsync(id), j => j.Type == "element-left" && j.ElementId == "route" && j.Data!["flow"]!.GetValue<string>() == "toB1");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task WrappedCondition_TakesMatchingFlow(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("exclusive-gateway.bpmn");

        var id = await h.StartAsync("exclusive", new { leerroute = "Z", uren = 800 });

        Assert.Equal(["z"], await h.ActiveAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NoConditionHolds_TakesDefaultFlow(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("exclusive-gateway.bpmn");

        var id = await h.StartAsync("exclusive", new { leerroute = "Z", uren = 10 });

        Assert.Equal(["other"], await h.ActiveAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NoConditionHoldsAndNoDefault_OpensIncident_AndRetryAfterFixContinues(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("exclusive-gateway.bpmn");

        var id = await h.StartAsync("exclusiveNoDefault", new { ok = "ja" });

        var instance = await h.InstanceAsync(id);
        Assert.Equal("active", instance.Status);
        Assert.Equal(["route2"], instance.ActiveElements);
        Assert.Equal(1, instance.OpenIncidents);
        var incident = Assert.Single(await h.IncidentsAsync(id));
        Assert.Equal("route2", incident.ElementId);
        Assert.Equal("model", incident.Type);

        await h.Engine.SetVariablesAsync(id, EngineHarness.ToJson(new { ok = true })!, EngineHarness.Admin);
        await h.Engine.RetryIncidentAsync(incident.Id, EngineHarness.Admin);

        instance = await h.InstanceAsync(id);
        Assert.Equal(["yes"], instance.ActiveElements);
        Assert.Equal(0, instance.OpenIncidents);
        Assert.Contains("incident-resolved", await h.JournalTypesAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FailingCondition_IsIncidentWithElementId_NotACrash(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("exclusive-gateway.bpmn");

        // leerroute is undefined: ReferenceError in the condition.
        var id = await h.StartAsync("exclusive", new { uren = 3 });

        var incident = Assert.Single(await h.IncidentsAsync(id));
        Assert.Equal("route", incident.ElementId);
        Assert.Equal("expression", incident.Type);
        Assert.Contains("leerroute", incident.Message, StringComparison.Ordinal);
        Assert.Equal(["route"], await h.ActiveAsync(id));
    }
}

public sealed class ParallelGatewayTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Fork_CreatesTokenPerBranch_AndPassThroughBranchWaitsAtJoin(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("parallel-gateway.bpmn");

        var id = await h.StartAsync("parallel");

        Assert.Equal(["a", "b", "join"], await h.ActiveAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Join_WaitsForEveryBranch_ThenContinuesOnce(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("parallel-gateway.bpmn");
        var id = await h.StartAsync("parallel");

        await h.CompleteAsync(id, "a");
        Assert.Equal(["b", "join", "join"], await h.ActiveAsync(id));

        await h.CompleteAsync(id, "b");
        Assert.Equal(["after"], await h.ActiveAsync(id));
        Assert.Single(await h.TasksAsync(id));
        var joined = (await h.JournalAsync(id)).Single(j => j.Type == "element-joined");
        Assert.Equal(3, joined.Data!["branches"]!.GetValue<int>());

        await h.CompleteAsync(id, "after");
        Assert.Equal("completed", (await h.InstanceAsync(id)).Status);
    }
}

public sealed class InclusiveGatewayTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Fork_TakesEveryTrueCondition(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("inclusive-gateway.bpmn");

        var id = await h.StartAsync("inclusive", new { taal = true, werk = true });

        Assert.Equal(["taal", "werk"], await h.ActiveAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Join_WaitsOnlyForActivatedBranches(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("inclusive-gateway.bpmn");
        var one = await h.StartAsync("inclusive", new { taal = true, werk = false });
        var two = await h.StartAsync("inclusive", new { taal = true, werk = true });

        await h.CompleteAsync(one, "taal");
        await h.CompleteAsync(two, "taal");

        Assert.Equal(["after"], await h.ActiveAsync(one));
        Assert.Equal(["join", "werk"], await h.ActiveAsync(two));
        await h.CompleteAsync(two, "werk");
        Assert.Equal(["after"], await h.ActiveAsync(two));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NoConditionTrue_TakesDefault_AndJoinPassesStraightOn(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("inclusive-gateway.bpmn");

        var id = await h.StartAsync("inclusive", new { taal = false, werk = false });

        Assert.Equal(["after"], await h.ActiveAsync(id));
    }
}
