using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Server.Hosting;
using Inburgering.Simulators.Demo;
using Inburgering.Simulators.Keten;

namespace Inburgering.Server.Sandbox;

/// <summary>Settings of the sandbox (section <c>Inburgering:Sandbox</c>).</summary>
public sealed class SandboxOptions
{
    /// <summary>How long one sandbox run may take, both of its services together; then it is stopped and reported as timed out.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many months of the keten the scenarios run through (virtual time).</summary>
    public int Months { get; set; } = 30;
}

/// <summary>A draft file: a .bpmn (or a .form) under the name it has in workflow-definitions.</summary>
public sealed record SandboxFile(string Name, string Content);

/// <summary>The verdict for one scenario (a persona on a route of the keten).</summary>
/// <param name="Result">passed, incident, stuck or unexpected-end.</param>
/// <param name="DefinitionKey">Where it stopped (null when passed).</param>
/// <param name="ElementIds">The elements to mark on that diagram.</param>
public sealed record SandboxScenarioResult(string Scenario, int Persona, string Gemeente, string Result, string? DefinitionKey, IReadOnlyList<string> ElementIds, string? Detail);

/// <summary>One sandbox run as its page shows it.</summary>
/// <param name="Status">queued, running, completed, failed (a service did not start: the reason is in <see cref="Detail"/>) or timed-out.</param>
public sealed record SandboxRunView(
    Guid Id,
    string Status,
    string? Detail,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Scenarios,
    int Months,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<SandboxScenarioResult> Results);

/// <summary>
/// Try before publishing: runs the keten's scenarios (the demo personas, each on its route) twice in virtual time — on the
/// deployed definitions and on the same with the draft files in their place — each in a service of its own (a child process
/// with its own SQLite database in memory-backed temporary storage, its own simulation clock and the partner simulators), then
/// compares where every persona ended. Nothing of it touches this service's database. One run at a time; each is bounded by
/// <see cref="SandboxOptions.Timeout"/>, and both services are stopped and their files removed afterwards.
/// </summary>
public sealed class SandboxService(ServerSettings settings, IWebHostEnvironment environment, Microsoft.Extensions.Options.IOptions<SandboxOptions> options, ILogger<SandboxService> logger, TimeProvider time)
    : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Run> _runs = new();
    private readonly SemaphoreSlim _one = new(1, 1);

    public static IReadOnlyList<string> AllScenarios { get; } = Enum.GetNames<DemoRoute>();

    public SandboxRunView Start(IReadOnlyList<SandboxFile> files, IReadOnlyList<DemoRoute> scenarios, int? months, string user)
    {
        var run = new Run(Guid.CreateVersion7(), files, scenarios, time.GetUtcNow(), user) { Months = months ?? options.Value.Months };
        _runs[run.Id] = run;
        foreach (var old in _runs.Values.OrderByDescending(r => r.CreatedAt).Skip(20))
        {
            _runs.TryRemove(old.Id, out _);
        }

        _ = Task.Run(() => ExecuteAsync(run));
        return run.View();
    }

    public SandboxRunView? Find(Guid id) => _runs.TryGetValue(id, out var run) ? run.View() : null;

    public void Dispose() => _one.Dispose();

    private async Task ExecuteAsync(Run run)
    {
        await _one.WaitAsync();
        using var timeout = new CancellationTokenSource(options.Value.Timeout);
        var folder = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"inburgering-sandbox-{run.Id:N}");
        try
        {
            run.Status = "running";
            var definitions = settings.ResolveDefinitionsPath(environment.ContentRootPath)
                ?? throw new SandboxException("De map workflow-definitions is niet gevonden.");
            var baseline = Prepare(Path.Combine(folder, "huidig"), definitions, []);
            var draft = Prepare(Path.Combine(folder, "concept"), definitions, run.Files);
            var secret = $"sandbox-{Guid.NewGuid():N}";
            var outcomes = await Task.WhenAll(
                RunKetenAsync(baseline, secret, run.Scenarios, run.Months, "huidige versies", timeout.Token),
                RunKetenAsync(draft, secret, run.Scenarios, run.Months, "concept", timeout.Token));
            run.Results = Compare(outcomes[0], outcomes[1], Encoding.UTF8.GetBytes(secret), run.Scenarios);
            run.Status = "completed";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            run.Status = "timed-out";
            run.Detail = $"De proefrun duurde langer dan {options.Value.Timeout.TotalMinutes:0} minuten en is gestopt.";
        }
        catch (SandboxException ex)
        {
            run.Status = "failed";
            run.Detail = ex.Message;
        }
#pragma warning disable CA1031 // A run that fails for any reason is reported on its page; the service goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.SandboxFailed(logger, run.Id, ex);
            run.Status = "failed";
            run.Detail = "De proefrun is onverwacht mislukt; zie het log van de service.";
        }
        finally
        {
            run.CompletedAt = time.GetUtcNow();
            _one.Release();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the operating system's temporary storage.
            }
        }
    }

    /// <summary>A copy of workflow-definitions with the draft files in place.</summary>
    private static string Prepare(string folder, string definitions, IReadOnlyList<SandboxFile> files)
    {
        var target = Path.Combine(folder, "workflow-definitions");
        foreach (var file in Directory.EnumerateFiles(definitions, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(definitions, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        foreach (var file in files)
        {
            var name = Path.GetFileName(file.Name);
            var path = name.EndsWith(".form", StringComparison.OrdinalIgnoreCase) ? Path.Combine(target, "forms", name) : Path.Combine(target, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }

        return folder;
    }

    /// <summary>Starts a service on <paramref name="folder"/>, lets the demo run the scenarios, reads where every instance stands, stops it.</summary>
    private async Task<KetenOutcome> RunKetenAsync(string folder, string secret, IReadOnlyList<DemoRoute> scenarios, int months, string what, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Inburgering.Server.dll"));
        void Set(string key, string value)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        Set("urls", $"http://127.0.0.1:{port}");
        Set("contentRoot", environment.ContentRootPath);
        Set("ConnectionStrings:Inburgering", $"Data Source={Path.Combine(folder, "sandbox.sqlite")}");
        Set("Inburgering:Database", "Sqlite");
        Set("Inburgering:SimulationClock", "true");
        Set("Inburgering:DevelopmentSignIn", "true");
        Set("Inburgering:PartnerSimulators", "true");
        Set("Inburgering:DemoData", "true");
        Set("Inburgering:Demo:Months", months.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Inburgering:DefinitionsPath", Path.Combine(folder, "workflow-definitions"));
        Set("Inburgering:DeployDefinitionsAtStartup", "true");
        Set("PersoonReferentie:Secret", secret);
        for (var i = 0; i < scenarios.Count; i++)
        {
            Set($"Inburgering:Demo:Routes:{i}", scenarios[i].ToString());
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var output = new StringBuilder();
        using var process = Process.Start(info) ?? throw new SandboxException("De proefservice kon niet starten.");
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                if (output.Length > 20_000)
                {
                    output.Remove(0, output.Length - 20_000);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    string tail;
                    lock (output)
                    {
                        tail = output.ToString();
                    }

                    throw new SandboxException($"De proefservice met de {what} stopte bij het starten: {Tail(tail)}");
                }

                try
                {
                    using var ready = await http.GetAsync("health/ready", cancellationToken);
                    if (ready.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }

            var driver = new KetenDriver(http, new KetenDriverOptions { Beheer = new Medewerker("sandbox", "consulent,begeleider,beheerder,procesontwerper") });
            var instances = new List<KetenInstance>();
            foreach (var summary in await driver.InstancesAsync(ct: cancellationToken))
            {
                instances.Add(await driver.InstanceAsync(summary.Id, cancellationToken));
            }

            return new KetenOutcome(instances, await driver.OpenIncidentsAsync(cancellationToken));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Where each persona ended on the draft, against where it ended on the deployed definitions.</summary>
    internal static List<SandboxScenarioResult> Compare(KetenOutcome baseline, KetenOutcome draft, byte[] secret, IReadOnlyList<DemoRoute> scenarios)
    {
        var results = new List<SandboxScenarioResult>();
        var personas = DemoPersonas.For(30, 1).Where(p => scenarios.Count == 0 || scenarios.Contains(p.Route)).ToList();
        foreach (var persona in personas)
        {
            var key = PersoonReferentie.Compute(secret, persona.Bsn);
            var ours = draft.Instances.Where(i => i.BusinessKey == key).OrderBy(i => i.StartedAt).ToList();
            var theirs = baseline.Instances.Where(i => i.BusinessKey == key).OrderBy(i => i.StartedAt).ToList();
            var scenario = persona.Route.ToString();
            var incidents = draft.Incidents.Where(x => ours.Any(i => i.Id == x.InstanceId)).ToList();
            if (incidents.Count > 0)
            {
                var first = incidents[0];
                results.Add(new(scenario, persona.Number, persona.Gemeente, "incident", first.DefinitionKey,
                    incidents.Where(x => x.DefinitionKey == first.DefinitionKey).Select(x => x.ElementId).Distinct(StringComparer.Ordinal).ToList(), first.Message));
                continue;
            }

            // Compared per definition, in start order: instances started at the same virtual moment may come in any order.
            (string Result, string Key, IReadOnlyList<string> Elements, string Detail)? verdict = null;
            foreach (var definitionKey in theirs.Concat(ours).Select(i => i.DefinitionKey).Distinct(StringComparer.Ordinal))
            {
                verdict = Difference(
                    theirs.Where(i => i.DefinitionKey == definitionKey).ToList(),
                    ours.Where(i => i.DefinitionKey == definitionKey).ToList(),
                    ours);
                if (verdict is not null)
                {
                    break;
                }
            }

            results.Add(verdict is null
                ? new(scenario, persona.Number, persona.Gemeente, "passed", null, [], null)
                : new(scenario, persona.Number, persona.Gemeente, verdict.Value.Result, verdict.Value.Key, verdict.Value.Elements, verdict.Value.Detail));
        }

        return results;
    }

    private static (string Result, string Key, IReadOnlyList<string> Elements, string Detail)? Difference(List<KetenInstance> expected, List<KetenInstance> actual, List<KetenInstance> all)
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var want = i < expected.Count ? expected[i] : null;
            var got = i < actual.Count ? actual[i] : null;
            if (got is null)
            {
                // The draft never got to this instance: the token stopped in the one before.
                var last = all.LastOrDefault(a => a.Status == "active") ?? all.LastOrDefault();
                return ("stuck", last?.DefinitionKey ?? want!.DefinitionKey, last?.ActiveElements ?? [],
                    $"{want!.DefinitionKey} is op het concept nooit gestart.");
            }

            if (want is not null && Same(want, got))
            {
                continue;
            }

            if (got.Status != "active" && (want is null || want.Status == "active" || want.EndReason != got.EndReason))
            {
                return ("unexpected-end", got.DefinitionKey, got.EndReason is { } end ? [end] : [],
                    want is null
                        ? $"{got.DefinitionKey} liep op het concept, maar niet op de huidige versie, en eindigde bij {got.EndReason}."
                        : $"{got.DefinitionKey} eindigde op het concept bij {got.EndReason}; op de huidige versie {(want.Status == "active" ? "liep het nog" : $"bij {want.EndReason}")}.");
            }

            return ("stuck", got.DefinitionKey, got.ActiveElements,
                want is null
                    ? $"{got.DefinitionKey} staat op het concept bij {string.Join(", ", got.ActiveElements)}."
                    : $"{got.DefinitionKey} staat op het concept bij {string.Join(", ", got.ActiveElements)}; op de huidige versie {(want.Status == "active" ? $"bij {string.Join(", ", want.ActiveElements)}" : $"was het al klaar ({want.EndReason})")}.");
        }

        return null;
    }

    private static bool Same(KetenInstance a, KetenInstance b) =>
        a.DefinitionKey == b.DefinitionKey && a.Status == b.Status && a.EndReason == b.EndReason
        && a.ActiveElements.Order(StringComparer.Ordinal).SequenceEqual(b.ActiveElements.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var relevant = lines.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("bpmn", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).TakeLast(8).ToList();
        return string.Join(" ", relevant.Count > 0 ? relevant : lines.TakeLast(5));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal sealed record KetenOutcome(IReadOnlyList<KetenInstance> Instances, IReadOnlyList<KetenIncident> Incidents);

    private sealed class Run(Guid id, IReadOnlyList<SandboxFile> files, IReadOnlyList<DemoRoute> scenarios, DateTimeOffset createdAt, string user)
    {
        public Guid Id { get; } = id;

        public IReadOnlyList<SandboxFile> Files { get; } = files;

        public IReadOnlyList<DemoRoute> Scenarios { get; } = scenarios;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public string User { get; } = user;

        private volatile string _status = "queued";

        public string Status
        {
            get => _status;
            set => _status = value;
        }

        public int Months { get; init; }

        public string? Detail { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public IReadOnlyList<SandboxScenarioResult> Results { get; set; } = [];

        public SandboxRunView View() => new(
            Id, Status, Detail, Files.Select(f => f.Name).ToList(),
            Scenarios.Count == 0 ? AllScenarios : Scenarios.Select(s => s.ToString()).ToList(),
            Months,
            CreatedAt, CompletedAt, Results);
    }
}

/// <summary>A sandbox run that cannot go on, with the Dutch reason for its page.</summary>
public sealed class SandboxException(string message) : Exception(message);
