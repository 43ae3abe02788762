using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Inburgering.Engine;
using Inburgering.Engine.InstanceMigration;
using Inburgering.Engine.Persistence;
using Inburgering.Server.Tests.Keten;
using Inburgering.Simulators;
using Inburgering.Simulators.Demo;
using Inburgering.Simulators.Keten;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Inburgering.Server.Tests.Migration;

/// <summary>
/// Migration of every wait state of every schakel, on SQLite and PostgreSQL. Each keten definition gets a second version (the
/// same file with one added element: a pass-through event before an end event); the demo's personas then run through thirty
/// months of the keten, and every virtual week — after the week's tasks were done, before the partner calls they started have
/// run — every running instance of every definition is migrated to the other version by a batch (version 1 → 2 in even weeks,
/// 2 → 1 in odd ones), in whatever it waits on: open user tasks, timers (intermediate and boundary), message subscriptions
/// (receive tasks, message catches, boundary messages), due partner calls, running called sub-processes and embedded
/// sub-processes. No migration may fail, and the keten must end exactly where the same demo ends without any migration: every
/// instance carries on to its end on the version it was moved to (its timers, tasks and subscriptions kept). Which wait states
/// of which schakel were migrated with an instance in them is written to TestResults/migration-coverage-&lt;database&gt;.txt.
/// </summary>
public sealed class MigrationEveryWaitStateTests(ITestOutputHelper output)
{
    private const int Months = 30;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EveryRunningInstance_MigratedEveryWeek_InEveryWaitState_EndsWhereTheKetenEndsWithoutMigration(DatabaseProvider provider)
    {
        // The keten as the demo leaves it without migration (with the partners down while the tasks are done, as below).
        List<string> baseline;
        await using (var plain = await KetenHost.StartWithDemoAsync(provider, Months, services => services.AddSingleton<IDemoWeekObserver>(sp => new MigrateEveryWeek(sp, migrate: false))))
        {
            baseline = await OutcomeAsync(plain.Driver());
        }

        await using var host = await KetenHost.StartWithDemoAsync(provider, Months, services => services.AddSingleton<IDemoWeekObserver>(sp => new MigrateEveryWeek(sp, migrate: true)));
        var migrator = (MigrateEveryWeek)host.Services.GetRequiredService<IDemoWeekObserver>();
        var outcome = await OutcomeAsync(host.Driver());

        var report = Coverage(migrator);
        await File.WriteAllTextAsync(ResultFile($"migration-coverage-{provider}.txt"), report);
        output.WriteLine(report);

        Assert.True(migrator.Weeks > 100, $"The demo ran {migrator.Weeks} weeks.");
        Assert.True(migrator.Migrated > 1000, $"Only {migrator.Migrated} instance migrations.");
        Assert.Empty(migrator.Failed);
        Assert.Empty(await host.Driver().OpenIncidentsAsync());

        // Every instance carried on to where it ends without migration (same end, same wait, per inburgeraar and definition).
        Assert.Equal(baseline.Count, outcome.Count);
        Assert.Equal(baseline, outcome);

        // Every kind of wait was migrated with an instance in it; every timer, message catch, called process and embedded
        // sub-process of every schakel was (the demo's personas reach them all). User tasks and partner calls on paths no
        // persona takes (handhaving, a refused aanbod, a partner call started by a timer) are listed in the coverage file.
        foreach (var kind in new[] { "task", "timer", "message", "job", "call", "scope" })
        {
            Assert.True(migrator.Covered.Any(c => c.Kind == kind), $"No instance was migrated while waiting at a {kind}.");
        }

        var missed = Definitions()
            .SelectMany(d => WaitStates(XDocument.Load(d.File)).Where(w => w.Kind is "timer" or "message" or "call" or "scope").Select(w => (d.Key, w.Kind, w.Id)))
            .Where(w => !migrator.Covered.Any(c => c.Key == w.Key && c.Id == w.Id))
            .ToList();
        Assert.True(missed.Count == 0, "Not migrated with an instance in them: " + string.Join(", ", missed));
    }

    /// <summary>Per inburgeraar and definition: status, end, where it waits — without ids, versions or times.</summary>
    private static async Task<List<string>> OutcomeAsync(KetenDriver driver)
    {
        var lines = new List<string>();
        foreach (var summary in await driver.InstancesAsync())
        {
            var instance = await driver.InstanceAsync(summary.Id);
            lines.Add($"{instance.BusinessKey}|{instance.DefinitionKey}|{instance.Gemeente}|{instance.Status}|{instance.EndReason}|{string.Join(",", instance.ActiveElements.Order(StringComparer.Ordinal))}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Coverage(MigrateEveryWeek migrator)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{migrator.Weeks} weeks, {migrator.Batches} batches, {migrator.Migrated} instance migrations, {migrator.Failed.Count} failed.");
        foreach (var (key, file) in Definitions())
        {
            var waits = WaitStates(XDocument.Load(file));
            // An element counts when an instance waited there as it was migrated (a user task also reports its token, a timer
            // event its timer; a call activity its running call).
            var covered = waits.Where(w => migrator.Covered.Any(c => c.Key == key && c.Id == w.Id)).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"{key}: {covered.Count} of {waits.Count} wait states migrated with an instance in them");
            foreach (var group in waits.GroupBy(w => w.Kind))
            {
                var missing = group.Where(w => !covered.Contains(w)).Select(w => w.Id).ToList();
                text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Count() - missing.Count}/{group.Count()}{(missing.Count > 0 ? " — not reached by a demo persona at a week's end: " + string.Join(", ", missing) : "")}");
            }
        }

        return text.ToString();
    }

    /// <summary>The keten's definitions: key (the file name) and file.</summary>
    private static IEnumerable<(string Key, string File)> Definitions() =>
        Directory.EnumerateFiles(Path.Combine(ServerProcess.RepositoryRoot(), "workflow-definitions"), "*.bpmn")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), f));

    /// <summary>The elements of a definition where an instance can wait, with the kind of wait migration reports for them.</summary>
    private static List<(string Kind, string Id)> WaitStates(XDocument bpmn)
    {
        XNamespace b = "http://www.omg.org/spec/BPMN/20100524/MODEL";
        var result = new List<(string, string)>();
        foreach (var element in bpmn.Descendants())
        {
            if (element.Name.Namespace != b || element.Attribute("id")?.Value is not { } id)
            {
                continue;
            }

            var timer = element.Element(b + "timerEventDefinition") is not null;
            var message = element.Element(b + "messageEventDefinition") is not null;
            var kind = element.Name.LocalName switch
            {
                "userTask" => "task",
                "receiveTask" => "message",
                "intermediateCatchEvent" or "boundaryEvent" when timer => "timer",
                "intermediateCatchEvent" or "boundaryEvent" when message => "message",
                "serviceTask" or "sendTask" => "job",
                "callActivity" => "call",
                "subProcess" => "scope",
                _ => null,
            };
            if (kind is not null)
            {
                result.Add((kind, id));
            }
        }

        return result;
    }

    private static string ResultFile(string name)
    {
        var folder = Path.Combine(ServerProcess.RepositoryRoot(), "tests", "Server.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>
    /// The same file with one element added: the first flow into an end event gets a pass-through event on its way (no wait
    /// there), so version 2 differs from version 1 by an element and a flow.
    /// </summary>
    internal static string WithAddedElement(string xml)
    {
        var flow = new Regex("<bpmn:sequenceFlow id=\"(?<id>[^\"]+)\"(?<attrs>[^>]*?) targetRef=\"(?<end>End[^\"]*)\" />", RegexOptions.None, TimeSpan.FromSeconds(1)).Match(xml);
        Assert.True(flow.Success, "A flow into an end event.");
        var id = flow.Groups["id"].Value;
        var end = flow.Groups["end"].Value;
        var changed = xml[..flow.Index]
            + $"<bpmn:sequenceFlow id=\"{id}\"{flow.Groups["attrs"].Value} targetRef=\"Migratie_Tussen\" />"
            + "<bpmn:intermediateThrowEvent id=\"Migratie_Tussen\" name=\"Nieuwe versie\" />"
            + $"<bpmn:sequenceFlow id=\"Migratie_Flow\" sourceRef=\"Migratie_Tussen\" targetRef=\"{end}\" />"
            + xml[(flow.Index + flow.Length)..];
        return changed.Replace($"<bpmn:incoming>{id}</bpmn:incoming>", "<bpmn:incoming>Migratie_Flow</bpmn:incoming>", StringComparison.Ordinal);
    }

    /// <summary>
    /// The demo's weekly observer. The partners answer 503 while the week's tasks are done, so the partner calls those tasks
    /// start wait out a back-off (a wait of their own); they are back before the keten settles. With <c>migrate</c> it deploys
    /// version 2 of every definition in the first week and then, each week before the partners come back, migrates every running
    /// instance of every definition to the other version, each definition's batch run to its end before the demo goes on.
    /// </summary>
    private sealed class MigrateEveryWeek(IServiceProvider services, bool migrate) : IDemoWeekObserver
    {
        private static readonly Actor Designer = new("pim", new HashSet<string>(StringComparer.Ordinal) { "procesontwerper" }, null, IsAdministrator: true);
        private static readonly string[] Partners = ["duo", "taalaanbieder", "intake", "uitkering", "brp"];
        private readonly Dictionary<string, (int First, int Second)> _versions = new(StringComparer.Ordinal);

        private ProcessEngine Engine => services.GetRequiredService<ProcessEngine>();

        private SimulatorFailures Failures => services.GetRequiredService<SimulatorFailures>();

        public Task TasksDueAsync(int week, CancellationToken cancellationToken)
        {
            foreach (var partner in Partners)
            {
                Failures.For(partner).Set(new FailurePlan { Down = true, DownMode = DownMode.Unavailable });
            }

            return Task.CompletedTask;
        }

        public async Task WeekWorkedAsync(int week, CancellationToken cancellationToken)
        {
            if (migrate)
            {
                await MigrateAsync(week, cancellationToken);
            }

            foreach (var partner in Partners)
            {
                Failures.For(partner).Reset();
            }
        }

        public int Weeks { get; private set; }

        public int Batches { get; private set; }

        public int Migrated { get; private set; }

        public List<string> Failed { get; } = [];

        public HashSet<(string Key, string Kind, string Id)> Covered { get; } = [];

        private async Task MigrateAsync(int week, CancellationToken cancellationToken)
        {
            Weeks++;
            if (_versions.Count == 0)
            {
                foreach (var file in Directory.EnumerateFiles(Path.Combine(ServerProcess.RepositoryRoot(), "workflow-definitions"), "*.bpmn"))
                {
                    var deployed = await Engine.DeployAsync(WithAddedElement(await File.ReadAllTextAsync(file, cancellationToken)), "migratietest", Designer, cancellationToken);
                    Assert.True(deployed.Succeeded, $"{file}: {string.Join("; ", deployed.Errors)}");
                    var item = Assert.Single(deployed.Definitions);
                    Assert.True(item.IsNew);
                    _versions[item.Key] = (item.Version - 1, item.Version);
                }
            }

            foreach (var (key, (first, second)) in _versions)
            {
                var (from, to) = week % 2 == 0 ? (first, second) : (second, first);
                var draft = await Engine.GenerateMigrationPlanAsync(key, from, key, to, cancellationToken);
                Assert.Empty(draft.Problems);
                MigrationBatchStart started;
                try
                {
                    started = await Engine.StartMigrationBatchAsync(draft.Plan, null, Designer, cancellationToken);
                }
                catch (EngineException ex) when (ex.Code == "migration.no-instances")
                {
                    continue;
                }

                var id = started.BatchId ?? throw new InvalidOperationException($"{key} {from}→{to}: {string.Join("; ", started.PlanProblems.Select(p => p.Error.Message))}");
                Batches++;
                var batch = await Engine.MigrationBatchAsync(id, cancellationToken);
                var deadline = DateTime.UtcNow.AddMinutes(5);
                while (batch.Status != "completed")
                {
                    Assert.True(DateTime.UtcNow < deadline, $"Batch {id} of {key} did not complete.");
                    await Task.Delay(10, cancellationToken);
                    batch = await Engine.MigrationBatchAsync(id, cancellationToken);
                }

                foreach (var item in batch.Items)
                {
                    if (item.Status == "migrated")
                    {
                        Migrated++;
                        foreach (var wait in item.Waits)
                        {
                            Covered.Add((key, wait.Kind, wait.SourceElementId));
                        }
                    }
                    else
                    {
                        Failed.Add($"week {week}, {key} {from}→{to}, {item.InstanceId}: {string.Join("; ", item.Problems.Select(p => $"{p.ElementId} {p.Error.Code} {p.Error.Message}"))}");
                    }
                }
            }
        }
    }
}
