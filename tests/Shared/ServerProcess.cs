using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Inburgering.Tests;

/// <summary>
/// The real service as a separate process (Kestrel on 127.0.0.1), for tests that restart it, kill it or run two of it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The operating system's id of the server process (for its CPU time and memory).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process ends within <paramref name="timeout"/> (a request may fail a moment before the kill is observed).</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Starts Inburgering.Server.dll (from this test's output) with the given arguments and waits until /health answers.</summary>
    public static async Task<ServerProcess> StartAsync(IEnumerable<string> arguments, string workingDirectory, int? port = null, IDictionary<string, string>? environment = null)
    {
        var chosen = port ?? FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "Inburgering.Server.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{chosen}");
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(Path.Combine(RepositoryRoot(), "src", "Server"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server process.");
        var server = new ServerProcess(process, chosen);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync(StartLimit);
        return server;
    }

    /// <summary>
    /// The overall bound on a start-up (migrations, definitions deployed, Kestrel listening). A busy 2-core CI machine has
    /// taken over a minute; the wait fails earlier when the process makes no progress at all (<see cref="StallLimit"/>).
    /// </summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The overall bound on building the demo data (about 75 s on an idle 2-core machine, several minutes while other builds
    /// run); the wait fails earlier when the server makes no progress (<see cref="StallLimit"/>).
    /// </summary>
    public static readonly TimeSpan ReadyLimit = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a wait goes on without any progress of the server: no CPU time used, no line written, no change in what the
    /// polled endpoint answers. A process that does nothing for this long is hung, however busy the machine is (a process
    /// that is waiting its turn for a core still accrues CPU time between turns within seconds).
    /// </summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(3);

    /// <summary>Waits until <c>/health</c> answers 200, as long as the server progresses, at most <paramref name="limit"/>.</summary>
    public async Task WaitHealthyAsync(TimeSpan limit) => await WaitForAsync("/health", limit, TimeSpan.FromMilliseconds(100));

    /// <summary>
    /// Waits until <c>/health/ready</c> answers 200 (the demo data is built) and returns its report; while waiting, hands every
    /// other report to <paramref name="waiting"/> (the demo's progress). Waits as long as the server progresses (see
    /// <see cref="StallLimit"/>), at most <paramref name="limit"/> overall.
    /// </summary>
    public async Task<string> WaitReadyAsync(TimeSpan limit, Action<string>? waiting = null) =>
        await WaitForAsync("/health/ready", limit, TimeSpan.FromMilliseconds(500), waiting);

    private async Task<string> WaitForAsync(string path, TimeSpan limit, TimeSpan interval, Action<string>? waiting = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var started = DateTime.UtcNow;
        var lastProgress = started;
        var seen = (Cpu: CpuTime(), Output: OutputLength, Body: (string?)null);
        while (true)
        {
            if (_process.HasExited)
            {
                // The parameterless WaitForExit also waits until the redirected output has been read to its end: without it
                // the last lines (a refusal's reason) may not have arrived yet.
                _process.WaitForExit();
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }

            string? body = null;
            try
            {
                using var response = await client.GetAsync(path);
                body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                waiting?.Invoke(body);
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            var now = DateTime.UtcNow;
            var current = (Cpu: CpuTime(), Output: OutputLength, Body: body ?? seen.Body);
            if (current.Cpu > seen.Cpu || current.Output > seen.Output || !string.Equals(current.Body, seen.Body, StringComparison.Ordinal))
            {
                lastProgress = now;
                seen = current;
            }

            if (now - lastProgress > StallLimit)
            {
                throw new TimeoutException($"The server made no progress for {StallLimit} while waiting for {path} (no CPU time, no output, same answer):\n{Output}");
            }

            if (now - started > limit)
            {
                throw new TimeoutException($"The server did not answer {path} within {limit}, though it kept working:\n{Output}");
            }

            await Task.Delay(interval);
        }
    }

    private int OutputLength
    {
        get
        {
            lock (_output)
            {
                return _output.Length;
            }
        }
    }

    private TimeSpan CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero; // exited: the next round reports it
        }
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Inburgering.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Inburgering.sln not found above the test output.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            Kill();
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
