using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Web.Tests.Pages;
using Inburgering.Web.Tests.Support;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests;

/// <summary>
/// Issue 13, point 8, in a real browser on the demo's data: Woerden's periodic casuïstiekoverleg (seed 001: "In Woerden en
/// Bodegraven-Reeuwijk is afgesproken periodiek casuïstiekoverleg te hebben") shows its agenda in the werkvoorraad, each traject
/// with a link to its dossier, and the consulent records an interventie and completes it.
/// </summary>
public abstract class CasuistiekoverlegTests(WebServer server)
{
    [Fact]
    public async Task TheAgenda_ListsWoerdensTrajectenWithTheirDossiers_AndRecordsTheOutcome()
    {
        using var api = server.Api();

        // A Woerden traject of our own, left waiting: within weeks its tasks are past their due date (the demo's own trajecten
        // may be all on time today).
        var bsn = await server.SeedPersonAsync("0632");
        var referentie = PersoonReferentie.Compute(System.Text.Encoding.UTF8.GetBytes("development-only-secret-not-for-production"), bsn);
        await server.SeedIntakeAsync(referentie);
        using (var notified = await api.PostAsJsonAsync("sim/duo/v1/_sim/notificaties", new { bsn, gebeurtenisId = "SS139" }))
        {
            notified.EnsureSuccessStatusCode();
        }

        var intake = await server.TaskAsync(referentie, "User_Intake");
        var traject = (await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{intake["instanceId"]}"))!["rootInstanceId"]!.ToString();

        // The agenda comes a week before each overleg (every four weeks); an earlier one without our traject is not held.
        JsonObject? task = null;
        for (var week = 0; week <= 10 && task is null; week++)
        {
            using (await api.PostAsJsonAsync("api/v1/clock/advance", new { duration = week == 0 ? "PT1S" : "P1W" }))
            {
            }

            for (var second = 0; second < 5 && task is null; second++)
            {
                // A few seconds of virtual time: the agenda's partner call (reading the store) runs, then the task is there.
                using (await api.PostAsJsonAsync("api/v1/clock/advance", new { duration = "PT1S" }))
                {
                }

                var open = await api.GetFromJsonAsync<JsonObject>("api/v1/tasks?businessKey=casuistiekoverleg-0632&status=open");
                if (open!["items"]!.AsArray().FirstOrDefault()?.AsObject() is { } agendaTask)
                {
                    var overleg = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{agendaTask["instanceId"]}");
                    if (overleg!["variables"]!["agenda"]!.AsArray().Any(r => (string?)r!["dossierId"] == traject))
                    {
                        task = agendaTask;
                    }
                    else
                    {
                        using var held = await api.PostAsJsonAsync($"api/v1/tasks/{agendaTask["id"]}/complete", new { variables = new { overlegUitkomst = "geenOverlegNodig" } });
                        held.EnsureSuccessStatusCode();
                    }
                }
            }
        }

        Assert.NotNull(task);
        var id = (string)task!["id"]!;
        var instance = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{task["instanceId"]}");
        var aantal = (int)instance!["variables"]!["agendaAantal"]!;

        var carla = await server.NewPageAsync();
        await SignInPage.SignInAsync(carla, "carla");
        var page = new TaskPage(carla);
        await page.OpenAsync(id);
        await page.WaitLoadedAsync();
        await Assertions.Expect(carla.Locator("h1")).ToContainTextAsync("Casuïstiekoverleg voorbereiden");
        await page.ClaimAsync();

        // The gemeente's own task: no inburgeraar and no dossier of its own in the side panel.
        var over = carla.GetByRole(AriaRole.Complementary, new() { Name = "Over deze taak" });
        await Assertions.Expect(over).ToContainTextAsync("De gemeente: alle trajecten op de agenda");
        await Assertions.Expect(over.GetByText("Naam onbekend")).ToHaveCountAsync(0);

        // One link per traject on the agenda, to its dossier.
        var links = carla.Locator("[data-testid='taakformulier'] a[href^='/trajecten/']");
        await Assertions.Expect(links).ToHaveCountAsync(aantal);
        var hrefs = (await links.EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))")).ToList();
        var rij = hrefs.IndexOf($"/trajecten/{traject}");
        Assert.True(rij >= 0, $"No link to /trajecten/{traject} among {string.Join(", ", hrefs)}");
        await carla.Locator("[data-testid='taakformulier']").GetByLabel("Interventie").Nth(rij).FillAsync("Schuldhulpverlening inzetten");

        await carla.Locator("[data-testid='taakformulier']").GetByLabel("Overleg gehouden").CheckAsync();
        await page.FillAsync("Verslag of reden", "Agenda besproken met de ketenpartners.");
        await Screenshots.TakeAsync(carla, "casuistiekoverleg", server.Database);
        await page.CompleteAsync();
        await Assertions.Expect(carla.Locator("[data-testid='melding']")).ToContainTextAsync("afgerond");

        var after = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{task["instanceId"]}");
        var verslag = after!["variables"]!["overlegVerslagen"]!.AsArray().Last()!;
        Assert.Equal("gehouden", (string?)verslag["uitkomst"]);
        var besproken = verslag["agenda"]!.AsArray().Single(r => (string?)r!["dossierId"] == traject)!;
        Assert.Equal("Schuldhulpverlening inzetten", (string?)besproken["interventie"]);
        Assert.False(string.IsNullOrEmpty((string?)besproken["redenen"]));

        await carla.Context.CloseAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CasuistiekoverlegOnSqlite(SqliteWebServer server) : CasuistiekoverlegTests(server);

[Collection(PostgresCollection.Name)]
public sealed class CasuistiekoverlegOnPostgres(PostgresWebServer server) : CasuistiekoverlegTests(server);
