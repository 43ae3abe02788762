using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Pages;

/// <summary>The werkvoorraad: tabs with counts, filters, the task list.</summary>
public sealed class WerkvoorraadPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync("/werkvoorraad" + query);
        await WaitLoadedAsync();
    }

    public async Task WaitLoadedAsync()
    {
        await page.GetByRole(AriaRole.Heading, new() { Name = "Werkvoorraad", Level = 1 }).WaitForAsync();
        // The list of the view in the URL, not the previous view's kept in sight while it loads.
        await page.Locator("[data-testid='aantal-taken']:not([data-laden])").WaitForAsync();
    }

    public async Task ShowTabAsync(string tab)
    {
        await page.Locator($"a[data-tab='{tab}']").ClickAsync();
        // Polled, as the traject start's URL (StartTrajectPage): a client-side navigation is not waited for as an event.
        var url = tab == "groep" ? new System.Text.RegularExpressions.Regex("^(?!.*[?&]tab=).*/werkvoorraad") : new System.Text.RegularExpressions.Regex($"[?&]tab={tab}(&|$)");
        await Assertions.Expect(page).ToHaveURLAsync(url);
        await WaitLoadedAsync();
    }

    /// <summary>The number in a tab's counter.</summary>
    public async Task<int> CountAsync(string tab) =>
        int.Parse(await page.Locator($"a[data-tab='{tab}'] .utrecht-badge-counter").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    public Task<IReadOnlyList<string>> GemeentenInListAsync() => page.Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync();

    public async Task<IReadOnlyList<string>> TaskIdsAsync() => await page.Locator("tbody tr[data-task-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.taskId)");

    public async Task FilterAsync(string label, string value)
    {
        await page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(value);
        await WaitLoadedAsync();
    }

    public Task<string> MessageAsync() => page.Locator("[data-testid='melding']").InnerTextAsync();

    public async Task<TaskPage> OpenTaskAsync(string taskId)
    {
        await page.Locator($"tr[data-task-id='{taskId}'] td:first-child a").ClickAsync();
        var task = new TaskPage(page);
        await task.WaitLoadedAsync();
        return task;
    }
}
