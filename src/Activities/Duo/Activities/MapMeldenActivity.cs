using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Reports the datum eindgesprek MAP with the verwijtbaar indication (PUT replaces: an empty input withdraws).</summary>
[Activity(
    "duo.map-melden",
    "MAP-resultaat melden bij DUO",
    Category = "DUO",
    Description = "Geeft de datum eindgesprek Module Arbeidsmarkt en Participatie en eventueel 'verwijtbaar' door aan DUO (SDI016). Zonder datum wordt een eerder gemelde datum ingetrokken.",
    ErrorCodes = [DuoErrors.AfgewezenDescription, DuoErrors.NietGevondenDescription],
    MaxAttempts = DuoActivitySupport.ReportAttempts)]
public sealed class MapMeldenActivity(DuoClient duo)
    : Activity<MapMeldenActivity.Input, MapMeldenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Datum eindgesprek MAP; leeg trekt een eerdere datum in")] DateOnly? DatumEindgesprekMap = null,
        [Description("Verwijtbaar: 'Ja' (termijn overschreden) of 'Nee' (einde termijn binnen twee maanden); leeg als niet van toepassing")] string? Verwijtbaar = null);

    public sealed record Output([Description("DUO heeft het MAP-resultaat geregistreerd")] bool MapGemeld);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid)
            || !ActivityInput.TryVerwijtbaar(input.Verwijtbaar, out var verwijtbaar, out invalid))
        {
            return invalid;
        }

        var result = await duo.PutMapAsync(DuoActivitySupport.Call(context, bsn), new DuoResultaatMap(input.DatumEindgesprekMap, verwijtbaar?.ToString()), cancellationToken);
        return result.ToResult(_ => Complete(new Output(true)));
    }
}
