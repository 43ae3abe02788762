namespace Inburgering.Engine;

/// <summary>The codes of instance migration (<c>migration.*</c>).</summary>
public static partial class EngineErrors
{
    internal static readonly ErrorCode MigrationSourceElementUnknown = new("migration.source-element-unknown", Invalid,
        "Element '{elementId}' is not in {key} version {version}.");

    internal static readonly ErrorCode MigrationTargetElementUnknown = new("migration.target-element-unknown", Invalid,
        "Element '{elementId}' is not in {key} version {version}.");

    internal static readonly ErrorCode MigrationSourceMappedTwice = new("migration.source-mapped-twice", Invalid,
        "Element '{elementId}' is mapped more than once.");

    internal static readonly ErrorCode MigrationElementsIncompatible = new("migration.elements-incompatible", Invalid,
        "Element '{elementId}' ({sourceKind}) cannot become '{targetElementId}' ({targetKind}): {reason}.");

    internal static readonly ErrorCode MigrationSameVersion = new("migration.same-version", Invalid,
        "Source and target are the same version ({key} version {version}).");

    internal static readonly ErrorCode MigrationElementUnmapped = new("migration.element-unmapped", Invalid,
        "A token waits at '{elementId}', which the plan does not map to the new version.");

    internal static readonly ErrorCode MigrationScopeChanged = new("migration.scope-changed", Invalid,
        "'{elementId}' would move to '{targetElementId}', which is not inside '{expectedScope}' where its parent token goes.");

    internal static readonly ErrorCode MigrationJoinFlowMissing = new("migration.join-flow-missing", Invalid,
        "A token waits at join '{elementId}' having arrived by flow '{flowId}', which is not an incoming flow of '{targetElementId}'.");

    internal static readonly ErrorCode MigrationTimerInvalid = new("migration.timer-invalid", Invalid,
        "The timer of '{targetElementId}' cannot be computed for this instance: {cause}");

    internal static readonly ErrorCode MigrationInstanceNotOnSource = new("migration.instance-not-on-source", Conflict,
        "Instance {instanceId} does not run on {key} version {version} (it is on version {actualVersion}).");

    internal static readonly ErrorCode MigrationInstanceEnded = new("migration.instance-ended", Conflict,
        "Instance {instanceId} has ended.");

    internal static readonly ErrorCode MigrationBatchNotFound = new("migration.batch-not-found", NotFound,
        "There is no migration batch {batchId}.");

    internal static readonly ErrorCode MigrationNoInstances = new("migration.no-instances", Invalid,
        "Choose at least one instance to migrate.");

    internal static readonly ErrorCode MigrationTooManyInstances = new("migration.too-many-instances", Invalid,
        "A batch takes at most {max} instances.");
}
