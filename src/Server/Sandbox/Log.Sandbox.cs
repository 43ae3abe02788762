namespace Inburgering.Server;

/// <summary>The sandbox's part of the service's one <c>Log</c> class (event ids 190–199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 190, Level = LogLevel.Error, Message = "Sandbox run {RunId} failed")]
    public static partial void SandboxFailed(ILogger logger, Guid runId, Exception exception);
}
