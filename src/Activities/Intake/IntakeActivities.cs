using System.ComponentModel;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Intake;

/// <summary>BPMN error codes of the intake activities.</summary>
public static class IntakeErrors
{
    public const string Afgewezen = "INTAKE_AFGEWEZEN: de toetsafnemer wees de aanvraag af (zie partnerMeldingen)";
    public const string Onbekend = "INTAKE_ONBEKEND: de toetsafnemer kent deze leerbaarheidstoets niet";
}

/// <summary>Asks the toetsafnemer to plan a leerbaarheidstoets; the same idempotency key always gives the same appointment.</summary>
[Activity(
    "intake.leerbaarheidstoets-aanvragen",
    "Leerbaarheidstoets aanvragen",
    Category = "Brede intake",
    Description = "Vraagt bij de onafhankelijke toetsafnemer een afspraak voor de leerbaarheidstoets aan.",
    ErrorCodes = [IntakeErrors.Afgewezen],
    MaxAttempts = 50)]
public sealed class LeerbaarheidstoetsAanvragenActivity(IntakeClient intake, PersoonReferentieGenerator referenties)
    : Activity<LeerbaarheidstoetsAanvragenActivity.Input, LeerbaarheidstoetsAanvragenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Examennummer van DUO (duo.leerbaarheidstoets-examennummer-opvragen)")] string? Examennummer = null,
        [Description("Niet eerder dan deze datum inplannen")] DateOnly? VroegsteDatum = null,
        [Description("Voorkeurstaal voor de instructie")] string? Taal = null);

    public sealed record Output(
        [Description("Id van de toets bij de toetsafnemer")] string ToetsId,
        [Description("Datum en tijd van de afspraak")] DateTimeOffset AfspraakDatumTijd,
        [Description("Locatie van de afspraak")] string Locatie);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var aanvraag = new LeerbaarheidstoetsAanvraag(
            referenties.For(bsn),
            bsn.Value,
            ActivityInput.Gemeente(context).Value,
            input.Examennummer,
            input.VroegsteDatum,
            input.Taal);
        var result = await intake.AanvragenAsync(aanvraag, context.IdempotencyKey, cancellationToken);
        return result.ToActivityResult("INTAKE_ONBEKEND", "INTAKE_AFGEWEZEN", t => Complete(new Output(t.ToetsId, t.AfspraakDatumTijd, t.Locatie)));
    }
}

/// <summary>Fetches the leerbaarheidstoets; not taken yet is an answer (uitslagBekend = false), for a BPMN timer loop.</summary>
[Activity(
    "intake.leerbaarheidstoets-uitslag-ophalen",
    "Uitslag leerbaarheidstoets ophalen",
    Category = "Brede intake",
    Description = "Haalt status, uitslag en advies leerroute van de leerbaarheidstoets op bij de toetsafnemer. Nog niet afgenomen: uitslagBekend = false.",
    ErrorCodes = [IntakeErrors.Onbekend],
    MaxAttempts = 50)]
public sealed class LeerbaarheidstoetsUitslagOphalenActivity(IntakeClient intake)
    : Activity<LeerbaarheidstoetsUitslagOphalenActivity.Input, LeerbaarheidstoetsUitslagOphalenActivity.Output>
{
    public sealed record Input([Description("Id van de toets (uit intake.leerbaarheidstoets-aanvragen)")] string ToetsId);

    public sealed record Output(
        [Description("Gepland, Afgenomen of NietVerschenen")] string ToetsStatus,
        [Description("Er is een uitslag")] bool UitslagBekend,
        [Description("De inburgeraar kwam niet opdagen")] bool NietVerschenen,
        [Description("'B1-route haalbaar' of 'B1-route niet haalbaar'")] string? LeerbaarheidstoetsUitslag,
        [Description("Waar als de B1-route haalbaar is")] bool? B1RouteHaalbaar,
        [Description("Advies van de toetsafnemer: B1, Onderwijsroute of Z-route")] string? AdviesLeerroute,
        [Description("Behaalde score ('ddd,dd')")] string? BehaaldeScore,
        [Description("Datum van afname")] DateOnly? DatumAfname);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await intake.OphalenAsync(input.ToetsId, cancellationToken);
        return result.ToActivityResult("INTAKE_ONBEKEND", "INTAKE_AFGEWEZEN", t => Complete(new Output(
            t.Status,
            t.Status == IntakeWaarden.Afgenomen,
            t.Status == IntakeWaarden.NietVerschenen,
            t.Uitslag,
            t.Uitslag switch { IntakeWaarden.B1Haalbaar => true, IntakeWaarden.B1NietHaalbaar => false, _ => null },
            t.AdviesLeerroute,
            t.BehaaldeScore,
            t.DatumAfname)));
    }
}

/// <summary>
/// Cancels a planned leerbaarheidstoets, when the inburgeraar got an ontheffing of it (Wi2021 art. 14(6)-(7)). A toets that
/// was already taken or missed cannot be cancelled: that is an answer (geannuleerd = false), not an error.
/// </summary>
[Activity(
    "intake.leerbaarheidstoets-annuleren",
    "Leerbaarheidstoets annuleren",
    Category = "Brede intake",
    Description = "Annuleert de afspraak voor de leerbaarheidstoets bij de toetsafnemer (bij een ontheffing). Al afgenomen: geannuleerd = false.",
    ErrorCodes = [IntakeErrors.Onbekend],
    MaxAttempts = 50)]
public sealed class LeerbaarheidstoetsAnnulerenActivity(IntakeClient intake)
    : Activity<LeerbaarheidstoetsAnnulerenActivity.Input, LeerbaarheidstoetsAnnulerenActivity.Output>
{
    public sealed record Input([Description("Id van de toets (uit intake.leerbaarheidstoets-aanvragen)")] string ToetsId);

    public sealed record Output(
        [Description("Waar als de afspraak is geannuleerd")] bool Geannuleerd,
        [Description("Status van de toets na het verzoek (Geannuleerd, of Afgenomen/NietVerschenen als het te laat was)")] string? ToetsStatus);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.ToetsId))
        {
            return ActivityResult.Fail("toetsId is verplicht.", retryable: false);
        }

        var result = await intake.AnnulerenAsync(input.ToetsId, context.IdempotencyKey, cancellationToken);
        if (result is { Outcome: PartnerOutcome.Rejected, Code: IntakeWaarden.AlAfgenomen })
        {
            return Complete(new Output(false, null));
        }

        return result.ToActivityResult("INTAKE_ONBEKEND", "INTAKE_AFGEWEZEN", t => Complete(new Output(t.Status == IntakeWaarden.Geannuleerd, t.Status)));
    }
}
