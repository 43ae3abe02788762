using System.Text.Json.Nodes;
using Inburgering.Activities.Duo.Spec;
using Inburgering.Workflows.Personen;

namespace Inburgering.Activities.Duo.Notificaties;

/// <summary>
/// What DUO posts to the gemeente's Notificatie API (API/Notificatie/openapi.yml, <c>POST /notificaties</c>, schema
/// <c>Notificatie</c>): when, which gebeurtenis, and about whom (BSN and/or V-nummer, both optional in the spec).
/// </summary>
public sealed record DuoNotificatie(DateTimeOffset RegistratieDatumTijd, string GebeurtenisId, string? Bsn = null, long? VNummer = null);

/// <summary>The headers DUO sends with a notificatie: <c>bron</c> (DUO's OIN), <c>doel</c> (the gemeente's OIN), <c>berichtId</c>.</summary>
public sealed record DuoNotificatieHeaders(string? Bron, string? Doel, string? BerichtId);

/// <summary>Validates an incoming notificatie against the Notificatie spec, and the BSN against the elfproef.</summary>
public static class DuoNotificatieValidator
{
    public const string OperationId = "opvoerenNotificatie";

    /// <summary>The spec's answers carry <c>API-Version</c>: this is the version of the Notificatie API we implement.</summary>
    public static string ApiVersion => OpenApiSpec.Duo.Operation(OperationId).Document.Version;

    /// <summary>Problems with headers and body (Dutch, without values); empty when the notificatie is valid.</summary>
    public static List<string> Validate(DuoNotificatieHeaders headers, JsonNode? body, bool bodyPresent)
    {
        var operation = OpenApiSpec.Duo.Operation(OperationId);
        var errors = SchemaValidator.ValidateRequest(
            operation,
            new Dictionary<string, string>(),
            name => name switch
            {
                "bron" => headers.Bron,
                "doel" => headers.Doel,
                "berichtId" => headers.BerichtId,
                _ => null,
            },
            body,
            bodyPresent);
        if (errors.Count == 0 && body?["bsn"] is JsonValue bsn && !Bsn.IsValid(bsn.GetValue<string>()))
        {
            errors.Add("body.bsn voldoet niet aan de elfproef");
        }

        return errors;
    }
}
