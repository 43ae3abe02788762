namespace Inburgering.Activities.Taalaanbieder;

/// <summary>POST /v1/aanmeldingen: register a person for a leerroute at one taalaanbieder (docs/partners/taalaanbieder.md).</summary>
public sealed record AanmeldingVerzoek(
    string TaalaanbiederId,
    string PersoonReferentie,
    string Bsn,
    string Gemeentecode,
    string Leerroute,
    string? Niveau = null,
    string? Alfabetisering = null,
    DateOnly? GewensteStartdatum = null,
    int? UrenPerWeek = null);

/// <summary>An aanmelding. Status: Ontvangen, Bevestigd, Gestart, Afgewezen.</summary>
public sealed record Aanmelding(
    string AanmeldingId,
    string TaalaanbiederId,
    string PersoonReferentie,
    string Leerroute,
    string Status,
    DateOnly AanmeldDatum,
    DateOnly? Startdatum = null,
    string? Afwijzingsreden = null);

/// <summary>GET /v1/aanmeldingen/{id}/uren: hours attended up to and including <see cref="Peildatum"/>.</summary>
public sealed record GevolgdeUren(string AanmeldingId, DateOnly Peildatum, int UrenTaalles, int UrenKnm, int TotaalUren);

/// <summary>Statuses and leerroutes of the Taalaanbieder contract.</summary>
public static class TaalaanbiederWaarden
{
    public const string Ontvangen = "Ontvangen";
    public const string Bevestigd = "Bevestigd";
    public const string Gestart = "Gestart";
    public const string Afgewezen = "Afgewezen";

    public const string B1 = "B1";
    public const string Onderwijsroute = "Onderwijsroute";
    public const string ZRoute = "Z-route";

    /// <summary>"B", "B1", "B1-route" → B1; "O", "Onderwijsroute" → Onderwijsroute; "Z", "Z-route" → Z-route.</summary>
    public static string? Leerroute(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "B" or "B1" or "B1-ROUTE" => B1,
        "O" or "ONDERWIJSROUTE" => Onderwijsroute,
        "Z" or "Z-ROUTE" or "ZROUTE" => ZRoute,
        _ => null,
    };
}
