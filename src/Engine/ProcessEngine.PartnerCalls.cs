using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>How many partner calls one transaction of a bulk "retry now" moves.</summary>
    private const int RetryNowBatch = 500;

    /// <summary>
    /// "Retry now": a partner call waiting out its back-off (it failed and waits for its next attempt) gets its next attempt
    /// now instead of at its back-off moment. Attempts, idempotency key and policy stay as they are.
    /// </summary>
    public async Task RetryPartnerCallNowAsync(Guid partnerCallId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = _databases.Create();
            var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == partnerCallId, cancellationToken);
            if (job is null || !actor.MayAccess(job.TenantId))
            {
                throw EngineErrors.PartnerCallNotFound.Exception(("partnerCallId", partnerCallId));
            }

            if (!IsWaiting(job))
            {
                throw EngineErrors.PartnerCallNotWaiting.Exception(("status", job.Status == JobStatus.Pending ? "not-yet-tried" : job.Status.ToString().ToLowerInvariant()));
            }

            try
            {
                var moved = await MoveToNowAsync(db, [job], cancellationToken);
                Log.PartnerCallsRetriedNow(_logger, moved, job.ActivityType);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < _options.MaxConcurrencyRetries)
            {
                // Its attempt started (or it was cancelled) at this moment: read it again and decide again.
            }
        }
    }

    /// <summary>"Retry now" for every partner call waiting out its back-off that matches the filter (e.g. all of one partner the day it returns). Returns how many were moved.</summary>
    public async Task<int> RetryPartnerCallsNowAsync(PartnerCallFilter filter, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(actor);
        List<Guid> ids;
        await using (var db = _databases.Create())
        {
            ids = await EngineQueries.FilterPartnerCalls(db.Jobs.AsNoTracking(), filter, actor)
                .OrderBy(j => j.DueAt)
                .Select(j => j.Id)
                .ToListAsync(cancellationToken);
        }

        var count = 0;
        foreach (var chunk in ids.Chunk(RetryNowBatch))
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = _databases.Create();
                var jobs = await db.Jobs.Where(j => chunk.Contains(j.Id)).ToListAsync(cancellationToken);
                try
                {
                    count += await MoveToNowAsync(db, jobs.Where(IsWaiting).ToList(), cancellationToken);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < _options.MaxConcurrencyRetries)
                {
                    // One of them started its attempt at this moment: read the chunk again.
                }
            }
        }

        Log.PartnerCallsRetriedNow(_logger, count, filter.ActivityType ?? "*");
        return count;
    }

    internal static bool IsWaiting(JobEntity job) => job.Status == JobStatus.Pending && job.Attempts > 0;

    /// <summary>Sets the next attempt of <paramref name="jobs"/> to now in one transaction (outbox included), then hands them to the scheduler.</summary>
    private async Task<int> MoveToNowAsync(EngineDbContext db, List<JobEntity> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        var moved = new List<ScheduledWork>();
        var old = new List<ScheduledWork>();
        foreach (var job in jobs)
        {
            if (job.DueAt > now)
            {
                old.Add(new ScheduledWork(job.Id, job.DueAt));
                job.DueAt = now;
            }

            job.Version++;
            moved.Add(new ScheduledWork(job.Id, job.DueAt));
        }

        var changes = new WorkChanges([], [], moved, old);
        var outbox = _scheduler.UsesOutbox ? Step.WriteOutbox(db, changes, now) : [];
        await db.SaveChangesAsync(cancellationToken);
        await HandOverAsync(db, changes, outbox);
        return jobs.Count;
    }
}
