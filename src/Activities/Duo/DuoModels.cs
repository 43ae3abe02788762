using System.Text.Json.Serialization;

namespace Inburgering.Activities.Duo;

// DUO's resources as its OpenAPI files define them (API/*/openapi.yml). Property names are the spec's (camelCase on the
// wire; the PascalCase members of Ontheffing, Vrijstelling and the uren are read case-insensitively). Enumerations stay
// strings with DUO's own values ("B1-route haalbaar", "Asielstatushouder"...): the spec validator guards them.

/// <summary>Inburgeringsplicht API: GET /personen/{bsn}/inburgeringsplicht.</summary>
public sealed record DuoInburgeringsplicht(
    bool IndicatorInburgeringsplicht,
    DateOnly? Begindatum = null,
    DateOnly? Einddatum = null,
    DateOnly? Wijzigingsdatum = null,
    DateOnly? DatumKennisgevingInburgeringsplicht = null,
    string? RedenGeenInburgeringsplicht = null);

/// <summary>Inburgeringsplicht API: GET /personen/{bsn}/doelgroep.</summary>
public sealed record DuoDoelgroep(
    string? Indeling = null,
    DateOnly? Begindatum = null,
    string? GedetailleerdeDoelgroep = null,
    string? AsielrechtenWijzigingVerblijfsdoel = null);

/// <summary>Inburgeringstermijn API. <see cref="Einddatum"/> is exclusive: the termijn ends at the start of that day.</summary>
public sealed record DuoInburgeringstermijn(
    DateOnly Startdatum,
    DateOnly Einddatum,
    DateOnly? Wijzigingsdatum = null,
    string? Verlengingsgrondcode = null,
    string? Verlengingsgrondomschrijving = null);

/// <summary>Leerbaarheidstoets API: GET /personen/{bsn}/lbt/examennummer.</summary>
public sealed record DuoExamennummer(string Examennummer);

/// <summary>Leerbaarheidstoets API: one result of GET /personen/{bsn}/lbt/resultaten. Scores are "ddd,dd" strings.</summary>
public sealed record DuoLbtResultaat(string Resultaat, string BehaaldeScore, string BenodigdeScore, DateOnly DatumAfname);

/// <summary>Examen API: one result of GET /personen/{bsn}/examens/resultaten.</summary>
public sealed record DuoExamenresultaat(DateOnly Examendatum, string Resultaat, string Onderdeel, string? RedenGeenResultaat = null, string? Niveau = null);

/// <summary>Ontheffing API: one element of GET /personen/{bsn}/ontheffingen.</summary>
public sealed record DuoOntheffing(
    [property: JsonPropertyName("GeheleOntheffing")] DuoGeheleOntheffing? GeheleOntheffing = null,
    [property: JsonPropertyName("GedeeltelijkeOntheffing")] DuoGedeeltelijkeOntheffing? GedeeltelijkeOntheffing = null);

public sealed record DuoGeheleOntheffing(string Oordeel, DateOnly DatumOordeel, string Grond);

public sealed record DuoGedeeltelijkeOntheffing(string Oordeel, DateOnly DatumOordeel, string Grond, string? Examenonderdeel = null, int? UrenBelastbaarheidParticipatieactiviteit = null);

/// <summary>Vrijstelling API: one element of GET /personen/{bsn}/vrijstellingen.</summary>
public sealed record DuoVrijstelling(
    [property: JsonPropertyName("GeheleVrijstelling")] DuoGeheleVrijstelling? GeheleVrijstelling = null,
    [property: JsonPropertyName("TijdelijkeVrijstelling")] DuoTijdelijkeVrijstelling? TijdelijkeVrijstelling = null,
    [property: JsonPropertyName("GedeeltelijkeVrijstelling")] DuoGedeeltelijkeVrijstelling? GedeeltelijkeVrijstelling = null);

public sealed record DuoGeheleVrijstelling(string Oordeel, string Reden, DateOnly? DatumOordeel = null);

public sealed record DuoTijdelijkeVrijstelling(string Oordeel, string Reden, DateOnly? DatumOordeel = null, DateOnly? Startdatum = null, DateOnly? Einddatum = null);

public sealed record DuoGedeeltelijkeVrijstelling(string Reden, string Oordeel, DateOnly? DatumOordeel = null, string? Examenonderdeel = null, string? Examenniveau = null);

/// <summary>PIP API: the body of POST /personen/{bsn}/PIP. Leerroute B, O or Z; niveau A2 or B1 (optional); alfabetisering A, AA or NVT.</summary>
public sealed record DuoPip(
    DateOnly DagtekeningPip,
    string Leerroute,
    string? Niveau = null,
    int? GeschatteIntensiteitB1Route = null,
    bool? IndicatorMagOpleidingAfmaken = null,
    string? IndicatorAlfabetiseringsonderwijs = null);

/// <summary>PIP API: GET /personen/{bsn}/PIP.</summary>
public sealed record DuoPipVanGemeente(string Gemeentecode, DuoPip Pip);

/// <summary>Contactpersoon API: the body of POST /contactpersonen and PUT /contactpersonen/{id}.</summary>
public sealed record DuoContactpersoongegevens(string Naam, string Email, string Telefoonnummer);

/// <summary>Contactpersoon API: the answer of POST /contactpersonen.</summary>
public sealed record DuoContactpersoon(DuoContactpersoongegevens Contactpersoongegevens, int? Id = null);

/// <summary>Inburgeringsaanbod API: the body of POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}.</summary>
public sealed record DuoInburgeringsaanbod(
    string IndicatorAlfabetiseringsonderwijs,
    DateOnly? DatumInburgeringsaanbod = null,
    DateOnly? VerwachteStartdatumOpleiding = null,
    DateOnly? VerwachteEinddatumOpleiding = null);

/// <summary>Inburgeringsaanbod API: GET /instellingen.</summary>
public sealed record DuoInstelling(
    string Instellingsnummer,
    string Naam,
    string Postcode,
    int Huisnummer,
    string Plaatsnaam,
    string? Huisnummertoevoeging = null,
    string? Bow = null,
    string? Brin = null,
    bool? IndicatieBowKeurmerk = null,
    bool? IndicatieTstKeurmerk = null);

/// <summary>MAP, PVT, Z-route API: PUT /personen/{bsn}/map. Leaving a member out withdraws it (PUT replaces the resource).</summary>
public sealed record DuoResultaatMap(DateOnly? DatumEindgesprekMap = null, string? Verwijtbaar = null);

/// <summary>MAP, PVT, Z-route API: PUT /personen/{bsn}/pvt.</summary>
public sealed record DuoResultaatPvt(DateOnly? DatumOndertekeningPvt = null, string? Verwijtbaar = null);

/// <summary>MAP, PVT, Z-route API: PUT /personen/{bsn}/zroute.</summary>
public sealed record DuoResultaatZroute(DateOnly? DatumAfrondingZroute = null);

/// <summary>Gevolgde Uren API: the body of the three PUTs under /personen/{bsn}/uren.</summary>
public sealed record DuoUren(int Uren);

/// <summary>Gevolgde Uren API: one element of GET /personen/{bsn}/uren (the totals one gemeente reported).</summary>
public sealed record DuoUrenGemeente(
    string? Gemeentecode = null,
    DateOnly? BekendTot = null,
    [property: JsonPropertyName("ParticipatieAlsTaalles")] DuoUren? ParticipatieAlsTaalles = null,
    [property: JsonPropertyName("ParticipatieactiviteitenBredeIntake")] DuoUren? ParticipatieactiviteitenBredeIntake = null,
    [property: JsonPropertyName("TaallesEnKnmBredeIntake")] DuoUren? TaallesEnKnmBredeIntake = null);

/// <summary>Examen API: GET /personen/{bsn}/examens/gratispogingen.</summary>
public sealed record DuoGratisPogingTegoed(string Onderdeel, int GratisPogingenTegoed);

/// <summary>Inburgeringstermijn API: GET /verlengingsgronden.</summary>
public sealed record DuoVerlengingsgrond(string Code, string Omschrijving);

/// <summary>DUO's error body: <c>Foutmelding</c>, in 403 answers as an array.</summary>
public sealed record DuoFoutmelding(string Fouttekst);

/// <summary>A 2xx answer without a body we need.</summary>
public sealed record DuoGeenInhoud;
