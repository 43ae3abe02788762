namespace Inburgering.Activities.Uitkering;

/// <summary>One fixed cost the gemeente pays from the bijstand on the person's behalf. Soort: huur, energie, water, zorgverzekering, gemeentelijke-belastingen, overig.</summary>
public sealed record Kostenpost(string Soort, string Crediteur, decimal BedragPerMaand, string? Betalingskenmerk = null, string? Iban = null);

/// <summary>
/// POST /v1/ontzorgingen (docs/partners/uitkering.md). <see cref="HuishoudenId"/>: the leefeenheid (Participatiewet art. 4), so
/// the system ontzorgt a household once; <see cref="MachtigingDatum"/>: the day the inburgeraar signed the machtiging.
/// </summary>
public sealed record OntzorgingStartVerzoek(
    string PersoonReferentie,
    string Bsn,
    string Gemeentecode,
    DateOnly Ingangsdatum,
    IReadOnlyList<Kostenpost> Kostenposten,
    string? HuishoudenId = null,
    DateOnly? MachtigingDatum = null);

/// <summary>POST /v1/ontzorgingen/{id}/beeindiging.</summary>
public sealed record OntzorgingStopVerzoek(DateOnly Einddatum, string Reden);

/// <summary>An ontzorging in the Participatiewet system. Status: Actief or Beeindigd.</summary>
public sealed record Ontzorging(
    string OntzorgingId,
    string PersoonReferentie,
    string Status,
    DateOnly Ingangsdatum,
    IReadOnlyList<Kostenpost> Kostenposten,
    decimal TotaalPerMaand,
    DateOnly? Einddatum = null,
    string? Reden = null);

/// <summary>POST /v1/bijstand/status: the BSN goes in the body, never in a URL; the household (leefeenheid) when known.</summary>
public sealed record BijstandStatusVraag(string Bsn, string? HuishoudenId = null);

/// <summary>
/// The right to bijstand: since when, until when (null: open-ended). <see cref="Bijstand"/> is false when the system knows none.
/// <see cref="HuishoudenOntzorgingId"/>: an active ontzorging of the same leefeenheid (started for this person or a
/// household member), so a second traject of the household links to it instead of withholding the rent twice.
/// <see cref="OntzorgingId"/>: the active ontzorging started for this person (to stop it when the plicht ends or the person moves).
/// <see cref="HuishoudenId"/>: the leefeenheid the bijstand is for (Pw art. 4 and 11), when the system knows it.
/// </summary>
public sealed record BijstandStatus(
    bool Bijstand,
    DateOnly? Ingangsdatum = null,
    DateOnly? Einddatum = null,
    string? Gemeentecode = null,
    string? HuishoudenOntzorgingId = null,
    string? OntzorgingId = null,
    string? HuishoudenId = null);

/// <summary>Values of the Uitkering contract.</summary>
public static class UitkeringWaarden
{
    public const string Actief = "Actief";
    public const string Beeindigd = "Beeindigd";

    public static readonly IReadOnlyList<string> Kostensoorten = ["huur", "energie", "water", "zorgverzekering", "gemeentelijke-belastingen", "overig"];
}
