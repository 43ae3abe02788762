using System.Threading.Channels;
using Inburgering.Engine.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Runs what falls due on this node: fires timers through the engine's one dispatcher (<see cref="ProcessEngine.FireTimerAsync"/>)
/// and runs job attempts (<see cref="ProcessEngine.RunJobAsync"/>). It is woken by the engine after each commit and also
/// polls the tables, so a missed notice, a restart or another node's work is picked up; the rows are the truth.
/// </summary>
internal sealed class WorkDispatcher(
    IServiceProvider services,
    TimeProvider time,
    IOptions<DispatcherOptions> options,
    ILogger<WorkDispatcher> logger) : BackgroundService, IWorkScheduler
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly DispatcherOptions _options = options.Value;

    /// <summary>The dispatcher polls the rows themselves, so it needs no outbox: a missed notice only waits for the next poll.</summary>
    public bool UsesOutbox => false;

    public Task HandOverAsync(WorkChanges changes, CancellationToken cancellationToken)
    {
        // Nothing is held in memory: a cancelled row is simply not due any more; a new one wakes the loop if due soon.
        var soon = time.GetUtcNow() + _options.PollInterval;
        if (changes.Timers.Any(w => w.DueAt <= soon) || changes.Jobs.Any(w => w.DueAt <= soon))
        {
            _wake.Writer.TryWrite(true);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var engine = services.GetRequiredService<ProcessEngine>();
        while (!stoppingToken.IsCancellationRequested)
        {
            int done;
            try
            {
                done = await RunDueAsync(engine, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The dispatcher must survive a database hiccup; it logs and polls again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.DispatcherFailed(logger, ex);
                done = 0;
                await Task.Delay(_options.PollInterval, stoppingToken);
            }

            if (done == 0)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(_options.PollInterval);
                try
                {
                    await _wake.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Poll interval passed.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Fires due timers (oldest first, in bounded batches) and runs due jobs in parallel. Returns how many.</summary>
    private async Task<int> RunDueAsync(ProcessEngine engine, CancellationToken cancellationToken)
    {
        using var hold = await services.GetRequiredService<ClockService>().TryHoldAsync(cancellationToken);
        if (hold is null)
        {
            // The simulation clock is being advanced: that advance fires what falls due, in order.
            return 0;
        }

        var now = time.GetUtcNow();
        var timers = await engine.DueTimersAsync(now, _options.BatchSize, cancellationToken);
        foreach (var timer in timers)
        {
            await engine.FireTimerAsync(timer.Id, timer.DueAt, timer.InstanceId, cancellationToken);
        }

        var jobs = await engine.DueJobsAsync(now, _options.BatchSize, cancellationToken);
        await Parallel.ForEachAsync(
            jobs,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelJobs, CancellationToken = cancellationToken },
            async (job, ct) => await engine.RunJobAsync(job.Id, services, cancellationToken: ct));
        return timers.Count + jobs.Count;
    }
}

/// <summary>Settings of the in-process dispatcher (configuration section <c>Inburgering:Dispatcher</c>).</summary>
public sealed class DispatcherOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 200;

    public int MaxParallelJobs { get; set; } = 8;
}
