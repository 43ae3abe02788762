using Inburgering.Engine;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// Issue 14: every node of a cluster joins a drain. A node looks for timers that have been due for a while and that no
/// pump's claim holds, and drains them itself, whether Quartz gave it a trigger or not (a burst fired on another node,
/// or a trigger that was lost).
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class TimerBacklogWatchTests
{
    [SkippableFact]
    public async Task DueTimersNoTriggerStandsFor_AreFiredByANodesBacklogWatch_EachOnce()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);

        // Rows without triggers: written by an engine without Quartz (as after a crash before the hand-over).
        var instances = new List<Guid>();
        await using (var writer = await InProcessEngine.CreateAsync(database, quartz: false))
        {
            await writer.DeployAsync(DurabilityBpmn.TaskWithDeadline);
            for (var i = 0; i < 5; i++)
            {
                instances.Add((await writer.Engine.StartInstanceAsync(new StartInstance("taakMetTermijn", $"B-{i}", "0632", new() { ["termijn"] = "PT1H" }), InProcessEngine.Admin)).Id);
            }
        }

        await using (var db = database.Context())
        {
            // Due for five seconds already, longer than a check's interval (two seconds).
            await db.Timers.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, DateTimeOffset.UtcNow.AddSeconds(-5)));
        }

        // A node whose Quartz holds no trigger for them (its scheduler does not even run): only its watch can fire them.
        await using var node = await InProcessEngine.CreateAsync(database, quartz: true);
        var watch = node.Create<TimerBacklogWatch>();
        await watch.StartAsync(CancellationToken.None);
        try
        {
            // Generous bound for a busy machine; it takes about one check (two seconds) on a quiet one.
            await Eventually.WaitAsync(
                async () =>
                {
                    await using var db = database.Context();
                    return await db.Timers.CountAsync(t => t.Status == TimerStatus.Fired);
                },
                fired => fired == instances.Count,
                TimeSpan.FromSeconds(60),
                "the node's backlog watch fired every due timer");
        }
        finally
        {
            await watch.StopAsync(CancellationToken.None);
        }

        await using (var db = database.Context())
        {
            var firings = await db.Journal.Where(j => j.Type == "timer-fired").GroupBy(j => j.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Assert.Equal(instances.Order(), firings.Select(f => f.Key).Order());
            Assert.All(firings, f => Assert.Equal(1, f.Count));
            Assert.Equal(0, await db.Timers.CountAsync(t => t.ClaimedUntil != null));
        }
    }
}
