using System.Diagnostics;
using System.Globalization;
using Inburgering.Tests;
using Microsoft.EntityFrameworkCore;

/// <summary>What the benchmarks read from or start as other processes: a second engine node, and CPU time from /proc.</summary>
internal static class BenchProcesses
{
    /// <summary>
    /// Starts this program once more as a second engine node (<paramref name="scenario"/>, e.g. <c>engine-node</c>) on the
    /// same database; it talks over standard input and output.
    /// </summary>
    public static Process StartNode(string scenario, string connectionString, params string[] options)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(BenchProcesses).Assembly.Location);
        info.ArgumentList.Add(scenario);
        info.ArgumentList.Add($"--connection={connectionString}");
        foreach (var option in options)
        {
            info.ArgumentList.Add(option);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the second node.");
    }

    /// <summary>PostgreSQL hands out a transaction id only to a transaction that writes (and to this call).</summary>
    public static async Task<long> WriteTransactionIdAsync(TestDatabase database)
    {
        await using var db = database.Context();
        return await db.Database.SqlQueryRaw<long>("SELECT txid_current() AS \"Value\"").SingleAsync();
    }

    /// <summary>
    /// A write-commit rate beside the commit ceiling <c>tests/bench/run.sh</c> measured with <c>pgbench -N</c> on the same
    /// cluster in the same run (<paramref name="pgbenchTps"/>), or a note that the ceiling was not measured.
    /// </summary>
    public static string CeilingShare(double commitsPerSecond, string? pgbenchTps) =>
        double.TryParse(pgbenchTps, NumberStyles.Float, CultureInfo.InvariantCulture, out var tps) && tps > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{commitsPerSecond:0} write commits/s = {commitsPerSecond / tps:P0} of the pgbench -N ceiling ({tps:0} tps, same cluster, same run)")
            : string.Create(CultureInfo.InvariantCulture, $"{commitsPerSecond:0} write commits/s (pgbench ceiling not measured: run through tests/bench/run.sh)");

    /// <summary>
    /// CPU time of the PostgreSQL server: its backends, WAL writer and checkpointer (the postmaster's children, from /proc),
    /// and the children that already ended (the postmaster's own count of its reaped children).
    /// </summary>
    public static async Task<TimeSpan> PostgresCpuAsync(TestDatabase database)
    {
        await using var db = database.Context();
        var dataDirectory = await db.Database.SqlQueryRaw<string>("SELECT current_setting('data_directory') AS \"Value\"").SingleAsync();
        var postmaster = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim();
        return Directory.EnumerateDirectories("/proc")
            .Select(d => Stat(Path.Combine(d, "stat")))
            .Where(stat => stat?.ParentId == postmaster)
            .Aggregate(Stat($"/proc/{postmaster}/stat")?.EndedChildren ?? TimeSpan.Zero, (sum, stat) => sum + stat!.Value.Cpu);
    }

    /// <summary>
    /// A process's parent id, the CPU it used so far (user and system) and that of its ended children it waited for, from
    /// /proc/{pid}/stat; null once it ended.
    /// </summary>
    public static (string ParentId, TimeSpan Cpu, TimeSpan EndedChildren)? Stat(string statFile)
    {
        try
        {
            var text = File.ReadAllText(statFile);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Ticks(int field) => long.Parse(fields[field], CultureInfo.InvariantCulture);
            return (fields[1], TimeSpan.FromSeconds((Ticks(11) + Ticks(12)) / 100.0), TimeSpan.FromSeconds((Ticks(13) + Ticks(14)) / 100.0));
        }
        catch (IOException)
        {
            // The process ended while we read it.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
