using System.Diagnostics;
using System.Globalization;

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

    /// <summary>A process's parent id and the CPU it used so far (user and system), from /proc/{pid}/stat; null once it ended.</summary>
    public static (string ParentId, TimeSpan Cpu)? Stat(string statFile)
    {
        try
        {
            var text = File.ReadAllText(statFile);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (fields[1], TimeSpan.FromSeconds(ticks / 100.0));
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
