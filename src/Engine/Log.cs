using Microsoft.Extensions.Logging;

namespace Inburgering.Engine;

/// <summary>The engine's log messages. Never a BSN or a name in a log line: ids and keys only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Deployed {Key} version {Version} from {Source}")]
    public static partial void Deployed(ILogger logger, string key, int version, string source);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Deployment raced another node ({Error}); retrying")]
    public static partial void DeployRetried(ILogger logger, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Step lost an optimistic-concurrency race (attempt {Attempt}); retrying")]
    public static partial void StepRetried(ILogger logger, int attempt);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Message {Name}: {Correlated} correlated, {Started} started, buffered {Buffered}")]
    public static partial void MessageCorrelated(ILogger logger, string name, int correlated, int started, bool buffered);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Timer {TimerId} not fired: {Reason}")]
    public static partial void TimerNotFired(ILogger logger, Guid timerId, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Activity {ActivityType} threw for job {JobId}")]
    public static partial void ActivityThrew(ILogger logger, string activityType, Guid jobId, Exception exception);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Result of job {JobId} not recorded: {Reason}; it will run again after its lease")]
    public static partial void JobResultNotRecorded(ILogger logger, Guid jobId, string reason);

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "The work dispatcher failed; polling again")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception);

    // Debug: a demo or a test advances the clock hundreds of times; the answer of clock/advance says the same.
    [LoggerMessage(EventId = 31, Level = LogLevel.Debug, Message = "Simulation clock advanced from {From:yyyy-MM-ddTHH:mm:ssZ} to {To:yyyy-MM-ddTHH:mm:ssZ}: {Timers} timers fired, {Jobs} job attempts")]
    public static partial void ClockAdvanced(ILogger logger, DateTimeOffset from, DateTimeOffset to, int timers, int jobs);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    public static partial void Migrated(ILogger logger, Persistence.DatabaseProvider provider);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Handing schedule changes to the scheduler failed; the outbox keeps them for the reconciler")]
    public static partial void HandOverFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Reconciled the schedule: {Timers} timers and {Jobs} job attempts scheduled, {Removed} orphan triggers removed")]
    public static partial void Reconciled(ILogger logger, int timers, int jobs, int removed);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Reconciling the schedule failed; trying again")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 42, Level = LogLevel.Debug, Message = "Timer {TimerId} fired on node {Node}")]
    public static partial void TimerFiredOnNode(ILogger logger, Guid timerId, string node);

    [LoggerMessage(EventId = 47, Level = LogLevel.Warning, Message = "The timer pump of trigger {Trigger} failed; its trigger fires again later")]
    public static partial void TimerPumpFailed(ILogger logger, string trigger, Exception exception);

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "A timer due since {DueAt} waits unclaimed: node {Node} joins the drain")]
    public static partial void TimerBacklogJoined(ILogger logger, DateTimeOffset dueAt, string node);

    [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "Looking for due timers that wait unclaimed failed; the next check tries again")]
    public static partial void TimerBacklogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Firing of {Kind} {Id} failed; its trigger fires again later")]
    public static partial void WorkFiringFailed(ILogger logger, string kind, Guid id, Exception exception);

    [LoggerMessage(EventId = 44, Level = LogLevel.Error, Message = "No retry trigger could be stored for {Id}; the reconciler will find its row")]
    public static partial void WorkRetryNotScheduled(ILogger logger, Guid id, Exception exception);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Retry now: {Count} partner calls of {ActivityType} get their next attempt now")]
    public static partial void PartnerCallsRetriedNow(ILogger logger, int count, string activityType);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "Partner call {Id} could not run on Hangfire; Hangfire tries it again later")]
    public static partial void PartnerCallRunFailed(ILogger logger, Guid id, Exception exception);

    [LoggerMessage(EventId = 46, Level = LogLevel.Debug, Message = "Hangfire job for partner call {Id} due at microsecond {DueAt} is stale (the row has moved on); nothing to do")]
    public static partial void PartnerCallJobStale(ILogger logger, Guid id, long dueAt);

    [LoggerMessage(EventId = 53, Level = LogLevel.Warning, Message = "Looking for a message kept while a catch began failed; the message stays kept")]
    public static partial void KeptMessageLookFailed(ILogger logger, Exception exception);
}
