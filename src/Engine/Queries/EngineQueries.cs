using System.Text.Json.Nodes;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Queries;

/// <summary>Read side of the engine: lists and details, always limited to the tenants the actor may access.</summary>
public sealed partial class EngineQueries
{
    private readonly IEngineDbContextFactory databases;
    private readonly CountedVariables counted;

    private readonly DisplayVariables display;

    internal EngineQueries(IEngineDbContextFactory databases, CountedVariables counted, DisplayVariables display)
    {
        this.databases = databases;
        this.counted = counted;
        this.display = display;
    }

    /// <summary>Whether the database holds any instance at all (e.g. to decide that it is new).</summary>
    public async Task<bool> AnyInstancesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        return await db.Instances.AnyAsync(cancellationToken);
    }

    public async Task<PagedList<DefinitionView>> DefinitionsAsync(string? key, bool latestOnly, Paging paging, CancellationToken cancellationToken = default)
    {
        paging.Validate();
        await using var db = databases.Create();
        var query = db.Definitions.AsNoTracking();
        if (key is not null)
        {
            query = query.Where(d => d.Key == key);
        }

        var latest = db.Definitions.GroupBy(d => d.Key).Select(g => new { Key = g.Key, Version = g.Max(d => d.Version) });
        if (latestOnly)
        {
            query = query.Where(d => latest.Any(l => l.Key == d.Key && l.Version == d.Version));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(d => d.Key).ThenByDescending(d => d.Version).Skip(paging.Skip).Take(paging.PageSize)
            .Select(d => new { d.Id, d.Key, d.Version, d.Name, d.ContentHash, d.DeployedAt, d.DeployedBy, d.Source, IsLatest = latest.Any(l => l.Key == d.Key && l.Version == d.Version) })
            .ToListAsync(cancellationToken);
        return new PagedList<DefinitionView>(
            rows.Select(d => new DefinitionView(d.Id, d.Key, d.Version, d.Name, d.ContentHash, d.DeployedAt, d.DeployedBy, d.Source, d.IsLatest)).ToList(),
            paging.Page,
            paging.PageSize,
            total);
    }

    public async Task<string?> DefinitionXmlAsync(string key, int version, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        return await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(d => d.Xml).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<InstanceView?> InstanceAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instance is null || !actor.MayAccess(instance.TenantId))
        {
            return null;
        }

        var executions = await db.Executions.AsNoTracking().Where(e => e.InstanceId == id && e.State != ExecutionState.Scope).OrderBy(e => e.CreatedAt).Select(e => e.ElementId).ToListAsync(cancellationToken);
        var children = await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == id).OrderBy(i => i.StartedAt).Select(i => i.Id).ToListAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == id && t.Status == TimerStatus.Scheduled).OrderBy(t => t.DueAt)
            .Select(t => new TimerView(t.Id, t.ElementId, t.DueAt, t.Spec, t.FiredCount)).ToListAsync(cancellationToken);
        return new InstanceView(
            instance.Id,
            instance.DefinitionKey,
            instance.DefinitionVersion,
            instance.BusinessKey,
            instance.TenantId,
            StatusName(instance.Status),
            executions,
            Json.ParseObject(instance.Variables),
            instance.StartedAt,
            instance.StartedBy,
            instance.EndedAt,
            instance.EndReason,
            instance.ParentInstanceId,
            instance.RootInstanceId,
            children,
            instance.OpenIncidents,
            timers);
    }

    /// <summary>
    /// An instance's variables, or null when it is unknown or not the actor's: one query, for a check that needs nothing
    /// else (a task's form before it completes), where <see cref="InstanceAsync"/> reads its tokens, children and timers too.
    /// </summary>
    public async Task<JsonObject?> VariablesAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var row = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => new { i.TenantId, i.Variables }).FirstOrDefaultAsync(cancellationToken);
        return row is null || !actor.MayAccess(row.TenantId) ? null : Json.ParseObject(row.Variables);
    }

    public async Task<PagedList<InstanceSummary>> InstancesAsync(InstanceFilter filter, Actor actor, Paging paging, CancellationToken cancellationToken = default)
    {
        paging.Validate();
        await using var db = databases.Create();
        var query = Visible(db.Instances.AsNoTracking(), actor, filter.TenantId);
        if (filter.DefinitionKey is not null)
        {
            query = query.Where(i => i.DefinitionKey == filter.DefinitionKey);
        }

        if (filter.BusinessKey is not null)
        {
            query = query.Where(i => i.BusinessKey == filter.BusinessKey);
        }

        if (filter.Status is not null)
        {
            var status = ParseStatus<InstanceStatus>(filter.Status, "status");
            query = query.Where(i => i.Status == status);
        }

        if (filter.ParentInstanceId is { } parent)
        {
            query = query.Where(i => i.ParentInstanceId == parent);
        }

        if (filter.WithIncidents is true)
        {
            query = query.Where(i => i.OpenIncidents > 0);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedList<InstanceSummary>(
            rows.Select(i => new InstanceSummary(i.Id, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.TenantId, StatusName(i.Status), i.StartedAt, i.EndedAt, i.ParentInstanceId, i.OpenIncidents)).ToList(),
            paging.Page,
            paging.PageSize,
            total);
    }

    public async Task<PagedList<JournalEntryView>?> JournalAsync(Guid instanceId, Actor actor, Paging paging, CancellationToken cancellationToken = default)
    {
        paging.Validate();
        await using var db = databases.Create();
        var tenantId = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.TenantId).FirstOrDefaultAsync(cancellationToken);
        if (tenantId is null || !actor.MayAccess(tenantId))
        {
            return null;
        }

        var query = db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(j => j.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedList<JournalEntryView>(
            rows.Select(j => new JournalEntryView(j.Id, j.At, j.Type, j.ElementId, j.User, j.Data is null ? null : System.Text.Json.Nodes.JsonNode.Parse(j.Data))).ToList(),
            paging.Page,
            paging.PageSize,
            total);
    }

    /// <summary>
    /// One page of tasks, by page number or after the <see cref="PagedList{T}.Next"/> of the page before
    /// (<see cref="Paging.After"/>, <see cref="TaskCursor"/>); <see cref="PagedList{T}.Next"/> is set when more follow.
    /// </summary>
    public async Task<PagedList<TaskView>> TasksAsync(TaskFilter filter, Actor actor, Paging paging, CancellationToken cancellationToken = default)
    {
        paging.Validate(continuable: true);
        var after = paging.After is { } cursor ? TaskCursor.Read(cursor, filter.Sort) : (TaskCursor.Position?)null;
        await using var db = databases.Create();
        var query = BaseTasks(db, filter, actor);
        var total = await query.CountAsync(cancellationToken);
        var page = after is { } position
            ? await PageAsync(db, TaskOrder.After(query, position), filter.Sort, 0, paging.PageSize + 1, cancellationToken)
            : await PageAsync(db, query, filter.Sort, paging.Skip, paging.PageSize + 1, cancellationToken);

        // One row more than the page shows whether another page follows.
        string? next = null;
        if (page.Count > paging.PageSize)
        {
            page.RemoveAt(paging.PageSize);
            next = TaskCursor.Of(filter.Sort, page[^1]);
        }

        return new PagedList<TaskView>(page, paging.Page, paging.PageSize, total) { Next = next };
    }

    public async Task<TaskView?> TaskAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        // After every claim and completion (the answer shows the task as it now is): a compiled query, not the list's LINQ.
        await using var db = databases.Create();
        var row = display.IsEmpty
            ? await CompiledPlainTask.For(db)(db, id, cancellationToken)
            : await CompiledTask.For(db)(db, id, cancellationToken);
        if (row is null || !actor.MayAccess(row.Task.TenantId))
        {
            return null;
        }

        return ToView(row.Task, display.IsEmpty ? null : (await DisplaysAsync(db, [row.Display!], cancellationToken))[0]);
    }

    /// <summary>One task by id, without variables (no display variables are configured).</summary>
    private static readonly ModelBound<Func<EngineDbContext, Guid, CancellationToken, Task<TaskRow?>>> CompiledPlainTask =
        new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id, CancellationToken ct) =>
            db.UserTasks.AsNoTracking().Where(t => t.Id == id).Select(t => new TaskRow(t, null)).FirstOrDefault()));

    /// <summary>One task by id with the display values kept beside its own instance and its root instance.</summary>
    private static readonly ModelBound<Func<EngineDbContext, Guid, CancellationToken, Task<TaskRow?>>> CompiledTask =
        new(() => EF.CompileAsyncQuery((EngineDbContext db, Guid id, CancellationToken ct) =>
            (from t in db.UserTasks.AsNoTracking()
             where t.Id == id
             join i in db.Instances on t.InstanceId equals i.Id into own
             from i in own.DefaultIfEmpty()
             join r in db.Instances on i.RootInstanceId equals r.Id into roots
             from r in roots.DefaultIfEmpty()
             select new TaskRow(t, new DisplayRow((Guid?)i.Id, i.DisplayValues, (Guid?)r.Id, r.DisplayValues))).FirstOrDefault()));

    private sealed record TaskRow(UserTaskEntity Task, DisplayRow? Display);

    public async Task<PagedList<IncidentView>> IncidentsAsync(IncidentFilter filter, Actor actor, Paging paging, CancellationToken cancellationToken = default)
    {
        paging.Validate();
        await using var db = databases.Create();
        var query = FilterIncidents(db.Incidents.AsNoTracking(), filter, actor);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedList<IncidentView>(
            rows.Select(i => ToView(i, withExchange: actor.IsAdministrator)).ToList(),
            paging.Page,
            paging.PageSize,
            total);
    }

    internal static IQueryable<IncidentEntity> FilterIncidents(IQueryable<IncidentEntity> query, IncidentFilter filter, Actor actor)
    {
        query = Visible(query, actor, filter.TenantId);
        if (filter.OpenOnly)
        {
            query = query.Where(i => i.Status == IncidentStatus.Open);
        }

        if (filter.DefinitionKey is not null)
        {
            query = query.Where(i => i.DefinitionKey == filter.DefinitionKey);
        }

        if (filter.ElementId is not null)
        {
            query = query.Where(i => i.ElementId == filter.ElementId);
        }

        if (filter.ActivityType is not null)
        {
            query = query.Where(i => i.ActivityType == filter.ActivityType);
        }

        if (filter.InstanceId is { } instanceId)
        {
            query = query.Where(i => i.InstanceId == instanceId);
        }

        return query;
    }

    private static IQueryable<T> Visible<T>(IQueryable<T> query, Actor actor, string? tenantId)
        where T : class
    {
        if (tenantId is not null)
        {
            Tenants.Validate(tenantId);
            if (!actor.MayAccess(tenantId))
            {
                // Asking for a tenant one may not access shows nothing, like asking for one that has no data.
                return query.Where(_ => false);
            }

            return query.Where(e => EF.Property<string>(e, nameof(InstanceEntity.TenantId)) == tenantId);
        }

        if (actor.Tenants is null)
        {
            return query;
        }

        var allowed = actor.Tenants.ToList();
        return query.Where(e => allowed.Contains(EF.Property<string>(e, nameof(InstanceEntity.TenantId))));
    }

    private static TaskView ToView(UserTaskEntity t, JsonObject? display = null) => new(
        t.Id,
        t.InstanceId,
        t.ElementId,
        t.Name,
        t.Documentation,
        t.DefinitionKey,
        t.BusinessKey,
        t.TenantId,
        t.Status.ToString().ToLowerInvariant(),
        t.Assignee,
        t.CandidateGroups.Split(',', StringSplitOptions.RemoveEmptyEntries),
        t.CandidateUsers.Split(',', StringSplitOptions.RemoveEmptyEntries),
        t.DueAt,
        t.FollowUpAt,
        t.FormKey,
        t.Priority,
        t.Properties is null ? null : Json.ParseObject(t.Properties),
        t.CreatedAt,
        t.ClaimedAt,
        t.CompletedAt,
        t.CompletedBy,
        t.FourEyesRoles.Split(',', StringSplitOptions.RemoveEmptyEntries),
        FourEyes.Read(t).Select(a => new TaskApprovalView(a.User, a.Role, a.At, a.Variables)).ToList(),
        display);

    private static IncidentView ToView(IncidentEntity i, bool withExchange) => new(
        i.Id,
        i.InstanceId,
        i.ElementId,
        i.Type,
        i.Message,
        i.ActivityType,
        i.Attempts,
        i.DefinitionKey,
        i.TenantId,
        i.Status.ToString().ToLowerInvariant(),
        i.CreatedAt,
        i.ResolvedAt,
        i.ResolvedBy,
        i.Error is null ? null : EngineError.FromJson(JsonNode.Parse(i.Error), i.Message),
        withExchange && i.Exchange is not null ? System.Text.Json.JsonSerializer.Deserialize<Activities.PartnerExchange>(i.Exchange, Execution.Json.Options) : null);

    internal static string StatusName(InstanceStatus status) => status.ToString().ToLowerInvariant();

    private static T ParseStatus<T>(string value, string name)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw EngineErrors.FilterValueUnknown.Exception(("name", name), ("value", value), ("allowed", Enum.GetNames<T>().Select(n => n.ToLowerInvariant())));
}
