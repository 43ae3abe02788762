using System.Text.Json;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Support;

/// <summary>One accessibility finding of axe-core.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, int Nodes, string Targets);

/// <summary>
/// Runs axe-core (the front end's own dev dependency, src/Web/node_modules/axe-core) in the page against WCAG 2.1 A and AA,
/// and records the result per page in TestResults/axe-&lt;database&gt;.txt for the report.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() =>
    {
        var path = Path.Combine(Inburgering.Tests.ServerProcess.RepositoryRoot(), "src", "Web", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"axe-core not found at {path}: the server's build runs `npm ci` in src/Web.");
    });

    private static readonly Lock Gate = new();

    /// <param name="exclude">CSS selectors left out of the check (each with its reason at the caller), e.g. a drawing canvas.</param>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page, string pageName, string database, IReadOnlyList<string>? exclude = null)
    {
        // Evaluated through the DevTools protocol, not as an inline <script>: the service's Content-Security-Policy (script-src
        // 'self') rightly blocks inline scripts, and the check must not weaken the policy it runs under.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script.Value + "\n;void 0");
        }

        var json = await page.EvaluateAsync<JsonElement>(
            """
            async (exclude) => {
              const context = exclude.length > 0 ? { include: [document], exclude: exclude.map(s => [s]) } : document;
              const result = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.map(v => ({ id: v.id, impact: v.impact || 'minor', help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') }));
            }
            """,
            exclude ?? []);
        var violations = json.EnumerateArray()
            .Select(v => new AxeViolation(v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!, v.GetProperty("nodes").GetInt32(), v.GetProperty("targets").GetString()!))
            .ToList();
        Record(pageName, database, violations);
        return violations;
    }

    /// <summary>Runs axe on the page as it stands and fails on serious or critical findings (no screenshot).</summary>
    public static async Task AssertNoSeriousAsync(IPage page, string pageName, string database, IReadOnlyList<string>? exclude = null)
    {
        var serious = Serious(await RunAsync(page, pageName, database, exclude));
        Assert.True(serious.Count == 0, $"{pageName}: {string.Join("; ", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Targets})"))}");
    }

    public static IReadOnlyList<AxeViolation> Serious(IEnumerable<AxeViolation> violations) =>
        violations.Where(v => v.Impact is "serious" or "critical").ToList();

    private static void Record(string pageName, string database, List<AxeViolation> violations)
    {
        var folder = Path.Combine(Inburgering.Tests.ServerProcess.RepositoryRoot(), "tests", "Web.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        var counts = string.Join(", ", new[] { "critical", "serious", "moderate", "minor" }.Select(i => $"{i} {violations.Count(v => v.Impact == i)}"));
        var lines = new List<string> { $"{pageName}: {counts}" };
        lines.AddRange(violations.Select(v => $"  {v.Impact} {v.Id} ({v.Nodes}): {v.Help} — {v.Targets}"));
        lock (Gate)
        {
            File.AppendAllLines(Path.Combine(folder, $"axe-{database}.txt"), lines);
        }
    }
}
