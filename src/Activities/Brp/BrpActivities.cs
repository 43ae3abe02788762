using System.ComponentModel;
using System.Globalization;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Brp;

/// <summary>BPMN error codes of the BRP activities.</summary>
public static class BrpErrors
{
    public const string Onbekend = "BRP_ONBEKEND: de BRP kent deze persoon niet";
    public const string Afgewezen = "BRP_AFGEWEZEN: de BRP wees de vraag af (zie partnerMeldingen)";
}

/// <summary>
/// Asks the BRP where the person is registered (gemeente van inschrijving and since when), so the gemeente learns of a move
/// from its own source and not only from DUO's attentiesignaal SS122 (duo-m2m Attentiesignalen.md: "voorlopig nog niet relevant").
/// </summary>
[Activity(
    "brp.verblijfplaats-raadplegen",
    "Verblijfplaats raadplegen (BRP)",
    Category = "BRP",
    Description = "Vraagt in de BRP (Haal Centraal BRP Personen bevragen) in welke gemeente de inburgeraar staat ingeschreven en sinds wanneer; verhuisd is waar als dat een andere gemeente is dan die van het traject.",
    ErrorCodes = [BrpErrors.Afgewezen],
    MaxAttempts = 50)]
public sealed class VerblijfplaatsRaadplegenActivity(BrpClient brp)
    : Activity<VerblijfplaatsRaadplegenActivity.Input, VerblijfplaatsRaadplegenActivity.Output>
{
    public sealed record Input([Description("BSN van de inburgeraar")] string Bsn);

    public sealed record Output(
        [Description("Waar als de BRP de persoon kent")] bool BrpGevonden,
        [Description("CBS-code van de gemeente van inschrijving volgens de BRP; leeg als de BRP de persoon niet kent")] string? BrpGemeentecode,
        [Description("Naam van de gemeente van inschrijving")] string? BrpGemeente,
        [Description("Datum van inschrijving in die gemeente (ISO)")] string? BrpDatumInschrijving,
        [Description("Waar als de persoon volgens de BRP in een andere gemeente staat ingeschreven dan die van het traject")] bool BrpVerhuisd);

    protected override async ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!ActivityInput.TryBsn(input.Bsn, out var bsn, out var invalid))
        {
            return invalid;
        }

        var gemeente = ActivityInput.Gemeente(context).Value;
        var result = await brp.RaadpleegAsync(bsn.Value, BrpClient.VerhuisVelden, null, cancellationToken);
        return result.ToActivityResult("BRP_ONBEKEND", "BRP_AFGEWEZEN", antwoord => Complete(Interpret(antwoord, bsn.Value, gemeente)));
    }

    /// <summary>
    /// The person of <paramref name="bsn"/> in the answer. Unknown to the BRP (no person) is not a move: the keten cannot tell,
    /// and DUO's SS122 or the new gemeente's SS120/SS121 remain the signal.
    /// </summary>
    public static Output Interpret(BrpPersonenAntwoord antwoord, string bsn, string gemeente)
    {
        var persoon = antwoord.Personen?.FirstOrDefault(p => p.Burgerservicenummer is null || p.Burgerservicenummer == bsn);
        var code = persoon?.GemeenteVanInschrijving?.Code is { Length: > 0 } c ? c.Trim().PadLeft(4, '0') : null;
        var datum = persoon?.DatumInschrijvingInGemeente?.Datum is { Length: >= 10 } d
            && DateOnly.TryParseExact(d[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        return new Output(persoon is not null, code, persoon?.GemeenteVanInschrijving?.Omschrijving, datum, code is not null && code != gemeente);
    }
}
