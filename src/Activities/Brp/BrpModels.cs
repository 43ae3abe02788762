namespace Inburgering.Activities.Brp;

/// <summary>
/// POST {BaseUrl}personen in the shape of the Haal Centraal BRP Personen bevragen API (v2): <c>type</c>
/// <c>RaadpleegMetBurgerservicenummer</c>, the BSNs (at most 20), the <c>fields</c> asked for and, optionally,
/// <c>gemeenteVanInschrijving</c> (only persons registered there are returned). The BSN travels only in the body.
/// </summary>
public sealed record BrpPersonenVraag(
    string Type,
    IReadOnlyList<string> Burgerservicenummer,
    IReadOnlyList<string> Fields,
    string? GemeenteVanInschrijving = null)
{
    public const string RaadpleegMetBurgerservicenummer = "RaadpleegMetBurgerservicenummer";
}

/// <summary>The answer: the persons found (none when the BSN is unknown, or not registered in the asked gemeente).</summary>
public sealed record BrpPersonenAntwoord(string? Type, IReadOnlyList<BrpPersoon>? Personen);

/// <summary>One person with the fields the keten asks for.</summary>
public sealed record BrpPersoon(
    string? Burgerservicenummer,
    BrpWaardetabel? GemeenteVanInschrijving,
    BrpDatum? DatumInschrijvingInGemeente,
    BrpVerblijfplaats? Verblijfplaats);

/// <summary>A code from a landelijke tabel (here tabel 33, gemeenten): <c>{code, omschrijving}</c>.</summary>
public sealed record BrpWaardetabel(string? Code, string? Omschrijving);

/// <summary>A Haal Centraal date: <c>{type: "Datum", datum: "2026-01-31", langFormaat}</c> (other types: onvolledig, onbekend).</summary>
public sealed record BrpDatum(string? Type, string? Datum, string? LangFormaat = null);

/// <summary>The current address (only what the keten uses): its type and the date it began.</summary>
public sealed record BrpVerblijfplaats(string? Type, BrpDatum? DatumVan = null, BrpVerblijfadres? Verblijfadres = null);

/// <summary>The address lines of a verblijfplaats of type Adres.</summary>
public sealed record BrpVerblijfadres(string? OfficieleStraatnaam = null, int? Huisnummer = null, string? Postcode = null, string? Woonplaats = null);
