using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Api.Werkvoorraad;
using Inburgering.Workflows.Beheer;
using Inburgering.Workflows.Doelgroepen;
using Inburgering.Workflows.Leerroutes;

namespace Inburgering.Server.Api.Beheer;

/// <summary>The quarter's counts per gemeente, as the page, the CSV and the XLSX show them (one source for all three).</summary>
internal static class Cijfers
{
    /// <summary>One row of a table: a key, its Dutch name, the count per gemeente code and the total.</summary>
    public sealed record Rij(string Key, string Naam, IReadOnlyDictionary<string, int> Aantallen, int Totaal);

    /// <summary>A table with a title and an explanation of what it counts.</summary>
    public sealed record Tabel(string Key, string Titel, string Uitleg, IReadOnlyList<Rij> Rijen);

    public sealed record PipNormView(IReadOnlyDictionary<string, int> Binnen, IReadOnlyDictionary<string, int> Buiten, int TotaalBinnen, int TotaalBuiten, double? Aandeel);

    public sealed record KwartaalView(string Kwartaal, string Naam, IReadOnlyDictionary<string, int> Gestart, IReadOnlyDictionary<string, int> Afgerond, int TotaalGestart, int TotaalAfgerond);

    public sealed record CijfersView(
        string Kwartaal,
        string Naam,
        DateTimeOffset Van,
        DateTimeOffset Tot,
        DateTimeOffset Nu,
        IReadOnlyList<AccountEndpoints.GemeenteView> Gemeenten,
        Tabel Memo,
        Tabel Schakels,
        Tabel Doelgroepen,
        Tabel Leerroutes,
        PipNormView PipNorm,
        IReadOnlyList<KwartaalView> Verloop);

    /// <summary>How many quarters the trend shows, ending with the chosen one.</summary>
    public const int VerloopKwartalen = 8;

    public static async Task<CijfersView> ForAsync(EngineQueries queries, Actor actor, IReadOnlyList<AccountEndpoints.GemeenteView> gemeenten, Kwartaal kwartaal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var codes = gemeenten.Select(g => g.Code).ToList();
        var (from, to) = (kwartaal.Van, kwartaal.Tot);

        // Every read at once (each on its own connection): the page waits for the slowest, not for their sum.
        var memo = Kwartaalcijfers.Memo;
        var quarters = new List<Kwartaal> { kwartaal };
        while (quarters.Count < VerloopKwartalen)
        {
            quarters.Insert(0, quarters[0].Vorige);
        }

        var completedRead = queries.TaskCountsPerTenantAsync(Elements(memo, Kwartaalcijfers.Bron.TaakAfgerond).Append(Element(Kwartaalcijfers.PipTaak)).Distinct().ToList(), completed: true, from, to, actor, cancellationToken);
        var createdRead = queries.TaskCountsPerTenantAsync(Elements(memo, Kwartaalcijfers.Bron.TaakGestart).ToList(), completed: false, from, to, actor, cancellationToken);
        var jobsRead = queries.CompletedJobCountsAsync(memo.Where(r => r.Bron == Kwartaalcijfers.Bron.PartnerAanroep).Select(r => r.Sleutel).ToList(), from, to, actor, cancellationToken);
        var startedDoelgroepRead = queries.VariableCountsAsync(Kwartaalcijfers.Traject, ["doelgroep", "gedetailleerdeDoelgroep"], (from, to), actor, cancellationToken);
        var schakelsRead = queries.ActiveInstanceCountsAsync(Kwartaalcijfers.Schakels.Select(s => s.Key).ToList(), actor, cancellationToken);
        var runningRead = queries.VariableCountsAsync(Kwartaalcijfers.Traject, Kwartaalcijfers.TrajectKenmerken, null, actor, cancellationToken);
        var verloopRead = queries.StartedAndEndedPerPeriodAsync(Kwartaalcijfers.Traject, quarters.Select(q => q.Van).Append(quarters[^1].Tot).ToList(), actor, cancellationToken);
        await Task.WhenAll(completedRead, createdRead, jobsRead, startedDoelgroepRead, schakelsRead, runningRead, verloopRead);
        var (completed, created, jobs, startedDoelgroep) = (completedRead.Result, createdRead.Result, jobsRead.Result, startedDoelgroepRead.Result);

        // The memo's table (seed 001), each row from where the keten records it.
        var memoRows = memo.Select(r => Row(r.Key, r.Naam, codes, r.Bron switch
        {
            Kwartaalcijfers.Bron.TaakAfgerond => completed.Where(c => c.Key == r.Sleutel).Select(c => (c.TenantId, c.Count)),
            Kwartaalcijfers.Bron.TaakGestart => created.Where(c => c.Key == r.Sleutel).Select(c => (c.TenantId, c.Count)),
            Kwartaalcijfers.Bron.PartnerAanroep => jobs.Where(c => c.Key == r.Sleutel).Select(c => (c.TenantId, c.Count)),
            _ => startedDoelgroep.Where(c => string.Equals(DoelgroepOf(c.Values[0], c.Values[1])?.ToString(), r.Waarde, StringComparison.OrdinalIgnoreCase)).Select(c => (c.TenantId, c.Count)),
        })).ToList();

        // Running trajecten per schakel, doelgroep and leerroute (now).
        var schakels = schakelsRead.Result;
        var schakelRows = Kwartaalcijfers.Schakels.Select(s => Row(s.Key, s.Naam, codes, schakels.Where(c => c.Key == s.Key).Select(c => (c.TenantId, c.Count)))).ToList();

        var running = runningRead.Result;
        var doelgroepRows = Enum.GetValues<Doelgroep>().Select(d => Row(d.ToString(), d.DutchName(), codes, running.Where(c => DoelgroepOf(c.Values[0], c.Values[1]) == d).Select(c => (c.TenantId, c.Count))))
            .Append(Row("onbekend", "Nog niet bekend", codes, running.Where(c => DoelgroepOf(c.Values[0], c.Values[1]) is null).Select(c => (c.TenantId, c.Count))))
            .ToList();
        var leerrouteRows = Enum.GetValues<Leerroute>().Select(l => Row(l.ToString(), l.DutchName(), codes, running.Where(c => LeerrouteOf(c.Values[2]) == l).Select(c => (c.TenantId, c.Count))))
            .Append(Row("geen", "Nog geen PIP", codes, running.Where(c => LeerrouteOf(c.Values[2]) is null).Select(c => (c.TenantId, c.Count))))
            .ToList();

        // The 10-week norm: PIPs set in the quarter by their deadline (the PIP task's due date) or after it.
        var pips = completed.Where(c => c.Key == Kwartaalcijfers.PipTaak).ToList();
        var binnen = PerGemeente(codes, pips.Select(c => (c.TenantId, c.OnTime)));
        var buiten = PerGemeente(codes, pips.Select(c => (c.TenantId, c.Count - c.OnTime)));
        var totaalBinnen = binnen.Values.Sum();
        var totaalBuiten = buiten.Values.Sum();
        var pipNorm = new PipNormView(binnen, buiten, totaalBinnen, totaalBuiten, totaalBinnen + totaalBuiten == 0 ? null : Math.Round((double)totaalBinnen / (totaalBinnen + totaalBuiten), 3));

        // Started and finished trajecten over the last quarters.
        var verloop = quarters.Select((q, i) =>
        {
            var gestart = PerGemeente(codes, verloopRead.Result.Where(c => c.Period == i && c.Key == "started").Select(c => (c.TenantId, c.Count)));
            var afgerond = PerGemeente(codes, verloopRead.Result.Where(c => c.Period == i && c.Key == "ended").Select(c => (c.TenantId, c.Count)));
            return new KwartaalView(q.ToString(), q.Naam, gestart, afgerond, gestart.Values.Sum(), afgerond.Values.Sum());
        }).ToList();

        return new CijfersView(
            kwartaal.ToString(),
            kwartaal.Naam,
            from,
            to,
            now,
            gemeenten,
            new Tabel("memo", "Aantallen volgens de memo van Ferm Werk", $"Wat in het {kwartaal.Naam} gebeurde, per gemeente, in de regels van de memo over de Wet inburgering 2021.", memoRows),
            new Tabel("schakels", "Lopende trajecten per schakel", "Hoeveel trajecten nu in elke schakel van de keten staan (een traject kan in twee schakels tegelijk staan).", schakelRows),
            new Tabel("doelgroepen", "Lopende trajecten per doelgroep", "Alle lopende trajecten naar de doelgroep die DUO opgaf.", doelgroepRows),
            new Tabel("leerroutes", "Lopende trajecten per leerroute", "Alle lopende trajecten naar de leerroute van het (laatste) PIP.", leerrouteRows),
            pipNorm,
            verloop);
    }

    private static IEnumerable<string> Elements(IEnumerable<Kwartaalcijfers.Regel> rows, Kwartaalcijfers.Bron bron) =>
        rows.Where(r => r.Bron == bron).Select(r => Element(r.Sleutel));

    /// <summary>"definitionKey/elementId" → elementId (the engine counts per element and reports the key with it).</summary>
    private static string Element(string key) => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static Rij Row(string key, string naam, IReadOnlyList<string> codes, IEnumerable<(string Tenant, int Count)> counts)
    {
        var per = PerGemeente(codes, counts);
        return new Rij(key, naam, per, per.Values.Sum());
    }

    private static Dictionary<string, int> PerGemeente(IReadOnlyList<string> codes, IEnumerable<(string Tenant, int Count)> counts)
    {
        var per = codes.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var (tenant, count) in counts)
        {
            if (per.ContainsKey(tenant))
            {
                per[tenant] += count;
            }
        }

        return per;
    }

    private static Doelgroep? DoelgroepOf(string indeling, string gedetailleerd)
    {
        if (indeling.Length == 0)
        {
            return null;
        }

        try
        {
            return Doelgroep.FromDuo(indeling, gedetailleerd.Length == 0 ? null : gedetailleerd);
        }
        catch (FormatException)
        {
            return Doelgroep.TryParse(indeling, out var parsed, out _) ? parsed : null;
        }
    }

    private static Leerroute? LeerrouteOf(string code) =>
        code.Length == 0 ? null : Leerroute.TryParse(code, out var route, out _) ? route : null;
}
