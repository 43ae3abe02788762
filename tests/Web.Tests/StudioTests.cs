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
