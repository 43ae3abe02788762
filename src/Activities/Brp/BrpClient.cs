using Inburgering.Activities.Partners;
using Microsoft.Extensions.Logging;

namespace Inburgering.Activities.Brp;

/// <summary><c>Partners:Brp</c>: the base address up to <c>.../haalcentraal/api/brp/</c>.</summary>
public sealed class BrpOptions : PartnerClientOptions
{
    public const string Section = "Partners:Brp";
}

/// <summary>
/// The gemeente's source for where a person lives: the Basisregistratie Personen through the Haal Centraal BRP Personen
/// bevragen API (contract: docs/partners/brp.md). One query, <c>RaadpleegMetBurgerservicenummer</c>; the BSN travels only in
/// the body. An unknown BSN is an empty <c>personen</c> list, not an error.
/// </summary>
public sealed class BrpClient(HttpClient http, ILogger<BrpClient> logger)
{
    public const string Partner = "Brp";

    /// <summary>The fields the keten needs to see a move: the gemeente of inschrijving, since when, and the verblijfplaats.</summary>
    public static readonly IReadOnlyList<string> VerhuisVelden = ["burgerservicenummer", "gemeenteVanInschrijving", "datumInschrijvingInGemeente", "verblijfplaats"];

    public async Task<PartnerResult<BrpPersonenAntwoord>> RaadpleegAsync(string bsn, IReadOnlyList<string> fields, string? gemeenteVanInschrijving, CancellationToken ct)
    {
        var vraag = new BrpPersonenVraag(BrpPersonenVraag.RaadpleegMetBurgerservicenummer, [bsn], fields, gemeenteVanInschrijving);
        using var request = PartnerHttp.Request(HttpMethod.Post, "personen", vraag, null);
        var response = await PartnerHttp.SendAsync(http, request, logger, Partner, "personen-raadplegen", ct);
        return PartnerHttp.Interpret<BrpPersonenAntwoord>(response, Partner, logger, "personen-raadplegen");
    }
}
