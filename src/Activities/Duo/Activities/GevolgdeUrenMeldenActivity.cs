using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Reports a total of gevolgde uren (Gevolgde Uren API, one PUT per kind; totals, so repeating is harmless).</summary>
[Activity(
    "duo.gevolgde-uren-melden",
    "Gevolgde uren melden bij DUO",
    Category = "DUO",
    Description = "Geeft het totaal aantal gevolgde uren door aan DUO (SDI016): taalles en KNM in de leerroute, taalles en KNM tijdens de brede intake, of participatieactiviteiten (Z-route).",
    ErrorCodes = [DuoErrors.AfgewezenDescription, DuoErrors.NietGevondenDescription],
    MaxAttempts = DuoActivitySupport.ReportAttempts)]
public sealed class GevolgdeUrenMeldenActivity(DuoClient duo)
    : Activity<GevolgdeUrenMeldenActivity.Input, GevolgdeUrenMeldenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Totaal aantal gevolgde uren (0–9999)")] int Uren,
        [Description("Soort: 'participatietaalles' (standaard: taalles en KNM bij de cursusinstelling), 'bredeintake-taallesknm' of 'participatieactiviteiten'")] string? Soort = null);

    public sealed record Output(
        [Description("DUO heeft de uren geregistreerd")] bool UrenGemeld,
        [Description("Soort uren zoals gemeld")] string Soort,
        [Description("Gemeld totaal")] int Uren);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        DuoUrenSoort? soort = (input.Soort ?? "participatietaalles").Trim().ToLowerInvariant() switch
        {
            "participatietaalles" or "taalles" => DuoUrenSoort.ParticipatieTaalles,
            "bredeintake-taallesknm" or "bredeintake" => DuoUrenSoort.BredeIntakeTaallesKnm,
            "participatieactiviteiten" or "participatie" => DuoUrenSoort.Participatieactiviteiten,
            _ => null,
        };
        if (soort is null)
        {
            return ActivityResult.Fail("Invoer 'soort' moet participatietaalles, bredeintake-taallesknm of participatieactiviteiten zijn.", retryable: false);
        }

        var result = await duo.PutUrenAsync(DuoActivitySupport.Call(context, bsn), soort.Value, input.Uren, cancellationToken);
        return result.ToResult(_ => Complete(new Output(true, Name(soort.Value), input.Uren)));
    }

    private static string Name(DuoUrenSoort soort) => soort switch
    {
        DuoUrenSoort.ParticipatieTaalles => "participatietaalles",
        DuoUrenSoort.BredeIntakeTaallesKnm => "bredeintake-taallesknm",
        _ => "participatieactiviteiten",
    };
}
