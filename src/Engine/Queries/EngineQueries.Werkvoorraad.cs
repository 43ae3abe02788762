using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Queries;

/// <summary>
/// The werkvoorraad's reads: due-date filters and order, counts per view, the kinds of task, a task's own history, and the
/// journal and path of a whole instance tree. Each is a fixed number of queries, whatever the page size.
/// </summary>
public sealed partial class EngineQueries
{
    /// <summary>How many open tasks the actor sees in each view, with the same other filters applied.</summary>
    public async Task<TaskCounts> TaskCountsAsync(TaskFilter filter, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var query = BaseTasks(db, filter with { Assignee = null, AnyCandidateGroup = null }, actor);

        // One scan for the three views: SELECT COUNT(*), COUNT(*) FILTER (mine), COUNT(*) FILTER (groups) … GROUP BY constant.
        var name = actor.Name;
        Expression<Func<UserTaskEntity, bool>> mine = t => t.Assignee == name;
        var counts = await query.GroupBy(_ => 1).Select(CountsSelector(mine, AnyGroup(actor.Groups))).FirstOrDefaultAsync(cancellationToken);
        return counts ?? new TaskCounts(0, 0, 0);
    }

    /// <summary>g => new TaskCounts(g.Count(mine), g.Count(groups), g.Count()).</summary>
    private static Expression<Func<IGrouping<int, UserTaskEntity>, TaskCounts>> CountsSelector(Expression<Func<UserTaskEntity, bool>> mine, Expression<Func<UserTaskEntity, bool>> groups)
    {
        var g = Expression.Parameter(typeof(IGrouping<int, UserTaskEntity>), "g");
        var count = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 1).MakeGenericMethod(typeof(UserTaskEntity));
        var countWhere = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(UserTaskEntity));
        var constructor = typeof(TaskCounts).GetConstructor([typeof(int), typeof(int), typeof(int)])!;
        return Expression.Lambda<Func<IGrouping<int, UserTaskEntity>, TaskCounts>>(
            Expression.New(constructor, Expression.Call(countWhere, g, mine), Expression.Call(countWhere, g, groups), Expression.Call(count, g)),
            g);
    }


    /// <summary>The kinds of task (process and element) among the tasks the actor sees, with how many of each.</summary>
    public async Task<IReadOnlyList<TaskTypeView>> TaskTypesAsync(TaskFilter filter, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var rows = await BaseTasks(db, filter with { ElementId = null, DefinitionKey = null }, actor)
            .GroupBy(t => new { t.DefinitionKey, t.ElementId, t.Name })
            .Select(g => new { g.Key.DefinitionKey, g.Key.ElementId, g.Key.Name, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new TaskTypeView(r.DefinitionKey, r.ElementId, r.Name, r.Count))
            .OrderBy(r => r.Name ?? r.ElementId, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>What happened to one task: created, claimed, handed over, approved, sent back, completed (oldest first).</summary>
    public async Task<IReadOnlyList<JournalEntryView>?> TaskHistoryAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var task = await db.UserTasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => new { t.InstanceId, t.TenantId }).FirstOrDefaultAsync(cancellationToken);
        if (task is null || !actor.MayAccess(task.TenantId))
        {
            return null;
        }

        var id = taskId.ToString();
        var rows = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == task.InstanceId && j.Type.StartsWith("task-") && j.Data != null && j.Data.Contains(id))
            .OrderBy(j => j.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(j => new JournalEntryView(j.Id, j.At, j.Type, j.ElementId, j.User, j.Data is null ? null : JsonNode.Parse(j.Data))).ToList();
    }

    /// <summary>Every instance of the tree an instance belongs to (its root and everything the root called), oldest first.</summary>
    public async Task<IReadOnlyList<InstanceSummary>?> InstanceTreeAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var start = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => new { i.RootInstanceId, i.TenantId }).FirstOrDefaultAsync(cancellationToken);
        if (start is null || !actor.MayAccess(start.TenantId))
        {
            return null;
        }

        var rows = await db.Instances.AsNoTracking().Where(i => i.RootInstanceId == start.RootInstanceId || i.Id == start.RootInstanceId)
            .OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return rows.Select(i => new InstanceSummary(i.Id, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.TenantId, StatusName(i.Status), i.StartedAt, i.EndedAt, i.ParentInstanceId, i.OpenIncidents)).ToList();
    }

    /// <summary>The journal of several instances (e.g. one tree) merged in order, newest first when <paramref name="newestFirst"/>.</summary>
    public async Task<PagedList<InstanceJournalEntryView>> JournalOfAsync(IReadOnlyCollection<Guid> instanceIds, IReadOnlyCollection<string>? types, bool newestFirst, Paging paging, CancellationToken cancellationToken = default)
    {
        paging.Validate();
        await using var db = databases.Create();
        var ids = instanceIds.ToList();
        var query = db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId));
        if (types is { Count: > 0 })
        {
            var list = types.ToList();
            query = query.Where(j => list.Contains(j.Type));
        }

        var total = await query.CountAsync(cancellationToken);
        var ordered = newestFirst ? query.OrderByDescending(j => j.Id) : query.OrderBy(j => j.Id);
        var rows = await ordered.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedList<InstanceJournalEntryView>(
            rows.Select(j => new InstanceJournalEntryView(j.Id, j.InstanceId, j.At, j.Type, j.ElementId, j.User, j.Data is null ? null : JsonNode.Parse(j.Data))).ToList(),
            paging.Page,
            paging.PageSize,
            total);
    }

    /// <summary>The path an instance took: the elements it entered and the sequence flows it left them by.</summary>
    public async Task<InstancePath> PathAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var rows = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && (j.Type == "element-entered" || j.Type == "element-left"))
            .Select(j => new { j.Type, j.ElementId, j.Data })
            .ToListAsync(cancellationToken);
        var elements = new HashSet<string>(StringComparer.Ordinal);
        var flows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.ElementId is not null)
            {
                elements.Add(row.ElementId);
            }

            if (row.Type == "element-left" && row.Data is not null && JsonNode.Parse(row.Data) is JsonObject data)
            {
                if ((string?)data["flow"] is { } flow)
                {
                    flows.Add(flow);
                }

                foreach (var item in data["flows"] as JsonArray ?? [])
                {
                    if ((string?)item is { } id)
                    {
                        flows.Add(id);
                    }
                }
            }
        }

        return new InstancePath(elements.Order(StringComparer.Ordinal).ToList(), flows.Order(StringComparer.Ordinal).ToList());
    }

    private static IQueryable<UserTaskEntity> BaseTasks(EngineDbContext db, TaskFilter filter, Actor actor)
    {
        var query = Visible(db.UserTasks.AsNoTracking(), actor, filter.TenantId);
        var status = filter.Status is null || string.Equals(filter.Status, "all", StringComparison.OrdinalIgnoreCase)
            ? (UserTaskStatus?)null
            : ParseStatus<UserTaskStatus>(filter.Status, "status");
        if (status is { } s)
        {
            query = query.Where(t => t.Status == s);
        }

        if (filter.InstanceId is { } instanceId)
        {
            query = query.Where(t => t.InstanceId == instanceId);
        }

        if (filter.CandidateGroup is not null)
        {
            var pattern = $",{filter.CandidateGroup},";
            query = query.Where(t => t.CandidateGroups.Contains(pattern));
        }

        if (filter.BusinessKey is not null)
        {
            query = query.Where(t => t.BusinessKey == filter.BusinessKey);
        }

        if (filter.Assignee is not null)
        {
            query = query.Where(t => t.Assignee == filter.Assignee);
        }

        if (filter.Unassigned is true)
        {
            query = query.Where(t => t.Assignee == null);
        }

        if (filter.DefinitionKey is not null)
        {
            query = query.Where(t => t.DefinitionKey == filter.DefinitionKey);
        }

        if (filter.ElementId is not null)
        {
            query = query.Where(t => t.ElementId == filter.ElementId);
        }

        return FilterTasksMore(query, filter);
    }

    /// <summary>The due-date span and the any-of candidate groups of <paramref name="filter"/>.</summary>
    private static IQueryable<UserTaskEntity> FilterTasksMore(IQueryable<UserTaskEntity> query, TaskFilter filter)
    {
        if (filter.DueBefore is { } before)
        {
            query = query.Where(t => t.DueAt != null && t.DueAt < before);
        }

        if (filter.DueFrom is { } from)
        {
            query = query.Where(t => t.DueAt != null && t.DueAt >= from);
        }

        if (filter.AnyCandidateGroup is { } groups)
        {
            query = query.Where(AnyGroup(groups));
        }

        return query;
    }

    /// <summary>t.CandidateGroups contains ",g," for any g (a LIKE per group, OR-ed).</summary>
    private static Expression<Func<UserTaskEntity, bool>> AnyGroup(IEnumerable<string> groups)
    {
        var task = Expression.Parameter(typeof(UserTaskEntity), "t");
        var property = Expression.Property(task, nameof(UserTaskEntity.CandidateGroups));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression? body = null;
        foreach (var group in groups.Where(g => !g.Contains(',', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Expression test = Expression.Call(property, contains, Expression.Constant($",{group},"));
            body = body is null ? test : Expression.OrElse(body, test);
        }

        return Expression.Lambda<Func<UserTaskEntity, bool>>(body ?? Expression.Constant(false), task);
    }

    /// <summary>
    /// One page of tasks with their display variables (<see cref="EngineOptions.TaskDisplayVariables"/>) read in the same query
    /// from the values kept beside the task's own instance and its root instance (the task's own instance wins).
    /// </summary>
    private async Task<List<TaskView>> PageAsync(EngineDbContext db, IQueryable<UserTaskEntity> query, TaskSort sort, int skip, int take, CancellationToken cancellationToken)
    {
        if (display.IsEmpty)
        {
            var plain = await TaskOrder.Sorted(query, sort).Skip(skip).Take(take).ToListAsync(cancellationToken);
            return plain.Select(t => ToView(t)).ToList();
        }

        // Page the tasks first (ORDER BY … LIMIT on the task table and its indexes), then join only that page's instances.
        var page = TaskOrder.Sorted(query, sort).Skip(skip).Take(take);
        var joined = from t in page
                     join i in db.Instances on t.InstanceId equals i.Id into own
                     from i in own.DefaultIfEmpty()
                     join r in db.Instances on i.RootInstanceId equals r.Id into roots
                     from r in roots.DefaultIfEmpty()
                     select new { Task = t, Display = new DisplayRow((Guid?)i.Id, i.DisplayValues, (Guid?)r.Id, r.DisplayValues) };
        var ordered = TaskOrder.Sorted(joined, x => x.Task, sort);
        var rows = await ordered.ToListAsync(cancellationToken);
        var displays = await DisplaysAsync(db, rows.Select(x => x.Display).ToList(), cancellationToken);
        return rows.Select((x, n) => ToView(x.Task, displays[n])).ToList();
    }

    /// <summary>The display values kept beside a row's own instance and its root instance, as read (null ids: no such instance).</summary>
    private sealed record DisplayRow(Guid? OwnId, string? Own, Guid? RootId, string? Root);

    /// <summary>
    /// What each row shows (<see cref="DisplayVariables.Merge"/>). An instance whose kept values were written under other
    /// names, or before they were kept (until <see cref="InstanceValuesBackfill"/> has been through the table), is read
    /// from its variables: one query for all of them.
    /// </summary>
    private async Task<List<JsonObject?>> DisplaysAsync(EngineDbContext db, IReadOnlyList<DisplayRow> rows, CancellationToken cancellationToken)
    {
        var stale = rows.SelectMany(r => new (Guid? Id, string? Values)[] { (r.OwnId, r.Own), (r.RootId, r.Root) })
            .Where(x => x.Id is not null && !display.IsCurrent(x.Values))
            .Select(x => x.Id!.Value)
            .Distinct()
            .ToList();
        var fromVariables = stale.Count == 0
            ? []
            : await db.Instances.AsNoTracking().Where(i => stale.Contains(i.Id)).Select(i => new { i.Id, i.Variables })
                .ToDictionaryAsync(i => i.Id, i => display.Of(i.Variables), cancellationToken);

        JsonObject? Values(Guid? id, string? stored) =>
            id is not { } instanceId ? null : display.Read(display.IsCurrent(stored) ? stored : fromVariables.GetValueOrDefault(instanceId));

        return rows.Select(r => display.Merge(Values(r.OwnId, r.Own), Values(r.RootId, r.Root))).ToList();
    }
}

/// <summary>Open tasks per view: assigned to me, in one of my groups (roles), and all I may see.</summary>
public sealed record TaskCounts(int Mine, int Groups, int All);

/// <summary>A kind of task: the process and element it comes from, its name, and how many there are.</summary>
public sealed record TaskTypeView(string DefinitionKey, string ElementId, string? Name, int Count);

/// <summary>A journal entry of one instance among several.</summary>
public sealed record InstanceJournalEntryView(long Id, Guid InstanceId, DateTimeOffset At, string Type, string? ElementId, string? User, JsonNode? Data);

/// <summary>The elements an instance entered and the sequence flows it took.</summary>
public sealed record InstancePath(IReadOnlyList<string> Elements, IReadOnlyList<string> Flows);
