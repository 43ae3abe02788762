using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Inburgering.Activities;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Workflows.Expressions;
using Inburgering.Workflows.Tests.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Inburgering.Workflows.Tests.Studio;

/// <summary>
/// The studio's lint (bpmnlint with the rules in src/Web/src/studio/lint, run in Node by src/Web/scripts/lint-files.mjs)
/// and the server's deploy validation (<see cref="ProcessEngine.Validate"/>, the same checks as deploying, on a real
/// engine with the real activity catalogue and keten functions) give the same verdict and the same element ids for every
/// MIWG reference model (tests/Engine.Tests/Bpmn/Miwg, vendored from shared/conformance/bpmn-miwg) and every keten definition.
/// </summary>
public sealed class LintParityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LintAndDeployValidation_AgreeOnEveryReferenceModelAndKetenDefinition()
    {
        var root = RepoRoot.Find();
        // The MIWG reference models vendored with the engine's conformance tests (a copy of shared/conformance/bpmn-miwg).
        var miwg = Path.Combine(root, "tests", "Engine.Tests", "Bpmn", "Miwg");
        Assert.True(Directory.Exists(miwg), $"The MIWG reference models are missing: {miwg}");
        var files = Directory.GetFiles(miwg, "*.bpmn").Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(Path.Combine(root, "workflow-definitions"), "*.bpmn").Order(StringComparer.Ordinal))
            .ToList();
        Assert.Equal(31, files.Count); // 21 MIWG models, the traject, its five schakels, the two Awb procedures (boete, bezwaartermijn), financieel ontzorgen and the casuïstiekoverleg

        var (server, catalog) = await ServerVerdictsAsync(files);
        var lint = await LintVerdictsAsync(root, files, catalog);

        var table = new StringBuilder("| file | server | lint | server ids | lint ids |\n|---|---|---|---|---|\n");
        var differences = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var s = server[file];
            Assert.True(lint.TryGetValue(file, out var l), $"The lint gave no answer for {name}.");
            table.Append(CultureInvariant($"| {name} | {Verdict(s)} | {Verdict(l!)} | {string.Join(", ", s)} | {string.Join(", ", l!)} |\n"));
            if (!s.SetEquals(l!))
            {
                differences.Add($"{name}: only the server {Join(s.Except(l!))}; only the lint {Join(l!.Except(s))}");
            }
        }

        output.WriteLine(table.ToString());
        Assert.True(differences.Count == 0, "Lint and deploy validation differ:\n" + string.Join("\n", differences));
        Assert.Contains(files, f => server[f].Count > 0);
        Assert.Contains(files, f => server[f].Count == 0);
    }

    private static string Verdict(HashSet<string> ids) => ids.Count == 0 ? "accepted" : "refused";

    private static string Join(IEnumerable<string> ids) => "[" + string.Join(", ", ids) + "]";

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Per file the element ids of the errors (a problem of the file as a whole as "(file)").</summary>
    private static async Task<(Dictionary<string, HashSet<string>> Verdicts, string Catalog)> ServerVerdictsAsync(IReadOnlyList<string> files)
    {
        var database = Path.Combine(Path.GetTempPath(), $"inburgering-parity-{Guid.NewGuid():N}.sqlite");
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PersoonReferentie:Secret"] = "test-secret-of-at-least-16-bytes" }).Build();
        services.AddLogging();
        services.AddKeten(configuration, Path.Combine(RepoRoot.Find(), "workflow-definitions"));
        services.AddProcessEngine(new EngineDatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={database}" });
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<ProcessEngine>();
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var validation = engine.Validate(await File.ReadAllTextAsync(file));
            result[file] = validation.Errors.Select(e => e.ElementId ?? "(file)").ToHashSet(StringComparer.Ordinal);
        }

        // What the modeler reads from the API: the activity types (element templates) and the expression functions.
        var catalog = Path.Combine(Path.GetTempPath(), $"inburgering-parity-catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalog, JsonSerializer.Serialize(new
        {
            activities = provider.GetRequiredService<Inburgering.Engine.Activities.IActivityCatalog>().Descriptors.Select(d => d.Type).ToList(),
            functions = provider.GetRequiredService<Inburgering.Engine.Expressions.IExpressionEvaluator>().Functions.Select(f => f.Name).ToList(),
        }));
        return (result, catalog);
    }

    private static async Task<Dictionary<string, HashSet<string>>> LintVerdictsAsync(string root, IReadOnlyList<string> files, string catalog)
    {
        var web = Path.Combine(root, "src", "Web");
        Assert.True(Directory.Exists(Path.Combine(web, "node_modules", "bpmnlint")), "src/Web/node_modules is missing: run npm ci in src/Web (the server's build does).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine("scripts", "lint-files.mjs"));
        start.ArgumentList.Add("--catalog");
        start.ArgumentList.Add(catalog);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A generous bound for a busy machine: Node lints 27 files in about a second when idle.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"lint-files.mjs failed ({process.ExitCode}): {await stderr}");
        using var json = JsonDocument.Parse(await stdout);
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in json.RootElement.EnumerateObject())
        {
            result[file.Name] = file.Value.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("id").GetString() ?? "(file)").ToHashSet(StringComparer.Ordinal);
        }

        return result;
    }
}
