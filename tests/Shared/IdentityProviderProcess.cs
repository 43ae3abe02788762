using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Inburgering.Tests;

/// <summary>
/// The development identity provider (src/IdentityProvider, OpenIddict) as its own process on a free loopback port; tests
/// get access tokens from it over HTTP with the password grant of client <c>inburgering-tests</c>, and the browser tests sign
/// in on its login page (client <c>inburgering-web</c>, authorization code + PKCE, with the arguments naming the
/// web application's redirect URIs: <c>--IdentityProvider:WebRedirectUris:0</c>).
/// </summary>
public sealed class IdentityProviderProcess : IAsyncDisposable
{
    public const string Password = "inburgering";
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private IdentityProviderProcess(Process process, int port)
    {
        _process = process;
        Authority = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Authority { get; }

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

    public static async Task<IdentityProviderProcess> StartAsync(params string[] extra)
    {
        var port = ServerProcess.FreePort();
        var dll = Locate();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var argument in extra)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the identity provider.");
        var provider = new IdentityProviderProcess(process, port);
        process.OutputDataReceived += (_, e) => provider.Append(e.Data);
        process.ErrorDataReceived += (_, e) => provider.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await provider.WaitReadyAsync(TimeSpan.FromSeconds(120));
        return provider;
    }

    /// <summary>An access token for <paramref name="user"/> (password grant), or the provider's error as an exception.</summary>
    public async Task<string> TokenAsync(string user, string password = Password)
    {
        using var response = await TokenResponseAsync(user, password);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("Empty token response");
        return response.IsSuccessStatusCode
            ? body["access_token"]!.GetValue<string>()
            : throw new InvalidOperationException($"No token for {user}: {body.ToJsonString()}");
    }

    public async Task<HttpResponseMessage> TokenResponseAsync(string user, string password)
    {
        using var http = new HttpClient { BaseAddress = Authority, Timeout = TimeSpan.FromSeconds(60) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "inburgering-tests",
            ["username"] = user,
            ["password"] = password,
            ["scope"] = "openid profile roles gemeenten inburgering-api",
        });
        return await http.PostAsync(new Uri("/connect/token", UriKind.Relative), form);
    }

    /// <summary>The server arguments that make it accept this provider's tokens.</summary>
    public IEnumerable<string> ServerArguments() =>
    [
        "--Inburgering:Authentication:Authority", Authority.ToString().TrimEnd('/'),
        "--Inburgering:Authentication:RequireHttpsMetadata", "false",
    ];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Locate()
    {
        // tests/Server.Tests/bin/<Configuration>/net10.0 → src/IdentityProvider/bin/<Configuration>/net10.0
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var dll = Path.Combine(ServerProcess.RepositoryRoot(), "src", "IdentityProvider", "bin", configuration, output.Name, "Inburgering.IdentityProvider.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"Build src/IdentityProvider first ({configuration}); the test project's build does that through its project reference.", dll);
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Authority, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // reads the redirected output to its end first
                throw new InvalidOperationException($"The identity provider exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The identity provider did not answer within {timeout}:\n{Output}");
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
}
