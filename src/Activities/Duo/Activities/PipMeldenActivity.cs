using System.ComponentModel;
using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Reports the (changed) PIP to DUO (PIP API, POST). DUO's static niveau/leerroute rules are checked first.</summary>
[Activity(
    "duo.pip-melden",
    "PIP melden bij DUO",
    Category = "DUO",
    Description = "Levert het vastgestelde of gewijzigde PIP aan bij DUO (SDI014). DUO start bij het eerste PIP de inburgeringstermijn en meldt dat met SS102.",
    ErrorCodes = [DuoErrors.AfgewezenDescription, DuoErrors.NietGevondenDescription],
    MaxAttempts = DuoActivitySupport.ReportAttempts)]
public sealed class PipMeldenActivity(DuoClient duo)
    : Activity<PipMeldenActivity.Input, PipMeldenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Dagtekening van het PIP (de beschikking)")] DateOnly DagtekeningPip,
        [Description("Leerroute: B (B1-route), O (onderwijsroute) of Z (Z-route); 'B1', 'Onderwijsroute', 'Z-route' mag ook")] string Leerroute,
        [Description("Niveau A2 of B1 (B1-route); leeg: DUO stelt B1 vast bij B1- en onderwijsroute")] string? Niveau = null,
        [Description("Geschatte intensiteit B1-route in uren (alleen B1-route, alleen asielstatushouders)")] int? GeschatteIntensiteitB1Route = null,
        [Description("De inburgeraar mag een lopende niet-vrijstellende opleiding afmaken")] bool? IndicatorMagOpleidingAfmaken = null,
        [Description("Alfabetiseringsonderwijs: A, AA of NVT")] string? IndicatorAlfabetiseringsonderwijs = null);

    public sealed record Output(
        [Description("DUO heeft het PIP geregistreerd")] bool PipGemeld,
        [Description("Leerroute zoals gemeld (B, O of Z)")] string Leerroute,
        [Description("BerichtId van de melding")] string DuoBerichtId);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (DuoActivitySupport.RejectInvalidBsn(input.Bsn) is { } invalid)
        {
            return invalid;
        }

        if (DuoActivitySupport.LeerrouteCode(input.Leerroute) is not { } leerroute)
        {
            return ActivityResult.Fail("Invoer 'leerroute' moet B, O of Z zijn.", retryable: false);
        }

        var pip = new DuoPip(
            input.DagtekeningPip,
            leerroute,
            input.Niveau?.Trim().ToUpperInvariant(),
            input.GeschatteIntensiteitB1Route,
            input.IndicatorMagOpleidingAfmaken,
            input.IndicatorAlfabetiseringsonderwijs?.Trim().ToUpperInvariant());
        var fouten = DuoPipRegels.Controleer(pip);
        if (fouten.Count > 0)
        {
            return ActivityResult.Raise(
                DuoErrors.Afgewezen,
                "Niet verzonden, DUO zou dit PIP afwijzen: " + string.Join(" ", fouten),
                new JsonObject { ["duoFoutteksten"] = new JsonArray(fouten.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()) });
        }

        var result = await duo.PostPipAsync(DuoActivitySupport.Call(context, input.Bsn), pip, cancellationToken);
        return result.ToResult(_ => Complete(new Output(true, leerroute, DuoBerichtId.Derive(context.IdempotencyKey, "postPipByBsn").ToString("D"))));
    }
}
