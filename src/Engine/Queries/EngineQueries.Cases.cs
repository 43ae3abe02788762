using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Queries;

/// <summary>Cases that share a value: the top-level instances of one tenant whose tree holds a variable with the same text.</summary>
public sealed partial class EngineQueries
{
    /// <summary>Longest value <see cref="CasesSharingAsync"/> looks for.</summary>
    public const int MaxSharedValueLength = 200;

    /// <summary>
    /// The top-level instances of <paramref name="tenantId"/> (any status) whose own variables, or the variables of an instance
    /// they called, hold <paramref name="variable"/> = <paramref name="value"/> (a string): e.g. the trajecten of one household.
    /// A called instance holds its own copy of the variables while it runs, so every instance of the tree counts. Nothing for a
    /// tenant the actor may not access.
    /// </summary>
    public async Task<IReadOnlyList<InstanceSummary>> CasesSharingAsync(string tenantId, string variable, string value, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        if (string.IsNullOrEmpty(value) || value.Length > MaxSharedValueLength || !actor.MayAccess(tenantId))
        {
            return [];
        }

        await using var db = databases.Create();
        var roots = await RootsSharingAsync(db, tenantId, variable, value, activeOnly: false, cancellationToken);
        var rows = await db.Instances.AsNoTracking().Where(i => roots.Contains(i.Id)).OrderBy(i => i.StartedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return rows.Select(i => new InstanceSummary(i.Id, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.TenantId, StatusName(i.Status), i.StartedAt, i.EndedAt, i.ParentInstanceId, i.OpenIncidents)).ToList();
    }

    /// <summary>
    /// The ids of the top-level instances of <paramref name="tenantId"/> whose tree holds the string variable. The database
    /// narrows on the value's JSON text (as the engine stores it) within the tenant; the variable is then checked exactly.
    /// </summary>
    internal static async Task<List<Guid>> RootsSharingAsync(EngineDbContext db, string tenantId, string variable, string value, bool activeOnly, CancellationToken cancellationToken)
    {
        var needle = JsonSerializer.Serialize(value, Json.Options);
        var query = db.Instances.AsNoTracking().Where(i => i.TenantId == tenantId && i.Variables.Contains(needle));
        if (activeOnly)
        {
            query = query.Where(i => i.Status == InstanceStatus.Active);
        }

        var candidates = await query.Select(i => new { i.RootInstanceId, i.Variables }).ToListAsync(cancellationToken);
        return candidates
            .Where(c => Json.ParseObject(c.Variables)[variable] is JsonValue v && v.TryGetValue<string>(out var text) && text == value)
            .Select(c => c.RootInstanceId)
            .Distinct()
            .ToList();
    }
}
