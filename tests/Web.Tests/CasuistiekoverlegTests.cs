using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

        // The demo holds the overleg on its day; the next agenda comes a week before the next one (within four weeks).
        JsonObject? task = null;
        for (var week = 0; week <= 4 && task is null; week++)
        {
            if (week > 0)
            {
                using (await api.PostAsJsonAsync("api/v1/clock/advance", new { duration = "P1W" }))
                {
                }
            }

            for (var second = 0; second < 5 && task is null; second++)
            {
                // A few seconds of virtual time: the agenda's partner call (reading the store) runs, then the task is there.
                using (await api.PostAsJsonAsync("api/v1/clock/advance", new { duration = "PT1S" }))
                {
                }

                var open = await api.GetFromJsonAsync<JsonObject>("api/v1/tasks?businessKey=casuistiekoverleg-0632&status=open");
                task = open!["items"]!.AsArray().FirstOrDefault()?.AsObject();
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

        // One link per traject on the agenda, to its dossier.
        var links = carla.Locator("[data-testid='taakformulier'] a[href^='/trajecten/']");
        await Assertions.Expect(links).ToHaveCountAsync(aantal);
        if (aantal > 0)
        {
            var href = await links.First.GetAttributeAsync("href");
            Assert.Matches("^/trajecten/[0-9a-f-]{36}$", href);
            await page.Field("Interventie").FillAsync("Schuldhulpverlening inzetten");
        }

        await carla.Locator("[data-testid='taakformulier']").GetByLabel("Overleg gehouden").CheckAsync();
        await page.FillAsync("Verslag of reden", "Agenda besproken met de ketenpartners.");
        await Screenshots.TakeAsync(carla, "casuistiekoverleg", server.Database);
        await page.CompleteAsync();
        await Assertions.Expect(carla.Locator("[data-testid='melding']")).ToContainTextAsync("afgerond");

        var after = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{task["instanceId"]}");
        var verslag = after!["variables"]!["overlegVerslagen"]!.AsArray().Last()!;
        Assert.Equal("gehouden", (string?)verslag["uitkomst"]);
        if (aantal > 0)
        {
            Assert.Equal("Schuldhulpverlening inzetten", (string?)verslag["agenda"]![0]!["interventie"]);
            Assert.NotNull((string?)verslag["agenda"]![0]!["dossierId"]);
        }

        await carla.Context.CloseAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CasuistiekoverlegOnSqlite(SqliteWebServer server) : CasuistiekoverlegTests(server);

[Collection(PostgresCollection.Name)]
public sealed class CasuistiekoverlegOnPostgres(PostgresWebServer server) : CasuistiekoverlegTests(server);
