using Inburgering.Activities.Partners;
using Microsoft.Extensions.Logging;

namespace Inburgering.Activities.Uitkering;

/// <summary><c>Partners:Uitkering</c>.</summary>
public sealed class UitkeringOptions : PartnerClientOptions
{
    public const string Section = "Partners:Uitkering";
}

/// <summary>
/// The gemeente's Participatiewet system (contract: docs/partners/uitkering.md): start and stop financieel ontzorgen
/// (paying fixed costs from the bijstand), and the bijstand status. Every POST that changes state carries an
/// <c>Idempotency-Key</c>; a repeat returns the first answer. The BSN travels only in bodies. Rejections are
/// problem+json with a <c>code</c>: <c>GEEN_BIJSTAND</c>, <c>ONTZORGING_LOOPT_AL</c>, <c>EINDDATUM_VOOR_INGANG</c>.
/// </summary>
public sealed class UitkeringClient(HttpClient http, ILogger<UitkeringClient> logger)
{
    public const string Partner = "Uitkering";

    public async Task<PartnerResult<Ontzorging>> StartOntzorgingAsync(OntzorgingStartVerzoek verzoek, string idempotencyKey, CancellationToken ct)
    {
        using var request = PartnerHttp.Request(HttpMethod.Post, "ontzorgingen", verzoek, idempotencyKey);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "ontzorging-starten", ct);
        return PartnerHttp.Interpret<Ontzorging>(response, Partner, logger, "ontzorging-starten");
    }

    public async Task<PartnerResult<Ontzorging>> StopOntzorgingAsync(string ontzorgingId, OntzorgingStopVerzoek verzoek, string idempotencyKey, CancellationToken ct)
    {
        using var request = PartnerHttp.Request(HttpMethod.Post, $"ontzorgingen/{Uri.EscapeDataString(ontzorgingId)}/beeindiging", verzoek, idempotencyKey);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "ontzorging-stoppen", ct);
        return PartnerHttp.Interpret<Ontzorging>(response, Partner, logger, "ontzorging-stoppen");
    }

    /// <summary>The bijstand status, with the active ontzorging of the household (<paramref name="huishoudenId"/>) when there is one.</summary>
    public async Task<PartnerResult<BijstandStatus>> BijstandStatusAsync(string bsn, string? huishoudenId, CancellationToken ct)
    {
        using var request = PartnerHttp.Request(HttpMethod.Post, "bijstand/status", new BijstandStatusVraag(bsn, huishoudenId), null);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "bijstand-status", ct);
        return PartnerHttp.Interpret<BijstandStatus>(response, Partner, logger, "bijstand-status");
    }
}
