using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Inburgering.Engine.Hosting;

/// <summary>Settings of the Quartz scheduler (section <c>Inburgering:Scheduler</c>).</summary>
public sealed class SchedulerSettings
{
    /// <summary>
    /// How many timers fire at once on this node (Quartz's threads; partner calls have Hangfire's workers apart). Unset: 10 on PostgreSQL; 4 on SQLite, whose one writer
    /// makes more pointless, and whose driver blocks threads while it waits for that writer (the API would wait for threads).
    /// </summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>How many due triggers a node takes per acquisition round (at most <see cref="MaxConcurrency"/>; unset: that).</summary>
    public int? MaxBatchSize { get; set; }

    /// <summary>How often a clustered node checks in; a node silent for longer than the misfire threshold is taken over.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many due timers a pump claims at once (one write transaction per batch).</summary>
    public int TimerBatchSize { get; set; } = 200;

    /// <summary>How many instances one pump fires timers for at once (each instance's timers in due order). Unset: 8 on PostgreSQL, 1 on SQLite.</summary>
    public int? TimerParallelism { get; set; }

    /// <summary>
    /// How many pumps one moment's burst may have: a pump whose first claim is full starts one more (on whichever node takes
    /// its trigger), up to this many.
    /// </summary>
    public int TimerPumps { get; set; } = 2;

    /// <summary>
    /// How long a partner-call job on this node waits for the timer pumps here to finish draining before it starts its attempt
    /// anyway (timers before partner calls; zero: no waiting).
    /// </summary>
    public TimeSpan TimerPrecedence { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The least number of .NET thread-pool threads kept ready (workers and I/O). Quartz runs its jobs on the thread pool,
    /// and Hangfire's storage and job creation block pool threads while they wait for the database: in a burst the pool's
    /// slow growth (about one thread a second) would keep a timer pump waiting for a thread. Unset: 64, or more when the
    /// pool already keeps more.
    /// </summary>
    public int? MinThreadPoolThreads { get; set; }

    /// <summary>How long a pump's claim on a due timer holds off other pumps; a pump that died lets it run out.</summary>
    public TimeSpan TimerClaimLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a timer firing or partner-call attempt that failed (database unreachable, every race for the instance lost)
    /// waits before its trigger fires again; doubled for every further failure of the same firing, up to ten minutes.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// PostgreSQL: how often a node looks for a timer that has been due this long and that no pump's claim holds, and then
    /// joins the drain (<see cref="Scheduling.TimerBacklogWatch"/>); zero switches it off.
    /// </summary>
    public TimeSpan TimerBacklogCheck { get; set; } = TimeSpan.FromSeconds(2);
}

public static class QuartzRegistration
{
    /// <summary>
    /// Timers on Quartz (partner calls: <see cref="HangfireRegistration.AddWorkScheduling"/>): on PostgreSQL the ADO.NET job store in clustered mode (qrtz_* tables in the
    /// engine's database, created when missing), so any number of nodes share the work and a trigger fires on one node; on
    /// SQLite an in-memory store that the reconciler rebuilds from the timer and job rows at start-up.
    /// </summary>
    internal static IServiceCollection AddQuartzScheduling(this IServiceCollection services, EngineDatabaseOptions database, SchedulerSettings? settings = null, Action<ReconcilerOptions>? reconciler = null)
    {
        settings ??= new SchedulerSettings();
        settings.TimerParallelism ??= database.Provider == DatabaseProvider.PostgreSql ? 8 : 1;
        var concurrency = settings.MaxConcurrency ?? (database.Provider == DatabaseProvider.PostgreSql ? 10 : 4);
        var batch = Math.Min(settings.MaxBatchSize ?? concurrency, concurrency);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "inburgering";
                o.GenerateInstanceId = true;
                o.MaxBatchSize = batch;
            });
            q.UseDefaultThreadPool(concurrency);
            // Durable (they outlive their triggers) and recoverable (a node that dies mid-firing has it re-run elsewhere).
            q.AddJob<FireTimerJob>(j => j.WithIdentity(QuartzWorkScheduler.FireTimerKey).StoreDurably().RequestRecovery());
            // Partner calls run on Hangfire; this job stays so a trigger left by an older version still runs its call once.
            q.AddJob<RunActivityJob>(j => j.WithIdentity(QuartzWorkScheduler.RunActivityKey).StoreDurably().RequestRecovery());
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = settings.CheckinInterval;
                        c.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                    });
                    store.UseSystemTextJsonSerializer(_ => { });
                    store.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore(_ => { });
            }
        });
        services.AddHostedService(_ => new ThreadPoolFloor(settings.MinThreadPoolThreads ?? 64));
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // Every node of the cluster joins a drain that is under way (one node on SQLite: Quartz's trigger is enough).
            services.AddHostedService<TimerBacklogWatch>();
        }

        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton(settings);
        services.AddSingleton<TimerPrecedence>();
        services.AddOptions<ReconcilerOptions>().Configure(o => reconciler?.Invoke(o));
        services.AddSingleton(sp => new QuartzWorkScheduler(sp.GetRequiredService<ISchedulerFactory>(), persistentStore: database.Provider == DatabaseProvider.PostgreSql));
        return services;
    }
}

/// <summary>Raises the thread pool's minimum at start-up (<see cref="SchedulerSettings.MinThreadPoolThreads"/>); never lowers it.</summary>
internal sealed class ThreadPoolFloor(int minimum) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, minimum), Math.Max(io, minimum));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
