using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Tests;

/// <summary>
/// Writes many instances waiting on a timer in bulk: copies of one template instance that the engine started (its
/// instance, execution and timer rows, as the engine wrote them), each with its own ids, business key and due moment.
/// Starting ten thousand instances one step at a time would take a test's whole time budget; the rows are the same.
/// </summary>
public static class Backlog
{
    public static async Task CopyAsync(TestDatabase database, Guid templateId, IReadOnlyList<DateTimeOffset> dues)
    {
        InstanceEntity template;
        List<ExecutionEntity> executions;
        TimerEntity timer;
        await using (var db = database.Context())
        {
            template = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == templateId);
            executions = await db.Executions.AsNoTracking().Where(e => e.InstanceId == templateId).ToListAsync();
            timer = await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == templateId && t.Status == TimerStatus.Scheduled);
            await db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, dues[0]));
        }

        for (var start = 1; start < dues.Count; start += 1000)
        {
            await using var db = database.Context();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var k = start; k < Math.Min(dues.Count, start + 1000); k++)
            {
                var instanceId = Guid.CreateVersion7();
                var ids = executions.ToDictionary(e => e.Id, _ => Guid.CreateVersion7());
                db.Instances.Add(new InstanceEntity
                {
                    Id = instanceId,
                    DefinitionId = template.DefinitionId,
                    DefinitionKey = template.DefinitionKey,
                    DefinitionVersion = template.DefinitionVersion,
                    BusinessKey = $"{template.BusinessKey}-{k}",
                    TenantId = template.TenantId,
                    Status = template.Status,
                    Variables = template.Variables,
                    RootInstanceId = instanceId,
                    StartedAt = template.StartedAt,
                    StartedBy = template.StartedBy,
                });
                db.Executions.AddRange(executions.Select(e => new ExecutionEntity
                {
                    Id = ids[e.Id],
                    InstanceId = instanceId,
                    ParentId = e.ParentId is { } p ? ids[p] : null,
                    ElementId = e.ElementId,
                    State = e.State,
                    ArrivedBy = e.ArrivedBy,
                    LocalVariables = e.LocalVariables,
                    CreatedAt = e.CreatedAt,
                }));
                db.Timers.Add(new TimerEntity
                {
                    Id = Guid.CreateVersion7(),
                    InstanceId = instanceId,
                    ExecutionId = timer.ExecutionId is { } x ? ids[x] : null,
                    DefinitionId = timer.DefinitionId,
                    ElementId = timer.ElementId,
                    TenantId = timer.TenantId,
                    Status = TimerStatus.Scheduled,
                    DueAt = dues[k],
                    Spec = timer.Spec,
                    Kind = timer.Kind,
                    CreatedAt = timer.CreatedAt,
                });
            }

            await db.SaveChangesAsync();
        }
    }
}
