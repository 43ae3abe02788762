using System.Net;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests.Sandbox;

/// <summary>
/// Try before publishing: a draft runs through keten scenarios in two sandbox services of its own (current versions and draft,
/// each a child process with its own database and clock); the live database is not touched.
/// </summary>
public sealed class SandboxRunTests
{
    private const string Schakel1 = "schakel1-vaststellen-inburgeringsplicht";

    [Fact]
    public async Task Draft_ThatBreaksAGateway_StopsWithAnIncidentThere_AndAnUnchangedDraftPasses()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var api = factory.As("pim", "procesontwerper");
        var xml = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "workflow-definitions", Schakel1 + ".bpmn"));
        Assert.Contains("${inWi2021}", xml, StringComparison.Ordinal);

        // A harmless change: every scenario ends where it ends today.
        var same = await RunAsync(api, xml.Replace("</bpmn:definitions>", "<!-- concept --></bpmn:definitions>", StringComparison.Ordinal));
        Assert.Equal("completed", (string)same["status"]!);
        var results = same["results"]!.AsArray();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal("passed", (string)r!["result"]!));

        // A condition that cannot be evaluated: the scenario stops with an incident at the gateway of schakel 1.
        var broken = await RunAsync(api, xml.Replace("${inWi2021}", "${nietGedefinieerd.inWi2021}", StringComparison.Ordinal));
        Assert.Equal("completed", (string)broken["status"]!);
        var first = broken["results"]!.AsArray()[0]!;
        Assert.Equal("incident", (string)first["result"]!);
        Assert.Equal(Schakel1, (string)first["definitionKey"]!);
        Assert.Contains("Gw_Wi2021", first["elementIds"]!.AsArray().Select(e => (string)e!));

        // Nothing of it reached this service's database.
        var instances = await (await api.GetAsync("/api/v1/instances")).JsonAsync();
        Assert.Equal(0, (int)instances["total"]!);
    }

    [Fact]
    public async Task Start_RefusesFilesAndScenariosItCannotUse()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var api = factory.As("pim", "procesontwerper");
        var noFiles = await api.PostJsonAsync("/api/v1/studio/sandbox-runs", new { files = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, noFiles.StatusCode);
        var badName = await api.PostJsonAsync("/api/v1/studio/sandbox-runs", new { files = new[] { new { name = "../x.bpmn", content = "<x/>" } } });
        Assert.Equal("sandbox.file-invalid", (string)(await badName.JsonAsync())["code"]!);
        var badScenario = await api.PostJsonAsync("/api/v1/studio/sandbox-runs", new { files = new[] { new { name = "x.bpmn", content = "<x/>" } }, scenarios = new[] { "Onbekend" } });
        Assert.Equal("request.parameter-value-unknown", (string)(await badScenario.JsonAsync())["code"]!);
        using var consulent = factory.As("carla", "consulent");
        Assert.Equal(HttpStatusCode.Forbidden, (await consulent.PostJsonAsync("/api/v1/studio/sandbox-runs", new { files = new[] { new { name = "x.bpmn", content = "<x/>" } } })).StatusCode);
    }

    [Fact]
    public async Task Start_ValidatesTheDraftFirst_AndReturnsItsErrorsPinnedToElements_WithoutARun()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var api = factory.As("pim", "procesontwerper");
        var xml = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "workflow-definitions", Schakel1 + ".bpmn"));
        // A condition that does not parse: deploying would refuse it, so the sandbox does not start.
        var broken = xml.Replace("${inWi2021}", "${inWi2021 &&}", StringComparison.Ordinal);
        var response = await api.PostJsonAsync("/api/v1/studio/sandbox-runs", new { files = new[] { new { name = Schakel1 + ".bpmn", content = broken } }, scenarios = new[] { "GezinB1" }, months = 3 });
        var body = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("sandbox.draft-invalid", (string)body["code"]!);
        var errors = body["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(Schakel1 + ".bpmn", (string)e!["file"]!));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace((string?)e!["message"])));
        Assert.Contains(errors, e => (string?)e!["elementId"] == "Flow_Gw_Wi2021_Task_Aanspraken" && ((string)e!["code"]!).StartsWith("bpmn.condition", StringComparison.Ordinal));
    }

    /// <summary>Starts a run of the GezinB1 scenario over three months and follows it until it ends (bounded by the sandbox's own timeout).</summary>
    private static async Task<JsonNode> RunAsync(HttpClient api, string schakel1)
    {
        var started = await api.PostJsonAsync("/api/v1/studio/sandbox-runs", new
        {
            files = new[] { new { name = Schakel1 + ".bpmn", content = schakel1 } },
            scenarios = new[] { "GezinB1" },
            months = 3,
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (string)(await started.JsonAsync())["id"]!;
        while (true)
        {
            var run = await (await api.GetAsync($"/api/v1/studio/sandbox-runs/{id}")).JsonAsync();
            if ((string)run["status"]! is not ("queued" or "running"))
            {
                return run;
            }

            await Task.Delay(1000);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Inburgering.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
