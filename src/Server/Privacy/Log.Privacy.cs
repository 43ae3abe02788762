namespace Inburgering.Server;

/// <summary>The privacy log lines: ids and counts only, never a BSN or a name.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Personal data of traject {TrajectId} (gemeente {Gemeente}, ended {EndedBefore:yyyy-MM-dd} or earlier) erased after its retention period")]
    public static partial void PersonalDataErased(ILogger logger, Guid trajectId, string gemeente, DateTimeOffset endedBefore);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "The retention job failed; it tries again in {Interval}")]
    public static partial void RetentionJobFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Export of personal data by {User}: {Trajecten} traject(en)")]
    public static partial void PersonalDataExported(ILogger logger, string user, int trajecten);
}
