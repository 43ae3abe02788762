using Inburgering.Engine.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Quartz job: a moment's trigger fired (<see cref="QuartzWorkScheduler"/>), so the <see cref="TimerPump"/> drains what is
/// due. A drain that found a full batch first starts one more pump (a trigger for now, which Quartz may give to another
/// node), up to <see cref="SchedulerSettings.TimerPumps"/>. A one-shot trigger is gone once it has fired, so a firing that
/// leaves a timer it stood for unfired (it came early by this node's clock, lost every race, another pump's claim is still
/// live, or the database failed) leaves a trigger behind for the moment that timer can fire, rather than a row nobody wakes.
/// </summary>
internal sealed class FireTimerJob(ProcessEngine engine, TimeProvider time, SchedulerSettings settings, TimerPrecedence precedence, IOptions<EngineOptions> options, ILogger<FireTimerJob> logger) : IJob
{
    /// <summary>Job data: which pump of a drain this firing is (0 for a moment's own trigger).</summary>
    public const string PumpKey = "pump";

    /// <summary>The name prefix of a helper pump's trigger.</summary>
    public const string HelperPrefix = "pump.";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var pump = context.MergedJobDataMap.TryGetValue(PumpKey, out var value) && int.TryParse(value?.ToString(), out var n) ? n : 0;
        try
        {
            await new TimerPump(engine, time, settings).DrainOnNodeAsync(
                precedence,
                options.Value.NodeId,
                logger,
                pump + 1 < settings.TimerPumps ? () => StartHelperAsync(context, pump + 1) : null,
                cancellationToken);

            if (QuartzWorkScheduler.StandsFor(context.Trigger.Key.Name) is not { } covered)
            {
                return;
            }

            // Anything this trigger stood for that is still waiting: a trigger for when it can fire.
            var now = time.GetUtcNow();
            if (await engine.NextNeededFiringAsync(covered, now, cancellationToken) is { } next)
            {
                if (next > now)
                {
                    await QuartzRetry.ScheduleAsync(context, QuartzWorkScheduler.FireTimerKey, context.Trigger.Key, next, retry: 0, logger);
                }
                else
                {
                    await QuartzRetry.AgainAsync(context, QuartzWorkScheduler.FireTimerKey, context.Trigger.Key, now, settings.RetryDelay, logger);
                }
            }
        }
#pragma warning disable CA1031 // A failed firing must leave a trigger behind, whatever failed; the rows decide on the next firing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.TimerPumpFailed(logger, context.Trigger.Key.Name, ex);
            await QuartzRetry.AgainAsync(context, QuartzWorkScheduler.FireTimerKey, context.Trigger.Key, time.GetUtcNow(), settings.RetryDelay, logger);
        }
    }

    private static async Task StartHelperAsync(IJobExecutionContext context, int pump)
    {
        var trigger = QuartzWorkScheduler.Trigger(QuartzWorkScheduler.FireTimerKey, new TriggerKey(HelperPrefix + Guid.NewGuid().ToString("N"), QuartzWorkScheduler.TimerGroup), DateTimeOffset.UtcNow);
        trigger.JobDataMap[PumpKey] = pump.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, CancellationToken.None);
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
        var (retry, wait) = Backoff(context, delay);
        return ScheduleAsync(context, job, key, id, now + wait, retry, logger);
    }

    /// <summary>As above, for a trigger that carries no row id (a moment's trigger).</summary>
    public static Task AgainAsync(IJobExecutionContext context, JobKey job, TriggerKey key, DateTimeOffset now, TimeSpan delay, ILogger logger)
    {
        var (retry, wait) = Backoff(context, delay);
        return ScheduleAsync(context, job, key, now + wait, retry, logger);
    }

    private static (int Retry, TimeSpan Wait) Backoff(IJobExecutionContext context, TimeSpan delay)
    {
        var retry = context.MergedJobDataMap.TryGetValue(RetryKey, out var value) && int.TryParse(value?.ToString(), out var previous) ? previous + 1 : 1;
        return (retry, TimeSpan.FromTicks(Math.Min(delay.Ticks * (1L << Math.Min(retry - 1, 16)), MaxDelay.Ticks)));
    }

    /// <summary>
    /// Stores a one-shot trigger under <paramref name="key"/> (possibly the key now firing, which Quartz then keeps rather
    /// than deletes when this firing completes). If even that fails, the reconciler's next full pass finds the row.
    /// </summary>
    public static Task ScheduleAsync(IJobExecutionContext context, JobKey job, TriggerKey key, Guid id, DateTimeOffset at, int retry, ILogger logger) =>
        ScheduleAsync(context, QuartzWorkScheduler.Trigger(job, key, id, at), id, retry, logger);

    /// <summary>As above, for a trigger that carries no row id (a moment's trigger).</summary>
    public static Task ScheduleAsync(IJobExecutionContext context, JobKey job, TriggerKey key, DateTimeOffset at, int retry, ILogger logger) =>
        ScheduleAsync(context, QuartzWorkScheduler.Trigger(job, key, at), Guid.Empty, retry, logger);

    private static async Task ScheduleAsync(IJobExecutionContext context, ITrigger trigger, Guid id, int retry, ILogger logger)
    {
        try
        {
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
