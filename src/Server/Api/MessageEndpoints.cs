using System.Text.Json.Nodes;
using System.Xml;
using Inburgering.Engine;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api;

/// <summary>Messages from outside: correlated to waiting instances, starting new ones, or kept for later.</summary>
public static class MessageEndpoints
{
    public static void MapMessages(this RouteGroupBuilder api)
    {
        api.MapPost("/messages", CorrelateAsync).WithTags("Berichten").RequireAuthorization(Policies.CaseWork)
            .Produces<CorrelationResult>(StatusCodes.Status200OK)
            .Produces<CorrelationResult>(StatusCodes.Status202Accepted)
            .WithSummary("Correleert een bericht op naam en correlationKey (de businessKey): 200 als het is afgeleverd of een proces startte, 202 als het is bewaard tot iets erop wacht.");
    }

    /// <summary>The longest a message is kept waiting: five years (an Inburgeringstermijn with extensions).</summary>
    public static readonly TimeSpan MaxTimeToLive = TimeSpan.FromDays(5 * 366);

    /// <param name="TimeToLive">How long to keep it when nothing waits yet, as ISO 8601 duration (default from configuration).</param>
    public sealed record MessageRequest(string? Name, string? CorrelationKey, JsonObject? Variables, string? Gemeente, string? MessageId, string? TimeToLive);

    private static async Task<IResult> CorrelateAsync(MessageRequest? request, ProcessEngine engine, HttpContext context, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.Invalid(ServerErrors.FieldRequired, ("field", "name"));
        }

        TimeSpan? ttl = null;
        if (request.TimeToLive is not null)
        {
            try
            {
                ttl = XmlConvert.ToTimeSpan(request.TimeToLive);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return Problems.Invalid(ServerErrors.TimeToLiveInvalid, ("value", request.TimeToLive));
            }

            if (ttl > MaxTimeToLive)
            {
                return Problems.Invalid(ServerErrors.TimeToLiveTooLong, ("value", request.TimeToLive), ("max", "P5Y"));
            }
        }

        if (Problems.CheckGemeente(request.Gemeente) is { } invalid)
        {
            return invalid;
        }

        var result = await engine.CorrelateMessageAsync(
            new CorrelateMessage(request.Name, request.CorrelationKey, request.Variables, request.Gemeente, request.MessageId, ttl),
            Actors.From(context.User),
            cancellationToken);
        return result.BufferedMessageId is not null ? TypedResults.Accepted((string?)null, result) : TypedResults.Ok(result);
    }
}
