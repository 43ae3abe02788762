using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Pages;

/// <summary>One task: claim, the form-js form, complete, four eyes, hand over.</summary>
public sealed class TaskPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string taskId)
    {
        await page.GotoAsync($"/taken/{taskId}");
        await page.Locator("h1").WaitForAsync();
    }

    public async Task WaitLoadedAsync()
    {
        await page.GetByRole(AriaRole.Complementary, new() { Name = "Over deze taak" }).WaitForAsync();
        await page.Locator("[data-testid='taakformulier'] .fjs-form, [data-testid='taakformulier']").First.WaitForAsync();
    }

    public async Task ClaimAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "In behandeling nemen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Teruggeven aan de groep" }).WaitForAsync();
    }

    /// <summary>Types into a form-js field by its label.</summary>
    public async Task FillAsync(string label, string value) => await Field(label).FillAsync(value);

    public async Task CheckAsync(string label) => await page.Locator("[data-testid='taakformulier']").GetByLabel(label).CheckAsync();

    public ILocator Field(string label) => page.Locator("[data-testid='taakformulier']").GetByLabel(label, new() { Exact = false }).First;

    /// <summary>A form-js date field: typed as the date picker accepts it (dd-mm-jjjj in Dutch), then Enter.</summary>
    public async Task FillDateAsync(string label, DateOnly date)
    {
        var field = Field(label);
        await field.ClickAsync();
        await field.FillAsync(date.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await field.PressAsync("Enter");
    }

    public ILocator CompleteButton => page.GetByRole(AriaRole.Button, new() { Name = "Afronden", Exact = true });

    public async Task CompleteAsync() => await CompleteButton.ClickAsync();

    public async Task ApproveAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Akkoord en afronden" }).ClickAsync();

    public async Task SendBackAsync(string reason)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Terugsturen" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Reden" }).FillAsync(reason);
        await page.GetByRole(AriaRole.Form, new() { Name = "Terugsturen met een reden" }).GetByRole(AriaRole.Button, new() { Name = "Terugsturen" }).ClickAsync();
    }

    public ILocator ErrorSummary => page.Locator("[data-testid='foutoverzicht']");

    public ILocator Alerts => page.Locator(".utrecht-alert");

    public ILocator FieldErrors => page.Locator("[data-testid='taakformulier'] .fjs-form-field-error");
}
