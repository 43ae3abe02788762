namespace Inburgering.Activities.Intake;

/// <summary>POST /v1/leerbaarheidstoetsen: plan a leerbaarheidstoets for a person (docs/partners/intake.md).</summary>
public sealed record LeerbaarheidstoetsAanvraag(
    string PersoonReferentie,
    string Bsn,
    string Gemeentecode,
    string? Examennummer = null,
    DateOnly? VroegsteDatum = null,
    string? Taal = null);

/// <summary>A planned or taken leerbaarheidstoets. Status: Gepland, Afgenomen, NietVerschenen or Geannuleerd.</summary>
public sealed record Leerbaarheidstoets(
    string ToetsId,
    string PersoonReferentie,
    string Status,
    DateTimeOffset AfspraakDatumTijd,
    string Locatie,
    string? Uitslag = null,
    string? BehaaldeScore = null,
    string? BenodigdeScore = null,
    string? AdviesLeerroute = null,
    DateOnly? DatumAfname = null);

/// <summary>The statuses of <see cref="Leerbaarheidstoets"/> and the values of its uitslag and advies.</summary>
public static class IntakeWaarden
{
    public const string Gepland = "Gepland";
    public const string Afgenomen = "Afgenomen";
    public const string NietVerschenen = "NietVerschenen";
    public const string Geannuleerd = "Geannuleerd";

    /// <summary>The problem code when a toets that was taken (or missed) is to be cancelled.</summary>
    public const string AlAfgenomen = "TOETS_AL_AFGENOMEN";

    public const string B1Haalbaar = "B1-route haalbaar";
    public const string B1NietHaalbaar = "B1-route niet haalbaar";
}
