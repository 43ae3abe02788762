using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>
/// Asks DUO for the actuele PIP (PIP API, GET /personen/{bsn}/PIP), also when a previous gemeente made it (duo-m2m README,
/// "Raadplegen PIP": "Een gemeente kan altijd de actuele PIP raadplegen die bij DUO bekend is. Dit kan zowel het PIP van eigen
/// gemeente of het PIP van een voorgaande gemeente betreffen."). A new gemeente of a mover keeps its leerroute unless a switch is
/// allowed. No PIP yet (DUO 404) is an answer, not an error.
/// </summary>
[Activity(
    "duo.pip-raadplegen",
    "Actuele PIP raadplegen bij DUO",
    Category = "DUO",
    Description = "Vraagt bij DUO het actuele PIP op (SDI014), ook als een vorige gemeente het vaststelde. Zonder PIP: duoPipBekend = false.",
    ErrorCodes = [DuoErrors.AfgewezenDescription],
    MaxAttempts = DuoActivitySupport.QueryAttempts)]
public sealed class PipRaadplegenActivity(DuoClient duo)
    : Activity<PipRaadplegenActivity.Input, PipRaadplegenActivity.Output>
{
    public sealed record Input([Description("BSN van de inburgeraar")] string Bsn);

    public sealed record Output(
        [Description("DUO kent een actueel PIP")] bool DuoPipBekend,
        [Description("CBS-code van de gemeente die het actuele PIP vaststelde")] string? DuoPipGemeente,
        [Description("Dagtekening van het actuele PIP")] DateOnly? DuoPipDagtekening,
        [Description("Leerroute van het actuele PIP: B, O of Z")] string? DuoPipLeerroute,
        [Description("Taalniveau van het actuele PIP (A2 of B1), of leeg")] string? DuoPipNiveau);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var result = await duo.GetPipAsync(DuoActivitySupport.Call(context, bsn), cancellationToken);
        if (result.Outcome == PartnerOutcome.NotFound)
        {
            return Complete(new Output(false, null, null, null, null));
        }

        return result.ToResult(p => Complete(new Output(true, p.Gemeentecode, p.Pip.DagtekeningPip, p.Pip.Leerroute, p.Pip.Niveau)));
    }
}
