using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Queries;

public sealed partial class EngineQueries
{
    /// <summary>
    /// Per version of one definition key: how many instances run on it and how many ever started, over all tenants
    /// (a definition is shared by every tenant; the counts carry no data of any instance).
    /// </summary>
    public async Task<IReadOnlyList<DefinitionVersionCount>> DefinitionVersionCountsAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var rows = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == key)
            .GroupBy(i => i.DefinitionVersion)
            .Select(g => new { Version = g.Key, Active = g.Count(i => i.Status == InstanceStatus.Active), Total = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Version).Select(r => new DefinitionVersionCount(r.Version, r.Active, r.Total)).ToList();
    }
}
