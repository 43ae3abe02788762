using Inburgering.Engine;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests;

/// <summary>One transaction per step with optimistic concurrency on the instance: races are retried or refused, never lost.</summary>
public sealed class ConcurrencyTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ParallelBranches_CompletedAtTheSameTime_BothCountAndJoinOnce(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("parallel-gateway.bpmn");
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await h.StartAsync("parallel", new { n = i }));
        }

        await Parallel.ForEachAsync(ids, async (id, ct) =>
        {
            var a = await h.TaskAsync(id, "a");
            var b = await h.TaskAsync(id, "b");
            await Task.WhenAll(
                h.Engine.CompleteTaskAsync(a.Id, EngineHarness.ToJson(new { vanA = true }), EngineHarness.Admin, ct),
                h.Engine.CompleteTaskAsync(b.Id, EngineHarness.ToJson(new { vanB = true }), EngineHarness.Admin, ct));
        });

        foreach (var id in ids)
        {
            var instance = await h.InstanceAsync(id);
            Assert.Equal(["after"], instance.ActiveElements);
            Assert.True(instance.Variables["vanA"]!.GetValue<bool>());
            Assert.True(instance.Variables["vanB"]!.GetValue<bool>());
            Assert.Single(await h.JournalAsync(id), j => j.Type == "element-joined");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SameTask_CompletedTwiceAtOnce_OneWinsTheOtherIsRefused(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("parallel-gateway.bpmn");
        var id = await h.StartAsync("parallel");
        var task = await h.TaskAsync(id, "a");

        var attempts = Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await h.Engine.CompleteTaskAsync(task.Id, EngineHarness.ToJson(new { door = i }), EngineHarness.Admin);
                return true;
            }
            catch (EngineException ex) when (ex.Kind == EngineErrorKind.Conflict)
            {
                return false;
            }
        }).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
        Assert.Single(await h.JournalAsync(id), j => j.Type == "task-completed" && j.ElementId == "a");
        Assert.Equal(["b", "join", "join"], await h.ActiveAsync(id));
    }
}
