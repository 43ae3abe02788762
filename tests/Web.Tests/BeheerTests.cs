using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Inburgering.Web.Tests.Pages;
using Inburgering.Web.Tests.Support;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests;

/// <summary>
/// A beheerder's morning on the demo data (Henk, beheerder of the four Ferm Werk gemeenten): what is overdue, the quarter's
/// counts with the charts beside them and the export (the XLSX opened with ClosedXML agrees with the API), an incident of a
/// DUO outage retried from the page once DUO is back, and a call waiting out its back-off tried now from the page.
/// </summary>
public abstract class BeheerTests(WebServer server)
{
    private static readonly string[] FermWerk = ["0632", "1901", "0335", "0589"];

    [Fact]
    public async Task OverdueList_ShowsTheApisCounts_PerGemeente_AndLinksToTheDossier()
    {
        using var api = server.Api("henk", "beheerder");
        var summary = await api.GetFromJsonAsync<JsonObject>("api/v1/beheer/achterstanden");
        var page = await server.NewPageAsync();
        await SignInPage.SignInAsync(page, "henk");
        var achterstanden = new AchterstandenPage(page);
        await achterstanden.OpenAsync();

        var total = 0;
        foreach (var soort in summary!["soorten"]!.AsArray())
        {
            var key = (string)soort!["key"]!;
            Assert.Equal((int)soort["teLaat"]!, await achterstanden.TeLaatAsync(key, "samen"));
            Assert.Equal((int)soort["teLaat"]! == 0, await achterstanden.TeLaatNeutralAsync(key, "samen"));
            foreach (var g in soort["perGemeente"]!.AsArray())
            {
                // A zero is neutral, anything overdue an alarm.
                Assert.Equal((int)g!["teLaat"]!, await achterstanden.TeLaatAsync(key, (string)g["code"]!));
                Assert.Equal((int)g["teLaat"]! == 0, await achterstanden.TeLaatNeutralAsync(key, (string)g["code"]!));
            }

            total += (int)soort["teLaat"]! + (int)soort["binnenkort"]!;
        }

        // The demo runs thirty months: something is overdue or due soon, in more than one gemeente.
        Assert.True(total > 0, "The demo shows overdue or soon-due work.");
        var busiest = summary["soorten"]!.AsArray().OrderByDescending(s => (int)s!["teLaat"]! + (int)s["binnenkort"]!).First()!;
        Assert.Contains(busiest["perGemeente"]!.AsArray(), g => (int)g!["teLaat"]! + (int)g["binnenkort"]! > 0);
        await achterstanden.ChooseSoortAsync((string)busiest["key"]!);
        var list = await api.GetFromJsonAsync<JsonObject>($"api/v1/beheer/achterstanden/{busiest["key"]}?pageSize=25");
        // Wait until the list shows the chosen kind (its first row is the API's first), not the one shown before the choice.
        await Assertions.Expect(achterstanden.Rows.First.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"/trajecten/{list!["items"]![0]!["trajectId"]}$"));
        await Assertions.Expect(achterstanden.Rows).ToHaveCountAsync(list["items"]!.AsArray().Count);
        await Screenshots.TakeAsync(page, "beheer-achterstanden", server.Database);
        var violations = Axe.Serious(await Axe.RunAsync(page, "beheer-achterstanden", server.Database));
        Assert.True(violations.Count == 0, string.Join("; ", violations.Select(v => $"{v.Id}: {v.Help} ({v.Targets})")));

        // Each row opens the traject's dossier.
        var first = list["items"]![0]!;
        await achterstanden.Rows.First.GetByRole(AriaRole.Link).ClickAsync();
        var dossier = new DossierPage(page);
        await dossier.WaitLoadedAsync();
        Assert.EndsWith($"/trajecten/{first["trajectId"]}", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Counts_MatchTheApi_WithCharts_AndTheXlsxExportHoldsTheSameNumbers()
    {
        using var api = server.Api("henk", "beheerder");
        var cijfers = await api.GetFromJsonAsync<JsonObject>("api/v1/beheer/cijfers");
        var page = await server.NewPageAsync();
        await SignInPage.SignInAsync(page, "henk");
        var pagina = new CijfersPage(page);
        await pagina.OpenAsync();

        foreach (var tabel in new[] { "memo", "schakels", "doelgroepen", "leerroutes" })
        {
            foreach (var rij in cijfers![tabel]!["rijen"]!.AsArray())
            {
                foreach (var code in FermWerk)
                {
                    Assert.Equal((int)rij!["aantallen"]![code]!, await pagina.CellAsync(tabel, (string)rij["key"]!, code));
                }

                Assert.Equal((int)rij!["totaal"]!, await pagina.CellAsync(tabel, (string)rij["key"]!, "samen"));
            }
        }

        // The demo's trajecten run in all four gemeenten: each has running trajecten.
        foreach (var code in FermWerk)
        {
            Assert.True(cijfers!["doelgroepen"]!["rijen"]!.AsArray().Sum(r => (int)r!["aantallen"]![code]!) > 0, $"gemeente {code} has running trajecten");
        }

        Assert.True(await pagina.ChartShapesAsync("schakels") > 0);
        Assert.True(await pagina.ChartShapesAsync("verloop") > 0);
        await Screenshots.TakeAsync(page, "beheer-cijfers", server.Database);
        var violations = Axe.Serious(await Axe.RunAsync(page, "beheer-cijfers", server.Database));
        Assert.True(violations.Count == 0, string.Join("; ", violations.Select(v => $"{v.Id}: {v.Help} ({v.Targets})")));

        var (path, name) = await pagina.ExportAsync("xlsx");
        Assert.Equal($"cijfers-{cijfers!["kwartaal"]}.xlsx", name);
        using var workbook = new XLWorkbook(path);
        var sheets = new Dictionary<string, string> { ["memo"] = "Memo", ["schakels"] = "Schakels", ["doelgroepen"] = "Doelgroepen", ["leerroutes"] = "Leerroutes" };
        foreach (var (tabel, sheetName) in sheets)
        {
            var sheet = workbook.Worksheet(sheetName);
            Assert.Equal(["Woerden", "Bodegraven-Reeuwijk", "Montfoort", "Oudewater", "Samenwerkingsverband"], sheet.Row(3).CellsUsed().Select(c => c.GetString()).ToArray());
            foreach (var rij in cijfers[tabel]!["rijen"]!.AsArray())
            {
                var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == (string)rij!["naam"]!);
                for (var i = 0; i < FermWerk.Length; i++)
                {
                    Assert.Equal((int)rij!["aantallen"]![FermWerk[i]]!, row.Cell(i + 2).GetValue<int>());
                }

                Assert.Equal((int)rij!["totaal"]!, row.Cell(6).GetValue<int>());
            }
        }

        var pipNorm = workbook.Worksheet("PIP-norm");
        Assert.Equal((int)cijfers["pipNorm"]!["totaalBinnen"]!, pipNorm.RowsUsed().Single(r => r.Cell(1).GetString() == "Binnen 10 weken").Cell(6).GetValue<int>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnIncidentOfADuoOutage_IsShownWithItsRequestAndAnswer_AndRetriedFromThePage()
    {
        using var api = server.Api("henk", "beheerder,consulent");
        var bsn = await server.SeedPersonAsync("1901");
        (await api.PostAsJsonAsync("sim/duo/v1/_sim/failure", new { down = true })).EnsureSuccessStatusCode();
        Guid incidentId;
        try
        {
            using var started = await api.PostAsJsonAsync("api/v1/trajecten", new { bsn, naam = "Storing Persoon", gemeente = "1901", gebeurtenis = "SS101" });
            started.EnsureSuccessStatusCode();
            var traject = Guid.Parse((string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);

            // DUO stays down while the call's attempts run out (virtual time: each advance runs the attempts then due).
            var incident = await WaitForAsync(api, async () =>
            {
                using (await api.PostAsJsonAsync("api/v1/clock/advance", new { duration = "PT6H" }))
                {
                }

                var list = await api.GetFromJsonAsync<JsonObject>("api/v1/incidents?gemeente=1901&activityType=duo.inburgeringsplicht-raadplegen&pageSize=500");
                foreach (var item in list!["items"]!.AsArray())
                {
                    if (await IsOfTrajectAsync(api, item!.AsObject(), traject))
                    {
                        return item.AsObject();
                    }
                }

                return null;
            });
            incidentId = Guid.Parse((string)incident["id"]!);

            // The failed call's request and answer: for a beheerder of the gemeente; a consulent of it sees the incident only.
            var exchange = incident["exchange"]!.AsObject();
            Assert.Equal("GET", (string)exchange["method"]!);
            Assert.Contains($"/personen/{bsn}/inburgeringsplicht", (string)exchange["url"]!, StringComparison.Ordinal);
            Assert.Equal(503, (int)exchange["status"]!);
            Assert.Equal(bsn, (string)JsonNode.Parse((string)exchange["request"]!)!["bsn"]!);
            using var consulent = server.Api("carla", "consulent", "1901");
            var seen = await consulent.GetFromJsonAsync<JsonObject>("api/v1/incidents?gemeente=1901&activityType=duo.inburgeringsplicht-raadplegen&pageSize=500");
            var same = seen!["items"]!.AsArray().Single(i => (string)i!["id"]! == incidentId.ToString())!;
            Assert.Null(same["exchange"]);

            // Henk saw the request with its BSN: that read is in the traject's access log.
            var log = await api.GetFromJsonAsync<JsonObject>($"api/v1/privacy/trajecten/{traject}/access-log?page=1&pageSize=200");
            Assert.Contains(log!["items"]!.AsArray(), e => (string)e!["action"]! == "incident.read" && (string)e["user"]! == "henk");
        }
        finally
        {
            (await api.PostAsJsonAsync("sim/duo/v1/_sim/failure", new { down = false })).EnsureSuccessStatusCode();
        }

        var page = await server.NewPageAsync();
        await SignInPage.SignInAsync(page, "henk");
        var incidenten = new IncidentenPage(page);
        await incidenten.OpenAsync("?gemeente=1901&activityType=duo.inburgeringsplicht-raadplegen");
        await Assertions.Expect(incidenten.Incident(incidentId)).ToBeVisibleAsync();
        await Assertions.Expect(incidenten.Incident(incidentId).Locator("[data-testid='fout']")).Not.ToBeEmptyAsync();
        await Assertions.Expect(incidenten.Incident(incidentId).Locator("[data-testid='verzoek']")).ToContainTextAsync("GET ");
        await Assertions.Expect(incidenten.Incident(incidentId).Locator("[data-testid='verzoek']")).ToContainTextAsync($"/personen/{bsn}/inburgeringsplicht");
        await Assertions.Expect(incidenten.Incident(incidentId).Locator("[data-testid='verzoek']")).ToContainTextAsync($"\"bsn\": \"{bsn}\"");
        await Assertions.Expect(incidenten.Incident(incidentId).Locator("[data-testid='antwoord']")).ToContainTextAsync("HTTP 503");
        await Screenshots.TakeAsync(page, "beheer-incidenten", server.Database);
        var violations = Axe.Serious(await Axe.RunAsync(page, "beheer-incidenten", server.Database));
        Assert.True(violations.Count == 0, string.Join("; ", violations.Select(v => $"{v.Id}: {v.Help} ({v.Targets})")));

        await incidenten.RetryAsync(incidentId);
        await Assertions.Expect(page.GetByText("Het incident is opnieuw geprobeerd.")).ToBeVisibleAsync();
        await Assertions.Expect(incidenten.Incident(incidentId)).ToHaveCountAsync(0);
        var all = await api.GetFromJsonAsync<JsonObject>("api/v1/incidents?gemeente=1901&status=all&pageSize=500");
        Assert.Equal("resolved", (string)all!["items"]!.AsArray().Single(i => (string)i!["id"]! == incidentId.ToString())!["status"]!);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACallWaitingOutItsBackOff_IsListed_AndRetriedNowFromThePage_OnceDuoIsBack()
    {
        const string Activity = "duo.inburgeringsplicht-raadplegen";
        using var api = server.Api("henk", "beheerder,consulent");
        var bsn = await server.SeedPersonAsync("0335");
        (await api.PostAsJsonAsync("sim/duo/v1/_sim/failure", new { down = true })).EnsureSuccessStatusCode();
        JsonObject call;
        var page = await server.NewPageAsync();
        var wachtend = new WachtendeAanroepenPage(page);
        try
        {
            using var started = await api.PostAsJsonAsync("api/v1/trajecten", new { bsn, naam = "Wacht Persoon", gemeente = "0335", gebeurtenis = "SS101" });
            started.EnsureSuccessStatusCode();
            var traject = Guid.Parse((string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);

            // Its first attempt fails while DUO is down: the call waits out its back-off.
            call = await WaitForAsync(api, async () =>
            {
                var list = await api.GetFromJsonAsync<JsonObject>($"api/v1/partner-calls?state=waiting&gemeente=0335&activityType={Activity}&pageSize=500");
                foreach (var item in list!["items"]!.AsArray())
                {
                    if (await IsOfTrajectAsync(api, item!.AsObject(), traject))
                    {
                        return item.AsObject();
                    }
                }

                return null;
            });

            await SignInPage.SignInAsync(page, "henk");
            await wachtend.OpenAsync($"?gemeente=0335&activityType={Activity}");
            await Assertions.Expect(wachtend.Call(Guid.Parse((string)call["id"]!))).ToBeVisibleAsync();
            await Assertions.Expect(wachtend.Call(Guid.Parse((string)call["id"]!)).Locator("[data-testid='laatste-antwoord']")).Not.ToBeEmptyAsync();
            await Screenshots.TakeAsync(page, "beheer-wachtende-aanroepen", server.Database);
            var violations = Axe.Serious(await Axe.RunAsync(page, "beheer-wachtende-aanroepen", server.Database));
            Assert.True(violations.Count == 0, string.Join("; ", violations.Select(v => $"{v.Id}: {v.Help} ({v.Targets})")));
        }
        finally
        {
            (await api.PostAsJsonAsync("sim/duo/v1/_sim/failure", new { down = false })).EnsureSuccessStatusCode();
        }

        // DUO is back: the next attempt now, not after the back-off. The call leaves the list once it succeeded.
        var id = Guid.Parse((string)call["id"]!);
        await wachtend.RetryNowAsync(id);
        await Assertions.Expect(page.GetByText("De aanroep krijgt nu zijn volgende poging.")).ToBeVisibleAsync();
        await Assertions.Expect(wachtend.Call(id)).ToHaveCountAsync(0, new() { Timeout = 120_000 });
        var waiting = await api.GetFromJsonAsync<JsonObject>($"api/v1/partner-calls?state=waiting&gemeente=0335&activityType={Activity}&pageSize=500");
        Assert.DoesNotContain(waiting!["items"]!.AsArray(), i => (string)i!["id"]! == id.ToString());

        // Retrying it again is refused in place, in Dutch: it no longer waits.
        using var again = await api.PostAsync($"api/v1/partner-calls/{id}/retry-now", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        await page.Context.CloseAsync();
    }

    private static async Task<bool> IsOfTrajectAsync(HttpClient api, JsonObject incident, Guid traject)
    {
        var instance = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{incident["instanceId"]}");
        return (string)instance!["rootInstanceId"]! == traject.ToString();
    }

    /// <summary>Polls until found; a generous bound for a busy machine.</summary>
    private static async Task<JsonObject> WaitForAsync(HttpClient api, Func<Task<JsonObject?>> found)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            if (await found() is { } result)
            {
                return result;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("Waited in vain for the incident.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BeheerOnSqlite(SqliteWebServer server) : BeheerTests(server);

[Collection(PostgresCollection.Name)]
public sealed class BeheerOnPostgres(PostgresWebServer server) : BeheerTests(server);
