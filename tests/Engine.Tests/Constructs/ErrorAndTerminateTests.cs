using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class ErrorEndEventTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ErrorEndInSubProcess_IsCaughtByMatchingBoundary_CancellingSiblings(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("errors-terminate.bpmn");
        var id = await h.StartAsync("errorEnd");

        await h.CompleteAsync(id, "decide", new { code = "GEEN_TOETS" });

        Assert.Equal(["handle"], await h.ActiveAsync(id));
        Assert.Single(await h.TasksAsync(id));
        var thrown = (await h.JournalAsync(id)).Single(j => j.Type == "error-thrown");
        Assert.Equal("throw", thrown.ElementId);
        Assert.Equal("catchGeen", thrown.Data!["caughtBy"]!.GetValue<string>());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UncaughtError_IsIncidentOnTheThrowingElement(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("errors-terminate.bpmn");
        var id = await h.StartAsync("errorEnd");

        await h.CompleteAsync(id, "decide", new { code = "IETS" });

        var incident = Assert.Single(await h.IncidentsAsync(id));
        Assert.Equal("throwOther", incident.ElementId);
        Assert.Equal("unhandled-error", incident.Type);
        Assert.Contains("ANDERS", incident.Message, StringComparison.Ordinal);
        Assert.Equal("active", (await h.InstanceAsync(id)).Status);
    }
}

public sealed class TerminateEndEventTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TerminateEnd_EndsEveryBranch_TasksAndTimers(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("errors-terminate.bpmn");
        var id = await h.StartAsync("terminate");
        Assert.Equal(["slow", "stop", "tTimer"], await h.ActiveAsync(id));

        await h.CompleteAsync(id, "stop");

        var instance = await h.InstanceAsync(id);
        Assert.Equal("terminated", instance.Status);
        Assert.Empty(instance.ActiveElements);
        Assert.Empty(instance.Timers);
        Assert.Empty(await h.TasksAsync(id));
        Assert.Contains("kill", instance.EndReason, StringComparison.Ordinal);
        await h.AdvanceAsync("P2D");
        Assert.DoesNotContain("timer-fired", await h.JournalTypesAsync(id));
    }
}
