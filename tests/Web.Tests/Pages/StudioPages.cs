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
    private readonly List<string> _browserSaid = Listen(page);

    private static List<string> Listen(IPage page)
    {
        var said = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") { lock (said) { said.Add($"{message.Type}: {message.Text}"); } } };
        page.PageError += (_, error) => { lock (said) { said.Add($"pageerror: {error}"); } };
        return said;
    }

    public ILocator Canvas => page.Locator("[data-testid='modeler']");

    public ILocator Element(string id) => Canvas.Locator($".djs-element[data-element-id='{id}']");

    public async Task WaitLoadedAsync()
    {
        await Canvas.Locator(".djs-element.djs-shape").First.WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid='uitrollen']")).ToBeEnabledAsync();
    }

    public async Task SelectAsync(string id)
    {
        if (await page.Locator("[data-testid='geselecteerd']").GetAttributeAsync("data-element-id") == id)
        {
            return;
        }

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
        // The keyboard's "r" (bpmn-js: replace the selected element) opens the same menu as the context pad's wrench; the
        // pad itself moves while the canvas scrolls the new element into view, which makes a pointer click on it racy.
        await SelectAsync(id);
        var entry = page.Locator($".djs-popup [data-id='{replaceWith}']");
        // The shortcut works while the canvas has the keyboard focus (after a label edit was ended with Escape, it may not).
        await Canvas.Locator("svg[tabindex]").First.FocusAsync();
        await page.Keyboard.PressAsync("r");
        try
        {
            await entry.WaitForAsync(new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        }

        await entry.ClickAsync();
    }

    public ILocator LintProblem(string elementId, string code) => page.Locator($"[data-testid='lint-problemen'] li[data-element-id='{elementId}'][data-code='{code}']");

    public ILocator LintSummary => page.Locator("[data-testid='lint-samenvatting']");

    /// <summary>The lint summary says "geen problemen"; if not, the failure names the problems the modeler lists.</summary>
    public async Task ExpectNoLintProblemsAsync()
    {
        try
        {
            await Assertions.Expect(LintSummary).ToContainTextAsync("geen problemen");
        }
        catch (PlaywrightException)
        {
            var problems = page.Locator("[data-testid='lint-problemen'] li");
            var listed = await problems.EvaluateAllAsync<string[]>("items => items.map(i => `${i.dataset.elementId} ${i.dataset.code}: ${i.textContent}`)");
            string browser;
            lock (_browserSaid)
            {
                browser = string.Join(" | ", _browserSaid);
            }

            var template = await page.Locator("[data-testid='sjabloon']").EvaluateAsync<string>("s => s.value").ConfigureAwait(false);
            Assert.Fail($"The lint still finds: {string.Join(" | ", listed)}; template chosen: '{template}'; the browser said: {browser}");
        }
    }

    public Task ChooseTemplateAsync(string label) => page.Locator("[data-testid='sjabloon']").SelectOptionAsync(new SelectOptionValue { Label = label });

    public ILocator Properties => page.Locator("[data-testid='eigenschappen']");

    /// <summary>Renames the element through the properties panel's name field (group "Algemeen").</summary>
    public async Task RenameAsync(string id, string name)
    {
        await SelectAsync(id);
        var field = Properties.Locator("#bio-properties-panel-name");
        if (!await field.IsVisibleAsync())
        {
            await Properties.Locator(".bio-properties-panel-group-header", new() { HasText = "Algemeen" }).First.ClickAsync();
        }

        await field.FillAsync(name);
        await field.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid='geselecteerd'] h2")).ToContainTextAsync(name);
    }

    /// <summary>"Proberen in de keten": the current diagram goes to Proberen as the draft.</summary>
    public async Task<ProberenPage> TryOutAsync()
    {
        await page.Locator("[data-testid='proberen']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='concept-uit-ontwerper']")).ToBeVisibleAsync();
        return new ProberenPage(page);
    }

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

    public ILocator Run => page.Locator("[data-testid='proefrun']");

    /// <summary>Waits until the sandbox run is done (two services run the scenarios in virtual time: minutes on a busy machine).</summary>
    public async Task WaitCompletedAsync()
    {
        await Assertions.Expect(Run.GetByRole(AriaRole.Status)).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Klaar|mislukt|te lang"), new() { Timeout = 900_000 });
        await Assertions.Expect(Run.GetByRole(AriaRole.Status)).ToContainTextAsync("Klaar.");
    }

    /// <summary>The result rows (one per persona) and those that passed.</summary>
    public ILocator Results => Run.Locator("tbody tr");

    public ILocator Passed => Run.Locator("tbody tr", new() { HasText = "geslaagd" });

    public ILocator DeployButton => page.Locator("[data-testid='concept-uitrollen']");

    public ILocator DeployStatus => page.Locator("[data-testid='uitrol-status']");
}

/// <summary>Migreren: choose a definition and two versions, generate and edit the plan, dry run, batch.</summary>
public sealed class MigreerPage(IPage page)
{
    public ILocator Definition => page.Locator("#definitie");

    public ILocator From => page.Locator("#van");

    public ILocator To => page.Locator("#naar");

    public async Task ChooseAsync(string key, int from, int to)
    {
        await Assertions.Expect(Definition.Locator($"option[value='{key}']")).ToHaveCountAsync(1);
        await Definition.SelectOptionAsync(key);
        await From.SelectOptionAsync(from.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await To.SelectOptionAsync(to.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>"Plan maken": the server maps equal ids; the plan's table appears.</summary>
    public async Task MakePlanAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan maken" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Plan:", Level = 2 }).WaitForAsync();
    }

    /// <summary>Unfolds the mapping per element (folded while every element has its equal).</summary>
    public async Task ShowMappingAsync()
    {
        var mapping = page.Locator("[data-testid='koppeling']");
        if (await mapping.GetAttributeAsync("open") is null)
        {
            await mapping.Locator("summary").ClickAsync();
        }

        await Assertions.Expect(mapping).ToHaveAttributeAsync("open", "");
    }

    public async Task HideMappingAsync()
    {
        var mapping = page.Locator("[data-testid='koppeling']");
        if (await mapping.GetAttributeAsync("open") is not null)
        {
            await mapping.Locator("summary").ClickAsync();
        }

        await Assertions.Expect(mapping).Not.ToHaveAttributeAsync("open", "");
    }

    public ILocator PlanSummary => page.Locator("[data-testid='plan-samenvatting']");

    /// <summary>The select that maps a source element (its value is the target element id, empty when not mapped).</summary>
    public ILocator Mapping(string sourceElementId) => page.Locator($"#koppeling-{sourceElementId}");

    /// <summary>Maps a source element to a target (empty: not mapped) and waits until the server's check of the plan came back.</summary>
    public async Task MapAsync(string sourceElementId, string targetElementId)
    {
        await ShowMappingAsync();
        await Mapping(sourceElementId).SelectOptionAsync(targetElementId);
        await Assertions.Expect(Mapping(sourceElementId)).ToHaveValueAsync(targetElementId);
        await Assertions.Expect(DryRunButton).ToBeEnabledAsync();
    }

    public ILocator DryRunButton => page.GetByRole(AriaRole.Button, new() { Name = "Proefmigratie", Exact = true });

    public ILocator MigrateButton => page.GetByRole(AriaRole.Button, new() { Name = "Migreren", Exact = true });

    public ILocator DryRun => page.Locator("[data-testid='proefmigratie']");

    /// <summary>The dry run's row per instance (data-can-migrate true/false).</summary>
    public ILocator DryRunRows(bool? canMigrate = null) =>
        DryRun.Locator(canMigrate is null ? "tr[data-instance-id]" : $"tr[data-instance-id][data-can-migrate='{(canMigrate.Value ? "true" : "false")}']");

    public async Task DryRunAsync(int instances)
    {
        await DryRunButton.ClickAsync();
        await Assertions.Expect(DryRun).ToContainTextAsync($"van {instances} instanties kunnen worden gemigreerd");
    }

    public ILocator Batch => page.Locator("[data-testid='batch']");

    /// <summary>"Migreren" and waits for the batch report to say it is done (each instance in its own transaction).</summary>
    public async Task MigrateAsync()
    {
        await MigrateButton.ClickAsync();
        await Assertions.Expect(Batch.GetByRole(AriaRole.Status)).ToContainTextAsync("Klaar", new() { Timeout = 300_000 });
    }
}
