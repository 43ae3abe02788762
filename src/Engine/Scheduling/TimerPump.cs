using Inburgering.Engine.Execution;
using Inburgering.Engine.Hosting;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Fires the timers that are due: claims them in batches (<see cref="ProcessEngine.ClaimDueTimersAsync"/>, one write per
/// batch) and fires each through the engine's dispatcher, one step each, instances in parallel and each instance's timers
/// in due order. A firing is guarded by its own row (status, due moment, version), so a timer claimed twice after a lease
/// ran out still fires once.
/// </summary>
internal sealed class TimerPump(ProcessEngine engine, TimeProvider time, SchedulerSettings settings)
{
    /// <summary>
    /// Drains as a node's pump does (a moment's Quartz trigger, or the backlog watch): this node's partner calls wait for it
    /// (<paramref name="precedence"/>), and every firing is logged with the node's id.
    /// </summary>
    public async Task<int> DrainOnNodeAsync(TimerPrecedence precedence, string node, ILogger logger, Func<Task>? fullBatch, CancellationToken cancellationToken)
    {
        using (precedence.Draining())
        {
            return await DrainAsync(fullBatch, id => Log.TimerFiredOnNode(logger, id, node), cancellationToken);
        }
    }

    /// <summary>
    /// Claims and fires due timers until none is left unclaimed. <paramref name="fullBatch"/> is called once, the first time
    /// a claim comes back full (more is waiting: another pump may join); <paramref name="fired"/> for every timer this pump
    /// fired. Timers whose firing lost every race are released, so the next pump takes them at once. Returns how many fired.
    /// </summary>
    public async Task<int> DrainAsync(Func<Task>? fullBatch, Action<Guid>? fired, CancellationToken cancellationToken)
    {
        var batchSize = settings.TimerBatchSize;
        var firings = 0;
        var notFired = new List<Guid>();
        var announced = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var batch = await engine.ClaimDueTimersAsync(now, batchSize, now + settings.TimerClaimLease, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            if (batch.Count == batchSize && !announced && fullBatch is not null)
            {
                announced = true;
                await fullBatch();
            }

            // Instances in parallel, each instance's timers one after the other in due order (claimed oldest first).
            var lost = new System.Collections.Concurrent.ConcurrentBag<Guid>();
            firings += await ByInstance.RunAsync(batch, t => t.InstanceId ?? t.Id, settings.TimerParallelism ?? 1, async (timer, ct) =>
            {
                if (await engine.FireTimerAsync(timer.Id, timer.DueAt, timer.InstanceId, ct))
                {
                    fired?.Invoke(timer.Id);
                    return true;
                }

                if (await engine.ScheduledTimerDueAsync(timer.Id, ct) == timer.DueAt)
                {
                    lost.Add(timer.Id);
                }

                return false;
            }, cancellationToken);
            notFired.AddRange(lost);
        }

        if (notFired.Count > 0)
        {
            await engine.ReleaseTimerClaimsAsync(notFired, CancellationToken.None);
        }

        return firings;
    }
}
