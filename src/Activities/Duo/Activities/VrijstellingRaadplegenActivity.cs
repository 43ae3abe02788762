using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Asks DUO for the vrijstellingen (Vrijstelling API); "actief" is judged on <see cref="ActivityContext.Now"/>.</summary>
[Activity(
    "duo.vrijstelling-raadplegen",
    "Vrijstellingen raadplegen bij DUO",
    Category = "DUO",
    Description = "Vraagt bij DUO de vrijstellingen op (SDI012): gehele, tijdelijke (actief op de dag van vandaag) en gedeeltelijke.",
    ErrorCodes = [DuoErrors.NietGevondenDescription, DuoErrors.AfgewezenDescription],
    MaxAttempts = DuoActivitySupport.QueryAttempts)]
public sealed class VrijstellingRaadplegenActivity(DuoClient duo)
    : Activity<VrijstellingRaadplegenActivity.Input, VrijstellingRaadplegenActivity.Output>
{
    public sealed record Input([Description("BSN van de inburgeraar")] string Bsn);

    public sealed record Output(
        [Description("Een gehele vrijstelling is toegekend")] bool GeheleVrijstellingToegekend,
        [Description("Reden van de gehele vrijstelling (AVI, DIP, DOC, INB...)")] string? GeheleVrijstellingReden,
        [Description("Een toegekende tijdelijke vrijstelling loopt vandaag")] bool TijdelijkeVrijstellingActief,
        [Description("Einddatum van de lopende tijdelijke vrijstelling")] DateOnly? TijdelijkeVrijstellingEinddatum,
        [Description("Er is minstens één gedeeltelijke vrijstelling toegekend")] bool GedeeltelijkeVrijstellingToegekend,
        [Description("Vrijgestelde examenonderdelen, kommagescheiden")] string VrijgesteldeOnderdelen,
        [Description("Aantal vrijstellingsbesluiten")] int AantalVrijstellingen);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var today = DateOnly.FromDateTime(context.Now.Date);
        var result = await duo.GetVrijstellingenAsync(DuoActivitySupport.Call(context, bsn), cancellationToken);
        return result.ToResult(vrijstellingen =>
        {
            var geheel = vrijstellingen.Select(v => v.GeheleVrijstelling).LastOrDefault(g => g?.Oordeel == "Toekenning");
            var tijdelijk = vrijstellingen.Select(v => v.TijdelijkeVrijstelling)
                .LastOrDefault(t => t?.Oordeel == "Toekenning" && (t.Startdatum is null || t.Startdatum <= today) && (t.Einddatum is null || t.Einddatum >= today));
            var deels = vrijstellingen.Select(v => v.GedeeltelijkeVrijstelling).Where(g => g?.Oordeel == "Toekenning").ToList();
            return Complete(new Output(
                geheel is not null,
                geheel?.Reden,
                tijdelijk is not null,
                tijdelijk?.Einddatum,
                deels.Count > 0,
                string.Join(",", deels.Select(d => d!.Examenonderdeel).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                vrijstellingen.Count));
        });
    }
}
