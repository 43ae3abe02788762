using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Inburgering.Engine.Definitions;
using Inburgering.Engine.Execution;
using Inburgering.Engine.InstanceMigration;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine;

/// <summary>
/// Instance migration: generate and check a plan, validate it against running instances (a dry run: nothing changes), and
/// migrate in batches — each instance in its own step, its batch item updated in the same transaction, so a batch carries on
/// after a crash where it stopped.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>The most instances one batch or validation takes.</summary>
    public const int MaxMigrationInstances = 5000;

    private readonly Channel<bool> _migrationWork = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>A plan for equal element ids (of compatible kinds), with both versions' elements and the plan's problems.</summary>
    public async Task<MigrationPlanDraft> GenerateMigrationPlanAsync(string sourceKey, int sourceVersion, string targetKey, int targetVersion, CancellationToken cancellationToken = default)
    {
        var (source, sourceModel, target, targetModel) = await LoadVersionsAsync(sourceKey, sourceVersion, targetKey, targetVersion, cancellationToken);
        var plan = new MigrationPlan(source.Key, source.Version, target.Key, target.Version, InstanceMigrator.Generate(sourceModel, targetModel));
        var migrator = new InstanceMigrator(source, sourceModel, target, targetModel, plan);
        return new MigrationPlanDraft(plan, InstanceMigrator.Elements(sourceModel), InstanceMigrator.Elements(targetModel), migrator.PlanProblems);
    }

    /// <summary>Checks an (edited) plan on its own, without instances.</summary>
    public async Task<MigrationPlanDraft> CheckMigrationPlanAsync(MigrationPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (source, sourceModel, target, targetModel) = await LoadVersionsAsync(plan.SourceKey, plan.SourceVersion, plan.TargetKey, plan.TargetVersion, cancellationToken);
        var migrator = new InstanceMigrator(source, sourceModel, target, targetModel, plan);
        return new MigrationPlanDraft(plan, InstanceMigrator.Elements(sourceModel), InstanceMigrator.Elements(targetModel), migrator.PlanProblems);
    }

    /// <summary>
    /// Validates a plan against the chosen instances (null: every active instance of the source version the actor may see):
    /// each is migrated in a step that is thrown away, so the report is exactly what a batch would do — and nothing changes.
    /// </summary>
    public async Task<MigrationValidation> ValidateMigrationAsync(MigrationPlan plan, IReadOnlyList<Guid>? instanceIds, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actor);
        var (source, sourceModel, target, targetModel) = await LoadVersionsAsync(plan.SourceKey, plan.SourceVersion, plan.TargetKey, plan.TargetVersion, cancellationToken);
        var migrator = new InstanceMigrator(source, sourceModel, target, targetModel, plan);
        var ids = await ChooseInstancesAsync(source, instanceIds, actor, cancellationToken);
        var reports = new List<InstanceMigrationReport>(ids.Count);
        foreach (var id in ids)
        {
            await using var db = _databases.Create();
            var step = new Step(db, _definitions, _time.GetUtcNow(), actor, _options.TenantVariable, _counted, _display);
            reports.Add(await MigrateOneAsync(step, new Executor(step, _services), migrator, id, actor, apply: true, batchId: null, cancellationToken));

            // Not committed: the DbContext with the moved tokens is thrown away here.
        }

        return new MigrationValidation(plan, migrator.PlanProblems, reports);
    }

    /// <summary>
    /// Starts a batch over the chosen instances (null: every active instance of the source version the actor may see). A plan
    /// with problems starts nothing and says why.
    /// </summary>
    public async Task<MigrationBatchStart> StartMigrationBatchAsync(MigrationPlan plan, IReadOnlyList<Guid>? instanceIds, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actor);
        var (source, sourceModel, target, targetModel) = await LoadVersionsAsync(plan.SourceKey, plan.SourceVersion, plan.TargetKey, plan.TargetVersion, cancellationToken);
        var migrator = new InstanceMigrator(source, sourceModel, target, targetModel, plan);
        if (migrator.PlanProblems.Count > 0)
        {
            return new MigrationBatchStart(null, migrator.PlanProblems);
        }

        var ids = await ChooseInstancesAsync(source, instanceIds, actor, cancellationToken);
        if (ids.Count == 0)
        {
            throw EngineErrors.MigrationNoInstances.Exception();
        }

        var now = _time.GetUtcNow();
        await using var db = _databases.Create();
        var batch = new MigrationBatchEntity
        {
            Id = Guid.CreateVersion7(now),
            SourceDefinitionId = source.Id,
            TargetDefinitionId = target.Id,
            Plan = JsonSerializer.Serialize(plan, Json.Options),
            Status = MigrationBatchStatus.Running,
            CreatedBy = actor.Name,
            CreatedAt = now,
            Total = ids.Count,
        };
        db.Add(batch);
        foreach (var id in ids)
        {
            db.Add(new MigrationBatchItemEntity { Id = Guid.CreateVersion7(now), BatchId = batch.Id, InstanceId = id, Status = MigrationItemStatus.Pending });
        }

        await db.SaveChangesAsync(cancellationToken);
        Log.MigrationBatchStarted(_logger, batch.Id, source.Key, source.Version, target.Version, ids.Count);
        _migrationWork.Writer.TryWrite(true);
        return new MigrationBatchStart(batch.Id, []);
    }

    /// <summary>A batch with its report per instance.</summary>
    public async Task<MigrationBatchView> MigrationBatchAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var batch = await db.Set<MigrationBatchEntity>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken)
            ?? throw EngineErrors.MigrationBatchNotFound.Exception(("batchId", batchId));
        var items = await db.Set<MigrationBatchItemEntity>().AsNoTracking().Where(i => i.BatchId == batchId).ToListAsync(cancellationToken);
        return View(batch, items.OrderBy(i => i.Id).ToList(), withItems: true);
    }

    /// <summary>The latest batches, newest first, without their items.</summary>
    public async Task<IReadOnlyList<MigrationBatchView>> MigrationBatchesAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.Create();
        var batches = await db.Set<MigrationBatchEntity>().AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(Math.Clamp(count, 1, 500)).ToListAsync(cancellationToken);
        var ids = batches.Select(b => b.Id).ToList();
        var items = await db.Set<MigrationBatchItemEntity>().AsNoTracking().Where(i => ids.Contains(i.BatchId)).ToListAsync(cancellationToken);
        return batches.Select(b => View(b, items.Where(i => i.BatchId == b.Id).ToList(), withItems: false)).ToList();
    }

    /// <summary>Waits until a batch is started or <paramref name="timeout"/> passes (the batch runner's doorbell).</summary>
    internal async Task WaitForMigrationWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.WhenAny(_migrationWork.Reader.WaitToReadAsync(cancellationToken).AsTask(), Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        _migrationWork.Reader.TryRead(out _);
    }

    /// <summary>Works off every running batch, instance by instance; returns how many instances it handled.</summary>
    internal async Task<int> RunMigrationBatchesAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        List<MigrationBatchEntity> running;
        await using (var db = _databases.Create())
        {
            running = await db.Set<MigrationBatchEntity>().AsNoTracking().Where(b => b.Status == MigrationBatchStatus.Running).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
        }

        foreach (var batch in running)
        {
            var plan = JsonSerializer.Deserialize<MigrationPlan>(batch.Plan, Json.Options)!;
            var (source, sourceModel, target, targetModel) = await LoadVersionsAsync(plan.SourceKey, plan.SourceVersion, plan.TargetKey, plan.TargetVersion, cancellationToken);
            var migrator = new InstanceMigrator(source, sourceModel, target, targetModel, plan);
            var actor = new Actor(batch.CreatedBy ?? "system", new HashSet<string>(StringComparer.Ordinal), null, IsAdministrator: true);
            while (!cancellationToken.IsCancellationRequested)
            {
                List<Guid> pending;
                await using (var db = _databases.Create())
                {
                    pending = await db.Set<MigrationBatchItemEntity>().AsNoTracking()
                        .Where(i => i.BatchId == batch.Id && i.Status == MigrationItemStatus.Pending)
                        .OrderBy(i => i.Id).Select(i => i.Id).Take(100).ToListAsync(cancellationToken);
                }

                if (pending.Count == 0)
                {
                    break;
                }

                foreach (var itemId in pending)
                {
                    await RunMigrationItemAsync(migrator, itemId, batch.Id, actor, cancellationToken);
                    handled++;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            await using (var db = _databases.Create())
            {
                var entity = await db.Set<MigrationBatchEntity>().FirstAsync(b => b.Id == batch.Id, cancellationToken);
                if (entity.Status == MigrationBatchStatus.Running)
                {
                    entity.Status = MigrationBatchStatus.Completed;
                    entity.CompletedAt = _time.GetUtcNow();
                    entity.Version++;
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        Log.MigrationBatchCompleted(_logger, batch.Id);
                    }
                    catch (DbUpdateConcurrencyException)
                    {
                        // Another node completed it.
                    }
                }
            }
        }

        return handled;
    }

    private async Task RunMigrationItemAsync(InstanceMigrator migrator, Guid itemId, Guid batchId, Actor actor, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("migrate-instance", actor, async (step, executor, ct) =>
            {
                var item = await step.Db.Set<MigrationBatchItemEntity>().FirstAsync(i => i.Id == itemId, ct);
                if (item.Status != MigrationItemStatus.Pending)
                {
                    return false;
                }

                var report = await MigrateOneAsync(step, executor, migrator, item.InstanceId, actor, apply: true, batchId, ct);
                item.Status = report.CanMigrate ? MigrationItemStatus.Migrated : MigrationItemStatus.Failed;
                item.At = step.Now;
                item.Report = ReportJson(report.Waits, report.Problems);
                item.Version++;
                return true;
            }, cancellationToken);
        }
        catch (EngineException ex)
        {
            await FailItemAsync(itemId, ex.Error, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            Log.MigrationItemFailed(_logger, itemId, ex.Message);
            await FailItemAsync(itemId, EngineErrors.InstanceConcurrencyConflict.With(), cancellationToken);
        }
    }

    private async Task FailItemAsync(Guid itemId, EngineError error, CancellationToken cancellationToken)
    {
        await using var db = _databases.Create();
        var item = await db.Set<MigrationBatchItemEntity>().FirstAsync(i => i.Id == itemId, cancellationToken);
        if (item.Status != MigrationItemStatus.Pending)
        {
            return;
        }

        item.Status = MigrationItemStatus.Failed;
        item.At = _time.GetUtcNow();
        item.Report = ReportJson([], [new MigrationProblem(null, error)]);
        item.Version++;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<InstanceMigrationReport> MigrateOneAsync(Step step, Executor executor, InstanceMigrator migrator, Guid instanceId, Actor actor, bool apply, Guid? batchId, CancellationToken cancellationToken)
    {
        var instance = await step.LoadAsync(instanceId, cancellationToken);
        if (instance is null || !actor.MayAccess(instance.Entity.TenantId))
        {
            return new InstanceMigrationReport(instanceId, null, "", false, [], [new MigrationProblem(null, EngineErrors.InstanceNotFound.With(("instanceId", instanceId)))]);
        }

        var incidents = await step.Db.Incidents.Where(i => i.InstanceId == instanceId && i.Status == IncidentStatus.Open).ToListAsync(cancellationToken);
        return migrator.Migrate(instance, incidents, executor, step.Now, apply, batchId);
    }

    private async Task<List<Guid>> ChooseInstancesAsync(DefinitionEntity source, IReadOnlyList<Guid>? instanceIds, Actor actor, CancellationToken cancellationToken)
    {
        if (instanceIds is { Count: > MaxMigrationInstances })
        {
            throw EngineErrors.MigrationTooManyInstances.Exception(("max", MaxMigrationInstances));
        }

        if (instanceIds is not null)
        {
            return instanceIds.Distinct().ToList();
        }

        await using var db = _databases.Create();
        var rows = await db.Instances.AsNoTracking()
            .Where(i => i.DefinitionId == source.Id && i.Status == InstanceStatus.Active)
            .OrderBy(i => i.StartedAt)
            .Select(i => new { i.Id, i.TenantId })
            .Take(MaxMigrationInstances + 1)
            .ToListAsync(cancellationToken);
        if (rows.Count > MaxMigrationInstances)
        {
            throw EngineErrors.MigrationTooManyInstances.Exception(("max", MaxMigrationInstances));
        }

        return rows.Where(r => actor.MayAccess(r.TenantId)).Select(r => r.Id).ToList();
    }

    private async Task<(DefinitionEntity Source, Bpmn.ProcessModel SourceModel, DefinitionEntity Target, Bpmn.ProcessModel TargetModel)> LoadVersionsAsync(
        string sourceKey, int sourceVersion, string targetKey, int targetVersion, CancellationToken cancellationToken)
    {
        await using var db = _databases.Create();
        var source = await DefinitionRegistry.VersionAsync(db, sourceKey, sourceVersion, cancellationToken)
            ?? throw EngineErrors.DefinitionVersionNotFound.Exception(("key", sourceKey), ("version", sourceVersion));
        var target = await DefinitionRegistry.VersionAsync(db, targetKey, targetVersion, cancellationToken)
            ?? throw EngineErrors.DefinitionVersionNotFound.Exception(("key", targetKey), ("version", targetVersion));
        return (source, await _definitions.ModelAsync(source.Id, source.Key, cancellationToken), target, await _definitions.ModelAsync(target.Id, target.Key, cancellationToken));
    }

    private static string ReportJson(IReadOnlyList<MigratedWait> waits, IReadOnlyList<MigrationProblem> problems)
    {
        var json = new JsonObject
        {
            ["waits"] = JsonSerializer.SerializeToNode(waits, Json.Options),
            ["problems"] = new JsonArray(problems.Select(p => (JsonNode)new JsonObject { ["elementId"] = p.ElementId, ["error"] = p.Error.ToJson() }).ToArray()),
        };
        return json.ToJsonString(Json.Options);
    }

    private static MigrationBatchView View(MigrationBatchEntity batch, List<MigrationBatchItemEntity> items, bool withItems)
    {
        var plan = JsonSerializer.Deserialize<MigrationPlan>(batch.Plan, Json.Options)!;
        var views = withItems ? items.Select(ItemView).ToList() : [];
        return new MigrationBatchView(
            batch.Id,
            plan,
            batch.Status == MigrationBatchStatus.Running ? "running" : "completed",
            batch.CreatedBy,
            batch.CreatedAt,
            batch.CompletedAt,
            batch.Total,
            items.Count(i => i.Status == MigrationItemStatus.Pending),
            items.Count(i => i.Status == MigrationItemStatus.Migrated),
            items.Count(i => i.Status == MigrationItemStatus.Failed),
            views);
    }

    private static MigrationBatchItemView ItemView(MigrationBatchItemEntity item)
    {
        var report = Json.ParseObject(item.Report);
        var waits = report["waits"] is JsonArray w ? w.Deserialize<List<MigratedWait>>(Json.Options) ?? [] : [];
        var problems = report["problems"] is JsonArray p
            ? p.OfType<JsonObject>().Select(o => new MigrationProblem((string?)o["elementId"], EngineError.FromJson(o["error"])!)).Where(x => x.Error is not null).ToList()
            : [];
        var status = item.Status switch
        {
            MigrationItemStatus.Pending => "pending",
            MigrationItemStatus.Migrated => "migrated",
            _ => "failed",
        };
        return new MigrationBatchItemView(item.InstanceId, status, item.At, problems, waits);
    }
}

/// <summary>A batch started (its id), or the plan's problems that kept it from starting.</summary>
public sealed record MigrationBatchStart(Guid? BatchId, IReadOnlyList<MigrationProblem> PlanProblems);
