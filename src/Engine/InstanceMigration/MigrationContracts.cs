namespace Inburgering.Engine.InstanceMigration;

/// <summary>
/// How instances of one deployed version move to another: each instruction maps an element of the source version to one of
/// the target version. A token, task, timer, message subscription or running call at a source element lands on its target.
/// </summary>
public sealed record MigrationPlan(string SourceKey, int SourceVersion, string TargetKey, int TargetVersion, IReadOnlyList<MigrationInstruction> Instructions);

/// <summary>The element <paramref name="SourceElementId"/> of the source version becomes <paramref name="TargetElementId"/>.</summary>
public sealed record MigrationInstruction(string SourceElementId, string TargetElementId);

/// <summary>One element of a version, as a designer sees it in the plan editor.</summary>
public sealed record MigrationElement(string Id, string? Name, string Kind);

/// <summary>
/// A generated plan (equal ids of compatible kinds), the elements of both versions for editing it, and the problems of the plan
/// as it stands.
/// </summary>
public sealed record MigrationPlanDraft(
    MigrationPlan Plan,
    IReadOnlyList<MigrationElement> SourceElements,
    IReadOnlyList<MigrationElement> TargetElements,
    IReadOnlyList<MigrationProblem> Problems);

/// <summary>Why (part of) a plan or an instance cannot be migrated, at the element concerned.</summary>
public sealed record MigrationProblem(string? ElementId, EngineError Error);

/// <summary>What migration does to one thing an instance waits on.</summary>
/// <param name="Kind">token, task, timer, message, job, call or incident.</param>
/// <param name="Action">kept (same element id), moved (another element), recomputed (timer), renamed (message), created, cancelled.</param>
public sealed record MigratedWait(
    string Kind,
    string SourceElementId,
    string? TargetElementId,
    string Action,
    DateTimeOffset? DueAt = null,
    DateTimeOffset? NewDueAt = null,
    string? Detail = null);

/// <summary>The verdict for one instance: migratable (and what happens to each wait), or the problems at their elements.</summary>
public sealed record InstanceMigrationReport(
    Guid InstanceId,
    string? BusinessKey,
    string TenantId,
    bool CanMigrate,
    IReadOnlyList<MigratedWait> Waits,
    IReadOnlyList<MigrationProblem> Problems);

/// <summary>A validation (dry run): the plan's own problems and the verdict for every chosen instance. Nothing is changed.</summary>
public sealed record MigrationValidation(
    MigrationPlan Plan,
    IReadOnlyList<MigrationProblem> PlanProblems,
    IReadOnlyList<InstanceMigrationReport> Instances)
{
    public int Migratable => Instances.Count(i => i.CanMigrate);

    public int NotMigratable => Instances.Count(i => !i.CanMigrate);
}

/// <summary>A batch as its report shows it.</summary>
/// <param name="Status">running, completed (every instance done, some may have failed) or cancelled.</param>
public sealed record MigrationBatchView(
    Guid Id,
    MigrationPlan Plan,
    string Status,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    int Total,
    int Pending,
    int Migrated,
    int Failed,
    IReadOnlyList<MigrationBatchItemView> Items);

/// <summary>One instance of a batch: pending, migrated or failed (with the problems).</summary>
public sealed record MigrationBatchItemView(
    Guid InstanceId,
    string Status,
    DateTimeOffset? At,
    IReadOnlyList<MigrationProblem> Problems,
    IReadOnlyList<MigratedWait> Waits);
