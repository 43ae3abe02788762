using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Inburgering.Tests;

/// <summary>
/// The README is the manual: its run command serves the API, and its curl walk-through works as written — including its first
/// step, which waits for the demo data however long a busy machine takes, printing the demo's progress.
/// </summary>
public sealed partial class ReadmeTests
{
    /// <summary>The bound on the walk-through's steps after the demo is ready (seconds on an idle machine).</summary>
    private static readonly TimeSpan StepsLimit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task RunCommand_ServesApiOnSqlite_AndCurlWalkthroughWorksAsWritten()
    {
        var root = ServerProcess.RepositoryRoot();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var blocks = BashBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        var runBlock = blocks.Single(b => b.Contains("dotnet run --project src/Server", StringComparison.Ordinal));
        var run = runBlock.Split('\n').Single(l => l.Contains("dotnet run --project src/Server", StringComparison.Ordinal)).Trim();
        var walkthrough = blocks.Single(b => b.Contains("$API/definitions", StringComparison.Ordinal));

        // One build configuration for the run command and the test command, so a newcomer builds once.
        Assert.Contains("dotnet build src/Server -c Release", runBlock, StringComparison.Ordinal);
        Assert.Contains("-c Release --no-build", run, StringComparison.Ordinal);
        Assert.Contains("-c Release", await File.ReadAllTextAsync(Path.Combine(root, "tests", "run.sh")), StringComparison.Ordinal);

        // The run command's own arguments (after "--"), with the port moved to a free one.
        var arguments = run[(run.IndexOf(" -- ", StringComparison.Ordinal) + 4)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var urls = arguments.IndexOf("--urls");
        Assert.True(urls >= 0, "The README's run command sets --urls.");
        var readmeAddress = arguments[urls + 1];
        arguments.RemoveRange(urls, 2);
        var work = Directory.CreateTempSubdirectory("inburgering-readme-").FullName;

        await using var server = await ServerProcess.StartAsync(arguments, work);
        var script = walkthrough.Replace(readmeAddress, server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);

        // The script's step 0 waits for the demo without a bound of its own; the test bounds it by the server's progress.
        using var bash = Bash("set -euo pipefail\n" + script, root);
        try
        {
            await server.WaitReadyAsync(ServerProcess.ReadyLimit);
            using var steps = new CancellationTokenSource(StepsLimit);
            await bash.Process.WaitForExitAsync(steps.Token);
        }
        finally
        {
            if (!bash.Process.HasExited)
            {
                bash.Process.Kill(entireProcessTree: true);
            }
        }

        var output = await bash.OutputAsync();
        Assert.True(bash.Process.ExitCode == 0, $"The walk-through failed ({bash.Process.ExitCode}):\n{output}\nServer:\n{server.Output}");
        Assert.True(File.Exists(Path.Combine(work, "data", "inburgering.sqlite")), "The default database is an SQLite file under data/.");
        Assert.Contains("['Timer_Wacht']", output, StringComparison.Ordinal);
        Assert.Contains("['Receive_Uitslag']", output, StringComparison.Ordinal);
        Assert.Contains("completed", output, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"message-correlated\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\":4", output, StringComparison.Ordinal);

        // The console during the demo: expected events are not failures, and no stack traces.
        var console = server.Output;
        Assert.DoesNotContain(" ERR ", console, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", console, StringComparison.Ordinal);
        Assert.Contains("Demo data built", console, StringComparison.Ordinal);
    }

    private static BashRun Bash(string script, string workingDirectory)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        return new BashRun(process, stdout, stderr);
    }

    private sealed record BashRun(Process Process, Task<string> Stdout, Task<string> Stderr) : IDisposable
    {
        public async Task<string> OutputAsync() => await Stdout + await Stderr;

        public void Dispose() => Process.Dispose();
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
