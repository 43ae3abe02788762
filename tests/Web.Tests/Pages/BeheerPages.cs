using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Pages;

/// <summary>Beheer: the overdue page (per kind and gemeente, then one kind's trajecten).</summary>
public sealed class AchterstandenPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string? soort = null)
    {
        await page.GotoAsync(soort is null ? "/beheer/achterstanden" : $"/beheer/achterstanden?soort={soort}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Achterstanden", Exact = true }).WaitForAsync();
        await page.Locator("tr[data-soort]").First.WaitForAsync();
    }

    /// <summary>Whether the te-laat badge of a soort and gemeente is neutral (a zero) rather than an alarm.</summary>
    public async Task<bool> TeLaatNeutralAsync(string soort, string gemeente) =>
        await page.Locator($"tr[data-soort='{soort}'] td[data-gemeente='{gemeente}'] .utrecht-badge-counter.app-badge-counter--neutral").CountAsync() == 1;

    /// <summary>The "te laat" count of a kind for a gemeente code, or "samen" for the samenwerkingsverband.</summary>
    public async Task<int> TeLaatAsync(string soort, string gemeente) =>
        int.Parse(await page.Locator($"tr[data-soort='{soort}'] td[data-gemeente='{gemeente}'] .utrecht-badge-counter").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    public ILocator Rows => page.Locator("[data-testid='achterstand']");

    public async Task ChooseSoortAsync(string soort) => await page.Locator("#filter-soort").SelectOptionAsync(soort);

    public async Task ChooseGemeenteAsync(string code) => await page.Locator("#filter-gemeente").SelectOptionAsync(code);
}

/// <summary>Beheer: the quarter's counts with charts and export.</summary>
public sealed class CijfersPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string? kwartaal = null)
    {
        await page.GotoAsync(kwartaal is null ? "/beheer/cijfers" : $"/beheer/cijfers?kwartaal={kwartaal}");
        await page.Locator("section[data-tabel='memo'] tr[data-rij]").First.WaitForAsync();
    }

    public async Task<int> CellAsync(string tabel, string rij, string gemeente) =>
        int.Parse(await page.Locator($"section[data-tabel='{tabel}'] tr[data-rij='{rij}'] td[data-gemeente='{gemeente}']").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until ECharts drew the chart (an SVG with shapes) and returns the number of bars.</summary>
    public async Task<int> ChartShapesAsync(string key)
    {
        var chart = page.Locator($"[data-testid='grafiek-{key}'] svg path");
        await chart.First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return await chart.CountAsync();
    }

    /// <summary>Clicks an export button and returns the downloaded file's path and suggested name.</summary>
    public async Task<(string Path, string Name)> ExportAsync(string formaat)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"button[data-export='{formaat}']").First.ClickAsync());
        var path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("inburgering-export-").FullName, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return (path, download.SuggestedFilename);
    }
}

/// <summary>Beheer: incidents with filter and retry.</summary>
public sealed class IncidentenPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync($"/beheer/incidenten{query}");
        await page.Locator("[data-testid='aantal-incidenten']").WaitForAsync();
    }

    public ILocator Incident(Guid id) => page.Locator($"[data-incident='{id}']");

    public async Task RetryAsync(Guid id) => await Incident(id).Locator("[data-testid='opnieuw']").ClickAsync();
}

/// <summary>Beheer: partner calls waiting out their back-off, with "nu opnieuw proberen".</summary>
public sealed class WachtendeAanroepenPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync($"/beheer/wachtende-aanroepen{query}");
        await page.Locator("[data-testid='aantal-wachtend']").WaitForAsync();
    }

    public ILocator Call(Guid id) => page.Locator($"[data-aanroep='{id}']");

    public async Task RetryNowAsync(Guid id) => await Call(id).Locator("[data-testid='nu-opnieuw']").ClickAsync();

    public async Task RetryAllNowAsync() => await page.Locator("[data-testid='alles-nu']").ClickAsync();
}
