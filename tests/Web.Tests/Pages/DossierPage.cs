using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Pages;

/// <summary>The traject's dossier.</summary>
public sealed class DossierPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(Guid trajectId)
    {
        await page.GotoAsync($"/trajecten/{trajectId}");
        await WaitLoadedAsync();
    }

    public async Task WaitLoadedAsync() => await page.GetByRole(AriaRole.Heading, new() { Name = "Belangrijke data" }).WaitForAsync();

    /// <summary>Waits until bpmn-js drew the diagram and returns the ids of the highlighted (active) elements.</summary>
    public async Task<IReadOnlyList<string>> ActiveElementsInDiagramAsync()
    {
        await page.Locator("[data-testid='diagram'] .djs-element").First.WaitForAsync();
        await page.Locator("[data-testid='diagram'] .djs-element.highlight-active").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return await page.Locator("[data-testid='diagram'] .djs-element.highlight-active").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.elementId)");
    }

    public ILocator KeyDate(string key) => page.Locator($"[data-key-date='{key}']");

    public ILocator Timeline => page.Locator("[data-testid='tijdlijn'] li");

    public async Task OpenSchakelAsync(string definitionKey) => await page.Locator($"button[data-schakel='{definitionKey}']").ClickAsync();
}
