using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Asks DUO for the ontheffingen (Ontheffing API) and reports the toegekende ones.</summary>
[Activity(
    "duo.ontheffing-raadplegen",
    "Ontheffingen raadplegen bij DUO",
    Category = "DUO",
    Description = "Vraagt bij DUO de ontheffingen op (SDI013): gehele en gedeeltelijke, alleen toekenningen tellen.",
    ErrorCodes = [DuoErrors.NietGevondenDescription, DuoErrors.AfgewezenDescription],
    MaxAttempts = DuoActivitySupport.QueryAttempts)]
public sealed class OntheffingRaadplegenActivity(DuoClient duo)
    : Activity<OntheffingRaadplegenActivity.Input, OntheffingRaadplegenActivity.Output>
{
    public sealed record Input([Description("BSN van de inburgeraar")] string Bsn);

    public sealed record Output(
        [Description("Een gehele ontheffing is toegekend")] bool GeheleOntheffingToegekend,
        [Description("Grond van de gehele ontheffing: BIO of MED")] string? GeheleOntheffingGrond,
        [Description("Datum van het oordeel over de gehele ontheffing")] DateOnly? GeheleOntheffingDatum,
        [Description("Er is minstens één gedeeltelijke ontheffing toegekend")] bool GedeeltelijkeOntheffingToegekend,
        [Description("Ontheven examenonderdelen, kommagescheiden")] string OntheffenOnderdelen,
        [Description("Maximale belastbaarheid in uren voor participatieactiviteiten (Z-route), als DUO die gaf")] int? UrenBelastbaarheidParticipatie,
        [Description("Aantal ontheffingsbesluiten (toegekend of afgewezen)")] int AantalOntheffingen);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var result = await duo.GetOntheffingenAsync(DuoActivitySupport.Call(context, bsn), cancellationToken);
        return result.ToResult(ontheffingen =>
        {
            var geheel = ontheffingen.Select(o => o.GeheleOntheffing).Where(g => g?.Oordeel == "Toekenning").OrderBy(g => g!.DatumOordeel).LastOrDefault();
            var deels = ontheffingen.Select(o => o.GedeeltelijkeOntheffing).Where(g => g?.Oordeel == "Toekenning").ToList();
            return Complete(new Output(
                geheel is not null,
                geheel?.Grond,
                geheel?.DatumOordeel,
                deels.Count > 0,
                string.Join(",", deels.Select(d => d!.Examenonderdeel).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                deels.Select(d => d!.UrenBelastbaarheidParticipatieactiviteit).LastOrDefault(u => u is not null),
                ontheffingen.Count));
        });
    }
}
