using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Inburgering.Web.Tests.Pages;
using Inburgering.Web.Tests.Support;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests;

/// <summary>
/// The studio in a real browser against the real server with the demo data, on SQLite and PostgreSQL: a procesontwerper opens
/// schakel 3, adds a service task, sees the lint refuse it at the element, fixes it with an element template from the activity
/// catalogue, fills an input, deploys, sees the new version with the running instances per version, and the diff; a file the
/// server refuses gets its errors pinned to the elements; the form editor previews a form with a traject's data.
/// Every page passes axe (WCAG 2.1 A/AA) without serious findings; the drawing canvases (bpmn-js, form-js) are left out of
/// axe because they are pointer-driven SVG/drag surfaces whose content is also offered as lists (problems, differences) and
/// fields (properties panel), which are checked.
/// </summary>
public abstract class StudioTests(WebServer server)
{
    private const string Schakel3 = "schakel3-brede-intake-en-pip";
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    private async Task CheckAsync(IPage page, string name, params string[] exclude)
    {
        var violations = await Axe.RunAsync(page, name, server.Database, exclude);
        var serious = Axe.Serious(violations);
        Assert.True(serious.Count == 0, $"{name}: {string.Join("; ", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Targets})"))}");
        await Screenshots.TakeAsync(page, name, server.Database);
        Assert.Equal(1, await page.Locator("h1").CountAsync());
    }

    [Fact]
    public async Task Procesontwerper_ChangesSchakel3_WithATemplate_FixesTheLint_Deploys_AndComparesVersions()
    {
        using var api = server.Api("pim", "procesontwerper", "0632,1901,0335,0589");
        var before = await api.GetFromJsonAsync<JsonObject>($"api/v1/studio/definitions/{Schakel3}");
        var oldVersion = (int)before!["latestVersion"]!;
        var page = await server.NewPageAsync();
        try
        {
            var signIn = new SignInPage(page);
            await signIn.OpenAsync("/studio");
            await signIn.AsAsync("pim");
            var home = new StudioHomePage(page);
            await Assertions.Expect(home.Row(Schakel3)).ToBeVisibleAsync();
            await CheckAsync(page, "studio");

            var modeler = await home.DesignAsync(Schakel3);
            await Assertions.Expect(modeler.LintSummary).ToContainTextAsync("geen problemen");

            // A new task after the PIP deadline, made a service task without an activity: the lint refuses it at the element.
            var added = await modeler.AppendTaskAsync("Task_PipTermijn");
            await modeler.ReplaceAsync(added, "replace-with-service-task");
            await Assertions.Expect(modeler.LintProblem(added, "bpmn.service-task.topic-missing")).ToBeVisibleAsync();
            await Assertions.Expect(modeler.Canvas.Locator(".bjsl-overlay").First).ToBeVisibleAsync();

            // The element template "PIP melden bij DUO" from the activity catalogue fixes it; its inputs are typed fields.
            await modeler.SelectAsync(added);
            await modeler.ChooseTemplateAsync("DUO: PIP melden bij DUO");
            await modeler.ExpectNoLintProblemsAsync();
            var invoer = modeler.Properties.Locator(".bio-properties-panel-group-header", new() { HasText = "Invoer" }).First;
            if (!((await invoer.GetAttributeAsync("class")) ?? "").Contains("open", StringComparison.Ordinal))
            {
                await invoer.ClickAsync();
            }

            var leerroute = modeler.Properties.GetByLabel("leerroute", new() { Exact = true });
            await leerroute.FillAsync("${pipLeerroute}");
            await leerroute.PressAsync("Tab");
            await CheckAsync(page, "studio-ontwerpen", "[data-testid='modeler']");

            await modeler.DeployAsync();
            await Assertions.Expect(modeler.Status).ToContainTextAsync($"versie {oldVersion + 1}");
            var xml = await api.GetStringAsync($"api/v1/definitions/{Schakel3}/versions/{oldVersion + 1}/xml");
            Assert.Contains("camunda:topic=\"duo.pip-melden\"", xml, StringComparison.Ordinal);
            Assert.Contains("<camunda:inputParameter name=\"leerroute\">${pipLeerroute}</camunda:inputParameter>", xml, StringComparison.Ordinal);

            // The versions with the instances running on each, as the API counts them.
            await modeler.Status.GetByRole(AriaRole.Link, new() { Name = "Naar de versies" }).ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid='versie-{oldVersion + 1}']")).ToBeVisibleAsync();
            var after = await api.GetFromJsonAsync<JsonObject>($"api/v1/studio/definitions/{Schakel3}");
            foreach (var version in after!["versions"]!.AsArray())
            {
                await Assertions.Expect(page.Locator($"[data-testid='lopend-{(int)version!["version"]!}']")).ToHaveTextAsync(((int)version["activeInstances"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.Equal(0, (int)after["versions"]![0]!["activeInstances"]!);
            await CheckAsync(page, "studio-versies");

            // The diff: the new task is added in the new version.
            await page.GetByRole(AriaRole.Button, new() { Name = "Vergelijken" }).ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid='verschillen'] li[data-kind='added'][data-element-id='{added}']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"[data-testid='diff-nieuw'] .djs-element.diff-added[data-element-id='{added}']")).ToHaveCountAsync(1);
            await CheckAsync(page, "studio-vergelijken", "[data-testid='diff-oud']", "[data-testid='diff-nieuw']");
        }
        finally
        {
            // Later tests on this server start trajecten: the latest schakel 3 is the keten's own again.
            var original = await File.ReadAllTextAsync(Path.Combine(Inburgering.Tests.ServerProcess.RepositoryRoot(), "workflow-definitions", $"{Schakel3}.bpmn"));
            using var restore = await api.PostAsync("api/v1/definitions", new StringContent(original, Encoding.UTF8, "application/xml"));
            Assert.True(restore.IsSuccessStatusCode, await restore.Content.ReadAsStringAsync());
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task DeployRefusedByTheServer_PinsEachErrorToItsElement()
    {
        var page = await server.NewPageAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync("/studio/ontwerpen/nieuw");
        await signIn.AsAsync("pim");
        var modeler = new ModelerPage(page);
        await modeler.WaitLoadedAsync();
        await modeler.OpenFileAsync("script.bpmn", ScriptTaskProcess);
        await Assertions.Expect(modeler.LintProblem("Script_Berekenen", "bpmn.unsupported.script-task")).ToBeVisibleAsync();

        await modeler.DeployAsync();
        await Assertions.Expect(modeler.Status).ToContainTextAsync("Niet uitgerold");
        await Assertions.Expect(modeler.ServerProblem("Script_Berekenen", "bpmn.unsupported.script-task")).ToBeVisibleAsync();
        await Assertions.Expect(modeler.Pin("Script_Berekenen")).ToBeVisibleAsync();
        await CheckAsync(page, "studio-uitrollen-geweigerd", "[data-testid='modeler']");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FormEditor_ShowsTheForm_AndAPreviewWithATrajectsData()
    {
        var page = await server.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") { lock (console) { console.Add($"{message.Type}: {message.Text}"); } } };
        page.PageError += (_, message) => { lock (console) { console.Add($"pageerror: {message}"); } };
        var signIn = new SignInPage(page);
        await signIn.OpenAsync("/studio/formulieren");
        await signIn.AsAsync("pim");
        await page.Locator("a[href='/studio/formulieren/pip-vaststellen']").ClickAsync();
        try
        {
            await page.Locator("[data-testid='formulier-editor'] .fjs-editor-container").WaitForAsync();
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The form editor did not appear; the browser said: {string.Join(" | ", console)}");
        }

        // The palette in Dutch (form-js-editor writes it in fixed English; formEditorDutch.ts keeps it Dutch).
        var editor = page.Locator("[data-testid='formulier-editor']");
        await Assertions.Expect(editor.Locator(".fjs-palette-header")).ToHaveTextAsync("Onderdelen");
        await Assertions.Expect(editor.Locator(".fjs-palette-field[data-field-type='textfield'] .fjs-palette-field-text")).ToHaveTextAsync("Tekstveld");
        await Assertions.Expect(editor.Locator("input.fjs-palette-search")).ToHaveAttributeAsync("placeholder", "Onderdelen zoeken");

        await page.Locator("[data-testid='formulier-voorbeeld'] .fjs-form").WaitForAsync();
        Assert.True(await page.Locator("#voorbeeld-traject option").CountAsync() > 0);
        await CheckAsync(page, "studio-formulier", "[data-testid='formulier-editor']");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Proberen_ADraftTheServerWouldRefuse_GetsItsErrorsPinned_InsteadOfASandboxRun()
    {
        var page = await server.NewPageAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync("/studio/proberen");
        await signIn.AsAsync("pim");
        var proberen = new ProberenPage(page);
        var xml = await proberen.ChooseAsync("schakel4-inburgeren-en-participeren");
        const string condition = "${vgUitkomst === 'leerrouteWisselen'}";
        Assert.Contains(condition, xml, StringComparison.Ordinal);
        await CheckAsync(page, "studio-proberen");

        await proberen.Concept.FillAsync(xml.Replace(condition, "${vgUitkomst ===}", StringComparison.Ordinal));
        await proberen.Scenario("GezinB1").CheckAsync();
        await proberen.StartAsync();
        await Assertions.Expect(proberen.DraftProblem("Flow_Gw_VgUitkomst_User_PipWijzigen")).ToBeVisibleAsync();
        // The pin hangs on the flow with the reason (an element a file does not draw gets it on a drawn neighbour: drawnAnchor.test.ts).
        var pin = page.Locator("[data-testid='stop-diagram'] [data-testid='pin-Flow_Gw_VgUitkomst_User_PipWijzigen']");
        await Assertions.Expect(pin).ToHaveCountAsync(1);
        await Assertions.Expect(pin).ToContainTextAsync("vgUitkomst ===");
        await Assertions.Expect(page.Locator("[data-testid='proefrun']")).ToHaveCountAsync(0);
        await CheckAsync(page, "studio-proberen-fouten", "[data-testid='stop-diagram']");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The issue's "Done when", all in the browser: a procesontwerper opens the studio from <c>/</c>, renames a user task of
    /// schakel 4 in the modeler, tries the draft against keten scenarios in Proberen (sandbox) and sees them pass, deploys it from
    /// there, opens Migreren, does a dry run (nothing changes) and migrates the demo's running schakel 4 instances; afterwards
    /// every one of them runs on the new version.
    /// </summary>
    [Fact]
    public async Task DoneWhen_Procesontwerper_ChangesSchakel4_TriesIt_Deploys_AndMigratesTheRunningDemoInstances()
    {
        using var api = server.Api("pim", "procesontwerper", "0632,1901,0335,0589");
        var before = await api.GetFromJsonAsync<JsonObject>($"api/v1/studio/definitions/{Schakel4}");
        var latest = (int)before!["latestVersion"]!;
        var running = ActiveInstances(before);
        Assert.True(running.Sum(v => v.Value) > 0, "The demo data leaves schakel 4 instances running.");
        var page = await server.NewPageAsync();
        try
        {
            // From the application's start page to the studio.
            var signIn = new SignInPage(page);
            await signIn.OpenAsync("/");
            await signIn.AsAsync("pim");
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Studio", Exact = true }).ClickAsync();
            var home = new StudioHomePage(page);
            await Assertions.Expect(home.Row(Schakel4)).ToBeVisibleAsync();

            // The change, in the modeler: the progress interview gets a clearer name.
            var modeler = await home.DesignAsync(Schakel4);
            await Assertions.Expect(modeler.LintSummary).ToContainTextAsync("geen problemen");
            const string newName = "Voortgangsgesprek voeren en vastleggen";
            await modeler.RenameAsync("User_Vg", newName);
            await modeler.ExpectNoLintProblemsAsync();

            // Tried against the keten's scenarios in the sandbox: every persona ends where it ends today.
            var proberen = await modeler.TryOutAsync();
            await Assertions.Expect(proberen.Concept).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(newName));
            await proberen.Scenario("GezinB1").CheckAsync();
            await proberen.Scenario("AsielZRoute").CheckAsync();
            await proberen.StartAsync();
            await proberen.WaitCompletedAsync();
            var results = await proberen.Results.CountAsync();
            Assert.True(results > 0);
            await Assertions.Expect(proberen.Passed).ToHaveCountAsync(results);
            await CheckAsync(page, "studio-proberen-geslaagd", "[data-testid='stop-diagram']");

            // Deployed from there: the new version is the tried draft.
            await proberen.DeployButton.ClickAsync();
            await Assertions.Expect(proberen.DeployStatus).ToContainTextAsync($"versie {latest + 1}");
            var xml = await api.GetStringAsync($"api/v1/definitions/{Schakel4}/versions/{latest + 1}/xml");
            Assert.Contains($"name=\"{newName}\"", xml, StringComparison.Ordinal);

            // Migreren, reached from the deploy: the versions are chosen; plan, dry run, batch.
            await proberen.DeployStatus.Locator("[data-testid='naar-migreren']").ClickAsync();
            var migreren = new MigreerPage(page);
            await Assertions.Expect(migreren.Definition).ToHaveValueAsync(Schakel4);
            await Assertions.Expect(migreren.To).ToHaveValueAsync((latest + 1).ToString(CultureInfo.InvariantCulture));
            var from = int.Parse(await migreren.From.InputValueAsync(), CultureInfo.InvariantCulture);
            Assert.Equal(latest, from);
            var expected = running.GetValueOrDefault(from);
            Assert.True(expected > 0, $"Instances run on version {from}.");
            await migreren.MakePlanAsync();
            await Assertions.Expect(migreren.PlanSummary).ToContainTextAsync("0 niet gekoppeld");
            await Assertions.Expect(migreren.Mapping("User_Vg")).ToHaveValueAsync("User_Vg");
            await migreren.DryRunAsync(expected);
            await Assertions.Expect(migreren.DryRun).ToContainTextAsync($"{expected} van {expected} instanties");
            Assert.Equal(expected, (await ActiveInstancesAsync(api)).GetValueOrDefault(from));

            await migreren.MigrateAsync();
            await Assertions.Expect(migreren.Batch.GetByRole(AriaRole.Status)).ToContainTextAsync($"Klaar: {expected} gemigreerd, 0 mislukt");
            await Assertions.Expect(migreren.Batch.Locator("tr[data-status='migrated']")).ToHaveCountAsync(expected);

            // Every instance that ran on the old version runs on the new one, and carries on there.
            var after = await ActiveInstancesAsync(api);
            Assert.Equal(0, after.GetValueOrDefault(from));
            Assert.Equal(expected, after.GetValueOrDefault(latest + 1));
        }
        finally
        {
            // Trajecten started later start on the keten's own schakel 4 again.
            var original = await File.ReadAllTextAsync(Path.Combine(Inburgering.Tests.ServerProcess.RepositoryRoot(), "workflow-definitions", $"{Schakel4}.bpmn"));
            using var restore = await api.PostAsync("api/v1/definitions", new StringContent(original, Encoding.UTF8, "application/xml"));
            Assert.True(restore.IsSuccessStatusCode, await restore.Content.ReadAsStringAsync());
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// The draft goes from the modeler to Proberen and back without being deployed: the modeler opens it again with the change
    /// (kept in the browser tab), marked as not deployed; nothing reached the server.
    /// </summary>
    [Fact]
    public async Task Modeler_HandsItsDraftToProberen_AndGetsItBack_WithoutDeploying()
    {
        using var api = server.Api("pim", "procesontwerper", "0632,1901,0335,0589");
        var latest = (int)(await api.GetFromJsonAsync<JsonObject>($"api/v1/studio/definitions/{Schakel4}"))!["latestVersion"]!;
        var page = await server.NewPageAsync();
        try
        {
            var signIn = new SignInPage(page);
            await signIn.OpenAsync($"/studio/ontwerpen/{Schakel4}");
            await signIn.AsAsync("pim");
            var modeler = new ModelerPage(page);
            await modeler.WaitLoadedAsync();
            const string draftName = "Voortgangsgesprek voeren (concept)";
            await modeler.RenameAsync("User_Vg", draftName);

            var proberen = await modeler.TryOutAsync();
            await Assertions.Expect(proberen.Concept).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(draftName)));
            await page.Locator("[data-testid='concept-uit-ontwerper'] [data-testid='terug-naar-ontwerper']").ClickAsync();

            await modeler.WaitLoadedAsync();
            await Assertions.Expect(modeler.Status).ToContainTextAsync("Het concept uit Proberen is geopend");
            await Assertions.Expect(page.GetByText("Niet uitgerolde wijzigingen")).ToBeVisibleAsync();
            await modeler.SelectAsync("User_Vg");
            await Assertions.Expect(page.Locator("[data-testid='geselecteerd'] h2")).ToContainTextAsync(draftName);
            Assert.Equal(latest, (int)(await api.GetFromJsonAsync<JsonObject>($"api/v1/studio/definitions/{Schakel4}"))!["latestVersion"]!);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// The Migreren page on its own: the generated plan maps equal ids; unmapping an element some instances wait at makes the dry
    /// run refuse exactly those instances (with the reason) and change nothing; with the mapping restored a batch migrates them
    /// all and reports per instance.
    /// </summary>
    [Fact]
    public async Task Migreren_GeneratesThePlan_ShowsTheVerdictPerInstance_DryRunChangesNothing_AndTheBatchReports()
    {
        using var api = server.Api("pim", "procesontwerper", "0632,1901,0335,0589");
        var before = await api.GetFromJsonAsync<JsonObject>($"api/v1/studio/definitions/{Schakel4}");
        var running = ActiveInstances(before!);
        var from = running.Where(v => v.Value > 0).Select(v => v.Key).DefaultIfEmpty(0).Max();
        Assert.True(from > 0, "The demo data leaves schakel 4 instances running.");
        var expected = running[from];

        // Instances waiting at the MAP interview (a user task) in the demo: the element the edited plan leaves out.
        var atMap = await CountActiveAtAsync(api, from, "User_Map");
        Assert.True(atMap > 0 && atMap < expected, $"{atMap} of {expected} instances wait at User_Map.");

        // A new version with the same elements (deploying is the modeler's test; here it is only the setting).
        var xml = await api.GetStringAsync($"api/v1/definitions/{Schakel4}/versions/{from}/xml");
        using (var deployed = await api.PostAsync("api/v1/definitions", new StringContent(xml.Replace("</bpmn:definitions>", $"<!-- migreren {Guid.NewGuid():N} --></bpmn:definitions>", StringComparison.Ordinal), Encoding.UTF8, "application/xml")))
        {
            Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        }

        var to = (int)(await api.GetFromJsonAsync<JsonObject>($"api/v1/studio/definitions/{Schakel4}"))!["latestVersion"]!;
        var page = await server.NewPageAsync();
        try
        {
            var signIn = new SignInPage(page);
            await signIn.OpenAsync("/studio/migratie");
            await signIn.AsAsync("pim");
            var migreren = new MigreerPage(page);
            await migreren.ChooseAsync(Schakel4, from, to);
            await migreren.MakePlanAsync();
            await Assertions.Expect(migreren.PlanSummary).ToContainTextAsync("0 niet gekoppeld");
            await Assertions.Expect(migreren.MigrateButton).ToBeDisabledAsync();
            await CheckAsync(page, "studio-migreren");
            await migreren.ShowMappingAsync();
            foreach (var id in new[] { "User_Vg", "User_Map", "Timer_Uren", "Receive_Examen", "Sub_Termijn" })
            {
                await Assertions.Expect(migreren.Mapping(id)).ToHaveValueAsync(id);
            }

            await Axe.AssertNoSeriousAsync(page, "studio-migreren-koppeling", server.Database);

            // The edited plan leaves User_Map out: the instances waiting there cannot be migrated, the others can.
            await migreren.MapAsync("User_Map", "");
            await Assertions.Expect(migreren.PlanSummary).ToContainTextAsync("1 niet gekoppeld (User_Map)");
            await migreren.HideMappingAsync();
            await migreren.DryRunAsync(expected);
            await Assertions.Expect(migreren.DryRun).ToContainTextAsync($"{expected - atMap} van {expected} instanties");
            await Assertions.Expect(migreren.DryRunRows(false)).ToHaveCountAsync(atMap);
            await Assertions.Expect(migreren.DryRunRows(true)).ToHaveCountAsync(expected - atMap);
            await Assertions.Expect(migreren.DryRunRows(false).First).ToContainTextAsync("User_Map");
            await CheckAsync(page, "studio-migreren-proef");

            // The dry run changed nothing.
            var unchanged = await ActiveInstancesAsync(api);
            Assert.Equal(expected, unchanged.GetValueOrDefault(from));
            Assert.Equal(0, unchanged.GetValueOrDefault(to));

            // Mapped again: every instance can go, and the batch takes them all.
            await migreren.MapAsync("User_Map", "User_Map");
            await Assertions.Expect(migreren.PlanSummary).ToContainTextAsync("0 niet gekoppeld");
            await migreren.HideMappingAsync();
            await migreren.DryRunAsync(expected);
            await Assertions.Expect(migreren.DryRunRows(false)).ToHaveCountAsync(0);
            await migreren.MigrateAsync();
            await Assertions.Expect(migreren.Batch.GetByRole(AriaRole.Status)).ToContainTextAsync($"Klaar: {expected} gemigreerd, 0 mislukt, 0 nog te doen van {expected}");
            await Assertions.Expect(migreren.Batch.Locator("tr[data-status='migrated']")).ToHaveCountAsync(expected);
            await CheckAsync(page, "studio-migreren-batch");

            var after = await ActiveInstancesAsync(api);
            Assert.Equal(0, after.GetValueOrDefault(from));
            Assert.Equal(expected, after.GetValueOrDefault(to));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Active instances per version, as the studio's API counts them.</summary>
    private static Dictionary<int, int> ActiveInstances(JsonObject definition) =>
        definition["versions"]!.AsArray().ToDictionary(v => (int)v!["version"]!, v => (int)v!["activeInstances"]!);

    private static async Task<Dictionary<int, int>> ActiveInstancesAsync(HttpClient api) =>
        ActiveInstances((await api.GetFromJsonAsync<JsonObject>($"api/v1/studio/definitions/{Schakel4}"))!);

    /// <summary>How many active instances of schakel 4 on <paramref name="version"/> have a token at <paramref name="elementId"/>.</summary>
    private static async Task<int> CountActiveAtAsync(HttpClient api, int version, string elementId)
    {
        var list = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances?definitionKey={Schakel4}&status=active&pageSize=500");
        var count = 0;
        foreach (var item in list!["items"]!.AsArray())
        {
            var instance = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{(string)item!["id"]!}");
            if ((int)instance!["definitionVersion"]! == version && instance["activeElements"]!.AsArray().Any(e => (string?)e == elementId))
            {
                count++;
            }
        }

        return count;
    }

    private const string ScriptTaskProcess = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs_script" targetNamespace="http://inburgering.nl/test">
          <bpmn:process id="studio-script" name="Met een script" isExecutable="true">
            <bpmn:startEvent id="Start" name="Start" />
            <bpmn:scriptTask id="Script_Berekenen" name="Berekenen" scriptFormat="javascript"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="Einde" name="Einde" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Script_Berekenen" />
            <bpmn:sequenceFlow id="F2" sourceRef="Script_Berekenen" targetRef="Einde" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="studio-script">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="150" y="100" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Script_di" bpmnElement="Script_Berekenen"><dc:Bounds x="240" y="78" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Einde_di" bpmnElement="Einde"><dc:Bounds x="400" y="100" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="186" y="118" /><di:waypoint x="240" y="118" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="340" y="118" /><di:waypoint x="400" y="118" /></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}

[Collection(SqliteCollection.Name)]
public sealed class StudioOnSqlite(SqliteWebServer server) : StudioTests(server);

[Collection(PostgresCollection.Name)]
public sealed class StudioOnPostgres(PostgresWebServer server) : StudioTests(server);
