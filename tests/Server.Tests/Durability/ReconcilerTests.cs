using Inburgering.Engine;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// The reconciler keeps Quartz (timers) and Hangfire (partner calls) in line with the rows: rows without a trigger or a
/// Hangfire job get one (oldest first, in batches), triggers and scheduled Hangfire jobs without a row are removed, and outbox
/// rows a crash left behind are handed over.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class ReconcilerTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reconcile_RowsWithoutTriggers_AreScheduled_AndOrphanTriggersRemoved(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);

        // Rows only: as if every hand-over was lost (SQLite after any restart, PostgreSQL after a crash and an emptied store).
        await using (var rowsOnly = await InProcessEngine.CreateAsync(database, quartz: false))
        {
            await rowsOnly.DeployAsync(DurabilityBpmn.TimerAndPartnerCall);
            for (var i = 0; i < 150; i++)
            {
                await rowsOnly.Engine.StartInstanceAsync(new StartInstance("wachten", $"R-{i}", "0632", new() { ["wacht"] = $"PT{1 + (i % 7)}H" }), InProcessEngine.Admin);
            }

            for (var i = 0; i < 20; i++)
            {
                await rowsOnly.Engine.StartInstanceAsync(new StartInstance("aanmelden", $"J-{i}", "0632", null), InProcessEngine.Admin);
            }
        }

        await using var engine = await InProcessEngine.CreateAsync(database, quartz: true, reconcilerBatch: 64);
        var scheduler = await engine.SchedulerAsync();
        // A trigger an older version made for one timer, whose row is gone, and a moment no timer falls in.
        var orphan = new ScheduledWork(Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(1));
        var orphanKey = new TriggerKey(QuartzWorkScheduler.Name(orphan), QuartzWorkScheduler.TimerGroup);
        await scheduler.ScheduleJob(QuartzWorkScheduler.Trigger(QuartzWorkScheduler.FireTimerKey, orphanKey, orphan), ScheduleJobOptions.Replacing);
        var emptyMoment = QuartzWorkScheduler.MomentTrigger(QuartzWorkScheduler.Moment(DateTimeOffset.UtcNow.AddMinutes(30)));
        await scheduler.ScheduleJob(QuartzWorkScheduler.Trigger(QuartzWorkScheduler.FireTimerKey, emptyMoment, DateTimeOffset.UtcNow.AddMinutes(30)), ScheduleJobOptions.Replacing);
        var orphanCall = new ScheduledWork(Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(1));
        await engine.Hangfire().HandOverAsync([orphanCall], CancellationToken.None);

        // A partner-call trigger Quartz held before partner calls moved to Hangfire.
        var oldTrigger = new ScheduledWork(Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(1));
        await scheduler.ScheduleJob(QuartzWorkScheduler.Trigger(QuartzWorkScheduler.RunActivityKey, QuartzWorkScheduler.JobTrigger(oldTrigger), oldTrigger), ScheduleJobOptions.Replacing);
        var reconciler = engine.Reconciler();
        Assert.Contains(QuartzWorkScheduler.Name(orphanCall), engine.Hangfire().Existing().Scheduled.Keys);
        Assert.Contains(QuartzWorkScheduler.Name(oldTrigger), await engine.TriggersAsync(QuartzWorkScheduler.JobGroup));

        var first = await reconciler.ReconcileAsync(CancellationToken.None);

        await using (var db = database.Context())
        {
            var timers = await db.Timers.Where(t => t.Status == TimerStatus.Scheduled).Select(t => new { t.Id, t.DueAt }).ToListAsync();
            var jobs = await db.Jobs.Where(j => j.Status == JobStatus.Pending).Select(j => new { j.Id, j.DueAt }).ToListAsync();

            // One trigger per moment (a tenth of a second) in which a timer falls due.
            var moments = timers.Select(t => QuartzWorkScheduler.TimerTrigger(new(t.Id, t.DueAt)).Name).Distinct().Order().ToList();
            Assert.Equal(new ReconcileResult(moments.Count, 20, 4), first);
            Assert.Equal(moments, (await engine.TriggersAsync(QuartzWorkScheduler.TimerGroup)).Order());
            Assert.Equal(jobs.Select(j => QuartzWorkScheduler.Name(new(j.Id, j.DueAt))).Order(), engine.Hangfire().Existing().Names.Order());
            Assert.Empty(await engine.TriggersAsync(QuartzWorkScheduler.JobGroup));
            var trigger = await scheduler.GetTrigger(QuartzWorkScheduler.TimerTrigger(new(timers[0].Id, timers[0].DueAt)));
            Assert.Equal(QuartzWorkScheduler.Moment(timers[0].DueAt), trigger!.StartTimeUtc);
            Assert.InRange(trigger.StartTimeUtc - timers[0].DueAt, TimeSpan.Zero, QuartzWorkScheduler.Bucket);
        }

        Assert.False(await scheduler.Exists(orphanKey));
        Assert.False(await scheduler.Exists(emptyMoment));
        Assert.DoesNotContain(QuartzWorkScheduler.Name(orphanCall), engine.Hangfire().Existing().Names);

        // A second pass finds everything in order.
        Assert.Equal(new ReconcileResult(0, 0, 0), await reconciler.ReconcileAsync(CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DrainOutbox_LeftoversOfACrashBetweenCommitAndHandOver_AreHandedOver(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var engine = await InProcessEngine.CreateAsync(database, quartz: true);
        await engine.DeployAsync(DurabilityBpmn.TaskWithDeadline);
        var kept = await engine.Engine.StartInstanceAsync(new StartInstance("taakMetTermijn", "K", "0632", new() { ["termijn"] = "PT1H" }), InProcessEngine.Admin);
        var ended = await engine.Engine.StartInstanceAsync(new StartInstance("taakMetTermijn", "E", "0632", new() { ["termijn"] = "PT2H" }), InProcessEngine.Admin);
        var scheduler = await engine.SchedulerAsync();
        TimerEntity keptTimer, endedTimer;
        await using (var db = database.Context())
        {
            keptTimer = await db.Timers.SingleAsync(t => t.InstanceId == kept.Id);
            endedTimer = await db.Timers.SingleAsync(t => t.InstanceId == ended.Id);
        }

        // The crash: one step committed a new timer but never handed it over; another cancelled a timer but never unscheduled it.
        await scheduler.UnscheduleJob(QuartzWorkScheduler.TimerTrigger(new(keptTimer.Id, keptTimer.DueAt)));
        await using (var db = database.Context())
        {
            var old = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.Timers.Where(t => t.Id == endedTimer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled));
            db.Outbox.Add(new OutboxEntity { Kind = "timer", TargetId = keptTimer.Id, DueAt = keptTimer.DueAt, CreatedAt = old });
            db.Outbox.Add(new OutboxEntity { Kind = "timer-cancel", TargetId = endedTimer.Id, DueAt = endedTimer.DueAt, CreatedAt = old });
            await db.SaveChangesAsync();
        }

        var handedOver = await engine.Reconciler().DrainOutboxAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(2, handedOver);
        Assert.True(await scheduler.Exists(QuartzWorkScheduler.TimerTrigger(new(keptTimer.Id, keptTimer.DueAt))));
        await using (var db = database.Context())
        {
            Assert.Equal(0, await db.Outbox.CountAsync());
        }

        // The cancelled timer's moment stays until the full pass finds no timer in it.
        Assert.True(await scheduler.Exists(QuartzWorkScheduler.TimerTrigger(new(endedTimer.Id, endedTimer.DueAt))));
        await engine.Reconciler().ReconcileAsync(CancellationToken.None);
        Assert.False(await scheduler.Exists(QuartzWorkScheduler.TimerTrigger(new(endedTimer.Id, endedTimer.DueAt))));
        Assert.True(await scheduler.Exists(QuartzWorkScheduler.TimerTrigger(new(keptTimer.Id, keptTimer.DueAt))));
    }

    [SkippableFact]
    public async Task DrainOutbox_LeavesRowsYoungerThanTheGrace_ToTheirOwnStep()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);
        await using var engine = await InProcessEngine.CreateAsync(database, quartz: true);
        await using (var db = database.Context())
        {
            db.Outbox.Add(new OutboxEntity { Kind = "timer", TargetId = Guid.NewGuid(), DueAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await engine.Reconciler().DrainOutboxAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    /// <summary>
    /// The split registers Quartz (<c>AddQuartzScheduling</c>) and Hangfire inside <c>AddWorkScheduling</c>: one reconciler
    /// covers both, so a node runs exactly one (two would reconcile every row twice, racing each other).
    /// </summary>
    [Fact]
    public async Task TheSplit_RunsOneReconciler_ForQuartzAndHangfire()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Sqlite);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddProcessEngine(database.Options);
        builder.Services.AddWorkScheduling(database.Options, runServer: false);

        using var host = builder.Build();
        var hosted = host.Services.GetServices<IHostedService>().ToList();
        Assert.Single(hosted.OfType<WorkReconciler>());
        Assert.Contains(hosted, h => h.GetType().Name == "HangfireServerService" || h.GetType().Name == "QuartzHostedService");
    }
}
