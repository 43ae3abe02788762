using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Asks DUO for the leerbaarheidstoets results and reports the latest one.</summary>
[Activity(
    "duo.leerbaarheidstoets-raadplegen",
    "Leerbaarheidstoets raadplegen bij DUO",
    Category = "DUO",
    Description = "Vraagt bij DUO de resultaten van de leerbaarheidstoets op (SDI006) en geeft het laatste resultaat.",
    ErrorCodes = [DuoErrors.NietGevondenDescription, DuoErrors.AfgewezenDescription],
    MaxAttempts = DuoActivitySupport.QueryAttempts)]
public sealed class LeerbaarheidstoetsRaadplegenActivity(DuoClient duo)
    : Activity<LeerbaarheidstoetsRaadplegenActivity.Input, LeerbaarheidstoetsRaadplegenActivity.Output>
{
    public sealed record Input([Description("BSN van de inburgeraar")] string Bsn);

    public sealed record Output(
        [Description("Er is een resultaat bij DUO")] bool LeerbaarheidstoetsBekend,
        [Description("Uitslag: 'B1-route haalbaar', 'B1-route niet haalbaar' of 'Onbekend'")] string? LeerbaarheidstoetsUitslag,
        [Description("Waar bij 'B1-route haalbaar', onwaar bij 'B1-route niet haalbaar', leeg bij onbekend")] bool? B1RouteHaalbaar,
        [Description("Behaalde score, DUO-notatie 'ddd,dd'")] string? BehaaldeScore,
        [Description("Score vanaf waar de B1-route haalbaar is")] string? BenodigdeScore,
        [Description("Datum waarop DUO de uitslag registreerde")] DateOnly? DatumAfname,
        [Description("Aantal resultaten bij DUO")] int AantalResultaten);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var result = await duo.GetLbtResultatenAsync(DuoActivitySupport.Call(context, bsn), cancellationToken);
        return result.ToResult(resultaten =>
        {
            var laatste = resultaten.OrderBy(r => r.DatumAfname).LastOrDefault();
            return Complete(new Output(
                laatste is not null,
                laatste?.Resultaat,
                laatste?.Resultaat switch { "B1-route haalbaar" => true, "B1-route niet haalbaar" => false, _ => null },
                laatste?.BehaaldeScore,
                laatste?.BenodigdeScore,
                laatste?.DatumAfname,
                resultaten.Count));
        });
    }
}
