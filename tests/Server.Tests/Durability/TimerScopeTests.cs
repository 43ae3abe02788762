using Inburgering.Engine;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// A timer whose scope ends (its task completed, its instance cancelled) leaves no trigger behind in Quartz: its moment's
/// trigger, which other timers may share, stays until the reconciler finds no timer in that moment.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class TimerScopeTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TimerWhoseScopeEnded_LeavesNoTriggerBehind(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var engine = await InProcessEngine.CreateAsync(database, quartz: true);
        await engine.DeployAsync(DurabilityBpmn.TaskWithDeadline);
        await engine.DeployAsync(DurabilityBpmn.Cycle);
        var completed = await engine.Engine.StartInstanceAsync(new StartInstance("taakMetTermijn", "C", "0632", new() { ["termijn"] = "PT1H" }), InProcessEngine.Admin);
        var cancelled = await engine.Engine.StartInstanceAsync(new StartInstance("taakMetTermijn", "X", "0632", new() { ["termijn"] = "P14D" }), InProcessEngine.Admin);
        var cycle = await engine.Engine.StartInstanceAsync(new StartInstance("cyclus", "Y", "0632", null), InProcessEngine.Admin);
        Assert.Equal(3, (await engine.TriggersAsync(QuartzWorkScheduler.TimerGroup)).Count);

        // Each scope ends in a later step, which reads its timer back from the database (PostgreSQL keeps microseconds).
        await using (var db = database.Context())
        {
            var tasks = await db.UserTasks.Where(t => t.InstanceId == completed.Id || t.InstanceId == cycle.Id).Select(t => t.Id).ToListAsync();
            foreach (var task in tasks)
            {
                await engine.Engine.CompleteTaskAsync(task, null, InProcessEngine.Admin);
            }
        }

        await engine.Engine.CancelInstanceAsync(cancelled.Id, "test", InProcessEngine.Admin);

        await using (var db = database.Context())
        {
            Assert.Equal(3, await db.Timers.CountAsync(t => t.Status == TimerStatus.Cancelled));
            Assert.Equal(0, await db.Outbox.CountAsync());
        }

        // The reconciler removes the three moments nobody needs, and then finds nothing to add or remove.
        Assert.Equal(new ReconcileResult(0, 0, 3), await engine.Reconciler().ReconcileAsync(CancellationToken.None));
        Assert.Empty(await engine.TriggersAsync(QuartzWorkScheduler.TimerGroup));
        Assert.Equal(new ReconcileResult(0, 0, 0), await engine.Reconciler().ReconcileAsync(CancellationToken.None));
    }
}
