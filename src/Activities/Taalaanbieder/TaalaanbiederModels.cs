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

/// <summary>Statuses of the Taalaanbieder contract (its leerroute codes: <c>Leerroute.ToTaalaanbiederCode()</c>).</summary>
public static class TaalaanbiederWaarden
{
    public const string Ontvangen = "Ontvangen";
    public const string Bevestigd = "Bevestigd";
    public const string Gestart = "Gestart";
    public const string Afgewezen = "Afgewezen";
}
