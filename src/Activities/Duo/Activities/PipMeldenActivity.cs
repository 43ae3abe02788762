using System.ComponentModel;
using System.Text.Json.Nodes;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;
using Inburgering.Workflows.Leerroutes;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Reports the (changed) PIP to DUO (PIP API, POST). DUO's rules on the PIP itself (<see cref="PipValidation.ValidateMelding"/>) are checked first.</summary>
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
        [Description("Niveau A2 of B1; leeg: DUO stelt B1 vast bij B1- en onderwijsroute")] string? Niveau = null,
        [Description("Geschatte intensiteit B1-route in uren (alleen B1-route, alleen asielstatushouders)")] int? GeschatteIntensiteitB1Route = null,
        [Description("De inburgeraar mag een lopende niet-vrijstellende opleiding afmaken")] bool? IndicatorMagOpleidingAfmaken = null,
        [Description("Alfabetiseringsonderwijs: A, AA of NVT")] string? IndicatorAlfabetiseringsonderwijs = null);

    public sealed record Output(
        [Description("DUO heeft het PIP geregistreerd")] bool PipGemeld,
        [Description("Leerroute zoals gemeld (B, O of Z)")] string Leerroute,
        [Description("BerichtId van de melding")] string DuoBerichtId);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid)
            || !ActivityInput.TryLeerroute(input.Leerroute, out var leerroute, out invalid)
            || !ActivityInput.TryNiveau(input.Niveau, out var niveau, out invalid))
        {
            return invalid;
        }

        // DUO's rules on the PIP itself; the ones that need DUO's data on the person stay DUO's (a rejection comes back as DUO_AFGEWEZEN).
        var fouten = PipValidation.ValidateMelding(new PipMelding(input.DagtekeningPip, leerroute, niveau, input.GeschatteIntensiteitB1Route)).Violations
            .Select(v => v.Message)
            .ToList();
        if (fouten.Count > 0)
        {
            return ActivityResult.Raise(
                DuoErrors.Afgewezen,
                "Niet verzonden, DUO zou dit PIP afwijzen: " + string.Join(" ", fouten),
                new JsonObject { ["duoFoutteksten"] = new JsonArray(fouten.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()) });
        }

        var pip = new DuoPip(
            input.DagtekeningPip,
            leerroute.ToDuoCode(),
            niveau?.ToString(),
            input.GeschatteIntensiteitB1Route,
            input.IndicatorMagOpleidingAfmaken,
            input.IndicatorAlfabetiseringsonderwijs?.Trim().ToUpperInvariant());
        var result = await duo.PostPipAsync(DuoActivitySupport.Call(context, bsn), pip, cancellationToken);
        return result.ToResult(_ => Complete(new Output(true, pip.Leerroute, DuoBerichtId.Derive(context.IdempotencyKey, "postPipByBsn").ToString("D"))));
    }
}
