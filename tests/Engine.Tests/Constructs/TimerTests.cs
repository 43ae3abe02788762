using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class TimerCatchEventTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DurationAndComputedDate_FireInVirtualTime(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("timers.bpmn");
        var id = await h.StartAsync("timerCatch", new { termijnEinde = "2029-03-15T00:00:00Z" });

        var timer = Assert.Single((await h.InstanceAsync(id)).Timers);
        Assert.Equal(EngineHarness.Start.AddDays(70), timer.DueAt);

        await h.AdvanceAsync("P9W");
        Assert.Equal(["wait10w"], await h.ActiveAsync(id));
        await h.AdvanceAsync("P1W");
        Assert.Equal(["untilDate"], await h.ActiveAsync(id));
        Assert.Equal(new DateTimeOffset(2029, 3, 15, 0, 0, 0, TimeSpan.Zero), Assert.Single((await h.InstanceAsync(id)).Timers).DueAt);

        await h.AdvanceAsync("P4Y");
        Assert.Equal(["done"], await h.ActiveAsync(id));
        var fired = (await h.JournalAsync(id)).Where(j => j.Type == "timer-fired").Select(j => j.ElementId).ToList();
        Assert.Equal(["wait10w", "untilDate"], fired);
    }
}

public sealed class TimerBoundaryEventTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NonInterruptingCycle_ForksEveryPeriod_AndBoundedCycleStops(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("timers.bpmn");
        var id = await h.StartAsync("timerBoundary", new { termijn = "P3Y" });

        await h.AdvanceAsync("P1Y");

        var active = await h.ActiveAsync(id);
        Assert.Equal(4, active.Count(e => e == "gesprek"));
        Assert.Contains("traject", active);
        var journal = await h.JournalAsync(id);
        Assert.Equal(2, journal.Count(j => j.Type == "timer-fired" && j.ElementId == "herinnering"));
        Assert.Equal(4, journal.Count(j => j.Type == "timer-fired" && j.ElementId == "voortgang"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Interrupting_CancelsTaskAndOtherBoundaries(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("timers.bpmn");
        var id = await h.StartAsync("timerBoundary", new { termijn = "P4M" });

        await h.AdvanceAsync("P1Y");

        var active = await h.ActiveAsync(id);
        Assert.DoesNotContain("traject", active);
        Assert.Contains("verlopen", active);
        Assert.Single(active, e => e == "gesprek");
        Assert.Empty((await h.InstanceAsync(id)).Timers);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CompletingTheActivity_CancelsItsBoundaryTimers(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("timers.bpmn");
        var id = await h.StartAsync("timerBoundary", new { termijn = "P3Y" });
        Assert.Equal(3, (await h.InstanceAsync(id)).Timers.Count);

        await h.CompleteAsync(id, "traject");
        await h.AdvanceAsync("P4Y");

        var instance = await h.InstanceAsync(id);
        Assert.Equal("completed", instance.Status);
        Assert.Empty(instance.Timers);
        Assert.DoesNotContain("timer-fired", await h.JournalTypesAsync(id));
    }
}
