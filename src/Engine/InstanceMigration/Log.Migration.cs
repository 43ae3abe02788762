using Microsoft.Extensions.Logging;

namespace Inburgering.Engine;

/// <summary>The migration part of the engine's one <c>Log</c> class (event ids 90–99).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 90, Level = LogLevel.Information, Message = "Migration batch {BatchId} started: {Key} version {From} to {To}, {Count} instances")]
    public static partial void MigrationBatchStarted(ILogger logger, Guid batchId, string key, int from, int to, int count);

    [LoggerMessage(EventId = 91, Level = LogLevel.Information, Message = "Migration batch {BatchId} completed")]
    public static partial void MigrationBatchCompleted(ILogger logger, Guid batchId);

    [LoggerMessage(EventId = 92, Level = LogLevel.Warning, Message = "Migration batch item {ItemId} failed: {Reason}")]
    public static partial void MigrationItemFailed(ILogger logger, Guid itemId, string reason);

    [LoggerMessage(EventId = 93, Level = LogLevel.Error, Message = "A round of migration batches failed; the next round carries on")]
    public static partial void MigrationRoundFailed(ILogger logger, Exception exception);
}
