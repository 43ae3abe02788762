using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Pages;

/// <summary>The development sign-in page: choose a demo user.</summary>
public sealed class SignInPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Aanmelden bij Inburgering" }).WaitForAsync();
    }

    /// <summary>Signs in as a demo user and lands where the application sends them (the werkvoorraad, or back where they were).</summary>
    public async Task AsAsync(string user)
    {
        await page.Locator($"button[data-user='{user}']").ClickAsync();
        await page.Locator("[data-testid='gebruiker']").WaitForAsync();
    }

    public static async Task<WerkvoorraadPage> SignInAsync(IPage page, string user)
    {
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.AsAsync(user);
        var werkvoorraad = new WerkvoorraadPage(page);
        await werkvoorraad.WaitLoadedAsync();
        return werkvoorraad;
    }
}
