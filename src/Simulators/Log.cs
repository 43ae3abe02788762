using Microsoft.Extensions.Logging;

namespace Inburgering.Simulators;

/// <summary>Every log line of the simulators, the keten driver and the demo. Never a BSN or a name in a log line.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Simulator {Partner}: failure plan set to {Plan}")]
    public static partial void FailurePlanSet(ILogger logger, string partner, string plan);

    [LoggerMessage(3002, LogLevel.Debug, "DUO simulator delivered {GebeurtenisId} to the gemeente: {Status}")]
    public static partial void SimulatorNotificatieDelivered(ILogger logger, string gebeurtenisId, int status);

    [LoggerMessage(3003, LogLevel.Warning, "DUO simulator could not deliver {GebeurtenisId}: {Reason}")]
    public static partial void SimulatorNotificatieFailed(ILogger logger, string gebeurtenisId, string reason);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Demo data skipped: the database already holds instances")]
    public static partial void DemoSkipped(ILogger logger);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Building demo data: {Personas} personas over {Weeks} virtual weeks from {Start:yyyy-MM-dd}")]
    public static partial void DemoBuilding(ILogger logger, int personas, int weeks, DateTimeOffset start);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Demo data built in {Seconds:0.0} s: {Summary}")]
    public static partial void DemoBuilt(ILogger logger, string summary, double seconds);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Demo data: virtual {Now:yyyy-MM-dd}, week {Week} of {Weeks}, {Seconds:0} s")]
    public static partial void DemoProgress(ILogger logger, DateTime now, int week, int weeks, double seconds);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Demo data failed; the service runs on without it")]
    public static partial void DemoFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Keten driver: task {Task} left open (HTTP {Status}: {Detail})")]
    public static partial void TaskLeftOpen(ILogger logger, Guid task, int status, string detail);
}
