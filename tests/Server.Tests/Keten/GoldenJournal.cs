using System.Text;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators.Keten;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Golden journals: the path a keten scenario takes, kept as a checked-in file (tests/Server.Tests/Keten/Golden/{test}.txt) and
/// compared at the end of the scenario on SQLite and on PostgreSQL (one file for both). The file lists, per person of the
/// scenario, every instance (parents before the instances they called, by start) with its journal as event type and element id in
/// journal order (see <see cref="Canonical"/> for the two places where the database's order is not the engine's): no ids, no
/// timestamps. An engine change that would move live three-year instances along another path (other
/// elements, other events, another order) fails the build here. When a change is meant, regenerate the files with
/// <c>INBURGERING_GOLDEN=update bash tests/run.sh --filter FullyQualifiedName~Tests.Keten</c>, read the diff and commit it.
/// </summary>
public static class GoldenJournal
{
    public const string Variable = "INBURGERING_GOLDEN";

    private static readonly Lock Gate = new();

    /// <summary>Compares the scenario's journals with its golden file (or writes the file when <c>INBURGERING_GOLDEN=update</c>).</summary>
    public static async Task AssertAsync(string scenario, DatabaseProvider provider, params Inburgeraar[] persons)
    {
        var actual = await RenderAsync(scenario, persons);
        var file = Path.Combine(ServerProcess.RepositoryRoot(), "tests", "Server.Tests", "Keten", "Golden", scenario + ".txt");
        if (Environment.GetEnvironmentVariable(Variable) == "update")
        {
            lock (Gate)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, actual);
            }

            return;
        }

        Assert.True(File.Exists(file), $"No golden journal for {scenario} at {file}. Write it with {Variable}=update (see {nameof(GoldenJournal)}) and commit it.");
        var expected = (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var saved = Path.Combine(Path.GetTempPath(), "inburgering-golden", $"{scenario}.{provider}.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
        await File.WriteAllTextAsync(saved, actual);
        Assert.Fail($"The journals of {scenario} on {provider} differ from {file} (this run's journals: {saved}).\n{FirstDifference(expected, actual)}\n"
            + $"If the engine or the definitions changed the path on purpose, regenerate with {Variable}=update, read the diff and commit it.");
    }

    /// <summary>The scenario's journals as text: per person, the instances depth first (children by start), each with its journal.</summary>
    public static async Task<string> RenderAsync(string scenario, IReadOnlyList<Inburgeraar> persons)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(scenario).Append(": journals per instance (element id, event type), parents before the instances they called\n");
        var keys = persons.Select(p => p.Key).Distinct(StringComparer.Ordinal).ToList();
        var driver = persons[0].Keten;
        for (var i = 0; i < keys.Count; i++)
        {
            text.Append("\n## persoon ").Append(i + 1).Append('\n');
            var instances = await driver.InstancesAsync(keys[i]);
            var children = instances.Where(x => x.ParentInstanceId is not null).ToLookup(x => x.ParentInstanceId!.Value);
            foreach (var root in Ordered(instances.Where(x => x.ParentInstanceId is null || instances.All(y => y.Id != x.ParentInstanceId))))
            {
                await RenderAsync(driver, root, children, 0, text);
            }
        }

        return text.ToString();
    }

    private static async Task RenderAsync(KetenDriver driver, KetenInstanceSummary instance, ILookup<Guid, KetenInstanceSummary> children, int depth, StringBuilder text)
    {
        var indent = new string(' ', depth * 4);
        text.Append('\n').Append(indent).Append(instance.DefinitionKey).Append(" [").Append(instance.Gemeente).Append("] ").Append(instance.Status).Append('\n');
        foreach (var line in Canonical(await driver.JournalAsync(instance.Id)))
        {
            text.Append(indent).Append("  ").Append(line).Append('\n');
        }

        foreach (var child in Ordered(children[instance.Id]))
        {
            await RenderAsync(driver, child, children, depth + 1, text);
        }
    }

    /// <summary>
    /// The journal as lines "type element", in journal order except where the engine's order carries no meaning: steps of one
    /// instance at the same virtual moment (timers due together, partner calls due together: the dispatcher takes them in the
    /// database's order, which differs between SQLite and PostgreSQL) are sorted by their text, and so are the cancellations
    /// within one step (the tokens of a terminated scope). A step begins at its trigger (a start, a task completion, a timer, a
    /// partner call's outcome, a message, a called instance ending, an error, a retried incident) or at a new moment.
    /// </summary>
    public static IEnumerable<string> Canonical(IReadOnlyList<KetenJournalEntry> journal)
    {
        var steps = new List<(DateTimeOffset At, List<string> Lines)>();
        foreach (var entry in journal)
        {
            var line = entry.ElementId is { } element ? $"{entry.Type} {element}" : entry.Type;
            if (steps.Count == 0 || steps[^1].At != entry.At || Triggers.Contains(entry.Type))
            {
                steps.Add((entry.At, []));
            }

            steps[^1].Lines.Add(line);
        }

        return steps
            .Select(step => (step.At, Text: string.Join('\n', SortCancellations(step.Lines))))
            .GroupAdjacent(step => step.At)
            .SelectMany(moment => moment.Select(step => step.Text).Order(StringComparer.Ordinal))
            .SelectMany(text => text.Split('\n'));
    }

    private static readonly HashSet<string> Triggers = new(StringComparer.Ordinal)
    {
        "instance-started", "task-completed", "task-approved", "timer-fired", "job-completed", "message-correlated", "call-completed", "error-thrown", "incident-resolved",
    };

    private static readonly HashSet<string> Cancellations = new(StringComparer.Ordinal) { "element-cancelled", "task-cancelled" };

    private static IEnumerable<string> SortCancellations(List<string> lines)
    {
        var run = new List<string>();
        foreach (var line in lines)
        {
            if (Cancellations.Contains(line.Split(' ')[0]))
            {
                run.Add(line);
                continue;
            }

            foreach (var cancelled in run.Order(StringComparer.Ordinal))
            {
                yield return cancelled;
            }

            run.Clear();
            yield return line;
        }

        foreach (var cancelled in run.Order(StringComparer.Ordinal))
        {
            yield return cancelled;
        }
    }

    private static IEnumerable<List<T>> GroupAdjacent<T, TKey>(this IEnumerable<T> items, Func<T, TKey> key)
    {
        var group = new List<T>();
        foreach (var item in items)
        {
            if (group.Count > 0 && !EqualityComparer<TKey>.Default.Equals(key(group[0]), key(item)))
            {
                yield return group;
                group = [];
            }

            group.Add(item);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private static IEnumerable<KetenInstanceSummary> Ordered(IEnumerable<KetenInstanceSummary> instances) =>
        instances.OrderBy(x => x.StartedAt).ThenBy(x => x.DefinitionKey, StringComparer.Ordinal).ThenBy(x => x.Gemeente, StringComparer.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        var from = Math.Max(0, line - 3);
        return $"First difference at line {line + 1}:\n--- golden\n{string.Join('\n', e.Skip(from).Take(8))}\n--- this run\n{string.Join('\n', a.Skip(from).Take(8))}";
    }
}
