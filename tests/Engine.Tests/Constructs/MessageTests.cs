using Inburgering.Engine;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class MessageTests
{
    private static CorrelateMessage Message(string name, string? key, object? variables = null, string? gemeente = null, string? messageId = null, TimeSpan? ttl = null) =>
        new(name, key, EngineHarness.ToJson(variables), gemeente, messageId, ttl);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReceiveTask_IsCorrelatedByNameAndBusinessKey_Only(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("messages.bpmn");
        var mine = await h.StartAsync("messages", businessKey: "P-1");
        var other = await h.StartAsync("messages", businessKey: "P-2");

        var result = await h.Engine.CorrelateMessageAsync(Message("duo.diploma", "P-1", new { diploma = "B1" }), EngineHarness.Admin);

        Assert.Equal([mine], result.CorrelatedInstances);
        Assert.Equal(["catch"], await h.ActiveAsync(mine));
        Assert.Equal(["wait"], await h.ActiveAsync(other));
        Assert.Equal("B1", (await h.InstanceAsync(mine)).Variables["diploma"]!.GetValue<string>());
        Assert.Contains(await h.JournalAsync(mine), j => j.Type == "message-correlated" && j.ElementId == "wait");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task IntermediateCatch_IsCorrelatedAfterReceiveTask(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("messages.bpmn");
        var id = await h.StartAsync("messages", businessKey: "P-1");
        await h.Engine.CorrelateMessageAsync(Message("duo.diploma", "P-1"), EngineHarness.Admin);

        await h.Engine.CorrelateMessageAsync(Message("duo.melding", "P-1"), EngineHarness.Admin);

        Assert.Equal(["done"], await h.ActiveAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task InterruptingMessageBoundary_CancelsTheWait(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("messages.bpmn");
        var id = await h.StartAsync("messages", businessKey: "P-1");

        await h.Engine.CorrelateMessageAsync(Message("duo.verhuisd", "P-1"), EngineHarness.Admin);

        Assert.Equal(["handover"], await h.ActiveAsync(id));
        var late = await Assert.ThrowsAsync<EngineException>(() => h.Engine.CorrelateMessageAsync(Message("extra", null), EngineHarness.Admin));
        Assert.Equal(EngineErrorKind.NotFound, late.Kind);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NonInterruptingMessageBoundary_ForksAndKeepsWaiting(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("messages.bpmn");
        var id = await h.StartAsync("messages", businessKey: "P-1");

        await h.Engine.CorrelateMessageAsync(Message("extra", "P-1"), EngineHarness.Admin);
        await h.Engine.CorrelateMessageAsync(Message("extra", "P-1"), EngineHarness.Admin);

        Assert.Equal(["readExtra", "readExtra", "wait"], await h.ActiveAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MessageBeforeCatch_IsBuffered_AndConsumedWhenTheCatchArrives(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("messages.bpmn");
        var id = await h.StartAsync("messages", businessKey: "P-1");

        var early = await h.Engine.CorrelateMessageAsync(Message("duo.melding", "P-1", new { melding = "SS102" }), EngineHarness.Admin);
        Assert.Empty(early.CorrelatedInstances);
        Assert.NotNull(early.BufferedMessageId);
        Assert.Equal(["wait"], await h.ActiveAsync(id));

        await h.Engine.CorrelateMessageAsync(Message("duo.diploma", "P-1"), EngineHarness.Admin);

        var instance = await h.InstanceAsync(id);
        Assert.Equal(["done"], instance.ActiveElements);
        Assert.Equal("SS102", instance.Variables["melding"]!.GetValue<string>());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BufferedMessage_ExpiresAfterItsTimeToLive(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("messages.bpmn");
        var id = await h.StartAsync("messages", businessKey: "P-1");
        await h.Engine.CorrelateMessageAsync(Message("duo.melding", "P-1", ttl: TimeSpan.FromDays(2)), EngineHarness.Admin);

        await h.AdvanceAsync("P3D");
        await h.Engine.CorrelateMessageAsync(Message("duo.diploma", "P-1"), EngineHarness.Admin);

        Assert.Equal(["catch"], await h.ActiveAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MessageStartEvent_StartsInstance_WithKeyAndGemeente(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("message-start.bpmn");

        var result = await h.Engine.CorrelateMessageAsync(Message("duo.nieuw", "P-9", new { bron = "SS139" }, "0335", "bericht-1"), EngineHarness.Admin);
        var repeat = await h.Engine.CorrelateMessageAsync(Message("duo.nieuw", "P-9", new { bron = "SS139" }, "0335", "bericht-1"), EngineHarness.Admin);

        var started = Assert.Single(result.StartedInstances);
        var instance = await h.InstanceAsync(started);
        Assert.Equal("P-9", instance.BusinessKey);
        Assert.Equal("0335", instance.TenantId);
        Assert.Equal("SS139", instance.Variables["bron"]!.GetValue<string>());
        Assert.Equal(["intake"], instance.ActiveElements);
        Assert.True(repeat.Duplicate);
        Assert.Empty(repeat.StartedInstances);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Correlation_NeverReachesAnotherGemeente(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("messages.bpmn");
        var woerden = await h.StartAsync("messages", businessKey: "P-1", gemeente: "0632");
        var montfoort = new Actor("m", new HashSet<string> { "consulent" }, new HashSet<string> { "0335" });

        var result = await h.Engine.CorrelateMessageAsync(Message("duo.diploma", "P-1"), montfoort);

        Assert.Empty(result.CorrelatedInstances);
        Assert.NotNull(result.BufferedMessageId);
        Assert.Equal(["wait"], await h.ActiveAsync(woerden));
        // And a Woerden catch does not consume Montfoort's buffered message.
        await h.Engine.CorrelateMessageAsync(Message("duo.verhuisd", "P-1"), EngineHarness.Admin);
        Assert.Equal(["handover"], await h.ActiveAsync(woerden));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SameMessageId_DeliveredConcurrently_StartsOneInstance(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("message-start.bpmn");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            h.Engine.CorrelateMessageAsync(Message("duo.nieuw", "P-77", null, "0632", "duo:bericht-77"), EngineHarness.Admin)));

        Assert.Single(results, r => !r.Duplicate);
        Assert.Single(results.SelectMany(r => r.StartedInstances));
        var instances = await h.Queries.InstancesAsync(new Engine.Queries.InstanceFilter("messageStart"), EngineHarness.Admin, new Engine.Queries.Paging());
        Assert.Equal(1, instances.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MessageStart_StartsPerGemeente_ButNeverASecondActiveInstanceInOne(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("message-start.bpmn");

        var first = await h.Engine.CorrelateMessageAsync(Message("duo.nieuw", "P-8", null, "0632"), EngineHarness.Admin);
        var again = await h.Engine.CorrelateMessageAsync(Message("duo.nieuw", "P-8", null, "0632"), EngineHarness.Admin);
        var moved = await h.Engine.CorrelateMessageAsync(Message("duo.nieuw", "P-8", null, "1901"), EngineHarness.Admin);

        Assert.Single(first.StartedInstances);
        Assert.Empty(again.StartedInstances);
        Assert.NotNull(again.BufferedMessageId);
        Assert.Equal("1901", (await h.InstanceAsync(Assert.Single(moved.StartedInstances))).TenantId);
    }
}
