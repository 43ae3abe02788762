using System.Diagnostics.CodeAnalysis;
using Inburgering.Engine.Activities;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Personen;

namespace Inburgering.Activities.Partners;

/// <summary>
/// Parses an activity's input into the domain's types at the edge (<see cref="Bsn"/>, <see cref="Leerroute"/>,
/// <see cref="Niveau"/>, <see cref="Verwijtbaar"/>, <see cref="Gemeentecode"/>): the value, or a failure that names the input and says in Dutch what is
/// wrong. Bad input is not retried (retrying cannot mend it): it becomes an incident a person can read and fix.
/// </summary>
internal static class ActivityInput
{
    public static bool TryBsn(string? text, out Bsn bsn, [NotNullWhen(false)] out ActivityResult? failure) =>
        Check(Bsn.TryParse(text, out bsn, out var error), "bsn", error, out failure);

    public static bool TryLeerroute(string? text, out Leerroute leerroute, [NotNullWhen(false)] out ActivityResult? failure) =>
        Check(Leerroute.TryParse(text, out leerroute, out var error), "leerroute", error, out failure);

    /// <summary>An optional niveau: empty is none.</summary>
    public static bool TryNiveau(string? text, out Niveau? niveau, [NotNullWhen(false)] out ActivityResult? failure)
    {
        niveau = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            failure = null;
            return true;
        }

        var ok = Niveau.TryParse(text, out var parsed, out var error);
        niveau = ok ? parsed : null;
        return Check(ok, "niveau", error, out failure);
    }

    /// <summary>DUO's <c>verwijtbaar</c> (Ja, Nee; true/false from a checkbox); empty is none.</summary>
    public static bool TryVerwijtbaar(string? text, out Verwijtbaar? verwijtbaar, [NotNullWhen(false)] out ActivityResult? failure) =>
        Check(Verwijtbaar.TryParse(text, out verwijtbaar, out var error), "verwijtbaar", error, out failure);

    /// <summary>The gemeente the task runs for (the engine only runs instances of valid gemeentecodes).</summary>
    public static Gemeentecode Gemeente(ActivityContext context) => Gemeentecode.Parse(context.TenantId);

    private static bool Check(bool ok, string input, string? error, [NotNullWhen(false)] out ActivityResult? failure)
    {
        failure = ok ? null : ActivityResult.Fail($"Invoer '{input}': {error}", retryable: false);
        return ok;
    }
}
