using System.Text.Json;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Engine.Tests;

/// <summary>
/// PostgreSQL's one-round-trip reads (<see cref="PostgresLoads"/>) read the same rows, to the last property, as the EF Core
/// queries they replace, at every kind of wait, and track them as a tracking query would.
/// </summary>
public sealed class PostgresLoadsTests
{
    [SkippableFact]
    public async Task InstanceLoad_ReadsWhatEfCoreReads_AtEveryWaitState()
    {
        await using var h = await EngineHarness.CreateAsync(DatabaseProvider.PostgreSql);
        await h.DeployAsync("durable.bpmn");
        var id = await h.StartAsync("durable", new { naam = "Amina \"Ami\" \\ 😀", getal = 1.5 }, "P-1");

        // A task, a pending job; then a running timer in the sub-process; then a message subscription with a cycle timer.
        await AssertSameAsync(h, id, "task and job");
        await h.RunJobsAsync();
        await h.CompleteAsync(id, "intake", new { uitslag = "goed" });
        await AssertSameAsync(h, id, "timer");
        await h.AdvanceAsync("P6M");
        await AssertSameAsync(h, id, "message and cycle timer");

        // An instant Npgsql writes as -infinity (DateTimeOffset.MinValue) reads back as the same instant.
        await using (var db = Context(h))
        {
            await db.Timers.Where(t => t.InstanceId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.FirstDueAt, DateTimeOffset.MinValue));
        }

        await AssertSameAsync(h, id, "-infinity");
        await h.Engine.CorrelateMessageAsync(new CorrelateMessage("besluit", "P-1", EngineHarness.ToJson(new { besluit = "akkoord" })), EngineHarness.Admin);
        await AssertSameAsync(h, id, "ended");

        await using (var db = Context(h))
        {
            Assert.Null(await PostgresLoads.InstanceAsync(db, Guid.NewGuid(), default));
        }
    }

    [SkippableFact]
    public async Task InstanceLoad_KeepsTheEntityTheContextAlreadyTracks()
    {
        await using var h = await EngineHarness.CreateAsync(DatabaseProvider.PostgreSql);
        await h.DeployAsync("durable.bpmn");
        var id = await h.StartAsync("durable", null, "P-1");
        await using var db = Context(h);
        var task = await db.UserTasks.SingleAsync(t => t.InstanceId == id);
        task.Name = "changed, not saved";

        var loaded = await PostgresLoads.InstanceAsync(db, id, default);

        Assert.Same(task, Assert.Single(loaded!.Tasks));
        Assert.Equal(EntityState.Modified, db.Entry(task).State);
        Assert.All(loaded.Executions, e => Assert.Equal(EntityState.Unchanged, db.Entry(e).State));
        Assert.Equal(EntityState.Unchanged, db.Entry(loaded.Instance).State);
    }

    [SkippableFact]
    public async Task TaskLoad_ReadsTheTaskAndItsInstance_AsTheInstanceLoadDoes()
    {
        await using var h = await EngineHarness.CreateAsync(DatabaseProvider.PostgreSql);
        await h.DeployAsync("durable.bpmn");
        var id = await h.StartAsync("durable", new { naam = "Amina" }, "P-1");
        Guid taskId;
        await using (var ef = Context(h))
        {
            taskId = (await ef.UserTasks.SingleAsync(t => t.InstanceId == id)).Id;
        }

        await AssertTaskLoadAsync(h, taskId, id);
        await h.RunJobsAsync();
        await h.CompleteAsync(id, "intake", new { uitslag = "goed" });

        // A completed task still reads (its instance waits on a timer now, the task no longer among its open ones).
        var (task, instance) = await AssertTaskLoadAsync(h, taskId, id);
        Assert.Equal(UserTaskStatus.Completed, task.Status);
        Assert.DoesNotContain(instance.Tasks, t => t.Id == taskId);
        Assert.NotEmpty(instance.Timers);

        await using var db = Context(h);
        Assert.Equal((null, null), await PostgresLoads.TaskAndInstanceAsync(db, Guid.NewGuid(), default));
    }

    [SkippableFact]
    public async Task JobClaim_TakesAReadyJobOnce_AndReadsWhatEfCoreReads()
    {
        await using var h = await EngineHarness.CreateAsync(DatabaseProvider.PostgreSql);
        await h.DeployAsync("durable.bpmn");
        var id = await h.StartAsync("durable", new { naam = "Amina" }, "P-1");
        await using var db = Context(h);
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.InstanceId == id);
        var now = h.Clock.GetUtcNow();

        // Not due yet: not claimed.
        Assert.Null(await PostgresLoads.ClaimJobAsync(db, job.Id, job.DueAt.AddSeconds(-1), "node-a", now.AddMinutes(5), takeOverLease: false, default));

        var claimed = await PostgresLoads.ClaimJobAsync(db, job.Id, now, "node-a", now.AddMinutes(5), takeOverLease: false, default);
        Assert.NotNull(claimed);
        var stored = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == job.Id);
        Assert.Equal((JobStatus.Running, "node-a", now.AddMinutes(5), job.Attempts + 1, job.Version + 1), (stored.Status, stored.LockedBy, stored.LockedUntil, stored.Attempts, stored.Version));
        Assert.Equal(Row(stored), Row(claimed!.Job));
        Assert.Equal(Row(await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id)), Row(claimed.Instance));
        Assert.Equal(
            (await db.Executions.AsNoTracking().Where(e => e.InstanceId == id).ToListAsync()).Select(Row).Order(StringComparer.Ordinal),
            claimed.Executions.Select(Row).Order(StringComparer.Ordinal));

        // Running under a lease: another node does not get it, until the lease has passed or it takes over.
        Assert.Null(await PostgresLoads.ClaimJobAsync(db, job.Id, now, "node-b", now.AddMinutes(5), takeOverLease: false, default));
        Assert.Equal("node-b", (await PostgresLoads.ClaimJobAsync(db, job.Id, now.AddMinutes(6), "node-b", now.AddMinutes(11), takeOverLease: false, default))!.Job.LockedBy);
        Assert.Equal("node-c", (await PostgresLoads.ClaimJobAsync(db, job.Id, now, "node-c", now.AddMinutes(5), takeOverLease: true, default))!.Job.LockedBy);
        Assert.Null(await PostgresLoads.ClaimJobAsync(db, Guid.NewGuid(), now, "node-a", now.AddMinutes(5), takeOverLease: true, default));
    }

    [SkippableFact]
    public async Task BatchClaim_TakesTheReadyJobsOfSeveralInstances_WithTheirOwnExecutions()
    {
        await using var h = await EngineHarness.CreateAsync(DatabaseProvider.PostgreSql);
        await h.DeployAsync("durable.bpmn");
        var ids = new[] { await h.StartAsync("durable", new { naam = "Amina" }, "P-1"), await h.StartAsync("durable", new { naam = "Bilal" }, "P-2"), await h.StartAsync("durable", new { naam = "Chen" }, "P-3") };
        await using var db = Context(h);
        var jobs = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).ToListAsync();
        Assert.Equal(3, jobs.Count);
        var now = h.Clock.GetUtcNow();

        // The third is running under another node's lease: left out; an unknown id is left out too.
        Assert.NotNull(await PostgresLoads.ClaimJobAsync(db, jobs[2].Id, now, "node-b", now.AddMinutes(5), takeOverLease: false, default));
        var claimed = await PostgresLoads.ClaimJobsAsync(db, [jobs[0].Id, jobs[1].Id, jobs[2].Id, Guid.NewGuid()], now, "node-a", now.AddMinutes(5), default);

        Assert.Equal(new[] { jobs[0].Id, jobs[1].Id }.Order(), claimed.Select(c => c.Job.Id).Order());
        foreach (var c in claimed)
        {
            var stored = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == c.Job.Id);
            Assert.Equal((JobStatus.Running, "node-a", now.AddMinutes(5)), (stored.Status, stored.LockedBy, stored.LockedUntil));
            Assert.Equal(Row(stored), Row(c.Job));
            Assert.Equal(Row(await db.Instances.AsNoTracking().SingleAsync(i => i.Id == c.Job.InstanceId)), Row(c.Instance));
            Assert.Equal(
                (await db.Executions.AsNoTracking().Where(e => e.InstanceId == c.Job.InstanceId).ToListAsync()).Select(Row).Order(StringComparer.Ordinal),
                c.Executions.Select(Row).Order(StringComparer.Ordinal));
        }

        // Claimed once: a second batch finds nothing ready until the lease has passed.
        Assert.Empty(await PostgresLoads.ClaimJobsAsync(db, [jobs[0].Id, jobs[1].Id], now, "node-c", now.AddMinutes(5), default));
        Assert.Equal(2, (await PostgresLoads.ClaimJobsAsync(db, [jobs[0].Id, jobs[1].Id], now.AddMinutes(6), "node-c", now.AddMinutes(11), default)).Count);
    }

    private static EngineDbContext Context(EngineHarness h) => h.Services.GetRequiredService<IEngineDbContextFactory>().Create();

    private static async Task AssertSameAsync(EngineHarness h, Guid id, string when)
    {
        await using var ef = Context(h);
        var instance = await ef.Instances.SingleAsync(i => i.Id == id);
        var active = instance.Status == InstanceStatus.Active;
        var executions = active ? await ef.Executions.Where(e => e.InstanceId == id).ToListAsync() : [];
        var tasks = active ? await ef.UserTasks.Where(t => t.InstanceId == id && t.Status == UserTaskStatus.Open).ToListAsync() : [];
        var timers = active ? await ef.Timers.Where(t => t.InstanceId == id && t.Status == TimerStatus.Scheduled).ToListAsync() : [];
        var subscriptions = active ? await ef.MessageSubscriptions.Where(s => s.InstanceId == id).ToListAsync() : [];
        var jobs = active ? await ef.Jobs.Where(j => j.InstanceId == id && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running)).ToListAsync() : [];

        await using var db = Context(h);
        var loaded = await PostgresLoads.InstanceAsync(db, id, default);

        Assert.NotNull(loaded);
        Assert.Equal(Row(instance), Row(loaded!.Instance));
        AssertRows(executions, loaded.Executions, when);
        AssertRows(tasks, loaded.Tasks, when);
        AssertRows(timers, loaded.Timers, when);
        AssertRows(subscriptions, loaded.Subscriptions, when);
        AssertRows(jobs, loaded.Jobs, when);
        Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
        Assert.Equal(1 + loaded.Executions.Count + loaded.Tasks.Count + loaded.Timers.Count + loaded.Subscriptions.Count + loaded.Jobs.Count, db.ChangeTracker.Entries().Count());
        if (when == "message and cycle timer")
        {
            Assert.NotEmpty(loaded.Subscriptions);
            Assert.NotEmpty(loaded.Timers);
        }
    }

    /// <summary>The task and its instance read in one batch: the rows of the task's own read and of the instance load, tracked once.</summary>
    private static async Task<(UserTaskEntity Task, PostgresLoads.LoadedInstance Instance)> AssertTaskLoadAsync(EngineHarness h, Guid taskId, Guid instanceId)
    {
        await using var separate = Context(h);
        var expectedTask = await separate.UserTasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
        var expected = await PostgresLoads.InstanceAsync(separate, instanceId, default);

        await using var db = Context(h);
        var (task, instance) = await PostgresLoads.TaskAndInstanceAsync(db, taskId, default);

        Assert.NotNull(task);
        Assert.NotNull(instance);
        Assert.Equal(Row(expectedTask), Row(task));
        Assert.Equal(Row(expected!.Instance), Row(instance!.Instance));
        AssertRows(expected.Executions, instance.Executions, "by task");
        AssertRows(expected.Tasks, instance.Tasks, "by task");
        AssertRows(expected.Timers, instance.Timers, "by task");
        AssertRows(expected.Subscriptions, instance.Subscriptions, "by task");
        AssertRows(expected.Jobs, instance.Jobs, "by task");
        if (instance.Tasks.FirstOrDefault(t => t.Id == taskId) is { } open)
        {
            Assert.Same(task, open);
        }

        Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
        return (task!, instance);
    }

    private static void AssertRows<T>(List<T> expected, List<T> actual, string when)
    {
        Assert.True(
            expected.Select(Row).Order(StringComparer.Ordinal).SequenceEqual(actual.Select(Row).Order(StringComparer.Ordinal)),
            $"{when}: {typeof(T).Name} rows differ:\n{string.Join("\n", expected.Select(Row))}\n---\n{string.Join("\n", actual.Select(Row))}");
    }

    /// <summary>Every property of a row, with instants in UTC ticks and offset (as EF Core would compare and write them).</summary>
    private static string Row<T>(T row) => string.Join("|", typeof(T).GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.GetValue(row) switch
    {
        DateTimeOffset d => $"{p.Name}={d.UtcTicks}/{d.Offset}",
        null => $"{p.Name}=null",
        var v => $"{p.Name}={JsonSerializer.Serialize(v)}",
    }));
}
