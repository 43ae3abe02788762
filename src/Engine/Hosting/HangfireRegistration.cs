using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.Hosting;

/// <summary>Settings of the partner calls' Hangfire server (section <c>Inburgering:Hangfire</c>).</summary>
public sealed class HangfireSettings
{
    /// <summary>
    /// How many partner calls run at once on this node (Hangfire workers; the timers have Quartz's threads apart). Unset: 10 on
    /// PostgreSQL; 4 on SQLite, whose one writer makes more pointless.
    /// </summary>
    public int? WorkerCount { get; set; }

    /// <summary>The PostgreSQL schema of Hangfire's tables (created when missing), beside the engine's and Quartz's tables.</summary>
    public string SchemaName { get; set; } = "hangfire";

    /// <summary>How often a node looks for scheduled jobs that fell due (Hangfire's default is 15 s: a back-off would wait that long).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle worker looks at the queue on PostgreSQL (Hangfire.PostgreSql's default is 15 s).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a job fetched by a node that died stays invisible before another node takes it (sliding: a live node keeps
    /// extending it). The engine's lease decides independently when another node may run the call again.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// PostgreSQL: after how long a lock of Hangfire's (a job's state change, the poller that enqueues scheduled jobs) counts as
    /// left behind by a node that died, and is taken over. Hangfire.PostgreSql's default, 10 minutes, holds up a job whose state
    /// change a SIGKILL interrupted, or every back-off, that long; its locks are held for milliseconds, and a job run twice
    /// does no harm (the row decides).
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After how long without a heartbeat a node counts as dead on the dashboard.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromMinutes(1);
}

public static class HangfireRegistration
{
    /// <summary>
    /// The engine's scheduling on its split: timers on Quartz (<see cref="QuartzRegistration.AddQuartzScheduling"/>), partner
    /// calls on Hangfire (<see cref="AddHangfirePartnerCalls"/>), each with its own capacity; one reconciler keeps both in
    /// line with the rows.
    /// </summary>
    public static IServiceCollection AddWorkScheduling(this IServiceCollection services, EngineDatabaseOptions database, SchedulerSettings? scheduler = null, HangfireSettings? hangfire = null, Action<ReconcilerOptions>? reconciler = null, bool runServer = true)
    {
        services.AddQuartzScheduling(database, scheduler, reconciler);
        services.AddHangfirePartnerCalls(database, hangfire, runServer);
        services.RemoveAll<IWorkScheduler>();
        services.AddSingleton<SplitWorkScheduler>(sp => new(sp.GetRequiredService<QuartzWorkScheduler>(), sp.GetRequiredService<HangfireWorkScheduler>()));
        services.AddSingleton<IWorkScheduler>(sp => sp.GetRequiredService<SplitWorkScheduler>());
        services.AddHostedService<WorkReconciler>();
        services.AddHealthChecks().AddSchedulingChecks();
        services.AddSingleton(sp => new SchedulerQueues(sp.GetRequiredService<Quartz.ISchedulerFactory>(), sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IEngineDbContextFactory>(), database));
        return services;
    }

    /// <summary>
    /// Partner calls on Hangfire: on PostgreSQL Hangfire.PostgreSql in its own schema of the engine's database (every node shares
    /// the queue; a job fetched by a node that dies comes back after the invisibility timeout); on SQLite Hangfire.InMemory,
    /// which the reconciler rebuilds from the job rows at start-up, as it rebuilds Quartz's in-memory store.
    /// </summary>
    public static IServiceCollection AddHangfirePartnerCalls(this IServiceCollection services, EngineDatabaseOptions database, HangfireSettings? settings = null, bool runServer = true)
    {
        ArgumentNullException.ThrowIfNull(database);
        settings ??= new HangfireSettings();
        services.AddSingleton(settings);
        services.TryAddSingleton<JobStorage>(_ => CreateStorage(database, settings));
        services.AddSingleton(sp => new HangfireWorkScheduler(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<TimeProvider>()));
        if (runServer)
        {
            services.AddHostedService(sp => new HangfireServerService(sp, database, settings));
        }

        return services;
    }

    internal static JobStorage CreateStorage(EngineDatabaseOptions database, HangfireSettings settings)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = settings.SchemaName,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = settings.QueuePollInterval,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = settings.InvisibilityTimeout,
                DistributedLockTimeout = settings.DistributedLockTimeout,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
        }

        return new InMemoryStorage(new InMemoryStorageOptions());
    }
}

/// <summary>Runs this node's Hangfire server (its workers run the partner calls) for as long as the host runs.</summary>
internal sealed class HangfireServerService(IServiceProvider services, EngineDatabaseOptions database, HangfireSettings settings) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        HangfireLogProvider.Use(services.GetRequiredService<ILoggerFactory>());
        var options = new BackgroundJobServerOptions
        {
            WorkerCount = settings.WorkerCount ?? (database.Provider == DatabaseProvider.PostgreSql ? 10 : 4),
            Queues = [HangfireWorkScheduler.Queue],
            SchedulePollingInterval = settings.SchedulePollingInterval,
            ServerTimeout = settings.ServerTimeout,
            Activator = new ServiceJobActivator(services),
        };
        _server = new BackgroundJobServer(options, services.GetRequiredService<JobStorage>());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
        }

        HangfireLogProvider.Release(services.GetRequiredService<ILoggerFactory>());
    }

    public void Dispose() => _server?.Dispose();
}

/// <summary>Builds Hangfire's jobs from the host's services.</summary>
internal sealed class ServiceJobActivator(IServiceProvider services) : JobActivator
{
    public override object ActivateJob(Type jobType) => ActivatorUtilities.CreateInstance(services, jobType);
}
