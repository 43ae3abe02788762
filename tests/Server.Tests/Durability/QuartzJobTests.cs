using Inburgering.Engine;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Scheduling;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using Quartz;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// A one-shot trigger is gone once it has fired. A firing that did not fire a timer that is still scheduled, or that
/// failed, must leave a trigger behind, or the row waits for the reconciler's next full pass.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class QuartzJobTests
{
    [Fact]
    public async Task FiringBeforeTheDueMoment_LeavesATriggerForTheDueMoment()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        await using var engine = await InProcessEngine.CreateAsync(database, quartz: true);
        await engine.DeployAsync(DurabilityBpmn.TaskWithDeadline);
        var instance = await engine.Engine.StartInstanceAsync(new StartInstance("taakMetTermijn", "V", "0632", new() { ["termijn"] = "PT1H" }), InProcessEngine.Admin);
        TimerEntity timer;
        await using (var db = database.Context())
        {
            timer = await db.Timers.SingleAsync(t => t.InstanceId == instance.Id);
        }

        var scheduler = await engine.SchedulerAsync();
        var key = QuartzWorkScheduler.TimerTrigger(new(timer.Id, timer.DueAt));
        Assert.NotNull(await scheduler.GetTrigger(key));
        await scheduler.UnscheduleJob(key);

        // The timer's moment fires an hour early (another node's clock): nothing is due, so nothing fires.
        await engine.Create<FireTimerJob>().Execute(Context(scheduler, timer.Id, key));

        var trigger = await scheduler.GetTrigger(key);
        Assert.NotNull(trigger);
        Assert.Equal(timer.DueAt.UtcTicks / 10, trigger.StartTimeUtc.UtcTicks / 10);
        await using (var db = database.Context())
        {
            Assert.Equal(TimerStatus.Scheduled, (await db.Timers.SingleAsync(t => t.Id == timer.Id)).Status);
        }
    }

    [Fact]
    public async Task TimersOfOneMoment_ShareOneTrigger_AndOneFiringFiresThemAll()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        await using var engine = await InProcessEngine.CreateAsync(database, quartz: true);
        await engine.DeployAsync(DurabilityBpmn.TaskWithDeadline);
        for (var i = 0; i < 5; i++)
        {
            await engine.Engine.StartInstanceAsync(new StartInstance("taakMetTermijn", $"M-{i}", "0632", new() { ["termijn"] = "PT1H" }), InProcessEngine.Admin);
        }

        var due = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using (var db = database.Context())
        {
            // All five due in one moment, which has passed.
            await db.Timers.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, due));
        }

        var reconciled = await engine.Reconciler().ReconcileAsync(CancellationToken.None);
        Assert.Equal(1, reconciled.TimersScheduled);
        var scheduler = await engine.SchedulerAsync();
        var key = Assert.Single(await engine.TriggersAsync(QuartzWorkScheduler.TimerGroup), n => n.StartsWith(QuartzWorkScheduler.MomentPrefix, StringComparison.Ordinal));

        await engine.Create<FireTimerJob>().Execute(Context(scheduler, Guid.Empty, new TriggerKey(key, QuartzWorkScheduler.TimerGroup)));

        await using (var db = database.Context())
        {
            Assert.Equal(5, await db.Timers.CountAsync(t => t.Status == TimerStatus.Fired));
            Assert.Equal(0, await db.Timers.CountAsync(t => t.ClaimedUntil != null));
        }
    }

    [Fact]
    public async Task FiringThatFails_LeavesARetryTrigger_ThatWaitsLongerAfterEachFailure()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        await using var engine = await InProcessEngine.CreateAsync(database, quartz: true);
        var scheduler = await engine.SchedulerAsync();
        var id = Guid.NewGuid();
        var key = new TriggerKey("mislukt", QuartzWorkScheduler.TimerGroup);
        await using (var db = database.Context())
        {
            // The database fails under the firing.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE timers");
        }

        // Each retry is scheduled from the moment its firing failed: bracket each firing by the clock before and after it, so a
        // busy machine (a slow firing) cannot move the expected window.
        var before = DateTimeOffset.UtcNow;
        await engine.Create<FireTimerJob>().Execute(Context(scheduler, id, key));
        var after = DateTimeOffset.UtcNow;
        var first = await scheduler.GetTrigger(key);
        var beforeSecond = DateTimeOffset.UtcNow;
        await engine.Create<FireTimerJob>().Execute(Context(scheduler, id, key, first!.JobDataMap));
        var afterSecond = DateTimeOffset.UtcNow;
        var second = await scheduler.GetTrigger(key);

        // The first retry waits 5 s, the second 10 s: each waits longer than the one before.
        Assert.InRange(first.StartTimeUtc, before + TimeSpan.FromSeconds(5), after + TimeSpan.FromSeconds(5));
        Assert.InRange(second!.StartTimeUtc, beforeSecond + TimeSpan.FromSeconds(10), afterSecond + TimeSpan.FromSeconds(10));
        Assert.Equal("2", second.JobDataMap.GetString(QuartzRetry.RetryKey));
    }

    private static IJobExecutionContext Context(IScheduler scheduler, Guid id, TriggerKey key, JobDataMap? data = null)
    {
        var map = new JobDataMap();
        foreach (var (name, value) in data ?? [])
        {
            map[name] = value;
        }

        map[QuartzWorkScheduler.IdKey] = id.ToString("N");
        var trigger = Substitute.For<ITrigger>();
        trigger.Key.Returns(key);
        var context = Substitute.For<IJobExecutionContext>();
        context.MergedJobDataMap.Returns(map);
        context.Scheduler.Returns(scheduler);
        context.Trigger.Returns(trigger);
        return context;
    }
}
