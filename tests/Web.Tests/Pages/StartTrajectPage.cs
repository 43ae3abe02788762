using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Pages;

/// <summary>Starting a traject by hand from a melding.</summary>
public sealed class StartTrajectPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync()
    {
        await page.GotoAsync("/trajecten/nieuw");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe melding: traject starten" }).WaitForAsync();
    }

    /// <summary>Fills in the melding and starts; returns the new traject's id (from the dossier's URL).</summary>
    public async Task<Guid> StartAsync(string bsn, string naam, string gemeente, string gebeurtenis)
    {
        await page.GetByLabel("BSN").FillAsync(bsn);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(naam);
        await page.GetByLabel("Gemeente").SelectOptionAsync(gemeente);
        await page.GetByLabel("Wat is er gemeld?").SelectOptionAsync(gebeurtenis);
        await page.GetByRole(AriaRole.Button, new() { Name = "Traject starten" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/trajecten/", StringComparison.Ordinal) && !url.EndsWith("/nieuw", StringComparison.Ordinal));
        return Guid.Parse(page.Url.Split('/').Last().Split('?')[0]);
    }
}
