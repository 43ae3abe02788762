using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Api.Dossier;
using Inburgering.Server.Api.Werkvoorraad;
using Inburgering.Workflows.Beheer;
using Inburgering.Workflows.Policy;

namespace Inburgering.Server.Api.Beheer;

/// <summary>The overdue and soon-due lists: counts per kind and gemeente, and one kind's rows with the traject they belong to.</summary>
internal static class Achterstand
{
    public static async Task<IReadOnlyList<BeheerEndpoints.SoortView>> SummaryAsync(EngineQueries queries, Actor actor, IReadOnlyList<AccountEndpoints.GemeenteView> gemeenten, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new List<BeheerEndpoints.SoortView>();
        foreach (var kind in Achterstanden.Alle)
        {
            var late = await queries.DueCountsAsync(kind.Bronnen, now, actor, cancellationToken);
            var horizon = Achterstanden.Horizon(kind, now);
            var all = horizon == now ? late : await queries.DueCountsAsync(kind.Bronnen, horizon, actor, cancellationToken);
            var per = gemeenten.Select(g => new BeheerEndpoints.GemeenteAantal(g.Code, g.Naam, late.GetValueOrDefault(g.Code), all.GetValueOrDefault(g.Code) - late.GetValueOrDefault(g.Code))).ToList();
            result.Add(new BeheerEndpoints.SoortView(kind.Key, kind.Naam, kind.Uitleg, per, per.Sum(p => p.TeLaat), per.Sum(p => p.Binnenkort)));
        }

        return result;
    }

    public static async Task<BeheerEndpoints.AchterstandenLijst> PageAsync(
        EngineQueries queries,
        ElementNames names,
        PolicyCatalog? policy,
        Achterstanden.Soort kind,
        string? gemeente,
        bool overdueOnly,
        Actor actor,
        DateTimeOffset now,
        Paging paging,
        CancellationToken cancellationToken)
    {
        var before = overdueOnly ? now : Achterstanden.Horizon(kind, now);
        var page = await queries.DueItemsAsync(kind.Bronnen, before, gemeente, actor, paging, cancellationToken);
        var items = new List<BeheerEndpoints.AchterstandView>();
        foreach (var item in page.Items)
        {
            var n = await names.ForAsync(item.DefinitionKey, item.DefinitionVersion);
            items.Add(new BeheerEndpoints.AchterstandView(
                item.Id,
                kind.Key,
                item.Source == "task" ? "taak" : "termijn",
                item.RootInstanceId,
                item.InstanceId,
                AccountEndpoints.Gemeente(item.TenantId, policy),
                n.Process ?? item.DefinitionKey,
                item.Name ?? n.Of(item.ElementId),
                item.Date,
                Achterstanden.Staat(item.Date, now),
                BeheerEndpoints.Text(item.Display, "inburgeraarNaam"),
                BeheerEndpoints.Text(item.Display, "persoonReferentie"),
                item.Assignee));
        }

        return new BeheerEndpoints.AchterstandenLijst(items, page.Page, page.PageSize, page.Total, now);
    }
}
