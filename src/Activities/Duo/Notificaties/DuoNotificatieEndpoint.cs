using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Partners;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Activities.Duo.Notificaties;

/// <summary>Where a validated, mapped DUO notificatie goes: the Server correlates it with the engine.</summary>
public interface IDuoNotificatieReceiver
{
    /// <summary>
    /// Delivers the message. Must be idempotent per <paramref name="berichtId"/> (DUO may deliver twice).
    /// Returns false when it cannot take the message now (the endpoint answers 503 and DUO delivers again later).
    /// </summary>
    Task<bool> ReceiveAsync(DuoProcessMessage message, string berichtId, string gemeentecode, CancellationToken cancellationToken);
}

/// <summary>The default receiver until the Server registers one: accepts nothing, so DUO keeps the notificatie.</summary>
internal sealed class UnconnectedDuoNotificatieReceiver : IDuoNotificatieReceiver
{
    public Task<bool> ReceiveAsync(DuoProcessMessage message, string berichtId, string gemeentecode, CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>The gemeente's implementation of DUO's Notificatie API (<c>POST /notificaties</c>).</summary>
public static class DuoNotificatieEndpoint
{
    /// <summary>
    /// Maps <c>POST {pattern}</c>: validates headers and body against the Notificatie spec (400), checks that
    /// <c>bron</c> is DUO and <c>doel</c> one of our gemeenten (403), maps the notificatie and hands it to the
    /// <see cref="IDuoNotificatieReceiver"/> (201, or 503 when it cannot take it). Every answer carries API-Version.
    /// </summary>
    public static RouteHandlerBuilder MapDuoNotificaties(this IEndpointRouteBuilder endpoints, string pattern = "/duo/v1/notificaties") =>
        endpoints.MapPost(pattern, ReceiveAsync).WithName("duoOpvoerenNotificatie");

    private static async Task<IResult> ReceiveAsync(
        HttpContext http,
        IOptions<DuoOptions> options,
        PersoonReferentieGenerator referenties,
        IDuoNotificatieReceiver receiver,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Inburgering.Activities.Duo.Notificaties");
        http.Response.Headers["API-Version"] = DuoNotificatieValidator.ApiVersion;
        var headers = new DuoNotificatieHeaders(
            http.Request.Headers["bron"].FirstOrDefault(),
            http.Request.Headers["doel"].FirstOrDefault(),
            http.Request.Headers["berichtId"].FirstOrDefault());

        JsonNode? body;
        string raw;
        using (var reader = new StreamReader(http.Request.Body))
        {
            raw = await reader.ReadToEndAsync(cancellationToken);
        }

        try
        {
            body = string.IsNullOrWhiteSpace(raw) ? null : JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            Log.NotificatieInvalid(logger, 1);
            return TypedResults.BadRequest();
        }

        var errors = DuoNotificatieValidator.Validate(headers, body, !string.IsNullOrWhiteSpace(raw));
        if (errors.Count > 0)
        {
            Log.NotificatieInvalid(logger, errors.Count);
            return TypedResults.BadRequest();
        }

        var gemeentecode = options.Value.GemeenteFor(headers.Doel!);
        if (headers.Bron != options.Value.DuoOin || gemeentecode is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var notificatie = body.Deserialize<DuoNotificatie>(PartnerHttp.Json)!;
        var message = DuoNotificatieMapping.Map(notificatie, bsn => referenties.For(Bsn.Parse(bsn)));
        Log.NotificatieReceived(logger, notificatie.GebeurtenisId, message.CorrelationKey ?? "-");
        if (!await receiver.ReceiveAsync(message, headers.BerichtId!, gemeentecode, cancellationToken))
        {
            return TypedResults.Json(new { fouttekst = "De notificatie kan nu niet worden verwerkt; bied haar later opnieuw aan." }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.StatusCode(StatusCodes.Status201Created);
    }
}
