using Inburgering.Activities.Partners;
using Inburgering.Engine.Activities;
using Inburgering.Workflows.Personen;

namespace Inburgering.Activities.Duo;

/// <summary>The BPMN error codes DUO activities raise (for error boundary events), as "CODE: omschrijving".</summary>
public static class DuoErrors
{
    public const string Afgewezen = "DUO_AFGEWEZEN";
    public const string NietGevonden = "DUO_NIET_GEVONDEN";

    public const string AfgewezenDescription = Afgewezen + ": DUO wees het verzoek inhoudelijk af; DUO's foutteksten staan in duoFoutteksten";
    public const string NietGevondenDescription = NietGevonden + ": DUO kent de persoon niet of de persoon valt niet onder deze gemeente";
}

/// <summary>The glue every DUO activity shares: the call and the mapping of outcomes.</summary>
internal static class DuoActivitySupport
{
    /// <summary>Queries: a few days of retries, then an incident.</summary>
    public const int QueryAttempts = 20;

    /// <summary>Reports must survive a DUO outage of a month and more: with back-off capped at 6 h, 200 attempts is about seven weeks.</summary>
    public const int ReportAttempts = 200;

    public static DuoCall Call(ActivityContext context, Bsn bsn) => new(bsn, ActivityInput.Gemeente(context), context.IdempotencyKey);

    public static ActivityResult ToResult<T>(this PartnerResult<T> result, Func<T, ActivityResult> onOk) =>
        result.ToActivityResult(DuoErrors.NietGevonden, DuoErrors.Afgewezen, onOk, "duoFoutteksten");
}
