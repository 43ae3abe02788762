using System.ComponentModel;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;
using Inburgering.Workflows.Leerroutes;

namespace Inburgering.Activities.Taalaanbieder;

/// <summary>BPMN error codes of the taalaanbieder activities.</summary>
public static class TaalaanbiederErrors
{
    public const string Afgewezen = "TAALAANBIEDER_AFGEWEZEN: de taalaanbieder wees de aanmelding af (zie partnerMeldingen)";
    public const string Onbekend = "TAALAANBIEDER_ONBEKEND: de taalaanbieder kent deze aanmelding niet";
}

/// <summary>Registers the person for the leerroute at the taalaanbieder the gemeente's policy names (input).</summary>
[Activity(
    "taalaanbieder.aanmelden",
    "Aanmelden bij taalaanbieder",
    Category = "Taalaanbieder",
    Description = "Meldt de inburgeraar aan voor de leerroute bij de taalaanbieder van de arbeidsmarktregio (taalaanbiederId uit het beleid van de gemeente).",
    ErrorCodes = [TaalaanbiederErrors.Afgewezen],
    MaxAttempts = 50)]
public sealed class TaalaanbiederAanmeldenActivity(TaalaanbiederClient taalaanbieder, PersoonReferentieGenerator referenties)
    : Activity<TaalaanbiederAanmeldenActivity.Input, TaalaanbiederAanmeldenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Id van de taalaanbieder voor deze regio en leerroute")] string TaalaanbiederId,
        [Description("Leerroute: B1, Onderwijsroute of Z-route (B, O, Z mag ook)")] string Leerroute,
        [Description("Niveau (A2 of B1) bij de B1-route")] string? Niveau = null,
        [Description("Alfabetiseringsonderwijs: A, AA of NVT")] string? Alfabetisering = null,
        [Description("Gewenste startdatum")] DateOnly? GewensteStartdatum = null,
        [Description("Uren per week volgens het PIP")] int? UrenPerWeek = null);

    public sealed record Output(
        [Description("Id van de aanmelding bij de taalaanbieder")] string AanmeldingId,
        [Description("Status van de aanmelding (Ontvangen)")] string AanmeldingStatus);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid)
            || !ActivityInput.TryLeerroute(input.Leerroute, out var leerroute, out invalid))
        {
            return invalid;
        }

        var verzoek = new AanmeldingVerzoek(
            input.TaalaanbiederId,
            referenties.For(bsn),
            bsn.Value,
            ActivityInput.Gemeente(context).Value,
            leerroute.ToTaalaanbiederCode(),
            input.Niveau,
            input.Alfabetisering,
            input.GewensteStartdatum,
            input.UrenPerWeek);
        var result = await taalaanbieder.AanmeldenAsync(verzoek, context.IdempotencyKey, cancellationToken);
        return result.ToActivityResult("TAALAANBIEDER_ONBEKEND", "TAALAANBIEDER_AFGEWEZEN", a => Complete(new Output(a.AanmeldingId, a.Status)));
    }
}

/// <summary>Asks whether the aanmelding is confirmed and from when; not yet confirmed is an answer (BPMN loops with a timer).</summary>
[Activity(
    "taalaanbieder.aanmelding-status-ophalen",
    "Bevestiging aanmelding ophalen",
    Category = "Taalaanbieder",
    Description = "Haalt de status van de aanmelding op: bevestigd met startdatum, of afgewezen met reden.",
    ErrorCodes = [TaalaanbiederErrors.Onbekend],
    MaxAttempts = 50)]
public sealed class AanmeldingStatusOphalenActivity(TaalaanbiederClient taalaanbieder)
    : Activity<AanmeldingStatusOphalenActivity.Input, AanmeldingStatusOphalenActivity.Output>
{
    public sealed record Input(
        [Description("Id van de aanmelding")] string AanmeldingId,
        [Description("Id van de taalaanbieder (voor de juiste basis-URL)")] string? TaalaanbiederId = null);

    public sealed record Output(
        [Description("Ontvangen, Bevestigd, Gestart of Afgewezen")] string AanmeldingStatus,
        [Description("De taalaanbieder bevestigde de aanmelding (ook als de les al begon)")] bool AanmeldingBevestigd,
        [Description("De taalaanbieder wees de aanmelding af")] bool AanmeldingAfgewezen,
        [Description("Startdatum van de lessen")] DateOnly? Startdatum,
        [Description("Reden van afwijzing")] string? Afwijzingsreden);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await taalaanbieder.AanmeldingAsync(input.AanmeldingId, input.TaalaanbiederId, cancellationToken);
        return result.ToActivityResult("TAALAANBIEDER_ONBEKEND", "TAALAANBIEDER_AFGEWEZEN", a => Complete(new Output(
            a.Status,
            a.Status is TaalaanbiederWaarden.Bevestigd or TaalaanbiederWaarden.Gestart,
            a.Status == TaalaanbiederWaarden.Afgewezen,
            a.Startdatum,
            a.Afwijzingsreden)));
    }
}

/// <summary>Fetches the hours attended up to a peildatum (default: today on the engine's clock), for the Z-route count and DUO's GevolgdeUren.</summary>
[Activity(
    "taalaanbieder.gevolgde-uren-ophalen",
    "Gevolgde uren ophalen bij taalaanbieder",
    Category = "Taalaanbieder",
    Description = "Haalt het totaal aantal gevolgde uren taalles en KNM op tot en met de peildatum (standaard vandaag).",
    ErrorCodes = [TaalaanbiederErrors.Onbekend],
    MaxAttempts = 50)]
public sealed class GevolgdeUrenOphalenActivity(TaalaanbiederClient taalaanbieder)
    : Activity<GevolgdeUrenOphalenActivity.Input, GevolgdeUrenOphalenActivity.Output>
{
    public sealed record Input(
        [Description("Id van de aanmelding")] string AanmeldingId,
        [Description("Id van de taalaanbieder")] string? TaalaanbiederId = null,
        [Description("Tot en met deze datum; leeg: vandaag")] DateOnly? Peildatum = null);

    public sealed record Output(
        [Description("Totaal gevolgde uren (taalles + KNM)")] int TotaalUren,
        [Description("Gevolgde uren taalles")] int UrenTaalles,
        [Description("Gevolgde uren KNM")] int UrenKnm,
        [Description("Peildatum van de telling")] DateOnly Peildatum);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var peildatum = input.Peildatum ?? DateOnly.FromDateTime(context.Now.UtcDateTime);
        var result = await taalaanbieder.UrenAsync(input.AanmeldingId, input.TaalaanbiederId, peildatum, cancellationToken);
        return result.ToActivityResult("TAALAANBIEDER_ONBEKEND", "TAALAANBIEDER_AFGEWEZEN", u => Complete(new Output(u.TotaalUren, u.UrenTaalles, u.UrenKnm, u.Peildatum)));
    }
}
