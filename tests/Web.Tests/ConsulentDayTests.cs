using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Web.Tests.Pages;
using Inburgering.Web.Tests.Support;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests;

/// <summary>
/// A consulent's day in the werkvoorraad, in a real browser (Debian chromium) against the real server with the demo data,
/// on SQLite and on PostgreSQL. Each test makes its own inburgeraar (DUO's simulator, a melding started by hand), so it does
/// not depend on what the demo's trajecten are doing today.
/// </summary>
public abstract class ConsulentDayTests(WebServer server)
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("development-only-secret-not-for-production");

    protected static string ReferentieOf(string bsn) => PersoonReferentie.Compute(Secret, bsn);

    /// <summary>An asielstatushouder already housed (SS139), started by hand by Carla: in Woerden the brede intake has four eyes.</summary>
    private async Task<(string Referentie, Guid Traject, IPage Carla)> NewAsielTrajectAsync(string naam, string gebeurtenis = "SS139")
    {
        var bsn = await server.SeedPersonAsync("0632");
        var referentie = ReferentieOf(bsn);
        await server.SeedIntakeAsync(referentie);
        var carla = await server.NewPageAsync();
        await SignInPage.SignInAsync(carla, "carla");
        var start = new StartTrajectPage(carla);
        await start.OpenAsync();
        var traject = await start.StartAsync(bsn, naam, "0632", gebeurtenis);
        Assert.DoesNotContain(bsn, carla.Url, StringComparison.Ordinal);
        return (referentie, traject, carla);
    }

    [Fact]
    public async Task ConsulentOfWoerden_SeesOnlyWoerdensTasks_AndCannotOpenAMontfoortTaskByUrl()
    {
        // A traject in Montfoort, started by its consulent through the API.
        var bsn = await server.SeedPersonAsync("0335");
        using (var sanne = server.Api("sanne", "consulent", "0335"))
        {
            using var started = await sanne.PostAsJsonAsync("api/v1/trajecten", new { bsn, naam = "Montfoort Persoon", gemeente = "0335", gebeurtenis = "SS101" });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }

        var montfoortTask = await server.TaskAsync(ReferentieOf(bsn), "User_Tvs");

        var page = await server.NewPageAsync();
        var werkvoorraad = await SignInPage.SignInAsync(page, "carla");
        await werkvoorraad.ShowTabAsync("alle");
        var gemeenten = await werkvoorraad.GemeentenInListAsync();
        Assert.NotEmpty(gemeenten);
        Assert.All(gemeenten, g => Assert.Equal("Woerden", g));
        using (var carlaApi = server.Api("carla", "consulent", "0632"))
        {
            var all = await carlaApi.GetFromJsonAsync<JsonObject>("api/v1/tasks/counts");
            Assert.Equal((int)all!["all"]!, await werkvoorraad.CountAsync("alle"));
        }

        // By URL: the Montfoort task and its dossier do not exist for her.
        var task = new TaskPage(page);
        await task.OpenAsync((string)montfoortTask["id"]!);
        await Assertions.Expect(page.Locator(".utrecht-alert")).ToContainTextAsync("Deze taak bestaat niet.");
        await page.GotoAsync($"/trajecten/{montfoortTask["instanceId"]}");
        await Assertions.Expect(page.Locator(".utrecht-alert")).ToContainTextAsync("Dit traject bestaat niet.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConsulentAndBegeleider_CompleteAFourEyesBredeIntake_AfterTheBegeleiderSentItBackOnce()
    {
        var (referentie, _, carla) = await NewAsielTrajectAsync("Amal Intake");
        var intake = await server.TaskAsync(referentie, "User_Intake");
        var id = (string)intake["id"]!;
        Assert.NotEmpty(intake["fourEyesRoles"]!.AsArray());

        // Carla finds it in her group's werkvoorraad, with the name, claims it and fills in the brede intake.
        var werkvoorraad = new WerkvoorraadPage(carla);
        await werkvoorraad.OpenAsync("?taak=schakel3-brede-intake-en-pip%3AUser_Intake&vrij=ja");
        Assert.Contains(id, await werkvoorraad.TaskIdsAsync());
        await Assertions.Expect(carla.Locator($"tr[data-task-id='{id}']")).ToContainTextAsync("Amal Intake");
        var task = await werkvoorraad.OpenTaskAsync(id);
        await task.ClaimAsync();
        await task.CheckAsync("De inburgeraar is verschenen en werkt mee");
        await task.FillDateAsync("Datum gesprek", new DateOnly(2026, 3, 2));
        await task.FillAsync("Opleiding en werkervaring", "Middelbare school; werkte als kapper");
        await task.CompleteAsync();
        await Assertions.Expect(carla.Locator("[data-testid='melding']")).ToContainTextAsync("tweede persoon");

        // Bram, the maatschappelijk begeleider, sees what Carla entered and sends it back with a reason.
        var bram = await server.NewPageAsync();
        await SignInPage.SignInAsync(bram, "bram");
        var review = new TaskPage(bram);
        await review.OpenAsync(id);
        await review.WaitLoadedAsync();
        await review.ClaimAsync();
        await Assertions.Expect(bram.GetByText("Vier ogen: beoordeel wat is ingevuld")).ToBeVisibleAsync();
        await Assertions.Expect(bram.Locator(".utrecht-data-list").First).ToContainTextAsync("Middelbare school; werkte als kapper");
        await Screenshots.TakeAsync(bram, "vier-ogen", server.Database);
        await review.SendBackAsync("Vul gezondheid en gezin nog aan.");
        await Assertions.Expect(bram.Locator("[data-testid='melding']")).ToContainTextAsync("teruggestuurd");

        // Back with Carla, with the reason; she adds it and completes again.
        task = new TaskPage(carla);
        await task.OpenAsync(id);
        await task.WaitLoadedAsync();
        await Assertions.Expect(carla.Locator(".utrecht-alert--warning")).ToContainTextAsync("Vul gezondheid en gezin nog aan.");
        await task.FillAsync("Gezondheid en gezin", "Gezond; getrouwd, twee kinderen");
        await task.CompleteAsync();
        await Assertions.Expect(carla.Locator("[data-testid='melding']")).ToContainTextAsync("tweede persoon");

        // Bram agrees: the brede intake is done, by both of them.
        await review.OpenAsync(id);
        await review.WaitLoadedAsync();
        await review.ClaimAsync();
        await review.ApproveAsync();
        await Assertions.Expect(bram.Locator("[data-testid='melding']")).ToContainTextAsync("afgerond");

        using var api = server.Api();
        var done = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks/{id}");
        Assert.Equal("completed", (string)done!["status"]!);
        Assert.Equal("carla + bram", (string)done["completedBy"]!);
        // Completed with what both entered: Carla's intake, with her addition after it came back.
        var journal = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{done["instanceId"]}/journal?pageSize=500");
        var entries = journal!["items"]!.AsArray().Select(e => e!.AsObject()).Where(e => (string?)e["data"]?["taskId"] == id).ToList();
        Assert.Equal(["task-created", "task-claimed", "task-approved", "task-claimed", "task-returned", "task-approved", "task-claimed", "task-completed"], entries.Select(e => (string)e["type"]!).ToList());
        var completed = entries.Last()["data"]!["variables"]!.AsArray().Select(v => (string)v!).ToList();
        Assert.Contains("gezondheidEnGezin", completed);
        Assert.Contains("opleidingEnWerk", completed);
        await carla.Context.CloseAsync();
        await bram.Context.CloseAsync();
    }

    [Fact]
    public async Task AFormWithAMissingRequiredField_ShowsTheDutchError_AndNothingIsStored()
    {
        var (referentie, _, carla) = await NewAsielTrajectAsync("Yonas Formulier", "SS101");
        var tvs = await server.TaskAsync(referentie, "User_Tvs");
        var id = (string)tvs["id"]!;
        var task = new TaskPage(carla);
        await task.OpenAsync(id);
        await task.WaitLoadedAsync();
        await task.ClaimAsync();

        // Straight to "Afronden": the browser says what is missing, at the field and in the summary.
        await task.CompleteAsync();
        await Assertions.Expect(task.ErrorSummary).ToContainTextAsync("Samenvatting klantprofiel is verplicht.");
        await Assertions.Expect(task.FieldErrors.First).ToContainTextAsync("is verplicht");
        await Screenshots.TakeAsync(carla, "formulier-fout", server.Database);

        // A caller without the browser is refused the same way, naming the field; nothing is stored.
        using var api = server.Api("carla", "consulent", "0632");
        using var refused = await api.PostAsJsonAsync($"api/v1/tasks/{id}/complete", new { variables = new { driegesprekMogelijk = "ja", nietOpHetFormulier = 1 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        var fields = problem!["errors"]!.AsArray().Select(e => (string)e!["field"]!).Order().ToList();
        Assert.Equal(["driegesprekMogelijk", "nietOpHetFormulier", "samenvattingKlantprofiel"], fields);
        var still = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks/{id}");
        Assert.Equal("open", (string)still!["status"]!);
        var instance = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{tvs["instanceId"]}");
        Assert.Null(instance!["variables"]!["nietOpHetFormulier"]);

        // Filled in, it completes.
        await task.FillAsync("Samenvatting klantprofiel", "Werkte in de bouw; wil snel aan het werk");
        await task.CompleteAsync();
        await Assertions.Expect(carla.Locator("[data-testid='melding']")).ToContainTextAsync("afgerond");
        var completed = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks/{id}");
        Assert.Equal("completed", (string)completed!["status"]!);
        await carla.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDossier_ShowsTheDiagramWithTheCurrentTaskHighlighted_AndTheKeyDates()
    {
        var (referentie, traject, carla) = await NewAsielTrajectAsync("Oksana Dossier");
        await server.TaskAsync(referentie, "User_Intake");
        var dossier = new DossierPage(carla);
        await dossier.OpenAsync(traject);
        await Assertions.Expect(carla.Locator("h1")).ToContainTextAsync("Oksana Dossier");
        // The brede intake sits in the collapsed sub-process "PIP vaststellen": that is highlighted, and named below the diagram.
        var active = await dossier.ActiveElementsInDiagramAsync();
        Assert.Contains("Sub_Pip", active);
        await Assertions.Expect(carla.Locator("[data-testid='actieve-elementen']")).ToContainTextAsync("Brede intake afnemen");
        await Assertions.Expect(dossier.KeyDate("pip-uiterlijk")).ToContainTextAsync("20");
        await Assertions.Expect(carla.GetByText("Tien weken na de kennisgeving van DUO")).ToBeVisibleAsync();
        await Assertions.Expect(dossier.Timeline.First).ToBeVisibleAsync();
        await Assertions.Expect(carla.Locator("[data-testid='tijdlijn']")).ToContainTextAsync("Brede intake afnemen");

        // Up the hierarchy: the traject's own diagram shows the schakel it is in.
        await dossier.OpenSchakelAsync("inburgeringstraject");
        await Assertions.Expect(carla.Locator("#kop-diagram")).ToContainTextAsync("Inburgeringstraject");
        await carla.Context.CloseAsync();
    }

    /// <summary>
    /// Issue 13, point 8: the casusregisseur in the dossier (seed 002: "de casusregisseur werkt in de lokale gemeente"). Before
    /// the intake any consulent may name one; then only that casusregisseur or a beheerder hands over, and a refusal is shown in
    /// Dutch where the consulent chose.
    /// </summary>
    [Fact]
    public async Task TheDossier_ShowsTheCasusregisseur_AndHandsItOver_WithARefusalInPlace()
    {
        var (referentie, traject, carla) = await NewAsielTrajectAsync("Noor Casus");
        await server.TaskAsync(referentie, "User_Intake");
        var dossier = new DossierPage(carla);
        await dossier.OpenAsync(traject);
        var section = carla.Locator("[data-testid='casusregisseur']");
        await Assertions.Expect(section).ToContainTextAsync("Nog niemand");

        // Meanwhile Daan takes the traject (through the API): Carla's choice, made on the page she had open, is refused in place.
        using (var daan = server.Api("daan", "consulent", "0632"))
        {
            using var taken = await daan.PostAsJsonAsync($"api/v1/dossiers/{traject}/casusregisseur", new { casusregisseur = "daan" });
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }

        await section.Locator("#casusregisseur-keuze").SelectOptionAsync("daan");
        await section.GetByRole(AriaRole.Button, new() { Name = "Vastleggen" }).ClickAsync();
        await Assertions.Expect(section.Locator(".utrecht-alert--error")).ToContainTextAsync("Alleen de casusregisseur (Daan Smit) of een beheerder");
        await Assertions.Expect(section.Locator("[data-testid='casusregisseur-naam']")).ToContainTextAsync("Daan Smit");

        // Henk, the beheerder, hands it to Carla: the dossier names her, with a confirmation.
        var henk = await server.NewPageAsync();
        await SignInPage.SignInAsync(henk, "henk");
        var beheer = new DossierPage(henk);
        await beheer.OpenAsync(traject);
        var henkSection = henk.Locator("[data-testid='casusregisseur']");
        await henkSection.Locator("#casusregisseur-keuze").SelectOptionAsync("carla");
        await henkSection.GetByRole(AriaRole.Button, new() { Name = "Overdragen" }).ClickAsync();
        await Assertions.Expect(henkSection.Locator(".utrecht-alert--ok")).ToContainTextAsync("Carla de Vries is nu casusregisseur");
        await Assertions.Expect(henkSection.Locator("[data-testid='casusregisseur-naam']")).ToContainTextAsync("Carla de Vries");
        await Screenshots.TakeAsync(henk, "casusregisseur", server.Database);
        await henk.Context.CloseAsync();
        await carla.Context.CloseAsync();
    }

    /// <summary>
    /// Issue 13, point 8: households (seed 004: "één inburgeraar/één gezin, één plan"). Without bijstand (whose leefeenheid,
    /// Participatiewet art. 4 and 11, would link them) the consulent links a gezinslid's traject in the dossier; both dossiers
    /// then list each other, with a link, where the other stands and its casusregisseur.
    /// </summary>
    [Fact]
    public async Task TheDossier_LinksAGezinslid_AndListsTheHousehold()
    {
        var (_, partner, partnerPage) = await NewAsielTrajectAsync("Samir Gezin");
        await partnerPage.Context.CloseAsync();
        var (_, traject, carla) = await NewAsielTrajectAsync("Lina Gezin");
        var dossier = new DossierPage(carla);
        await dossier.OpenAsync(traject);
        var section = carla.Locator("[data-testid='huishouden']");
        await Assertions.Expect(section).ToContainTextAsync("Geen huishouden bekend");

        await section.Locator("#huishouden-dossier").FillAsync(partner.ToString());
        await section.GetByRole(AriaRole.Button, new() { Name = "Koppelen" }).ClickAsync();
        await Assertions.Expect(section.Locator(".utrecht-alert--ok")).ToContainTextAsync("Gekoppeld aan huishouden gezin-");
        await Assertions.Expect(section.GetByRole(AriaRole.Link, new() { Name = "Samir Gezin" })).ToBeVisibleAsync();
        await Assertions.Expect(section).ToContainTextAsync("Gekoppeld in het dossier");
        await carla.Mouse.MoveAsync(0, 0);
        await Screenshots.TakeAsync(carla, "huishouden", server.Database);

        // The link opens the gezinslid's dossier, which lists this traject in turn.
        await section.GetByRole(AriaRole.Link, new() { Name = "Samir Gezin" }).ClickAsync();
        await Assertions.Expect(carla.Locator("h1")).ToContainTextAsync("Samir Gezin");
        await Assertions.Expect(carla.Locator("[data-testid='huishouden']").GetByRole(AriaRole.Link, new() { Name = "Lina Gezin" })).ToBeVisibleAsync();
        await carla.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoBrowsersCompleteOneTaskAtOnce_OneSucceeds_TheOtherGetsADutchMessage_AndNothingIsDoubled()
    {
        var (referentie, _, first) = await NewAsielTrajectAsync("Mehmet Tegelijk", "SS101");
        var tvs = await server.TaskAsync(referentie, "User_Tvs");
        var id = (string)tvs["id"]!;
        var one = new TaskPage(first);
        await one.OpenAsync(id);
        await one.WaitLoadedAsync();
        await one.ClaimAsync();

        // Carla has it open in a second browser too.
        var second = await server.NewPageAsync();
        await SignInPage.SignInAsync(second, "carla");
        var two = new TaskPage(second);
        await two.OpenAsync(id);
        await two.WaitLoadedAsync();
        await one.FillAsync("Samenvatting klantprofiel", "Eerste browser");
        await two.FillAsync("Samenvatting klantprofiel", "Tweede browser");
        await Task.WhenAll(one.CompleteAsync(), two.CompleteAsync());

        var outcomes = await Task.WhenAll(OutcomeAsync(first), OutcomeAsync(second));
        Assert.Single(outcomes, o => o == "ok");
        var refusal = Assert.Single(outcomes, o => o != "ok");
        Assert.Matches("al afgerond|niet meer open|tegelijk", refusal);

        using var api = server.Api();
        var journal = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{tvs["instanceId"]}/journal?pageSize=500");
        Assert.Single(journal!["items"]!.AsArray(), e => (string)e!["type"]! == "task-completed" && (string?)e["data"]?["taskId"] == id);
        var next = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks?instanceId={tvs["instanceId"]}&status=all&pageSize=50");
        Assert.Single(next!["items"]!.AsArray(), t => (string)t!["elementId"]! == "User_Tvs");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    private static async Task<string> OutcomeAsync(IPage page)
    {
        var done = page.Locator("[data-testid='melding']");
        var error = page.Locator(".utrecht-alert--error");
        await Assertions.Expect(done.Or(error).First).ToBeVisibleAsync();
        return await done.IsVisibleAsync() ? "ok" : await error.First.InnerTextAsync();
    }

    [Fact]
    public async Task AnExpiredSignIn_ReturnsToTheSignInPage_AndThenBackToWhereTheConsulentWas()
    {
        var page = await server.NewPageAsync();
        await SignInPage.SignInAsync(page, "carla");

        // The server no longer accepts what the browser holds (here: a sign-in the server refuses with 401).
        await page.EvaluateAsync("() => sessionStorage.setItem('inburgering.aanmelding', JSON.stringify({ user: 'carla', displayName: 'Carla', roles: ['consulent'], gemeenten: ['verlopen'] }))");
        await page.GotoAsync("/werkvoorraad?tab=alle&termijn=te-laat");
        await Assertions.Expect(page.GetByText("Uw aanmelding is verlopen")).ToBeVisibleAsync();
        Assert.Contains("terug=%2Fwerkvoorraad%3Ftab%3Dalle%26termijn%3Dte-laat", page.Url, StringComparison.Ordinal);

        var signIn = new SignInPage(page);
        await signIn.AsAsync("carla");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/werkvoorraad\?tab=alle&termijn=te-laat$"), new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#filter-termijn")).ToHaveValueAsync("te-laat");
        await page.Context.CloseAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConsulentDayOnSqlite(SqliteWebServer server) : ConsulentDayTests(server);

[Collection(PostgresCollection.Name)]
public sealed class ConsulentDayOnPostgres(PostgresWebServer server) : ConsulentDayTests(server);
