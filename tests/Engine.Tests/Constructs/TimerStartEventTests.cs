using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class TimerStartEventTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CycleStart_StartsAnInstancePerConfiguredGemeente_EveryPeriod(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider, options: o =>
        {
            o.TimerStartTenants.Add("0632");
            o.TimerStartTenants.Add("0335");
        });
        await h.DeployAsync("timer-start.bpmn");

        await h.AdvanceAsync("P3M");
        var first = await h.Queries.InstancesAsync(new InstanceFilter("kwartaal"), EngineHarness.Admin, new Paging());
        await h.AdvanceAsync("P6M");
        var later = await h.Queries.InstancesAsync(new InstanceFilter("kwartaal"), EngineHarness.Admin, new Paging());

        Assert.Equal(["0335", "0632"], first.Items.Select(i => i.TenantId).Order(StringComparer.Ordinal));
        Assert.All(first.Items, i => Assert.Equal(new DateTimeOffset(2026, 4, 1, 6, 0, 0, TimeSpan.Zero), i.StartedAt));
        Assert.Equal(6, later.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NewVersion_TakesOverTheTimerStart(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider, options: o => o.TimerStartTenants.Add("0632"));
        await h.DeployAsync("timer-start.bpmn");
        var xml = await File.ReadAllTextAsync(EngineHarness.BpmnPath("timer-start.bpmn"));

        await h.DeployAsync(xml.Replace("Kwartaalcijfers controleren", "Kwartaalcijfers nakijken", StringComparison.Ordinal));
        await h.AdvanceAsync("P3M");

        var started = await h.Queries.InstancesAsync(new InstanceFilter("kwartaal"), EngineHarness.Admin, new Paging());
        var instance = Assert.Single(started.Items);
        Assert.Equal(2, instance.DefinitionVersion);
    }
}
