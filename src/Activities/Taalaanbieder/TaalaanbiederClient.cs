using System.Globalization;
using Inburgering.Activities.Partners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Activities.Taalaanbieder;

/// <summary>
/// <c>Partners:Taalaanbieder</c>: one contract, several taalaanbieders (one per arbeidsmarktregio per leerroute).
/// <see cref="PartnerClientOptions.BaseUrl"/> serves every taalaanbieder unless <see cref="Aanbieders"/> gives one its own
/// (<c>Partners:Taalaanbieder:Aanbieders:{taalaanbiederId}</c> = base URL).
/// </summary>
public sealed class TaalaanbiederOptions : PartnerClientOptions
{
    public const string Section = "Partners:Taalaanbieder";

    public Dictionary<string, Uri> Aanbieders { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The taalaanbieder's aanmelding API (contract: docs/partners/taalaanbieder.md): <c>POST aanmeldingen</c> with an
/// <c>Idempotency-Key</c> (a repeat returns the same aanmelding), <c>GET aanmeldingen/{id}</c> for the confirmation and
/// start date, <c>GET aanmeldingen/{id}/uren?peildatum=</c> for the hours attended. Which taalaanbieder is called comes
/// from the input (<c>taalaanbiederId</c>); its base URL from configuration.
/// </summary>
public sealed class TaalaanbiederClient(HttpClient http, IOptions<TaalaanbiederOptions> options, ILogger<TaalaanbiederClient> logger)
{
    public const string Partner = "Taalaanbieder";

    public async Task<PartnerResult<Aanmelding>> AanmeldenAsync(AanmeldingVerzoek verzoek, string idempotencyKey, CancellationToken ct)
    {
        using var request = PartnerHttp.Request(HttpMethod.Post, "aanmeldingen", verzoek, idempotencyKey);
        Route(request, verzoek.TaalaanbiederId);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "aanmelden", ct);
        return PartnerHttp.Interpret<Aanmelding>(response, Partner, logger, "aanmelden");
    }

    public async Task<PartnerResult<Aanmelding>> AanmeldingAsync(string aanmeldingId, string? taalaanbiederId, CancellationToken ct)
    {
        using var request = PartnerHttp.Request(HttpMethod.Get, $"aanmeldingen/{Uri.EscapeDataString(aanmeldingId)}", null, null);
        Route(request, taalaanbiederId);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "aanmelding-ophalen", ct);
        return PartnerHttp.Interpret<Aanmelding>(response, Partner, logger, "aanmelding-ophalen");
    }

    public async Task<PartnerResult<GevolgdeUren>> UrenAsync(string aanmeldingId, string? taalaanbiederId, DateOnly peildatum, CancellationToken ct)
    {
        var path = $"aanmeldingen/{Uri.EscapeDataString(aanmeldingId)}/uren?peildatum={peildatum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        using var request = PartnerHttp.Request(HttpMethod.Get, path, null, null);
        Route(request, taalaanbiederId);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "uren-ophalen", ct);
        return PartnerHttp.Interpret<GevolgdeUren>(response, Partner, logger, "uren-ophalen");
    }

    /// <summary>Sends the request to the taalaanbieder's own base URL when one is configured.</summary>
    private void Route(HttpRequestMessage request, string? taalaanbiederId)
    {
        if (taalaanbiederId is not null && options.Value.Aanbieders.TryGetValue(taalaanbiederId, out var own))
        {
            request.RequestUri = new Uri(InburgeringActivities.WithTrailingSlash(own)!, request.RequestUri!);
        }
    }
}
