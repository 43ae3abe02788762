using Microsoft.Extensions.Logging;

namespace Inburgering.Activities;

/// <summary>
/// Every log line of the Activities project. Never a BSN, a name or a request path that carries a BSN:
/// operations are named by their operationId or endpoint name, persons by their PersoonReferentie at most.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "{Partner} {Operation} answered {Status} in {ElapsedMs} ms")]
    public static partial void PartnerCall(ILogger logger, string partner, string operation, int status, long elapsedMs);

    [LoggerMessage(1002, LogLevel.Warning, "{Partner} {Operation} could not be reached: {Reason}")]
    public static partial void PartnerUnreachable(ILogger logger, string partner, string operation, string reason);

    [LoggerMessage(1003, LogLevel.Information, "{Partner} {Operation} rejected the request functionally ({Count} message(s))")]
    public static partial void PartnerRejected(ILogger logger, string partner, string operation, int count);

    [LoggerMessage(1004, LogLevel.Error, "{Partner} {Operation} broke the contract: {Reason}")]
    public static partial void PartnerContractError(ILogger logger, string partner, string operation, string reason);

    [LoggerMessage(2001, LogLevel.Debug, "DUO notification {GebeurtenisId} received for {PersoonReferentie}")]
    public static partial void NotificatieReceived(ILogger logger, string gebeurtenisId, string persoonReferentie);

    [LoggerMessage(2002, LogLevel.Warning, "DUO notification rejected: {IssueCount} issue(s)")]
    public static partial void NotificatieInvalid(ILogger logger, int issueCount);
}
