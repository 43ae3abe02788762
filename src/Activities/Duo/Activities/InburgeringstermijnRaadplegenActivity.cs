using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Asks DUO for the actuele Inburgeringstermijn. No termijn yet (DUO 404) is an answer, not an error.</summary>
[Activity(
    "duo.inburgeringstermijn-raadplegen",
    "Inburgeringstermijn raadplegen bij DUO",
    Category = "DUO",
    Description = "Vraagt bij DUO de actuele inburgeringstermijn op (SDI007). Zonder termijn: termijnVastgesteld = false.",
    ErrorCodes = [DuoErrors.AfgewezenDescription],
    MaxAttempts = DuoActivitySupport.QueryAttempts)]
public sealed class InburgeringstermijnRaadplegenActivity(DuoClient duo)
    : Activity<InburgeringstermijnRaadplegenActivity.Input, InburgeringstermijnRaadplegenActivity.Output>
{
    public sealed record Input([Description("BSN van de inburgeraar")] string Bsn);

    public sealed record Output(
        [Description("DUO heeft een inburgeringstermijn vastgesteld")] bool TermijnVastgesteld,
        [Description("Eerste dag van de termijn (de dag na de dagtekening van het eerste PIP)")] DateOnly? TermijnStartdatum,
        [Description("Einddatum van de termijn, exclusief (DUO): de termijn loopt tot deze dag")] DateOnly? TermijnEinddatum,
        [Description("Laatste wijziging van de termijn")] DateOnly? TermijnWijzigingsdatum,
        [Description("Code van de verlengingsgrond, als de termijn verlengd is")] string? VerlengingsgrondCode,
        [Description("Omschrijving van de verlengingsgrond")] string? Verlengingsgrond,
        [Description("Waar als de termijn verlengd is")] bool TermijnVerlengd);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var result = await duo.GetInburgeringstermijnAsync(DuoActivitySupport.Call(context, bsn), cancellationToken);
        if (result.Outcome == PartnerOutcome.NotFound)
        {
            return Complete(new Output(false, null, null, null, null, null, false));
        }

        return result.ToResult(t => Complete(new Output(
            true,
            t.Startdatum,
            t.Einddatum,
            t.Wijzigingsdatum,
            t.Verlengingsgrondcode,
            t.Verlengingsgrondomschrijving,
            t.Verlengingsgrondcode is not null)));
    }
}
