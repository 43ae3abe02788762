using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Queries;

/// <summary>One row of the access log: who did what with the data of which instance, when.</summary>
public sealed record AccessLogEntryView(long Id, DateTimeOffset At, string User, string Action, Guid InstanceId, Guid RootInstanceId, string TenantId, string? Detail);

public sealed partial class EngineQueries
{
    /// <summary>
    /// The access log of the tree <paramref name="instanceId"/> belongs to (any instance of it), newest first; null when the
    /// instance does not exist or belongs to a tenant the actor may not access.
    /// </summary>
    public async Task<PagedList<AccessLogEntryView>?> AccessLogAsync(Guid instanceId, Actor actor, Paging paging, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(paging);
        paging.Validate();
        await using var db = databases.Create();
        var start = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => new { i.RootInstanceId, i.TenantId }).FirstOrDefaultAsync(cancellationToken);
        if (start is null || !actor.MayAccess(start.TenantId))
        {
            return null;
        }

        var query = db.AccessLog.AsNoTracking().Where(a => a.RootInstanceId == start.RootInstanceId);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(a => new AccessLogEntryView(a.Id, a.At, a.User, a.Action, a.InstanceId, a.RootInstanceId, a.TenantId, a.Detail))
            .ToListAsync(cancellationToken);
        return new PagedList<AccessLogEntryView>(rows, paging.Page, paging.PageSize, total);
    }

    /// <summary>When the personal data of an instance's tree was erased, or null (also when it does not exist).</summary>
    public async Task<DateTimeOffset?> PersonalDataErasedAtAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        return await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.PersonalDataErasedAt).FirstOrDefaultAsync(cancellationToken);
    }
}
