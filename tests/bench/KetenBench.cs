using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Tests;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Whole trajecten through the keten: the real service (its own process, Kestrel, in-process partner simulators) runs
/// <c>--trajecten</c> inburgeraars through three virtual years with the demo (Inburgering:DemoData, driven by the KetenDriver the
/// keten tests use too, in src/Simulators), every one of them
/// through the API: DUO's notificaties, every task done by a consulent, every timer fired by advancing the clock, every partner
/// call made. Prints wall time, engine steps (transactions) and BPMN element steps per second, on SQLite and PostgreSQL.
/// Asserts nothing.
/// </summary>
internal static class KetenBench
{
    private static readonly string[] Transactions = ["instance-started", "task-completed", "task-approved", "timer-fired", "job-completed", "message-correlated"];

    public static async Task RunAsync(int trajecten, int months, int startWeeks, DatabaseProvider[] providers, string? pgbenchTps)
    {
        Console.WriteLine($"# Keten: {trajecten:N0} trajecten over {months} virtual months (first notificaties spread over {startWeeks} weeks), {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| database | trajecten | finished | wall s | engine steps | steps/s | element steps/s | trajecten/hour | incidents | server peak MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rates = new List<(string Provider, double Seconds)>();
        var splits = new List<string>();
        var where = new List<(string Provider, string Metrics, double CpuSeconds, double PostgresSeconds)>();
        foreach (var provider in providers)
        {
            if (provider == DatabaseProvider.PostgreSql && Environment.GetEnvironmentVariable(TestDatabases.PostgresVariable) is null)
            {
                Console.WriteLine("| PostgreSql | (skipped: INBURGERING_TEST_POSTGRES not set) | | | | | | | | |");
                continue;
            }

            await using var database = await TestDatabases.CreateAsync(provider);
            var statements = provider == DatabaseProvider.PostgreSql ? await StatementStatistics.StartAsync(database.ConnectionString) : null;
            var postgresCpu = provider == DatabaseProvider.PostgreSql ? await BenchProcesses.PostgresCpuAsync(database) : TimeSpan.Zero;
            var writesBefore = provider == DatabaseProvider.PostgreSql ? await BenchProcesses.WriteTransactionIdAsync(database) : 0;
            var work = Directory.CreateTempSubdirectory("inburgering-keten-bench-").FullName;
            var watch = Stopwatch.StartNew();
            await using var server = await ServerProcess.StartAsync(
            [
                "--Inburgering:Database", provider.ToString(),
                "--ConnectionStrings:Inburgering", database.ConnectionString,
                "--Inburgering:SimulationClock=true",
                "--Inburgering:DevelopmentSignIn=true",
                "--Inburgering:DemoData=true",
                $"--Inburgering:Demo:Personas={trajecten}",
                $"--Inburgering:Demo:Months={months}",
                $"--Inburgering:Demo:StartWeeks={startWeeks}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Inburgering.Server.Hosting.Demo=Information",
            ], work);
            var (peak, demo) = await WaitReadyAsync(server, provider);
            var seconds = watch.Elapsed.TotalSeconds;
            var cpuSeconds = BenchProcesses.Stat($"/proc/{server.ProcessId}/stat")?.Cpu.TotalSeconds ?? double.NaN;
            var postgresSeconds = provider == DatabaseProvider.PostgreSql ? (await BenchProcesses.PostgresCpuAsync(database) - postgresCpu).TotalSeconds : double.NaN;
            var writes = provider == DatabaseProvider.PostgreSql ? await BenchProcesses.WriteTransactionIdAsync(database) - writesBefore - 1 : 0;
            using (var http = new HttpClient { BaseAddress = server.BaseAddress })
            {
                where.Add((provider.ToString(), await http.GetStringAsync("/metrics"), cpuSeconds, postgresSeconds));
            }

            await using var db = database.Context();
            var journal = await db.Journal.AsNoTracking().GroupBy(j => j.Type).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var steps = Transactions.Sum(t => journal.GetValueOrDefault(t));
            var elements = journal.GetValueOrDefault("element-entered");
            var roots = await db.Instances.CountAsync(i => i.DefinitionKey == "inburgeringstraject");
            var finished = await db.Instances.CountAsync(i => i.DefinitionKey == "inburgeringstraject" && i.Status != InstanceStatus.Active);
            var incidents = await db.Incidents.CountAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {roots:N0} | {finished:N0} | {seconds:0} | {steps:N0} | {steps / seconds:0} | {elements / seconds:0} | {roots * 3600 / seconds:N0} | {incidents} | {peak:0} |"));
            rates.Add((provider.ToString(), seconds / Math.Max(1, roots)));
            splits.Add($"{provider}: {demo}");

            // What a traject's steps are, and how many distinct moments the clock fired its timers at (one moment's timers
            // of different instances fire in parallel; moments one after the other).
            var moments = await db.Journal.AsNoTracking().Where(j => j.Type == "timer-fired").Select(j => j.At).Distinct().CountAsync();

            // A partner call that needed another attempt ran at its retry's moment, and so did what it started: runs of the
            // same code can differ in their distinct moments that way.
            var retried = await db.Jobs.AsNoTracking().CountAsync(j => j.Attempts > 1);
            var perKind = string.Join(", ", Transactions.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t} {journal.GetValueOrDefault(t) / (double)Math.Max(1, roots):0.0}")));
            splits.Add(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: steps per traject: {perKind}; timers fired at {moments:N0} distinct moments, {journal.GetValueOrDefault("timer-fired") / (double)Math.Max(1, moments):0.0} per moment; {retried:N0} partner calls took more than one attempt"));
            if (provider == DatabaseProvider.PostgreSql)
            {
                // Write transactions only (PostgreSQL's transaction ids; the statistics below count read-only ones too),
                // over the whole run from the server's start: demo data, clock and partner calls.
                splits.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{provider}: {writes / (double)Math.Max(1, roots):0} write transactions per traject; over the run {BenchProcesses.CeilingShare(writes / seconds, pgbenchTps)}"));
            }

            if (statements is not null)
            {
                splits.Add(await statements.ReportAsync(provider.ToString(), roots));
            }
        }

        Console.WriteLine();
        foreach (var split in splits)
        {
            // The demo's own account of its wall time: partners and DUO's meldingen, the week's tasks, the clock's advances.
            Console.WriteLine(split);
        }

        foreach (var (provider, metrics, cpu, postgres) in where)
        {
            // Where the server's time went, from its own /metrics: HTTP requests by endpoint (wall time summed over
            // concurrent requests, so it can exceed the run's wall time; the clock's advances hold the timers and partner
            // calls), and its CPU.
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: the server process used {cpu:0} CPU seconds{(double.IsNaN(postgres) ? "" : $", PostgreSQL {postgres:0}")}. Where its time went (sum of durations, from /metrics):"));
            Console.WriteLine("| what | count | seconds (sum) | ms each |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var row in Sums(metrics, "http_request_duration_seconds", "HTTP").OrderByDescending(r => r.Sum).Take(12))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Count:N0} | {row.Sum:0.0} | {1000 * row.Sum / Math.Max(1, row.Count):0.00} |"));
            }
        }

        if (trajecten < 10_000)
        {
            Console.WriteLine();
            foreach (var (provider, perTraject) in rates)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{provider}: 10,000 trajecten at this rate (linear; the weekly driver overhead shrinks per traject, contention grows): about {perTraject * 10_000 / 60:0} minutes."));
            }
        }

        Console.WriteLine("The demo driver runs one clock for everybody: each virtual week it starts the new inburgeraars, delivers DUO's notificaties, does the tasks that waited their time (Inburgering:Demo:Parallelism inburgeraars at once) and advances the clock (which fires the timers and runs the partner calls due at one moment for several instances at once, Inburgering:Engine:SimulationParallelism).");
    }

    /// <summary>Waits for /health/ready, printing the demo's progress each half minute; returns the server's peak resident memory (MB).</summary>
    private static async Task<(double PeakMegabytes, string Demo)> WaitReadyAsync(ServerProcess server, DatabaseProvider provider)
    {
        var progress = Stopwatch.StartNew();
        var report = await server.WaitReadyAsync(TimeSpan.FromDays(1), waiting =>
        {
            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine($"  {provider}: {Describe(waiting)}");
                progress.Restart();
            }
        });
        if (Describe(report).StartsWith("mislukt", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{provider}: the run failed: {Describe(report)}\n{server.Output}");
        }

        return (PeakMegabytes(server.ProcessId), Describe(report));
    }

    private static string Describe(string report) => (string?)JsonNode.Parse(report)?["checks"]?["demo"]?["description"] ?? report;

    /// <summary>Sum and count per label set of a Prometheus histogram (its _sum and _count lines), labels shortened to their values.</summary>
    private static List<(string Name, double Count, double Sum)> Sums(string metrics, string histogram, string prefix)
    {
        var sums = new Dictionary<string, double>();
        var counts = new Dictionary<string, double>();
        foreach (var line in metrics.Split('\n'))
        {
            foreach (var (suffix, into) in new[] { ("_sum", sums), ("_count", counts) })
            {
                var head = histogram + suffix;
                if (line.StartsWith(head + "{", StringComparison.Ordinal) || line.StartsWith(head + " ", StringComparison.Ordinal))
                {
                    // With labels: name{a="x",b="y"} value; without: name value.
                    var close = line.LastIndexOf('}');
                    var labels = close > 0 ? line[(head.Length + 1)..close] : "";
                    var value = double.Parse(line[((close > 0 ? close : head.Length) + 1)..].Trim(), CultureInfo.InvariantCulture);
                    var name = string.Join(" ", labels.Split(',').Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[1].Trim('"').Length > 0 && p[0] is not "code").Select(p => p[1].Trim('"')));
                    into[name] = into.GetValueOrDefault(name) + value;
                }
            }
        }

        return sums.Select(p => ((prefix + " " + p.Key).Trim(), counts.GetValueOrDefault(p.Key), p.Value)).ToList();
    }

    private static double PeakMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
