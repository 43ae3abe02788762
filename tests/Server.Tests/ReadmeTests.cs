using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Inburgering.Tests;

/// <summary>The README is the manual: its run command serves the API, and its curl walk-through works as written.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public async Task RunCommand_ServesApiOnSqlite_AndCurlWalkthroughWorksAsWritten()
    {
        var root = ServerProcess.RepositoryRoot();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var blocks = BashBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        var run = blocks.Single(b => b.Contains("dotnet run --project src/Server", StringComparison.Ordinal)).Trim();
        var walkthrough = blocks.Single(b => b.Contains("$API/definitions", StringComparison.Ordinal));

        // The run command's own arguments (after "--"), with the port moved to a free one.
        var arguments = run[(run.IndexOf(" -- ", StringComparison.Ordinal) + 4)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var urls = arguments.IndexOf("--urls");
        Assert.True(urls >= 0, "The README's run command sets --urls.");
        var readmeAddress = arguments[urls + 1];
        arguments.RemoveRange(urls, 2);
        var work = Directory.CreateTempSubdirectory("inburgering-readme-").FullName;

        await using var server = await ServerProcess.StartAsync(arguments, work);
        var script = walkthrough.Replace(readmeAddress, server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);
        var (exit, output) = await BashAsync("set -euo pipefail\n" + script, root);

        Assert.True(exit == 0, $"The walk-through failed ({exit}):\n{output}\nServer:\n{server.Output}");
        Assert.True(File.Exists(Path.Combine(work, "data", "inburgering.sqlite")), "The default database is an SQLite file under data/.");
        Assert.Contains("['Timer_Wacht']", output, StringComparison.Ordinal);
        Assert.Contains("['Receive_Uitslag']", output, StringComparison.Ordinal);
        Assert.Contains("completed", output, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"message-correlated\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\":4", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> BashAsync(string script, string workingDirectory)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
