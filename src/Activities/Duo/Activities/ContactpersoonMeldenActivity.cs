using System.ComponentModel;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo.Activities;

/// <summary>
/// Registers the gemeente's contactpersoon for the inburgeraar at DUO (Contactpersoon API): creates the contactpersoon
/// (or updates a known one) and links it to the person, which overwrites an earlier link. Each step's BerichtId is
/// derived from the idempotency key and the operation, so a retry after a half-done attempt repeats, not duplicates.
/// </summary>
[Activity(
    "duo.contactpersoon-melden",
    "Contactpersoon melden bij DUO",
    Category = "DUO",
    Description = "Registreert de contactpersoon van de gemeente bij DUO en koppelt die aan de inburgeraar (SDI014).",
    ErrorCodes = [DuoErrors.AfgewezenDescription, DuoErrors.NietGevondenDescription],
    MaxAttempts = DuoActivitySupport.ReportAttempts)]
public sealed class ContactpersoonMeldenActivity(DuoClient duo)
    : Activity<ContactpersoonMeldenActivity.Input, ContactpersoonMeldenActivity.Output>
{
    public sealed record Input(
        [Description("BSN van de inburgeraar")] string Bsn,
        [Description("Naam van de contactpersoon (consulent)")] string Naam,
        [Description("E-mailadres van de contactpersoon")] string Email,
        [Description("Telefoonnummer van de contactpersoon")] string Telefoonnummer,
        [Description("DUO-id van een al geregistreerde contactpersoon; leeg: nieuw registreren")] int? ContactpersoonId = null);

    public sealed record Output([Description("DUO-id van de contactpersoon")] int ContactpersoonId);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var call = DuoActivitySupport.Call(context, bsn);
        var gegevens = new DuoContactpersoongegevens(input.Naam, input.Email, input.Telefoonnummer);
        int id;
        if (input.ContactpersoonId is { } known)
        {
            var update = await duo.UpdateContactpersoonAsync(call, known, gegevens, cancellationToken);
            if (update.Outcome != PartnerOutcome.Ok)
            {
                return update.ToResult(_ => ActivityResult.Complete());
            }

            id = known;
        }
        else
        {
            var created = await duo.CreateContactpersoonAsync(call, gegevens, cancellationToken);
            if (created.Outcome != PartnerOutcome.Ok)
            {
                return created.ToResult(_ => ActivityResult.Complete());
            }

            if (created.Value!.Id is not { } newId)
            {
                return ActivityResult.Fail("DUO gaf geen id voor de nieuwe contactpersoon.", retryable: false);
            }

            id = newId;
        }

        var link = await duo.LinkContactpersoonAsync(call, id, cancellationToken);
        return link.ToResult(_ => Complete(new Output(id)));
    }
}
