using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Asks DUO for the exam results (Examen API) and sums them up per onderdeel.</summary>
[Activity(
    "duo.examen-raadplegen",
    "Examenresultaten raadplegen bij DUO",
    Category = "DUO",
    Description = "Vraagt bij DUO de examenresultaten op (SDI017) en vat ze samen per examenonderdeel.",
    ErrorCodes = [DuoErrors.NietGevondenDescription, DuoErrors.AfgewezenDescription],
    MaxAttempts = DuoActivitySupport.QueryAttempts)]
public sealed class ExamenRaadplegenActivity(DuoClient duo)
    : Activity<ExamenRaadplegenActivity.Input, ExamenRaadplegenActivity.Output>
{
    private static readonly string[] Taalonderdelen = ["LE", "LU", "SC", "SP"];

    public sealed record Input([Description("BSN van de inburgeraar")] string Bsn);

    public sealed record Output(
        [Description("Aantal examenresultaten bij DUO")] int AantalExamenresultaten,
        [Description("Geslaagde onderdelen, kommagescheiden (KNM, LE, LU, SC, SP)")] string GeslaagdeOnderdelen,
        [Description("Aantal onderdelen met een geslaagd resultaat")] int AantalGeslaagdeOnderdelen,
        [Description("Alle taalonderdelen (LE, LU, SC, SP) geslaagd, op welk niveau ook")] bool TaalonderdelenGeslaagd,
        [Description("KNM geslaagd")] bool KnmGeslaagd,
        [Description("Laatste examendatum")] DateOnly? LaatsteExamendatum);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var result = await duo.GetExamenresultatenAsync(DuoActivitySupport.Call(context, bsn), cancellationToken);
        return result.ToResult(resultaten =>
        {
            var geslaagd = resultaten.Where(r => r.Resultaat == "Geslaagd").Select(r => r.Onderdeel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return Complete(new Output(
                resultaten.Count,
                string.Join(",", geslaagd),
                geslaagd.Count,
                Taalonderdelen.All(geslaagd.Contains),
                geslaagd.Contains("KNM"),
                resultaten.Count == 0 ? null : resultaten.Max(r => r.Examendatum)));
        });
    }
}
