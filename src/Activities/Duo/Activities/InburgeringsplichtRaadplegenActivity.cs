using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;
using Inburgering.Workflows.Doelgroepen;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Asks DUO whether the person is inburgeringsplichtig (Inburgeringsplicht API) and in which doelgroep.</summary>
[Activity(
    "duo.inburgeringsplicht-raadplegen",
    "Inburgeringsplicht raadplegen bij DUO",
    Category = "DUO",
    Description = "Vraagt bij DUO de actuele inburgeringsplicht en de doelgroep van de persoon op (SDI005).",
    ErrorCodes = [DuoErrors.NietGevondenDescription, DuoErrors.AfgewezenDescription],
    MaxAttempts = DuoActivitySupport.QueryAttempts)]
public sealed class InburgeringsplichtRaadplegenActivity(DuoClient duo)
    : Activity<InburgeringsplichtRaadplegenActivity.Input, InburgeringsplichtRaadplegenActivity.Output>
{
    public sealed record Input([Description("BSN van de inburgeraar (9 cijfers, elfproef)")] string Bsn);

    public sealed record Output(
        [Description("DUO: de persoon is inburgeringsplichtig")] bool Inburgeringsplichtig,
        [Description("Begin van de inburgeringsplicht")] DateOnly? InburgeringsplichtBegindatum,
        [Description("Einde van de inburgeringsplicht (inclusief), als die geëindigd is")] DateOnly? InburgeringsplichtEinddatum,
        [Description("DUO's reden dat er geen inburgeringsplicht (meer) is, bv. 'Inburgeringsplicht voldaan'")] string? RedenGeenInburgeringsplicht,
        [Description("Datum waarop DUO de kennisgeving inburgeringsplicht verstuurde")] DateOnly? DatumKennisgevingInburgeringsplicht,
        [Description("Doelgroep: 'Asielstatushouder' of 'Gezinsmigrant en overige migrant'")] string? Doelgroep,
        [Description("DUO's gedetailleerde doelgroep, bv. 'Gezinsvormer'")] string? GedetailleerdeDoelgroep,
        [Description("Waar als de doelgroep Asielstatushouder is")] bool Asielstatushouder,
        [Description("Begin van de huidige doelgroep")] DateOnly? DoelgroepBegindatum);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var call = DuoActivitySupport.Call(context, bsn);
        var plicht = await duo.GetInburgeringsplichtAsync(call, cancellationToken);
        if (plicht.Outcome != PartnerOutcome.Ok)
        {
            return plicht.ToResult(_ => ActivityResult.Complete());
        }

        var doelgroep = await duo.GetDoelgroepAsync(call, cancellationToken);
        if (doelgroep.Outcome is not (PartnerOutcome.Ok or PartnerOutcome.NotFound))
        {
            return doelgroep.ToResult(_ => ActivityResult.Complete());
        }

        var p = plicht.Value!;
        var d = doelgroep.Value;
        return Complete(new Output(
            p.IndicatorInburgeringsplicht,
            p.Begindatum,
            p.Einddatum,
            p.RedenGeenInburgeringsplicht,
            p.DatumKennisgevingInburgeringsplicht,
            d?.Indeling,
            d?.GedetailleerdeDoelgroep,
            d?.Indeling is { } indeling && Doelgroep.FromDuo(indeling, d.GedetailleerdeDoelgroep).IsAsiel(),
            d?.Begindatum));
    }
}
