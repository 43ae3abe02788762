using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>Gets the examennummer the toetsafnemer needs to plan the leerbaarheidstoets (Leerbaarheidstoets API).</summary>
[Activity(
    "duo.leerbaarheidstoets-examennummer-opvragen",
    "Examennummer leerbaarheidstoets opvragen bij DUO",
    Category = "DUO",
    Description = "Vraagt bij DUO het examennummer op waarmee de leerbaarheidstoets wordt ingepland (SDI006).",
    ErrorCodes = [DuoErrors.NietGevondenDescription, DuoErrors.AfgewezenDescription],
    MaxAttempts = DuoActivitySupport.QueryAttempts)]
public sealed class LeerbaarheidstoetsExamennummerOpvragenActivity(DuoClient duo)
    : Activity<LeerbaarheidstoetsExamennummerOpvragenActivity.Input, LeerbaarheidstoetsExamennummerOpvragenActivity.Output>
{
    public sealed record Input([Description("BSN van de inburgeraar")] string Bsn);

    public sealed record Output([Description("Examennummer voor het inplannen van de leerbaarheidstoets")] string Examennummer);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var result = await duo.GetLbtExamennummerAsync(DuoActivitySupport.Call(context, bsn), cancellationToken);
        return result.ToResult(e => Complete(new Output(e.Examennummer)));
    }
}
