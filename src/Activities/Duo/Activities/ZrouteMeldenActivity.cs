using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Reports the datum afronding Z-route (PUT replaces: an empty input withdraws).</summary>
[Activity(
    "duo.zroute-melden",
    "Afronding Z-route melden bij DUO",
    Category = "DUO",
    Description = "Geeft de datum afronding Z-route door aan DUO (SDI016). Zonder datum wordt een eerder gemelde datum ingetrokken.",
    ErrorCodes = [DuoErrors.AfgewezenDescription, DuoErrors.NietGevondenDescription],
    MaxAttempts = DuoActivitySupport.ReportAttempts)]
public sealed class ZrouteMeldenActivity(DuoClient duo)
    : Activity<ZrouteMeldenActivity.Input, ZrouteMeldenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Datum afronding Z-route; leeg trekt een eerdere datum in")] DateOnly? DatumAfrondingZroute = null);

    public sealed record Output([Description("DUO heeft de afronding geregistreerd")] bool ZrouteGemeld);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var result = await duo.PutZrouteAsync(DuoActivitySupport.Call(context, bsn), new DuoResultaatZroute(input.DatumAfrondingZroute), cancellationToken);
        return result.ToResult(_ => Complete(new Output(true)));
    }
}
