namespace Inburgering.Server;

/// <summary>The server's log messages. Never a BSN or a name in a log line.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "{File}: {Key} version {Version} (new: {IsNew})")]
    public static partial void DefinitionDeployed(ILogger logger, string file, string key, int version, bool isNew);

    /// <summary>One line for the folder (the engine logs each new version itself).</summary>
    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Definitions from {Folder}: {Files} files, {New} new versions, {Unchanged} unchanged ({Active})")]
    public static partial void DefinitionsDeployed(ILogger logger, string folder, int files, int @new, int unchanged, string active);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{File}: {ElementId} {Code}")]
    public static partial void DefinitionWarning(ILogger logger, string file, string elementId, string code);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Inburgering started on {Database}; simulation clock {Simulated}; development sign-in {DevSignIn}")]
    public static partial void Started(ILogger logger, Engine.Persistence.DatabaseProvider database, bool simulated, bool devSignIn);

    // Routine: every notification that reaches a traject (or waits for one, or repeats) is a Debug line; the journal keeps it.
    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "DUO notification {Message}: {Correlated} correlated, {Started} started, buffered {Buffered}, duplicate {Duplicate}")]
    public static partial void DuoNotificationReceived(ILogger logger, string message, int correlated, int started, bool buffered, bool duplicate);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "DUO notification {Message} started {Started} traject(en): {Instances}")]
    public static partial void DuoNotificationStarted(ILogger logger, string message, int started, IReadOnlyList<Guid> instances);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "DUO notification {Message} names no person and nothing waits for it")]
    public static partial void DuoNotificationUnrouted(ILogger logger, string message);

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "The workload for /metrics could not be counted; the gauges keep their last value")]
    public static partial void WorkloadNotSampled(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "{Method} {Path} refused: {Status} {Code}")]
    public static partial void RequestRefused(ILogger logger, string method, string path, int status, string code);

    [LoggerMessage(EventId = 910, Level = LogLevel.Warning, Message = "The schedulers' queue depths for /metrics could not be read; the gauges keep their last value")]
    public static partial void QueueDepthsNotRead(ILogger logger, Exception exception);
}
