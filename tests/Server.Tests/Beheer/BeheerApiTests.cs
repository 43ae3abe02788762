using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Inburgering.Engine.Persistence;
using Inburgering.Server.Tests.Keten;
using Inburgering.Workflows.Beheer;

namespace Inburgering.Server.Tests.Beheer;

/// <summary>
/// The operations API on real trajecten (SQLite and PostgreSQL): a PIP past its 10-week norm in Woerden, a PIP set in time in
/// Montfoort; the overdue lists, the quarter's counts and the export agree with what happened, per gemeente and in total, and a
/// beheerder of one gemeente sees only that gemeente.
/// </summary>
public sealed class BeheerApiTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OverdueCountsAndExport_FollowTheTrajecten_PerGemeente(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var laat = new Inburgeraar(host, "111222382", "0632");
        var opTijd = new Inburgeraar(host, "111222394", "0335");
        var kennisgeving = await laat.TodayAsync();
        await laat.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", kennisgeving.AddDays(-5), "SS139", "Gezinsvormer");
        await opTijd.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", kennisgeving.AddDays(-5), "SS139", "Gezinsvormer");

        // Montfoort: intake, toets and PIP within two weeks.
        await opTijd.CompleteAsync("User_Intake", new { verschenen = true });
        await opTijd.AdvanceAsync("P2W");
        await opTijd.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        var dagtekening = await opTijd.TodayAsync();
        await opTijd.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B" });
        await opTijd.CompleteAsync("User_PvtStarten");
        await opTijd.CompleteAsync("User_MapAanbieden");
        Assert.Equal("active", (await opTijd.InstanceAsync(Achterstanden.Schakel4)).Status);

        // Woerden: nothing happens; nine weeks later the 10-week norm has passed.
        await laat.AdvanceAsync("P9W");
        Assert.True(await laat.HasTaskAsync("User_Verstreken"));

        using var beheerder = host.Client("henk", "beheerder");
        var summary = await beheerder.GetJsonAsync("api/v1/beheer/achterstanden");
        Assert.Equal(["0632", "1901", "0335", "0589"], summary["gemeenten"]!.AsArray().Select(g => (string)g!["code"]!).ToArray());
        var pip = summary["soorten"]!.AsArray().Single(s => (string)s!["key"]! == "pip")!;
        Assert.Equal(1, (int)pip["teLaat"]!);
        Assert.Equal(1, (int)pip["perGemeente"]!.AsArray().Single(g => (string)g!["code"]! == "0632")!["teLaat"]!);
        Assert.Equal(0, (int)pip["perGemeente"]!.AsArray().Single(g => (string)g!["code"]! == "0335")!["teLaat"]!);

        var list = await beheerder.GetJsonAsync("api/v1/beheer/achterstanden/pip?staat=te-laat");
        var item = list["items"]!.AsArray().Single()!;
        Assert.Equal((await laat.InstanceAsync()).Id, Guid.Parse((string)item["trajectId"]!));
        Assert.Equal("Woerden", (string)item["gemeente"]!["naam"]!);
        Assert.Equal("te-laat", (string)item["staat"]!);
        Assert.Equal(laat.Key, (string)item["persoonReferentie"]!);

        // The overdue tasks include Woerden's escalation (due on the PIP deadline), not Montfoort's voortgangsgesprek (months away).
        var taken = await beheerder.GetJsonAsync("api/v1/beheer/achterstanden/taken?staat=te-laat&gemeente=0335");
        Assert.Equal(0, (int)taken["total"]!);
        taken = await beheerder.GetJsonAsync("api/v1/beheer/achterstanden/taken?staat=te-laat&gemeente=0632");
        Assert.Contains(taken["items"]!.AsArray(), t => (string)t!["wat"]! == "Escalatie: de PIP-termijn verloopt binnenkort");

        // The counts of the quarter the PIP was set in.
        var kwartaal = Kwartaal.VanMoment(new DateTimeOffset(dagtekening.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)).ToString();
        var cijfers = await beheerder.GetJsonAsync($"api/v1/beheer/cijfers?kwartaal={kwartaal}");
        Assert.Equal(kwartaal, (string)cijfers["kwartaal"]!);
        var pips = Row(cijfers["memo"]!, "pips");
        Assert.Equal(1, (int)pips["aantallen"]!["0335"]!);
        Assert.Equal(0, (int)pips["aantallen"]!["0632"]!);
        Assert.Equal(1, (int)pips["totaal"]!);
        Assert.Equal(1, (int)cijfers["pipNorm"]!["totaalBinnen"]!);
        Assert.Equal(0, (int)cijfers["pipNorm"]!["totaalBuiten"]!);
        Assert.Equal(1, (int)Row(cijfers["doelgroepen"]!, "Gezinsmigrant")["aantallen"]!["0632"]!);
        Assert.Equal(2, (int)Row(cijfers["doelgroepen"]!, "Gezinsmigrant")["totaal"]!);
        Assert.Equal(1, (int)Row(cijfers["leerroutes"]!, "B1Route")["aantallen"]!["0335"]!);
        Assert.Equal(1, (int)Row(cijfers["schakels"]!, Achterstanden.Schakel3)["aantallen"]!["0632"]!);
        Assert.Equal(1, (int)Row(cijfers["schakels"]!, Achterstanden.Schakel4)["aantallen"]!["0335"]!);

        // The XLSX holds the same numbers as the API.
        using var xlsx = await beheerder.GetAsync($"api/v1/beheer/export/cijfers?kwartaal={kwartaal}&formaat=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal($"cijfers-{kwartaal}.xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName);
        using (var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync()))
        {
            var memo = workbook.Worksheet("Memo");
            var header = memo.Row(3).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Equal(["Woerden", "Bodegraven-Reeuwijk", "Montfoort", "Oudewater", "Samenwerkingsverband"], header);
            foreach (var row in cijfers["memo"]!["rijen"]!.AsArray())
            {
                var sheetRow = memo.RowsUsed().Single(r => r.Cell(1).GetString() == (string)row!["naam"]!);
                Assert.Equal((int)row!["aantallen"]!["0632"]!, sheetRow.Cell(2).GetValue<int>());
                Assert.Equal((int)row["aantallen"]!["0335"]!, sheetRow.Cell(4).GetValue<int>());
                Assert.Equal((int)row["totaal"]!, sheetRow.Cell(6).GetValue<int>());
            }
        }

        // CSV of the overdue list as it stands now (the current quarter: a past quarter's export shows its end, when this PIP
        // was not yet late): one line per item, Woerden's PIP among them.
        var csv = await beheerder.GetStringAsync("api/v1/beheer/export/achterstanden?formaat=csv");
        Assert.StartsWith("Soort;Staat;Datum;Gemeente", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(csv.Split('\n'), l => l.StartsWith("PIP niet binnen 10 weken;te laat;", StringComparison.Ordinal) && l.Contains(laat.Key, StringComparison.Ordinal));

        // A beheerder of Montfoort alone sees Montfoort only, and the total is theirs.
        using var montfoort = host.Client("mona", "beheerder");
        montfoort.DefaultRequestHeaders.Remove("X-Gemeenten");
        montfoort.DefaultRequestHeaders.Add("X-Gemeenten", "0335");
        var own = await montfoort.GetJsonAsync("api/v1/beheer/achterstanden");
        Assert.Equal(["0335"], own["gemeenten"]!.AsArray().Select(g => (string)g!["code"]!).ToArray());
        Assert.Equal(0, (int)own["soorten"]!.AsArray().Single(s => (string)s!["key"]! == "pip")!["teLaat"]!);
        Assert.Equal(0, (int)(await montfoort.GetJsonAsync("api/v1/beheer/achterstanden/pip"))["total"]!);
        var ownCounts = await montfoort.GetJsonAsync($"api/v1/beheer/cijfers?kwartaal={kwartaal}");
        Assert.Equal(1, (int)Row(ownCounts["doelgroepen"]!, "Gezinsmigrant")["totaal"]!);
    }

    [Fact]
    public async Task Refusals_AreDutchProblems_AndOnlyBeheerdersMayLook()
    {
        await using var host = await KetenHost.StartAsync(DatabaseProvider.Sqlite);
        using var consulent = host.Client("carla", "consulent");
        Assert.Equal(HttpStatusCode.Forbidden, (await consulent.GetAsync("api/v1/beheer/achterstanden")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await consulent.GetAsync("api/v1/beheer/cijfers")).StatusCode);

        using var beheerder = host.Client("henk", "beheerder");
        var kwartaal = await beheerder.GetAsync("api/v1/beheer/cijfers?kwartaal=2026-K5");
        Assert.Equal(HttpStatusCode.BadRequest, kwartaal.StatusCode);
        Assert.Contains("2026-K3", (string)JsonNode.Parse(await kwartaal.Content.ReadAsStringAsync())!["detail"]!, StringComparison.Ordinal);
        var soort = await beheerder.GetAsync("api/v1/beheer/achterstanden/onbekend");
        Assert.Equal(HttpStatusCode.BadRequest, soort.StatusCode);
        Assert.Contains("pip, voortgangsgesprek", (string)JsonNode.Parse(await soort.Content.ReadAsStringAsync())!["detail"]!, StringComparison.Ordinal);
        var formaat = await beheerder.GetAsync("api/v1/beheer/export/cijfers?formaat=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, formaat.StatusCode);
        var gemeente = await beheerder.GetAsync("api/v1/beheer/achterstanden/pip?gemeente=Woerden");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, gemeente.StatusCode);

        // An empty database: every count is zero, nothing is overdue, the current quarter is the default.
        var cijfers = await beheerder.GetJsonAsync("api/v1/beheer/cijfers");
        Assert.Equal(Kwartaal.VanMoment(DateTimeOffset.Parse((string)(await beheerder.GetJsonAsync("api/v1/clock"))["now"]!, CultureInfo.InvariantCulture)).ToString(), (string)cijfers["kwartaal"]!);
        Assert.All(cijfers["memo"]!["rijen"]!.AsArray(), r => Assert.Equal(0, (int)r!["totaal"]!));
        Assert.Null(cijfers["pipNorm"]!["aandeel"]);
    }

    private static JsonNode Row(JsonNode table, string key) => table["rijen"]!.AsArray().Single(r => (string)r!["key"]! == key)!;
}
