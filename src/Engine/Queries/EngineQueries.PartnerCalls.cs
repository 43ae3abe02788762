using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Queries;

public sealed partial class EngineQueries
{
    /// <summary>Partner calls waiting out their back-off (they failed and wait for their next attempt), soonest first.</summary>
    public async Task<PagedList<PartnerCallView>> PartnerCallsAsync(PartnerCallFilter filter, Actor actor, Paging paging, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(paging);
        paging.Validate();
        await using var db = databases.Create();
        var query = FilterPartnerCalls(db.Jobs.AsNoTracking(), filter, actor);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(j => j.DueAt).ThenBy(j => j.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(j => new PartnerCallView(j.Id, j.InstanceId, j.DefinitionKey, j.ElementId, j.ActivityType, j.TenantId, j.BusinessKey, j.Attempts, j.DueAt, j.LastError))
            .ToListAsync(cancellationToken);
        return new PagedList<PartnerCallView>(rows, paging.Page, paging.PageSize, total);
    }

    /// <summary>The queue depths of timers and partner calls and the open incidents, counted from the rows (all tenants).</summary>
    public async Task<EngineWorkload> WorkloadAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var timers = db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Scheduled);
        var scheduled = await timers.CountAsync(cancellationToken);
        var overdue = await timers.CountAsync(t => t.DueAt <= now, cancellationToken);
        var pending = db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Pending);
        var due = await pending.CountAsync(j => j.DueAt <= now, cancellationToken);
        var waiting = await pending.CountAsync(j => j.Attempts > 0 && j.DueAt > now, cancellationToken);
        var running = await db.Jobs.AsNoTracking().CountAsync(j => j.Status == JobStatus.Running, cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().CountAsync(i => i.Status == IncidentStatus.Open, cancellationToken);
        return new EngineWorkload(scheduled, overdue, due, waiting, running, incidents);
    }

    internal static IQueryable<JobEntity> FilterPartnerCalls(IQueryable<JobEntity> query, PartnerCallFilter filter, Actor actor)
    {
        query = Visible(query, actor, filter.TenantId).Where(j => j.Status == JobStatus.Pending && j.Attempts > 0);
        if (filter.ActivityType is not null)
        {
            query = query.Where(j => j.ActivityType == filter.ActivityType);
        }

        return query;
    }
}

/// <summary>Which partner calls a list or bulk "retry now" concerns: those waiting out their back-off, of a tenant and/or an activity type.</summary>
public sealed record PartnerCallFilter(string? TenantId = null, string? ActivityType = null);

/// <summary>A partner call waiting out its back-off: when its next attempt is due and why the last one failed.</summary>
public sealed record PartnerCallView(
    Guid Id,
    Guid InstanceId,
    string DefinitionKey,
    string ElementId,
    string ActivityType,
    string TenantId,
    string? BusinessKey,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError);

/// <summary>How much work waits in the engine's rows at one moment (for metrics): the schedulers' queue depths and open incidents.</summary>
public sealed record EngineWorkload(int ScheduledTimers, int OverdueTimers, int DuePartnerCalls, int WaitingPartnerCalls, int RunningPartnerCalls, int OpenIncidents);
