using Inburgering.Tests;
using Inburgering.Web.Tests.Pages;
using Inburgering.Web.Tests.Support;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests;

/// <summary>
/// Issue 9: the web application signs in with OIDC when the server says so (GET /api/v1/auth/config). The development
/// identity provider (OpenIddict, its own process) and the server in OIDC mode (development sign-in off), chromium: a
/// consulent opens the werkvoorraad, is sent to the sign-in page, on to the provider's login page, signs in there with
/// username and password, and comes back (authorization code + PKCE) to the werkvoorraad as herself.
/// One database is enough here: the sign-in does not touch it (the werkvoorraad's queries run on both elsewhere).
/// </summary>
public sealed class OidcSignInTests
{
    [Fact]
    public async Task A_consulent_signs_in_at_the_identity_provider_and_lands_on_the_werkvoorraad()
    {
        var port = ServerProcess.FreePort();
        var origin = $"http://127.0.0.1:{port}";
        await using var provider = await IdentityProviderProcess.StartAsync("--IdentityProvider:WebRedirectUris:0", origin + "/aanmelden/terug");
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var server = await ServerProcess.StartAsync(
            [
                "--Inburgering:Database", database.Provider,
                "--ConnectionStrings:Inburgering", database.ConnectionString,
                "--Inburgering:SimulationClock=true",
                "--Inburgering:DevelopmentSignIn=false",
                "--Inburgering:Authentication:Authority", provider.Authority.ToString().TrimEnd('/'),
                "--Inburgering:Authentication:RequireHttpsMetadata=false",
            ],
            Directory.CreateTempSubdirectory("inburgering-web-oidc-").FullName,
            port);
        await server.WaitReadyAsync(ServerProcess.ReadyLimit);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = origin + "/", Locale = "nl-NL", TimezoneId = "Europe/Amsterdam" });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);

        await page.GotoAsync("/werkvoorraad");
        // The application's own redirect (client-side, no page load): wait for the sign-in button, then check where it is.
        await page.Locator("[data-testid='aanmelden-oidc']").WaitForAsync();
        Assert.Contains("/aanmelden", page.Url, StringComparison.Ordinal);
        Assert.Empty(Axe.Serious(await Axe.RunAsync(page, "aanmelden-oidc", database.Provider)));
        await page.Locator("[data-testid='aanmelden-oidc']").ClickAsync();

        // The provider's own login page (another origin): a wrong password first, then the right one.
        await page.WaitForURLAsync(url => url.StartsWith(provider.Authority.ToString().TrimEnd('/'), StringComparison.Ordinal));
        await page.Locator("#username").FillAsync("carla");
        await page.Locator("#password").FillAsync("fout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).WaitForAsync();
        await page.Locator("#username").FillAsync("carla");
        await page.Locator("#password").FillAsync(IdentityProviderProcess.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();

        // Back on the service: the callback exchanges the code and the werkvoorraad opens, for Carla of Woerden.
        var werkvoorraad = new WerkvoorraadPage(page);
        await werkvoorraad.WaitLoadedAsync();
        Assert.StartsWith(origin + "/werkvoorraad", page.Url, StringComparison.Ordinal);
        Assert.Contains("Carla", await page.Locator("[data-testid='gebruiker']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);

        // A reload keeps the sign-in (the token is kept for this tab).
        await page.ReloadAsync();
        await werkvoorraad.WaitLoadedAsync();
    }
}
