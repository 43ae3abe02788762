using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Queries;

/// <summary>
/// Operations' reads: what is due or overdue (open tasks and scheduled timers at given elements), and counts per tenant —
/// instances running per process, started and ended in a period, tasks created or completed (and completed by their due date),
/// partner calls completed, and the distribution of instance variables. Each is a fixed number of indexed queries; the host
/// decides which elements and variables mean what.
/// </summary>
public sealed partial class EngineQueries
{
    /// <summary>
    /// Open tasks and scheduled timers at the given elements whose date (due date, or creation for a task without one) lies
    /// before <paramref name="before"/>, earliest first, with the root instance and the display variables of each.
    /// </summary>
    public async Task<PagedList<DueItemView>> DueItemsAsync(IReadOnlyCollection<DueSource> sources, DateTimeOffset before, string? tenantId, Actor actor, Paging paging, CancellationToken cancellationToken = default)
    {
        paging.Validate();
        await using var db = databases.Create();
        var tasks = DueTasks(db, sources, before, tenantId, actor);
        var timers = DueTimers(db, sources, before, tenantId, actor);
        var total = (tasks is null ? 0 : await tasks.CountAsync(cancellationToken)) + (timers is null ? 0 : await timers.CountAsync(cancellationToken));

        // The page of the union: the first Skip + PageSize of each, merged in date order.
        var take = paging.Skip + paging.PageSize;
        var rows = new List<(DueItemView Item, Guid? DisplayInstance)>();
        if (tasks is not null)
        {
            var page = await tasks.OrderBy(t => t.DueAt ?? t.CreatedAt).ThenBy(t => t.Id).Take(take)
                .Join(db.Instances, t => t.InstanceId, i => i.Id, (t, i) => new { t.Id, t.InstanceId, i.RootInstanceId, t.DefinitionKey, i.DefinitionVersion, t.ElementId, t.Name, t.TenantId, t.DueAt, t.CreatedAt, t.Assignee })
                .ToListAsync(cancellationToken);
            rows.AddRange(page.Select(t => (new DueItemView("task", t.Id, t.InstanceId, t.RootInstanceId, t.DefinitionKey, t.DefinitionVersion, t.ElementId, t.Name, t.TenantId, t.DueAt ?? t.CreatedAt, t.DueAt is not null, t.Assignee, null), (Guid?)t.RootInstanceId)));
        }

        if (timers is not null)
        {
            var page = await timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(take)
                .Join(db.Instances, t => t.InstanceId, i => (Guid?)i.Id, (t, i) => new { t.Id, InstanceId = i.Id, i.RootInstanceId, i.DefinitionKey, i.DefinitionVersion, t.ElementId, TenantId = i.TenantId, t.DueAt })
                .ToListAsync(cancellationToken);
            rows.AddRange(page.Select(t => (new DueItemView("timer", t.Id, t.InstanceId, t.RootInstanceId, t.DefinitionKey, t.DefinitionVersion, t.ElementId, null, t.TenantId, t.DueAt, true, null, null), (Guid?)t.RootInstanceId)));
        }

        var items = rows.OrderBy(r => r.Item.Date).ThenBy(r => r.Item.Id).Skip(paging.Skip).Take(paging.PageSize).ToList();

        // The display variables (a name, a reference) of each item's root instance: one query for the page.
        var roots = items.Select(r => r.DisplayInstance).OfType<Guid>().Distinct().ToList();
        var kept = roots.Count == 0 || display.IsEmpty
            ? []
            : await db.Instances.AsNoTracking().Where(i => roots.Contains(i.Id)).Select(i => new { i.Id, i.DisplayValues }).ToDictionaryAsync(i => i.Id, i => i.DisplayValues, cancellationToken);
        var displays = await DisplaysAsync(db, items.Select(r => r.DisplayInstance is { } root && kept.TryGetValue(root, out var values) ? new DisplayRow(root, values, null, null) : new DisplayRow(null, null, null, null)).ToList(), cancellationToken);
        return new PagedList<DueItemView>(
            items.Select((r, n) => r.Item with { Display = displays[n] }).ToList(),
            paging.Page,
            paging.PageSize,
            total);
    }

    /// <summary>How many due items (as <see cref="DueItemsAsync"/>) each tenant has before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyDictionary<string, int>> DueCountsAsync(IReadOnlyCollection<DueSource> sources, DateTimeOffset before, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (DueTasks(db, sources, before, null, actor) is { } tasks)
        {
            foreach (var row in await tasks.GroupBy(t => t.TenantId).Select(g => new { Tenant = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            {
                counts[row.Tenant] = counts.GetValueOrDefault(row.Tenant) + row.Count;
            }
        }

        if (DueTimers(db, sources, before, null, actor) is { } timers)
        {
            foreach (var row in await timers.GroupBy(t => t.TenantId).Select(g => new { Tenant = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            {
                if (row.Tenant is not null)
                {
                    counts[row.Tenant] = counts.GetValueOrDefault(row.Tenant) + row.Count;
                }
            }
        }

        return counts;
    }

    private static IQueryable<UserTaskEntity>? DueTasks(EngineDbContext db, IReadOnlyCollection<DueSource> sources, DateTimeOffset before, string? tenantId, Actor actor)
    {
        var selected = sources.Where(s => s.Kind == DueSourceKind.OpenTask).ToList();
        if (selected.Count == 0)
        {
            return null;
        }

        var query = Visible(db.UserTasks.AsNoTracking(), actor, tenantId).Where(t => t.Status == UserTaskStatus.Open && (t.DueAt == null || t.DueAt < before));
        if (selected.All(s => s.ElementId is not null))
        {
            var elements = selected.Select(s => s.ElementId!).Distinct().ToList();
            query = query.Where(t => elements.Contains(t.ElementId));
            var keys = selected.Select(s => s.DefinitionKey).ToList();
            if (keys.All(k => k is not null))
            {
                var distinct = keys.Distinct().ToList();
                query = query.Where(t => distinct.Contains(t.DefinitionKey));
            }
        }
        else
        {
            // Any task at all: only those with a due date count as late.
            query = query.Where(t => t.DueAt != null);
        }

        return query;
    }

    private static IQueryable<TimerEntity>? DueTimers(EngineDbContext db, IReadOnlyCollection<DueSource> sources, DateTimeOffset before, string? tenantId, Actor actor)
    {
        var elements = sources.Where(s => s.Kind == DueSourceKind.ScheduledTimer && s.ElementId is not null).Select(s => s.ElementId!).Distinct().ToList();
        if (elements.Count == 0)
        {
            return null;
        }

        return Visible(db.Timers.AsNoTracking(), actor, tenantId)
            .Where(t => t.Status == TimerStatus.Scheduled && t.DueAt < before && elements.Contains(t.ElementId) && t.InstanceId != null);
    }

    /// <summary>Running instances of the given processes (all processes when null), per tenant and process.</summary>
    public async Task<IReadOnlyList<TenantCount>> ActiveInstanceCountsAsync(IReadOnlyCollection<string>? definitionKeys, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var query = Visible(db.Instances.AsNoTracking(), actor, null).Where(i => i.Status == InstanceStatus.Active);
        if (definitionKeys is not null)
        {
            var keys = definitionKeys.ToList();
            query = query.Where(i => keys.Contains(i.DefinitionKey));
        }

        var rows = await query.GroupBy(i => new { i.TenantId, i.DefinitionKey }).Select(g => new { g.Key.TenantId, g.Key.DefinitionKey, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.Select(r => new TenantCount(r.TenantId, r.DefinitionKey, r.Count)).ToList();
    }

    /// <summary>Instances of a process started, and ended, within [from, to), per tenant (key "started" or "ended").</summary>
    public async Task<IReadOnlyList<TenantCount>> StartedAndEndedAsync(string definitionKey, DateTimeOffset from, DateTimeOffset to, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var query = Visible(db.Instances.AsNoTracking(), actor, null).Where(i => i.DefinitionKey == definitionKey);
        var started = await query.Where(i => i.StartedAt >= from && i.StartedAt < to).GroupBy(i => i.TenantId).Select(g => new { Tenant = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var ended = await query.Where(i => i.EndedAt >= from && i.EndedAt < to).GroupBy(i => i.TenantId).Select(g => new { Tenant = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return started.Select(r => new TenantCount(r.Tenant, "started", r.Count)).Concat(ended.Select(r => new TenantCount(r.Tenant, "ended", r.Count))).ToList();
    }

    /// <summary>
    /// Instances of a process started, and ended, in each of the consecutive periods [b0, b1), [b1, b2)… that
    /// <paramref name="boundaries"/> mark, per tenant: two queries for any number of periods (a trend of quarters).
    /// </summary>
    public async Task<IReadOnlyList<PeriodCount>> StartedAndEndedPerPeriodAsync(string definitionKey, IReadOnlyList<DateTimeOffset> boundaries, Actor actor, CancellationToken cancellationToken = default)
    {
        if (boundaries.Count < 2 || boundaries.Zip(boundaries.Skip(1)).Any(b => b.First >= b.Second))
        {
            throw new ArgumentException("At least two boundaries, each later than the one before.", nameof(boundaries));
        }

        await using var db = databases.Create();
        var query = Visible(db.Instances.AsNoTracking(), actor, null).Where(i => i.DefinitionKey == definitionKey);
        var (first, last) = (boundaries[0], boundaries[^1]);
        var started = await query.Where(i => i.StartedAt >= first && i.StartedAt < last)
            .GroupBy(Bucket<DateTimeOffset>(nameof(InstanceEntity.StartedAt), boundaries))
            .Select(g => new { g.Key.TenantId, g.Key.Period, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var ended = await query.Where(i => i.EndedAt >= first && i.EndedAt < last)
            .GroupBy(Bucket<DateTimeOffset?>(nameof(InstanceEntity.EndedAt), boundaries))
            .Select(g => new { g.Key.TenantId, g.Key.Period, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return started.Select(r => new PeriodCount(r.TenantId, r.Period, "started", r.Count))
            .Concat(ended.Select(r => new PeriodCount(r.TenantId, r.Period, "ended", r.Count)))
            .ToList();
    }

    /// <summary>i => new PeriodKey(i.TenantId, i.Date &lt; b1 ? 0 : i.Date &lt; b2 ? 1 : …): one CASE in SQL.</summary>
    private static System.Linq.Expressions.Expression<Func<InstanceEntity, PeriodKey>> Bucket<TDate>(string property, IReadOnlyList<DateTimeOffset> boundaries)
    {
        var i = System.Linq.Expressions.Expression.Parameter(typeof(InstanceEntity), "i");
        var date = System.Linq.Expressions.Expression.Property(i, property);
        System.Linq.Expressions.Expression period = System.Linq.Expressions.Expression.Constant(boundaries.Count - 2);
        for (var b = boundaries.Count - 2; b >= 1; b--)
        {
            var before = System.Linq.Expressions.Expression.LessThan(date, System.Linq.Expressions.Expression.Constant(boundaries[b], typeof(TDate)));
            period = System.Linq.Expressions.Expression.Condition(before, System.Linq.Expressions.Expression.Constant(b - 1), period);
        }

        var key = System.Linq.Expressions.Expression.MemberInit(
            System.Linq.Expressions.Expression.New(typeof(PeriodKey)),
            System.Linq.Expressions.Expression.Bind(typeof(PeriodKey).GetProperty(nameof(PeriodKey.TenantId))!, System.Linq.Expressions.Expression.Property(i, nameof(InstanceEntity.TenantId))),
            System.Linq.Expressions.Expression.Bind(typeof(PeriodKey).GetProperty(nameof(PeriodKey.Period))!, period));
        return System.Linq.Expressions.Expression.Lambda<Func<InstanceEntity, PeriodKey>>(key, i);
    }

    private sealed class PeriodKey
    {
        public string TenantId { get; init; } = "";

        public int Period { get; init; }
    }

    /// <summary>
    /// Tasks at the given elements created (<paramref name="completed"/> false) or completed within [from, to), per tenant and
    /// element (key "definitionKey/elementId"), with how many of the completed ones were completed by their due date.
    /// </summary>
    public async Task<IReadOnlyList<TaskTenantCount>> TaskCountsPerTenantAsync(IReadOnlyCollection<string> elementIds, bool completed, DateTimeOffset from, DateTimeOffset to, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var elements = elementIds.ToList();
        var query = Visible(db.UserTasks.AsNoTracking(), actor, null).Where(t => elements.Contains(t.ElementId));
        query = completed
            ? query.Where(t => t.Status == UserTaskStatus.Completed && t.CompletedAt >= from && t.CompletedAt < to)
            : query.Where(t => t.CreatedAt >= from && t.CreatedAt < to);
        var rows = await query.GroupBy(t => new { t.TenantId, t.DefinitionKey, t.ElementId })
            .Select(g => new { g.Key.TenantId, g.Key.DefinitionKey, g.Key.ElementId, Count = g.Count(), OnTime = g.Count(t => t.DueAt != null && t.CompletedAt <= t.DueAt) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new TaskTenantCount(r.TenantId, r.DefinitionKey + "/" + r.ElementId, r.Count, r.OnTime)).ToList();
    }

    /// <summary>Partner calls of the given activity types completed within [from, to), per tenant and activity type.</summary>
    public async Task<IReadOnlyList<TenantCount>> CompletedJobCountsAsync(IReadOnlyCollection<string> activityTypes, DateTimeOffset from, DateTimeOffset to, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var types = activityTypes.ToList();
        var rows = await Visible(db.Jobs.AsNoTracking(), actor, null)
            .Where(j => types.Contains(j.ActivityType) && j.Status == JobStatus.Completed && j.CompletedAt >= from && j.CompletedAt < to)
            .GroupBy(j => new { j.TenantId, j.ActivityType })
            .Select(g => new { g.Key.TenantId, g.Key.ActivityType, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new TenantCount(r.TenantId, r.ActivityType, r.Count)).ToList();
    }

    /// <summary>
    /// Instances of a process per tenant and values of up to three top-level variables (each as text, "" when absent), either the
    /// running ones (<paramref name="started"/> null) or those started within the given period, whatever their state.
    /// </summary>
    public async Task<IReadOnlyList<VariableCount>> VariableCountsAsync(string definitionKey, IReadOnlyList<string> variables, (DateTimeOffset From, DateTimeOffset To)? started, Actor actor, CancellationToken cancellationToken = default)
    {
        if (variables.Count is < 1 or > 3 || variables.Any(v => !VariableName().IsMatch(v)))
        {
            throw new ArgumentException("One to three variable names of letters, digits and underscores.", nameof(variables));
        }

        await using var db = databases.Create();
        var positions = variables.Select(counted.IndexOf).ToList();
        var counts = new Dictionary<(string Tenant, string V0, string V1, string V2), int>();
        void Add(string tenant, IReadOnlyList<string> values, int count)
        {
            if (actor.MayAccess(tenant))
            {
                var key = (tenant, values[0], values.Count > 1 ? values[1] : "", values.Count > 2 ? values[2] : "");
                counts[key] = counts.GetValueOrDefault(key) + count;
            }
        }

        var slowWhere = "";
        if (!counted.IsEmpty && positions.All(p => p >= 0))
        {
            // The counted values beside each instance (from the index on PostgreSQL); only rows not yet written under the
            // current names are parsed the slow way below.
            var signature = counted.Signature;
            var query = db.Instances.AsNoTracking().Where(i => i.DefinitionKey == definitionKey && i.CountedValues != null && i.CountedValues.StartsWith(signature));
            query = started is { } period
                ? query.Where(i => i.StartedAt >= period.From && i.StartedAt < period.To)
                : query.Where(i => i.Status == InstanceStatus.Active);
            var groups = await query.GroupBy(i => new { i.TenantId, i.CountedValues }).Select(g => new { g.Key.TenantId, g.Key.CountedValues, Count = g.Count() }).ToListAsync(cancellationToken);
            foreach (var group in groups)
            {
                var values = counted.Read(group.CountedValues)!;
                Add(group.TenantId, positions.Select(p => values[p]).ToList(), group.Count);
            }

            if (counted.AllCurrent)
            {
                // Every row has its values (the backfill went through the table; rows written since are current): no scan for
                // rows without them, which PostgreSQL would answer by reading the whole table.
                return Counts();
            }

            slowWhere = $" AND (counted_values IS NULL OR substr(counted_values, 1, {signature.Length}) <> {{{3 + variables.Count}}})";
        }

        var postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        // As PostgreSQL's ->> gives them (and the counted values hold them): SQLite's json_extract gives true as 1.
        string Value(int i) => postgres
            ? $"COALESCE(variables::jsonb ->> {{{i + 3}}}, '')"
            : $"CASE json_type(variables, '$.' || {{{i + 3}}}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE COALESCE(CAST(json_extract(variables, '$.' || {{{i + 3}}}) AS text), '') END";
        var columns = string.Join(", ", Enumerable.Range(0, 3).Select(i => i < variables.Count ? $"{Value(i)} AS \"V{i}\"" : $"'' AS \"V{i}\""));
        var where = (started is null ? "status = 'Active'" : "started_at >= {1} AND started_at < {2}") + slowWhere;
        var sql = $"SELECT x.\"Tenant\", x.\"V0\", x.\"V1\", x.\"V2\", COUNT(*) AS \"Count\" FROM (SELECT tenant_id AS \"Tenant\", {columns} FROM instances WHERE definition_key = {{0}} AND {where}) x GROUP BY x.\"Tenant\", x.\"V0\", x.\"V1\", x.\"V2\"";
        object from = started is { } p1 ? (postgres ? p1.From : p1.From.UtcTicks) : 0L;
        object to = started is { } p2 ? (postgres ? p2.To : p2.To.UtcTicks) : 0L;
        object[] parameters = [definitionKey, from, to, .. variables, counted.Signature];
        foreach (var row in await db.Database.SqlQueryRaw<VariableCountRow>(sql, parameters).ToListAsync(cancellationToken))
        {
            Add(row.Tenant, [row.V0, row.V1, row.V2], (int)row.Count);
        }

        return Counts();

        List<VariableCount> Counts() =>
            counts.Select(c => new VariableCount(c.Key.Tenant, new[] { c.Key.V0, c.Key.V1, c.Key.V2 }.Take(variables.Count).ToList(), c.Value)).ToList();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,99}$")]
    private static partial Regex VariableName();

    private sealed class VariableCountRow
    {
        public required string Tenant { get; init; }

        public required string V0 { get; init; }

        public required string V1 { get; init; }

        public required string V2 { get; init; }

        public long Count { get; init; }
    }
}

/// <summary>Where due work is found: open tasks or scheduled timers, at an element (any element of any process when null).</summary>
public sealed record DueSource(DueSourceKind Kind, string? DefinitionKey, string? ElementId);

public enum DueSourceKind
{
    OpenTask,
    ScheduledTimer,
}

/// <summary>
/// One due item: an open task or a scheduled timer. <see cref="Date"/> is its due date (or, for a task without one, when it was
/// created); <see cref="HasDueDate"/> says which.
/// </summary>
public sealed record DueItemView(string Source, Guid Id, Guid InstanceId, Guid RootInstanceId, string DefinitionKey, int DefinitionVersion, string ElementId, string? Name, string TenantId, DateTimeOffset Date, bool HasDueDate, string? Assignee, JsonObject? Display);

/// <summary>A count for one tenant and key.</summary>
public sealed record TenantCount(string TenantId, string Key, int Count);

/// <summary>A count for one tenant, period (index of the period in the boundaries asked for) and key ("started" or "ended").</summary>
public sealed record PeriodCount(string TenantId, int Period, string Key, int Count);

/// <summary>How many instances of one tenant have these variable values.</summary>
public sealed record VariableCount(string TenantId, IReadOnlyList<string> Values, int Count);

/// <summary>Tasks for one tenant and element, and how many of them were completed by their due date.</summary>
public sealed record TaskTenantCount(string TenantId, string Key, int Count, int OnTime);
