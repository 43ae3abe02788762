using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Reports the datum ondertekening participatieverklaring with the verwijtbaar indication (PUT replaces).</summary>
[Activity(
    "duo.pvt-melden",
    "PVT-resultaat melden bij DUO",
    Category = "DUO",
    Description = "Geeft de datum ondertekening participatieverklaring en eventueel 'verwijtbaar' door aan DUO (SDI016). Zonder datum wordt een eerder gemelde datum ingetrokken.",
    ErrorCodes = [DuoErrors.AfgewezenDescription, DuoErrors.NietGevondenDescription],
    MaxAttempts = DuoActivitySupport.ReportAttempts)]
public sealed class PvtMeldenActivity(DuoClient duo)
    : Activity<PvtMeldenActivity.Input, PvtMeldenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Datum ondertekening PVT; leeg trekt een eerdere datum in")] DateOnly? DatumOndertekeningPvt = null,
        [Description("Verwijtbaar: 'Ja' of 'Nee'; leeg als niet van toepassing")] string? Verwijtbaar = null);

    public sealed record Output([Description("DUO heeft het PVT-resultaat geregistreerd")] bool PvtGemeld);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid)
            || !ActivityInput.TryVerwijtbaar(input.Verwijtbaar, out var verwijtbaar, out invalid))
        {
            return invalid;
        }

        var body = new DuoResultaatPvt(input.DatumOndertekeningPvt, verwijtbaar?.ToString());
        var result = await duo.PutPvtAsync(DuoActivitySupport.Call(context, bsn), body, cancellationToken);
        return result.ToResult(_ => Complete(new Output(true)));
    }
}
