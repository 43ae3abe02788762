using Hangfire;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Inburgering.Engine.Hosting;

/// <summary>
/// Health checks of the engine's dependencies, for <c>/health/ready</c> (tag <see cref="Tag"/>): the database answers, Quartz
/// runs and reaches its store, Hangfire reaches its storage and this node's server is alive.
/// </summary>
public static class SchedulingHealth
{
    public const string Tag = "ready";

    /// <summary>The database check (every host).</summary>
    public static IHealthChecksBuilder AddEngineDatabaseCheck(this IHealthChecksBuilder builder) =>
        builder.AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [Tag], TimeSpan.FromSeconds(10));

    /// <summary>The Quartz and Hangfire checks (hosts with real-time scheduling).</summary>
    public static IHealthChecksBuilder AddSchedulingChecks(this IHealthChecksBuilder builder) =>
        builder.AddCheck<QuartzHealthCheck>("quartz", HealthStatus.Unhealthy, [Tag], TimeSpan.FromSeconds(10))
            .AddCheck<HangfireHealthCheck>("hangfire", HealthStatus.Unhealthy, [Tag], TimeSpan.FromSeconds(10));
}

internal sealed class DatabaseHealthCheck(IEngineDbContextFactory databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("De database antwoordt.")
            : HealthCheckResult.Unhealthy("De database antwoordt niet.");
    }
}

internal sealed class QuartzHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (scheduler.Status != SchedulerStatus.Running)
        {
            return HealthCheckResult.Unhealthy("Quartz (timers) draait niet.");
        }

        // A look into the job store (the database on PostgreSQL).
        return await scheduler.Exists(QuartzWorkScheduler.FireTimerKey, cancellationToken)
            ? HealthCheckResult.Healthy("Quartz (timers) draait.")
            : HealthCheckResult.Unhealthy("Quartz mist de timerjob.");
    }
}

internal sealed class HangfireHealthCheck(JobStorage storage, HangfireSettings settings, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = await Task.Run(() => storage.GetMonitoringApi().Servers(), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var alive = servers.Count(s => s.Queues.Contains(HangfireWorkScheduler.Queue) && s.Heartbeat is { } beat && now - beat < settings.ServerTimeout);
        return alive > 0
            ? HealthCheckResult.Healthy($"Hangfire (partneraanroepen) draait op {alive} node(s).")
            : HealthCheckResult.Unhealthy("Geen Hangfire-server (partneraanroepen) draait.");
    }
}

/// <summary>How much work waits in the schedulers: Quartz's timer triggers and Hangfire's partner-call jobs.</summary>
public sealed record SchedulerQueueDepths(long QuartzTimersWaiting, long HangfireEnqueued, long HangfireScheduled, long HangfireProcessing);

/// <summary>Reads the schedulers' queue depths (for <c>/metrics</c>); on PostgreSQL one count query per store.</summary>
public sealed class SchedulerQueues
{
    private readonly ISchedulerFactory _schedulers;
    private readonly JobStorage _storage;
    private readonly IEngineDbContextFactory _databases;
    private readonly EngineDatabaseOptions _database;

    internal SchedulerQueues(ISchedulerFactory schedulers, JobStorage storage, IEngineDbContextFactory databases, EngineDatabaseOptions database)
    {
        _schedulers = schedulers;
        _storage = storage;
        _databases = databases;
        _database = database;
    }

    public async Task<SchedulerQueueDepths> ReadAsync(CancellationToken cancellationToken)
    {
        long quartz;
        if (_database.Provider == DatabaseProvider.PostgreSql)
        {
            // Counting keys through Quartz's API would read every trigger name of a large backlog.
            await using var db = _databases.Create();
            quartz = await db.Database
                .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM qrtz_triggers WHERE trigger_group = {0} AND trigger_state = 'WAITING'", QuartzWorkScheduler.TimerGroup)
                .SingleAsync(cancellationToken);
        }
        else
        {
            var scheduler = await _schedulers.GetScheduler(cancellationToken);
            quartz = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzWorkScheduler.TimerGroup), cancellationToken)).Count;
        }

        var (enqueued, scheduled, processing) = await Task.Run(
            () =>
            {
                var monitoring = _storage.GetMonitoringApi();
                return (monitoring.EnqueuedCount(HangfireWorkScheduler.Queue), monitoring.ScheduledCount(), monitoring.ProcessingCount());
            },
            cancellationToken);
        return new SchedulerQueueDepths(quartz, enqueued, scheduled, processing);
    }
}
