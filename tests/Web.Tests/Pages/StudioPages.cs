using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Pages;

/// <summary>The studio's start page: the deployed definitions with their versions and running instances.</summary>
public sealed class StudioHomePage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/studio");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Studio", Level = 1 }).WaitForAsync();
    }

    public ILocator Row(string key) => page.Locator($"[data-testid='definitie-{key}']");

    public async Task<ModelerPage> DesignAsync(string key)
    {
        await Row(key).GetByRole(AriaRole.Link, new() { Name = "ontwerpen" }).ClickAsync();
        var modeler = new ModelerPage(page);
        await modeler.WaitLoadedAsync();
        return modeler;
    }
}

/// <summary>The modeler: canvas (bpmn-js), side panel (template, form picker, properties panel), lint and server problems.</summary>
public sealed class ModelerPage(IPage page)
{
    public ILocator Canvas => page.Locator("[data-testid='modeler']");

    public ILocator Element(string id) => Canvas.Locator($".djs-element[data-element-id='{id}']");

    public async Task WaitLoadedAsync()
    {
        await Canvas.Locator(".djs-element.djs-shape").First.WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid='uitrollen']")).ToBeEnabledAsync();
    }

    public async Task SelectAsync(string id)
    {
        await Element(id).ClickAsync(new() { Force = true });
        await Assertions.Expect(page.Locator("[data-testid='geselecteerd']")).ToHaveAttributeAsync("data-element-id", id);
    }

    /// <summary>The context pad's "append task" on the selected element; returns the id of the new task (selected).</summary>
    public async Task<string> AppendTaskAsync(string after)
    {
        await SelectAsync(after);
        await page.Locator(".djs-context-pad [data-action='append.append-task']").ClickAsync();
        var selected = page.Locator("[data-testid='geselecteerd']");
        await Assertions.Expect(selected).Not.ToHaveAttributeAsync("data-element-id", after);
        await page.Keyboard.PressAsync("Escape");
        return (await selected.GetAttributeAsync("data-element-id"))!;
    }

    /// <summary>The context pad's "change element" menu: e.g. "replace-with-service-task".</summary>
    public async Task ReplaceAsync(string id, string replaceWith)
    {
        await SelectAsync(id);
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        await page.Locator($".djs-popup [data-id='{replaceWith}']").ClickAsync();
    }

    public ILocator LintProblem(string elementId, string code) => page.Locator($"[data-testid='lint-problemen'] li[data-element-id='{elementId}'][data-code='{code}']");

    public ILocator LintSummary => page.Locator("[data-testid='lint-samenvatting']");

    public Task ChooseTemplateAsync(string label) => page.Locator("[data-testid='sjabloon']").SelectOptionAsync(new SelectOptionValue { Label = label });

    public ILocator Properties => page.Locator("[data-testid='eigenschappen']");

    public async Task DeployAsync() => await page.Locator("[data-testid='uitrollen']").ClickAsync();

    public ILocator Status => page.Locator("[data-testid='studio-status']");

    public ILocator Pin(string elementId) => Canvas.Locator($"[data-testid='pin-{elementId}']");

    public ILocator ServerProblem(string elementId, string code) => page.Locator($"[data-testid='server-problemen'] li[data-element-id='{elementId}'][data-code='{code}']");

    public async Task OpenFileAsync(string name, string xml)
    {
        await page.Locator("input[type='file']").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(xml) });
        await Assertions.Expect(Status).ToContainTextAsync(name);
    }
}

/// <summary>Proberen: a draft of one schakel through the keten's scenarios in the sandbox.</summary>
public sealed class ProberenPage(IPage page)
{
    public ILocator Concept => page.Locator("#concept");

    /// <summary>Chooses a definition; its deployed version is loaded into the draft field, which is returned.</summary>
    public async Task<string> ChooseAsync(string key)
    {
        await page.Locator("#definitie").SelectOptionAsync(key);
        await Assertions.Expect(Concept).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("bpmn:definitions"));
        return await Concept.InputValueAsync();
    }

    public ILocator Scenario(string name) => page.Locator($"#scenario-{name}");

    public Task StartAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Proefrun starten" }).ClickAsync();

    public ILocator DraftProblem(string elementId) => page.Locator($"[data-testid='concept-fouten'] li[data-element-id='{elementId}']");
}
