using System.Text.Json.Nodes;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine;

/// <summary>
/// Personal data in the engine (the AVG asks it of the host): an access log of every read of an instance's data, and the
/// erasure of named variables of a whole instance tree once its retention period is over. Which variables are personal and
/// how long they are kept is the host's decision; the engine erases what it is told, everywhere it keeps variables
/// (instance and token variables, four-eyes approvals, the journal's details, the messages the tree consumed), and keeps
/// the events themselves.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>
    /// Records that <paramref name="user"/> read (or exported) the data of these instances. Each row carries the instance's
    /// tree root and tenant, so the log is queried per tree. Instances that do not exist are skipped.
    /// </summary>
    public async Task RecordAccessAsync(string user, string action, IReadOnlyCollection<Guid> instanceIds, string? detail = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        if (instanceIds.Count == 0)
        {
            return;
        }

        await using var db = _databases.Create();
        var now = _time.GetUtcNow();
        var instances = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.RootInstanceId, i.TenantId }).ToListAsync(cancellationToken);
        foreach (var instance in instances)
        {
            db.AccessLog.Add(new AccessLogEntity
            {
                At = now,
                User = Shorten(user, 200),
                Action = Shorten(action, 64),
                InstanceId = instance.Id,
                RootInstanceId = instance.RootInstanceId,
                TenantId = instance.TenantId,
                Detail = detail is null ? null : Shorten(detail, 500),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The tenants that have ended trees whose personal data is not erased yet.</summary>
    public async Task<IReadOnlyList<string>> TenantsWithUnerasedEndedTreesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        return await db.Instances.AsNoTracking()
            .Where(i => i.ParentInstanceId == null && i.Status != InstanceStatus.Active && i.PersonalDataErasedAt == null)
            .Select(i => i.TenantId).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The roots of trees of <paramref name="tenantId"/> that ended before <paramref name="endedBefore"/> and whose personal
    /// data is not erased yet (a tree has ended when its root has), oldest first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> TreesDueForErasureAsync(string tenantId, DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        return await db.Instances.AsNoTracking()
            .Where(i => i.TenantId == tenantId && i.ParentInstanceId == null && i.Status != InstanceStatus.Active && i.EndedAt != null && i.EndedAt < endedBefore && i.PersonalDataErasedAt == null)
            .OrderBy(i => i.EndedAt).ThenBy(i => i.Id)
            .Select(i => i.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Erases the variables named in <paramref name="variableNames"/> (at any depth of a JSON value) from every instance of
    /// the tree whose root is <paramref name="rootInstanceId"/>, in one transaction, and marks the tree erased; the journal
    /// keeps its events with those details removed, and an <c>personal-data-erased</c> entry says when and by whom. Safe to
    /// repeat: a tree already erased is left alone (returns false), a tree still running is refused.
    /// </summary>
    public async Task<bool> ErasePersonalDataAsync(Guid rootInstanceId, IReadOnlySet<string> variableNames, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variableNames);
        await using var db = _databases.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var root = await db.Instances.FirstOrDefaultAsync(i => i.Id == rootInstanceId, cancellationToken);
        if (root is null || root.PersonalDataErasedAt is not null)
        {
            return false;
        }

        if (root.Status == InstanceStatus.Active)
        {
            throw new InvalidOperationException($"Instance {rootInstanceId} is still active; its personal data is erased only after it ended.");
        }

        var now = _time.GetUtcNow();
        var tree = await db.Instances.Where(i => i.RootInstanceId == rootInstanceId || i.Id == rootInstanceId).ToListAsync(cancellationToken);
        var ids = tree.Select(i => i.Id).ToList();
        foreach (var instance in tree)
        {
            instance.Variables = Scrub(instance.Variables, variableNames) ?? "{}";
            instance.CountedValues = _counted.Of(instance.Variables);
            instance.DisplayValues = _display.Of(instance.Variables);
            instance.PersonalDataErasedAt = now;
            instance.Version++;
        }

        foreach (var execution in await db.Executions.Where(e => ids.Contains(e.InstanceId) && e.LocalVariables != null).ToListAsync(cancellationToken))
        {
            execution.LocalVariables = Scrub(execution.LocalVariables, variableNames);
        }

        foreach (var task in await db.UserTasks.Where(t => ids.Contains(t.InstanceId) && t.Approvals != null).ToListAsync(cancellationToken))
        {
            task.Approvals = Scrub(task.Approvals, variableNames);
            task.Version++;
        }

        foreach (var entry in await db.Journal.Where(j => ids.Contains(j.InstanceId) && j.Data != null).ToListAsync(cancellationToken))
        {
            entry.Data = Scrub(entry.Data, variableNames);
        }

        foreach (var message in await db.BufferedMessages.Where(m => m.ConsumedByInstanceId != null && ids.Contains(m.ConsumedByInstanceId.Value)).ToListAsync(cancellationToken))
        {
            message.Variables = Scrub(message.Variables, variableNames) ?? "{}";
            message.Version++;
        }

        // What a failed partner call sent and got back carries a BSN: it goes, the incident itself stays.
        await db.Incidents.Where(i => ids.Contains(i.InstanceId) && i.Exchange != null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Exchange, (string?)null), cancellationToken);

        db.Journal.Add(new JournalEntity { InstanceId = rootInstanceId, At = now, Type = "personal-data-erased", User = Shorten(user, 200) });
        db.AccessLog.Add(new AccessLogEntity { At = now, User = Shorten(user, 200), Action = "erased", InstanceId = rootInstanceId, RootInstanceId = rootInstanceId, TenantId = root.TenantId, Detail = $"{tree.Count} instanties" });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The JSON text without the named properties at any depth (null stays null; text that is not JSON is dropped).</summary>
    internal static string? Scrub(string? json, IReadOnlySet<string> names)
    {
        if (json is null)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        return node is null ? json : ScrubNode(node, names) ? node.ToJsonString(Json.Options) : json;
    }

    private static bool ScrubNode(JsonNode node, IReadOnlySet<string> names)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).Where(names.Contains).ToList())
                {
                    obj.Remove(name);
                    changed = true;
                }

                foreach (var (_, child) in obj)
                {
                    changed |= child is not null && ScrubNode(child, names);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    changed |= child is not null && ScrubNode(child, names);
                }

                break;
        }

        return changed;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];
}
