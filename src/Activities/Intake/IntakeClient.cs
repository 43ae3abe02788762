using Inburgering.Activities.Partners;
using Microsoft.Extensions.Logging;

namespace Inburgering.Activities.Intake;

/// <summary><c>Partners:Intake</c>.</summary>
public sealed class IntakeOptions : PartnerClientOptions
{
    public const string Section = "Partners:Intake";
}

/// <summary>
/// The independent party that plans and takes the leerbaarheidstoets within the brede intake (contract:
/// docs/partners/intake.md). <c>POST leerbaarheidstoetsen</c> with an <c>Idempotency-Key</c> plans one (a repeat with
/// the same key gets the same toets back); <c>GET leerbaarheidstoetsen/{toetsId}</c> gives status, uitslag and advies.
/// Persons are named by PersoonReferentie in URLs; the BSN travels only in the request body.
/// Errors are problem+json: 404 unknown, 409/422 rejected (with <c>code</c>), 400 contract, 5xx transient.
/// </summary>
public sealed class IntakeClient(HttpClient http, ILogger<IntakeClient> logger)
{
    public const string Partner = "Intake";

    public async Task<PartnerResult<Leerbaarheidstoets>> AanvragenAsync(LeerbaarheidstoetsAanvraag aanvraag, string idempotencyKey, CancellationToken ct)
    {
        using var request = PartnerHttp.Request(HttpMethod.Post, "leerbaarheidstoetsen", aanvraag, idempotencyKey);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "leerbaarheidstoets-aanvragen", ct);
        return PartnerHttp.Interpret<Leerbaarheidstoets>(response, Partner, logger, "leerbaarheidstoets-aanvragen");
    }

    public async Task<PartnerResult<Leerbaarheidstoets>> AnnulerenAsync(string toetsId, string idempotencyKey, CancellationToken ct)
    {
        using var request = PartnerHttp.Request(HttpMethod.Post, $"leerbaarheidstoetsen/{Uri.EscapeDataString(toetsId)}/annuleren", null, idempotencyKey);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "leerbaarheidstoets-annuleren", ct);
        return PartnerHttp.Interpret<Leerbaarheidstoets>(response, Partner, logger, "leerbaarheidstoets-annuleren");
    }

    public async Task<PartnerResult<Leerbaarheidstoets>> OphalenAsync(string toetsId, CancellationToken ct)
    {
        using var request = PartnerHttp.Request(HttpMethod.Get, $"leerbaarheidstoetsen/{Uri.EscapeDataString(toetsId)}", null, null);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "leerbaarheidstoets-ophalen", ct);
        return PartnerHttp.Interpret<Leerbaarheidstoets>(response, Partner, logger, "leerbaarheidstoets-ophalen");
    }
}
