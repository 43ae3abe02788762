using Inburgering.Engine.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Quartz job: fires one timer through the engine's dispatcher (<see cref="ProcessEngine.FireTimerAsync"/>). A one-shot
/// trigger is gone once it has fired, so a firing that did not fire a timer that is still scheduled (it came early, lost
/// every race for its instance, or the database failed) leaves a new trigger behind rather than a row nobody wakes.
/// </summary>
internal sealed class FireTimerJob(ProcessEngine engine, TimeProvider time, SchedulerSettings settings, IOptions<EngineOptions> options, ILogger<FireTimerJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParseExact(context.MergedJobDataMap.GetString(QuartzWorkScheduler.IdKey), "N", out var id))
        {
            return;
        }

        try
        {
            if (await engine.FireTimerAsync(id, cancellationToken))
            {
                Log.TimerFiredOnNode(logger, id, options.Value.NodeId);
                return;
            }

            if (await engine.ScheduledTimerDueAsync(id, cancellationToken) is { } due)
            {
                // Still scheduled: too early (clock skew between nodes) or every attempt lost a race for the instance.
                var now = time.GetUtcNow();
                var key = QuartzWorkScheduler.TimerTrigger(new(id, due));
                if (due > now)
                {
                    await QuartzRetry.ScheduleAsync(context, QuartzWorkScheduler.FireTimerKey, key, id, due, retry: 0, logger);
                }
                else
                {
                    await QuartzRetry.AgainAsync(context, QuartzWorkScheduler.FireTimerKey, key, id, now, settings.RetryDelay, logger);
                }
            }
        }
#pragma warning disable CA1031 // A failed firing must leave a trigger behind, whatever failed; the row decides on the next firing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.WorkFiringFailed(logger, "timer", id, ex);
            await QuartzRetry.AgainAsync(context, QuartzWorkScheduler.FireTimerKey, context.Trigger.Key, id, time.GetUtcNow(), settings.RetryDelay, logger);
        }
    }
}

/// <summary>
/// Quartz job: runs one attempt of a partner call (<see cref="ProcessEngine.RunJobAsync"/>). A firing recovered by Quartz
/// (its node died mid-call) takes over the lease at once. A job that could not run yet gets a trigger for the moment it
/// can; a firing that failed (database down) is tried again after <see cref="SchedulerSettings.RetryDelay"/>.
/// </summary>
internal sealed class RunActivityJob(ProcessEngine engine, IServiceProvider services, TimeProvider time, SchedulerSettings settings, ILogger<RunActivityJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParseExact(context.MergedJobDataMap.GetString(QuartzWorkScheduler.IdKey), "N", out var id))
        {
            return;
        }

        try
        {
            var recovering = context.RecoveringTriggerKey is not null;
            var outcome = await engine.RunJobAsync(id, services, recovering, cancellationToken);
            if (outcome == JobOutcome.NotReady)
            {
                // Not due yet or held by another node: make sure a trigger waits for the moment it can run.
                await engine.RescheduleJobAsync(id, cancellationToken);
            }
        }
#pragma warning disable CA1031 // A failed attempt must leave a trigger behind, whatever failed; the row decides on the next firing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.WorkFiringFailed(logger, "job", id, ex);
            await QuartzRetry.AgainAsync(context, QuartzWorkScheduler.RunActivityKey, context.Trigger.Key, id, time.GetUtcNow(), settings.RetryDelay, logger);
        }
    }
}

internal static class QuartzRetry
{
    public const string RetryKey = "retry";

    /// <summary>The longest wait between two retries of one firing (the reconciler's default full pass).</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Fires this trigger's work again after <paramref name="delay"/>, doubled for every retry the firing already had (up
    /// to ten minutes), so a firing that keeps failing does not spin.
    /// </summary>
    public static Task AgainAsync(IJobExecutionContext context, JobKey job, TriggerKey key, Guid id, DateTimeOffset now, TimeSpan delay, ILogger logger)
    {
        var retry = context.MergedJobDataMap.TryGetValue(RetryKey, out var value) && int.TryParse(value?.ToString(), out var previous) ? previous + 1 : 1;
        var wait = TimeSpan.FromTicks(Math.Min(delay.Ticks * (1L << Math.Min(retry - 1, 16)), MaxDelay.Ticks));
        return ScheduleAsync(context, job, key, id, now + wait, retry, logger);
    }

    /// <summary>
    /// Stores a one-shot trigger under <paramref name="key"/> (possibly the key now firing, which Quartz then keeps rather
    /// than deletes when this firing completes). If even that fails, the reconciler's next full pass finds the row.
    /// </summary>
    public static async Task ScheduleAsync(IJobExecutionContext context, JobKey job, TriggerKey key, Guid id, DateTimeOffset at, int retry, ILogger logger)
    {
        try
        {
            var trigger = QuartzWorkScheduler.Trigger(job, key, id, at);
            if (retry > 0)
            {
                trigger.JobDataMap[RetryKey] = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, CancellationToken.None);
        }
#pragma warning disable CA1031 // Logged; the reconciler is the last line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.WorkRetryNotScheduled(logger, id, ex);
        }
    }
}
