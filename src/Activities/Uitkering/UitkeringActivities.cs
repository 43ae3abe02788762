using System.ComponentModel;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Uitkering;

/// <summary>BPMN error codes of the uitkering activities.</summary>
public static class UitkeringErrors
{
    public const string GeenBijstand = "UITKERING_GEEN_BIJSTAND: de inburgeraar heeft op de ingangsdatum geen recht op bijstand";
    public const string Afgewezen = "UITKERING_AFGEWEZEN: het Participatiewet-systeem wees het verzoek af (zie partnerMeldingen)";
    public const string Onbekend = "UITKERING_ONBEKEND: het Participatiewet-systeem kent deze ontzorging niet";
    public const string LooptAl = "UITKERING_ONTZORGING_LOOPT_AL: voor deze inburgeraar of zijn huishouden loopt al een ontzorging";
}

/// <summary>One cost item as the BPMN passes it (the gemeente's policy lists which).</summary>
public sealed record KostenpostInput(
    [property: Description("huur, energie, water, zorgverzekering, gemeentelijke-belastingen of overig")] string Soort,
    [property: Description("Naam van de schuldeiser (verhuurder, energieleverancier...)")] string Crediteur,
    [property: Description("Bedrag per maand in euro")] decimal BedragPerMaand,
    [property: Description("Betalingskenmerk bij de schuldeiser")] string? Betalingskenmerk = null,
    [property: Description("IBAN van de schuldeiser")] string? Iban = null);

/// <summary>Starts financieel ontzorgen: the Participatiewet system pays the listed fixed costs from the bijstand.</summary>
[Activity(
    "uitkering.ontzorging-starten",
    "Financieel ontzorgen starten",
    Category = "Uitkering",
    Description = "Start het financieel ontzorgen (art. 56a Pw): de vaste lasten uit de lijst worden uit de bijstand betaald vanaf de ingangsdatum.",
    ErrorCodes = [UitkeringErrors.GeenBijstand, UitkeringErrors.LooptAl, UitkeringErrors.Afgewezen],
    MaxAttempts = 50)]
public sealed class OntzorgingStartenActivity(UitkeringClient uitkering, PersoonReferentieGenerator referenties)
    : Activity<OntzorgingStartenActivity.Input, OntzorgingStartenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Eerste dag van het ontzorgen (meestal de ingangsdatum van de bijstand)")] DateOnly Ingangsdatum,
        [Description("Vaste lasten die de gemeente betaalt")] List<KostenpostInput> Kostenposten,
        [Description("Het huishouden (leefeenheid) van de inburgeraar, zodat een huishouden één keer wordt ontzorgd")] string? HuishoudenId = null,
        [Description("Datum waarop de inburgeraar de machtiging tekende")] DateOnly? MachtigingDatum = null);

    public sealed record Output(
        [Description("Id van de ontzorging in het Participatiewet-systeem")] string OntzorgingId,
        [Description("Ingangsdatum van de ontzorging")] DateOnly OntzorgingIngangsdatum,
        [Description("Totaal per maand in euro")] decimal OntzorgingTotaalPerMaand);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var verzoek = new OntzorgingStartVerzoek(
            referenties.For(bsn),
            bsn.Value,
            ActivityInput.Gemeente(context).Value,
            input.Ingangsdatum,
            input.Kostenposten.Select(k => new Kostenpost(k.Soort.Trim().ToLowerInvariant(), k.Crediteur, k.BedragPerMaand, k.Betalingskenmerk, k.Iban)).ToList(),
            string.IsNullOrWhiteSpace(input.HuishoudenId) ? null : input.HuishoudenId.Trim(),
            input.MachtigingDatum);
        var result = await uitkering.StartOntzorgingAsync(verzoek, context.IdempotencyKey, cancellationToken);
        if (result is { Outcome: PartnerOutcome.Rejected, Code: "GEEN_BIJSTAND" })
        {
            return ActivityResult.Raise("UITKERING_GEEN_BIJSTAND", result.Message);
        }

        if (result is { Outcome: PartnerOutcome.Rejected, Code: "ONTZORGING_LOOPT_AL" })
        {
            // A household member's traject started it meanwhile: the process links to that one instead.
            return ActivityResult.Raise("UITKERING_ONTZORGING_LOOPT_AL", result.Message);
        }

        return result.ToActivityResult("UITKERING_ONBEKEND", "UITKERING_AFGEWEZEN", o => Complete(new Output(o.OntzorgingId, o.Ingangsdatum, o.TotaalPerMaand)));
    }
}

/// <summary>Stops financieel ontzorgen (evaluation says stop, or bijstand ended). Stopping a stopped one is harmless.</summary>
[Activity(
    "uitkering.ontzorging-stoppen",
    "Financieel ontzorgen stoppen",
    Category = "Uitkering",
    Description = "Beëindigt het financieel ontzorgen per de einddatum.",
    ErrorCodes = [UitkeringErrors.Onbekend, UitkeringErrors.Afgewezen],
    MaxAttempts = 50)]
public sealed class OntzorgingStoppenActivity(UitkeringClient uitkering)
    : Activity<OntzorgingStoppenActivity.Input, OntzorgingStoppenActivity.Output>
{
    public sealed record Input(
        [Description("Id van de ontzorging")] string OntzorgingId,
        [Description("Laatste dag van het ontzorgen")] DateOnly Einddatum,
        [Description("Reden, bv. 'evaluatie: zelfredzaam' of 'bijstand beëindigd'")] string Reden);

    public sealed record Output(
        [Description("Status: Beeindigd")] string OntzorgingStatus,
        [Description("Einddatum zoals geregistreerd")] DateOnly? OntzorgingEinddatum);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await uitkering.StopOntzorgingAsync(input.OntzorgingId, new OntzorgingStopVerzoek(input.Einddatum, input.Reden), context.IdempotencyKey, cancellationToken);
        return result.ToActivityResult("UITKERING_ONBEKEND", "UITKERING_AFGEWEZEN", o => Complete(new Output(o.Status, o.Einddatum)));
    }
}

/// <summary>Asks whether the person has bijstand today (the engine's date), and since / until when.</summary>
[Activity(
    "uitkering.bijstand-raadplegen",
    "Bijstand raadplegen",
    Category = "Uitkering",
    Description = "Vraagt in het Participatiewet-systeem of de inburgeraar recht op bijstand heeft, met ingangs- en einddatum.",
    MaxAttempts = 50)]
public sealed class BijstandRaadplegenActivity(UitkeringClient uitkering)
    : Activity<BijstandRaadplegenActivity.Input, BijstandRaadplegenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Het huishouden (leefeenheid) van de inburgeraar, als bekend")] string? HuishoudenId = null);

    public sealed record Output(
        [Description("Recht op bijstand vandaag")] bool BijstandActief,
        [Description("Ingangsdatum van het recht op bijstand")] DateOnly? BijstandIngangsdatum,
        [Description("Einddatum van het recht op bijstand; leeg als die niet vastligt")] DateOnly? BijstandEinddatum,
        [Description("Id van een lopende ontzorging van hetzelfde huishouden; leeg als er geen loopt")] string? HuishoudenOntzorgingId = null,
        [Description("Id van de lopende ontzorging die voor deze inburgeraar is gestart; leeg als er geen loopt")] string? LopendeOntzorgingId = null,
        [Description("Het huishouden (leefeenheid) waarvoor de bijstand is, volgens het Participatiewet-systeem of de keten")] string? HuishoudenId = null);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var huishouden = string.IsNullOrWhiteSpace(input.HuishoudenId) ? null : input.HuishoudenId.Trim();
        var result = await uitkering.BijstandStatusAsync(bsn.Value, huishouden, cancellationToken);
        var gemeente = ActivityInput.Gemeente(context).Value;
        return result.ToActivityResult("UITKERING_ONBEKEND", "UITKERING_AFGEWEZEN", b => Complete(new Output(
            // The bijstand of this gemeente: after a move the new gemeente grants its own.
            b.Bijstand && b.Ingangsdatum <= today && (b.Einddatum is null || b.Einddatum >= today) && (b.Gemeentecode is null || b.Gemeentecode == gemeente),
            b.Ingangsdatum,
            b.Einddatum,
            b.HuishoudenOntzorgingId,
            b.OntzorgingId,
            b.HuishoudenId ?? huishouden)));
    }
}
