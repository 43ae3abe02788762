using System.Text.Json.Nodes;
using Inburgering.Engine.Queries;
using Inburgering.Server.Api.Dossier;
using Inburgering.Server.Api.Werkvoorraad;
using Inburgering.Server.Auth;
using Inburgering.Workflows.Beheer;
using Inburgering.Workflows.Policy;

namespace Inburgering.Server.Api.Beheer;

/// <summary>
/// Operations (beheer): what is overdue or soon due per kind and gemeente, the quarter's counts (the Ferm Werk memo's table,
/// schakels, doelgroepen, leerroutes, the PIP 10-week norm, started and finished trajecten) and their export as CSV and XLSX.
/// Beheerders only; each sees the gemeenten of their sign-in, and the samenwerkingsverband total is the sum of those.
/// </summary>
public static class BeheerEndpoints
{
    public sealed record SoortView(string Key, string Naam, string Uitleg, IReadOnlyList<GemeenteAantal> PerGemeente, int TeLaat, int Binnenkort);

    public sealed record GemeenteAantal(string Code, string Naam, int TeLaat, int Binnenkort);

    public sealed record AchterstandenView(DateTimeOffset Nu, IReadOnlyList<AccountEndpoints.GemeenteView> Gemeenten, IReadOnlyList<SoortView> Soorten);

    public sealed record AchterstandView(
        Guid Id,
        string Soort,
        string Bron,
        Guid TrajectId,
        Guid InstanceId,
        AccountEndpoints.GemeenteView Gemeente,
        string Schakel,
        string Wat,
        DateTimeOffset Datum,
        string Staat,
        string? Inburgeraar,
        string? PersoonReferentie,
        string? Toegewezen);

    public sealed record AchterstandenLijst(IReadOnlyList<AchterstandView> Items, int Page, int PageSize, int Total, DateTimeOffset Nu);

    public static void MapBeheer(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/beheer").WithTags("Beheer").RequireAuthorization(Policies.Operate);
        group.MapGet("/achterstanden", SummaryAsync)
            .WithSummary("Per soort (PIP, voortgangsgesprek, termijn, ontzorging, taken) en gemeente: hoeveel te laat en hoeveel binnenkort.");
        group.MapGet("/achterstanden/{soort}", ListAsync)
            .WithSummary("De trajecten van één soort achterstand, vroegste eerst; staat=te-laat of alle (ook binnenkort); gemeente filtert.");
        group.MapGet("/cijfers", CountsAsync)
            .WithSummary("De cijfers van een kwartaal (kwartaal=2026-K3, standaard het huidige) per gemeente: memo-tabel, schakels, doelgroepen, leerroutes, PIP-norm, verloop.");
        group.MapGet("/export/cijfers", ExportCountsAsync)
            .WithSummary("De cijfers van een kwartaal als CSV of XLSX (formaat=csv|xlsx, kwartaal=2026-K3).");
        group.MapGet("/export/achterstanden", ExportOverdueAsync)
            .WithSummary("Alle achterstanden en wat binnenkort verloopt als CSV of XLSX (formaat=csv|xlsx; kwartaal geeft de bestandsnaam en de peildatum van het kwartaaleinde als dat al voorbij is).");
    }

    private static async Task<IResult> SummaryAsync(EngineQueries queries, TimeProvider time, HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        var actor = Actors.From(context.User);
        var gemeenten = Gemeenten.Visible(actor, services.GetService<PolicyCatalog>());
        var now = time.GetUtcNow();
        return TypedResults.Ok(new AchterstandenView(now, gemeenten, await Achterstand.SummaryAsync(queries, actor, gemeenten, now, cancellationToken)));
    }

    private static async Task<IResult> ListAsync(
        string soort,
        string? gemeente,
        string? staat,
        int? page,
        int? pageSize,
        EngineQueries queries,
        ElementNames names,
        TimeProvider time,
        HttpContext context,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        if (Achterstanden.Find(soort) is not { } kind)
        {
            return Problems.Invalid(ServerErrors.ParameterValueUnknown, ("parameter", "soort"), ("value", soort), ("allowed", string.Join(", ", Achterstanden.Alle.Select(a => a.Key))));
        }

        if (staat is not (null or "alle" or "te-laat"))
        {
            return Problems.Invalid(ServerErrors.ParameterValueUnknown, ("parameter", "staat"), ("value", staat), ("allowed", "te-laat, alle"));
        }

        if (Problems.CheckGemeente(gemeente) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var policy = services.GetService<PolicyCatalog>();
        var list = await Achterstand.PageAsync(queries, names, policy, kind, gemeente, staat == "te-laat", Actors.From(context.User), now, new Paging(page ?? 1, pageSize ?? 25), cancellationToken);
        return TypedResults.Ok(list);
    }

    private static async Task<IResult> CountsAsync(string? kwartaal, EngineQueries queries, TimeProvider time, HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (ParseKwartaal(kwartaal, time) is not { } quarter)
        {
            return Problems.Invalid(ServerErrors.KwartaalInvalid, ("value", kwartaal));
        }

        var actor = Actors.From(context.User);
        var policy = services.GetService<PolicyCatalog>();
        return TypedResults.Ok(await Cijfers.ForAsync(queries, actor, Gemeenten.Visible(actor, policy), quarter, time.GetUtcNow(), cancellationToken));
    }

    private static async Task<IResult> ExportCountsAsync(string? kwartaal, string? formaat, EngineQueries queries, TimeProvider time, HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (ParseKwartaal(kwartaal, time) is not { } quarter)
        {
            return Problems.Invalid(ServerErrors.KwartaalInvalid, ("value", kwartaal));
        }

        if (Export.Format(formaat) is not { } format)
        {
            return Problems.Invalid(ServerErrors.ParameterValueUnknown, ("parameter", "formaat"), ("value", formaat), ("allowed", "csv, xlsx"));
        }

        var actor = Actors.From(context.User);
        var cijfers = await Cijfers.ForAsync(queries, actor, Gemeenten.Visible(actor, services.GetService<PolicyCatalog>()), quarter, time.GetUtcNow(), cancellationToken);
        return Export.Counts(cijfers, format);
    }

    private static async Task<IResult> ExportOverdueAsync(string? kwartaal, string? formaat, string? gemeente, EngineQueries queries, ElementNames names, TimeProvider time, HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (ParseKwartaal(kwartaal, time) is not { } quarter)
        {
            return Problems.Invalid(ServerErrors.KwartaalInvalid, ("value", kwartaal));
        }

        if (Export.Format(formaat) is not { } format)
        {
            return Problems.Invalid(ServerErrors.ParameterValueUnknown, ("parameter", "formaat"), ("value", formaat), ("allowed", "csv, xlsx"));
        }

        if (Problems.CheckGemeente(gemeente) is { } invalid)
        {
            return invalid;
        }

        // The state at the end of the quarter when it is over, otherwise now.
        var now = time.GetUtcNow();
        var peildatum = quarter.Tot < now ? quarter.Tot : now;
        var actor = Actors.From(context.User);
        var policy = services.GetService<PolicyCatalog>();
        var rows = new List<AchterstandView>();
        foreach (var kind in Achterstanden.Alle)
        {
            var page = await Achterstand.PageAsync(queries, names, policy, kind, gemeente, overdueOnly: false, actor, peildatum, new Paging(1, Paging.MaxPageSize), cancellationToken);
            rows.AddRange(page.Items);
            for (var p = 2; (p - 1) * Paging.MaxPageSize < page.Total && p <= Export.MaxPages; p++)
            {
                rows.AddRange((await Achterstand.PageAsync(queries, names, policy, kind, gemeente, overdueOnly: false, actor, peildatum, new Paging(p, Paging.MaxPageSize), cancellationToken)).Items);
            }
        }

        return Export.Overdue(rows, quarter, peildatum, format);
    }

    private static Kwartaal? ParseKwartaal(string? text, TimeProvider time) =>
        string.IsNullOrWhiteSpace(text) ? Kwartaal.VanMoment(time.GetUtcNow()) : Kwartaal.TryParse(text, out var k) ? k : null;

    internal static string? Text(JsonObject? v, string name) => v?[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
