using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Reports the inburgeringsaanbod at one instelling (Inburgeringsaanbod API, POST; overwrites the earlier one there).</summary>
[Activity(
    "duo.inburgeringsaanbod-melden",
    "Inburgeringsaanbod melden bij DUO",
    Category = "DUO",
    Description = "Registreert het inburgeringsaanbod (cursus of opleiding bij een instelling) voor een asielstatushouder bij DUO (SDI014).",
    ErrorCodes = [DuoErrors.AfgewezenDescription, DuoErrors.NietGevondenDescription],
    MaxAttempts = DuoActivitySupport.ReportAttempts)]
public sealed class InburgeringsaanbodMeldenActivity(DuoClient duo)
    : Activity<InburgeringsaanbodMeldenActivity.Input, InburgeringsaanbodMeldenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("DUO-instellingsnummer van de cursusinstelling (10 tekens)")] string Instellingsnummer,
        [Description("Alfabetiseringsonderwijs: A, AA of NVT")] string IndicatorAlfabetiseringsonderwijs,
        [Description("Inschrijfdatum bij de instelling; bij B1- en Z-route ook de start van taalonderwijs en KNM")] DateOnly? DatumInburgeringsaanbod = null,
        [Description("Verwachte startdatum van de cursus of opleiding")] DateOnly? VerwachteStartdatumOpleiding = null,
        [Description("Verwachte einddatum van de cursus of opleiding")] DateOnly? VerwachteEinddatumOpleiding = null);

    public sealed record Output([Description("DUO heeft het inburgeringsaanbod geregistreerd")] bool InburgeringsaanbodGemeld);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var aanbod = new DuoInburgeringsaanbod(
            input.IndicatorAlfabetiseringsonderwijs.Trim().ToUpperInvariant(),
            input.DatumInburgeringsaanbod,
            input.VerwachteStartdatumOpleiding,
            input.VerwachteEinddatumOpleiding);
        var result = await duo.PostInburgeringsaanbodAsync(DuoActivitySupport.Call(context, bsn), input.Instellingsnummer.Trim(), aanbod, cancellationToken);
        return result.ToResult(_ => Complete(new Output(true)));
    }
}
