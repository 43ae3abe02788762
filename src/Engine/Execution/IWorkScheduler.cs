namespace Inburgering.Engine.Execution;

/// <summary>Something due at a moment: a timer or a job attempt.</summary>
internal readonly record struct ScheduledWork(Guid Id, DateTimeOffset DueAt);

/// <summary>A due timer (as read, or as a pump claimed it): its occurrence and its instance (null for a timer start event).</summary>
internal readonly record struct DueTimer(Guid Id, DateTimeOffset DueAt, Guid? InstanceId);

/// <summary>What one committed step changed in the schedule: new or moved timers and job attempts, and cancelled ones.</summary>
internal sealed record WorkChanges(
    IReadOnlyList<ScheduledWork> Timers,
    IReadOnlyList<ScheduledWork> CancelledTimers,
    IReadOnlyList<ScheduledWork> Jobs,
    IReadOnlyList<ScheduledWork> CancelledJobs)
{
    public static WorkChanges Empty { get; } = new([], [], [], []);

    public bool IsEmpty => Timers.Count == 0 && CancelledTimers.Count == 0 && Jobs.Count == 0 && CancelledJobs.Count == 0;
}

/// <summary>
/// Wakes the engine when timers and jobs fall due. The engine's rows stay the truth: a scheduler is handed what changed after
/// each commit. When <see cref="UsesOutbox"/> is true the change is also written to the outbox in the step's own transaction,
/// so a crash between commit and hand-over loses nothing (the reconciler hands it over later).
/// </summary>
internal interface IWorkScheduler
{
    bool UsesOutbox { get; }

    Task HandOverAsync(WorkChanges changes, CancellationToken cancellationToken);
}
