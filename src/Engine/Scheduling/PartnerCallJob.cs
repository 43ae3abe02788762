using Hangfire;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Hangfire job: runs one attempt of a partner call (<see cref="ProcessEngine.RunJobAsync"/>). The job row is the truth:
/// the Hangfire job only carries the row's id and the moment it was handed over for, so a job that fires twice, late or
/// after its row moved on does no harm. A job that comes early, or finds another node holding the call, makes sure a
/// Hangfire job waits for the moment the call can run; one whose row has moved on (retry now, a new back-off, done,
/// cancelled) does nothing, as the step that moved the row handed over its new moment. When the engine itself fails
/// (database unreachable), the exception goes to Hangfire, which tries the job again after 5 s, 10 s, 20 s … up to ten
/// minutes; after that the reconciler's next full pass finds the row. Timers go first: while a timer pump drains on this
/// node, the job waits for it a few seconds (<see cref="TimerPrecedence"/>).
/// </summary>
internal sealed class PartnerCallJob(ProcessEngine engine, IServiceProvider services, IEngineDbContextFactory databases, TimerPrecedence precedence, SchedulerSettings settings, ILogger<PartnerCallJob> logger)
{
    [JobDisplayName("Partneraanroep {0}")]
    [Queue(HangfireWorkScheduler.Queue)]
    [AutomaticRetry(Attempts = 16, DelaysInSeconds = [5, 10, 20, 40, 80, 160, 320, 600], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(Guid partnerCallId, long dueAtMicroseconds, CancellationToken cancellationToken)
    {
        try
        {
            await precedence.WaitAsync(settings.TimerPrecedence, cancellationToken);
            var outcome = await engine.RunJobAsync(partnerCallId, services, takeOverLease: false, cancellationToken);
            if (outcome != JobOutcome.NotReady)
            {
                return;
            }

            await using var db = databases.Create();
            var row = await db.Jobs.AsNoTracking()
                .Where(j => j.Id == partnerCallId)
                .Select(j => new { j.Status, j.DueAt })
                .FirstOrDefaultAsync(cancellationToken);
            if (row is null || row.Status is not (JobStatus.Pending or JobStatus.Running))
            {
                return;
            }

            if (row.Status == JobStatus.Running || HangfireWorkScheduler.Microseconds(row.DueAt) == dueAtMicroseconds)
            {
                // Held by another node (a job waits for the end of its lease) or too early (clock skew): wait for that moment.
                await engine.RescheduleJobAsync(partnerCallId, cancellationToken);
                return;
            }

            Log.PartnerCallJobStale(logger, partnerCallId, dueAtMicroseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PartnerCallRunFailed(logger, partnerCallId, ex);
            throw;
        }
    }
}
