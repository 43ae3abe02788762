using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Duo;

/// <summary>The BPMN error codes DUO activities raise (for error boundary events), as "CODE: omschrijving".</summary>
public static class DuoErrors
{
    public const string Afgewezen = "DUO_AFGEWEZEN";
    public const string NietGevonden = "DUO_NIET_GEVONDEN";

    public const string AfgewezenDescription = Afgewezen + ": DUO wees het verzoek inhoudelijk af; DUO's foutteksten staan in duoFoutteksten";
    public const string NietGevondenDescription = NietGevonden + ": DUO kent de persoon niet of de persoon valt niet onder deze gemeente";
}

/// <summary>The glue every DUO activity shares: the call, the BSN check, the mapping of outcomes.</summary>
internal static class DuoActivitySupport
{
    /// <summary>Queries: a few days of retries, then an incident.</summary>
    public const int QueryAttempts = 20;

    /// <summary>Reports must survive a DUO outage of a month and more: with back-off capped at 6 h, 200 attempts is about seven weeks.</summary>
    public const int ReportAttempts = 200;

    public static DuoCall Call(ActivityContext context, string bsn) => new(bsn.Trim(), context.TenantId, context.IdempotencyKey);

    /// <summary>A failure for an input BSN that fails the elfproef (the value itself is not repeated).</summary>
    public static ActivityResult? RejectInvalidBsn(string bsn) =>
        Bsn.IsValid(bsn.Trim()) ? null : ActivityResult.Fail("Invoer 'bsn' is geen geldig burgerservicenummer (elfproef).", retryable: false);

    public static ActivityResult ToResult<T>(this PartnerResult<T> result, Func<T, ActivityResult> onOk) =>
        result.ToActivityResult(DuoErrors.NietGevonden, DuoErrors.Afgewezen, onOk, "duoFoutteksten");

    /// <summary>DUO's leerroute code (B, O, Z) for the forms people use: "B", "B1", "B1-route", "O", "Onderwijsroute", "Z", "Z-route".</summary>
    public static string? LeerrouteCode(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "B" or "B1" or "B1-ROUTE" or "B1ROUTE" => "B",
        "O" or "ONDERWIJSROUTE" or "ONDERWIJS" => "O",
        "Z" or "Z-ROUTE" or "ZROUTE" or "ZELFREDZAAMHEIDSROUTE" => "Z",
        _ => null,
    };
}

/// <summary>
/// DUO's PIP rules that need no DUO data (README, "Niveau" and "Geschatte intensiteit B1 route"), checked before
/// sending so an obvious rejection never leaves the house. The rules that need DUO's state (dagtekening, first PIP)
/// stay DUO's.
/// </summary>
public static class DuoPipRegels
{
    public static List<string> Controleer(DuoPip pip)
    {
        var fouten = new List<string>();
        if (pip.Niveau == "A2" && pip.Leerroute == "O")
        {
            fouten.Add("Niveau A2 mag niet in combinatie met de onderwijsroute worden aangeleverd.");
        }

        if (pip.Niveau == "B1" && pip.Leerroute == "Z")
        {
            fouten.Add("Niveau B1 mag niet in combinatie met de Z-route worden aangeleverd.");
        }

        if (pip.GeschatteIntensiteitB1Route is not null && pip.Leerroute != "B")
        {
            fouten.Add("Geschatte intensiteit B1 route mag alleen aangeleverd worden bij de B1-route.");
        }

        return fouten;
    }
}
