using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Web.Tests.Pages;
using Inburgering.Web.Tests.Support;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests;

/// <summary>
/// Every page of the application on the demo data: axe-core finds no serious or critical WCAG 2.1 A/AA violation, the page
/// reflows at 320 px (no sideways scrolling of the page), it can be used by keyboard, and a screenshot is kept.
/// </summary>
public abstract class EveryPageTests(WebServer server)
{
    private async Task CheckAsync(IPage page, string name)
    {
        var violations = await Axe.RunAsync(page, name, server.Database);
        var serious = Axe.Serious(violations);
        Assert.True(serious.Count == 0, $"{name}: {string.Join("; ", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Targets})"))}");
        await Screenshots.TakeAsync(page, name, server.Database);
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await page.TitleAsync()));
    }

    private static async Task AssertReflowsAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(320, 800);
        await page.WaitForTimeoutAsync(300);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"{name} scrolls {overflow} px sideways at 320 px.");
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task EveryPage_IsAccessible_ReflowsAt320Pixels_AndIsKeptAsAScreenshot()
    {
        var page = await server.NewPageAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await CheckAsync(page, "aanmelden");

        // Keyboard only: tab to Carla's card and press Enter.
        for (var i = 0; i < 30 && await page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.user") != "carla"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        var werkvoorraad = new WerkvoorraadPage(page);
        await werkvoorraad.WaitLoadedAsync();
        await werkvoorraad.ShowTabAsync("alle");
        await CheckAsync(page, "werkvoorraad");
        await AssertReflowsAsync(page, "werkvoorraad");

        var ids = await werkvoorraad.TaskIdsAsync();
        Assert.NotEmpty(ids);
        using var api = server.Api("carla", "consulent", "0632");
        var first = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks/{ids[0]}");
        var task = await werkvoorraad.OpenTaskAsync(ids[0]);
        await page.WaitForTimeoutAsync(500);
        await CheckAsync(page, "taak");
        await AssertReflowsAsync(page, "taak");

        var dossier = new DossierPage(page);
        await dossier.OpenAsync(Guid.Parse((string)first!["instanceId"]!));
        await page.Locator("[data-testid='diagram'] .djs-element").First.WaitForAsync();
        await CheckAsync(page, "dossier");
        await AssertReflowsAsync(page, "dossier");

        var start = new StartTrajectPage(page);
        await start.OpenAsync();
        await CheckAsync(page, "nieuwe-melding");
        await page.GetByRole(AriaRole.Button, new() { Name = "Traject starten" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='foutoverzicht']")).ToContainTextAsync("BSN is verplicht.");
        await CheckAsync(page, "nieuwe-melding-fouten");
        await AssertReflowsAsync(page, "nieuwe-melding");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ABeheerder_SeesEveryGemeente_AndTheDossierOffersIncidents()
    {
        var page = await server.NewPageAsync();
        var werkvoorraad = await SignInPage.SignInAsync(page, "henk");
        await werkvoorraad.ShowTabAsync("alle");
        var gemeenten = (await werkvoorraad.GemeentenInListAsync()).Distinct().ToList();
        Assert.True(gemeenten.Count > 1, $"A beheerder of Ferm Werk sees more than one gemeente: {string.Join(", ", gemeenten)}");
        var ids = await werkvoorraad.TaskIdsAsync();
        using var api = server.Api();
        var task = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks/{ids[0]}");
        var dossier = new DossierPage(page);
        await dossier.OpenAsync(Guid.Parse((string)task!["instanceId"]!));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open incidenten" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EveryPageOnSqlite(SqliteWebServer server) : EveryPageTests(server);

[Collection(PostgresCollection.Name)]
public sealed class EveryPageOnPostgres(PostgresWebServer server) : EveryPageTests(server);
