using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Inburgering.Server.Tests;

/// <summary>
/// Issue 8: a start-up that cannot succeed stops at once with one or two lines that say what is wrong and how to fix it, and
/// exit code 1 — before it changes anything it need not have changed.
/// </summary>
public sealed class StartupTests
{
    [Fact]
    public async Task PortInUse_StopsBeforeTheDatabaseIsTouched_NamingThePort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var work = Directory.CreateTempSubdirectory("inburgering-startup-").FullName;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync([], work, port));

        AssertRefused(failure.Message, $"port {port}", "already in use");
        Assert.False(File.Exists(Path.Combine(work, "data", "inburgering.sqlite")), "The database was created before the port was checked.");
    }

    [Fact]
    public async Task UnreachablePostgreSql_NamesTheSetting()
    {
        var closed = ServerProcess.FreePort();
        var work = Directory.CreateTempSubdirectory("inburgering-startup-").FullName;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(
            ["--Inburgering:Database", "PostgreSql", "--ConnectionStrings:Inburgering", $"Host=127.0.0.1;Port={closed};Database=x;Username=x;Password=geheim;Timeout=3"], work));

        AssertRefused(failure.Message, "ConnectionStrings:Inburgering", $"Port={closed}");
        Assert.DoesNotContain("geheim", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefinitionsPathOneFolderTooHigh_StopsAndSaysWhereTheDefinitionsAre()
    {
        var work = Directory.CreateTempSubdirectory("inburgering-startup-").FullName;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(
            ["--Inburgering:DefinitionsPath", ServerProcess.RepositoryRoot()], work));

        AssertRefused(failure.Message, "holds no *.bpmn definitions", "workflow-definitions");
    }

    [Fact]
    public async Task ADefinitionThatDoesNotValidate_StopsTheStart_AndNoneIsDeployed()
    {
        var definitions = Directory.CreateTempSubdirectory("inburgering-definitions-").FullName;
        var source = Path.Combine(ServerProcess.RepositoryRoot(), "workflow-definitions");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(definitions, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Sorted last, so every other file would have been deployed before it.
        await File.WriteAllTextAsync(Path.Combine(definitions, "zz-kapot.bpmn"), """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <process id="kapot" isExecutable="true">
                <startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" camunda:candidateGroup="consulent" />
              </process>
            </definitions>
            """);
        var work = Directory.CreateTempSubdirectory("inburgering-startup-").FullName;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(["--Inburgering:DefinitionsPath", definitions], work));

        AssertRefused(failure.Message, "zz-kapot.bpmn", "bpmn.camunda.unknown-attribute");
        Assert.Contains("Nothing was deployed", failure.Message, StringComparison.Ordinal);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(work, "data", "inburgering.sqlite")}");
        await db.OpenAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Definitions";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task JsonLogFormat_WritesOneJsonObjectPerLine_WithUtcTimestamps()
    {
        var work = Directory.CreateTempSubdirectory("inburgering-startup-").FullName;
        await using var server = await ServerProcess.StartAsync(["--Inburgering:Logging:Format=json", "--Inburgering:DeployDefinitionsAtStartup=false"], work);

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var entry = System.Text.Json.Nodes.JsonNode.Parse(line)!;
            Assert.EndsWith("Z", (string)entry["@t"]!, StringComparison.Ordinal);
            Assert.NotNull(entry["@m"]);
        });
        Assert.Contains(lines, l => l.Contains("Inburgering started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_WithTheDevelopmentSwitches_RefusesToStart_NamingEachOne_BeforeTheDatabaseIsTouched()
    {
        var work = Directory.CreateTempSubdirectory("inburgering-startup-").FullName;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(
            ["--Inburgering:SimulationClock=true", "--Inburgering:DevelopmentSignIn=true", "--Inburgering:DemoData=true", "--Inburgering:PartnerSimulators=true"],
            work,
            environment: new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }));

        AssertRefused(failure.Message, "'Production'", "Inburgering:DevelopmentSignIn", "Inburgering:SimulationClock", "Inburgering:DemoData",
            "Inburgering:PartnerSimulators", "Partners:Duo:DuoOin", "ClientCertificateThumbprints", "ASPNETCORE_ENVIRONMENT=Development",
            "placeholder-OIN (duoOinIsPlaceholder)", "Woerden (0632)", "placeholder-contactpersoon voor DUO");
        Assert.False(File.Exists(Path.Combine(work, "data", "inburgering.sqlite")), "The database was created before the posture was checked.");
    }

    [Fact]
    public async Task AnUnknownLogFormat_IsRefused()
    {
        var work = Directory.CreateTempSubdirectory("inburgering-startup-").FullName;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(["--Inburgering:Logging:Format=xml"], work));

        AssertRefused(failure.Message, "Inburgering:Logging:Format", "json");
    }

    /// <summary>Exit code 1, the words that say what and where, and no stack trace.</summary>
    private static void AssertRefused(string message, params string[] words)
    {
        Assert.Contains("exited with 1", message, StringComparison.Ordinal);
        Assert.Contains("Inburgering cannot start", message, StringComparison.Ordinal);
        foreach (var word in words)
        {
            Assert.Contains(word, message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", message, StringComparison.Ordinal);
    }
}
