using Inburgering.Engine;
using Inburgering.Server.Api.Werkvoorraad;
using Inburgering.Workflows.Policy;

namespace Inburgering.Server.Api.Beheer;

/// <summary>The gemeenten a beheerder sees: those of the sign-in (all of the policy when the sign-in is not limited), in the policy's order.</summary>
internal static class Gemeenten
{
    public static IReadOnlyList<AccountEndpoints.GemeenteView> Visible(Actor actor, PolicyCatalog? policy)
    {
        var known = policy?.Gemeenten.Select(g => g.Code).ToList() ?? [];
        var codes = actor.Tenants is null
            ? known
            : known.Where(actor.Tenants.Contains).Concat(actor.Tenants.Where(t => !known.Contains(t)).Order(StringComparer.Ordinal)).ToList();
        return codes.Select(c => AccountEndpoints.Gemeente(c, policy)).ToList();
    }
}
