using Inburgering.Engine.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Lets every node of a cluster join a drain, not only the node Quartz gives a moment's trigger to. Every
/// <see cref="SchedulerSettings.TimerBacklogCheck"/> this node looks for a timer that has been due for longer than that
/// and that no live claim holds; when it finds one, its own <see cref="TimerPump"/> drains with the others (the claims
/// are <c>FOR UPDATE SKIP LOCKED</c>, so pumps never take the same timer). In a burst a second node joins within about
/// two checks instead of waiting for a helper trigger Quartz hands to the node that made it. It is also a safety net for
/// a due timer whose trigger was lost. One indexed query per check when nothing is waiting.
/// </summary>
internal sealed class TimerBacklogWatch(
    ProcessEngine engine,
    TimeProvider time,
    SchedulerSettings settings,
    TimerPrecedence precedence,
    IOptions<EngineOptions> options,
    ILogger<TimerBacklogWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = settings.TimerBacklogCheck;
        if (every <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stoppingToken);
                var now = time.GetUtcNow();
                if (await engine.NextNeededFiringAsync(now - every, now, stoppingToken) is not { } next || next > now)
                {
                    continue;
                }

                Log.TimerBacklogJoined(logger, next, options.Value.NodeId);
                await new TimerPump(engine, time, settings).DrainOnNodeAsync(precedence, options.Value.NodeId, logger, null, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be down: the next check tries again; the rows are the truth.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.TimerBacklogCheckFailed(logger, ex);
            }
        }
    }
}
