using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>Starts real server processes on a test database, with the settings the durability tests share.</summary>
public static class DurableServers
{
    /// <summary>
    /// Arguments for a server on <paramref name="database"/>: development sign-in, no definitions deployed at start-up, no
    /// in-process simulators (partners point at <paramref name="partners"/> when given), warnings only in the log.
    /// </summary>
    public static List<string> Arguments(TestDatabase database, PartnerSimulatorHost? partners, params string[] extra)
    {
        var arguments = new List<string>
        {
            "--Inburgering:Database", database.Provider.ToString(),
            "--ConnectionStrings:Inburgering", database.ConnectionString,
            "--Inburgering:DevelopmentSignIn", "true",
            "--Inburgering:DeployDefinitionsAtStartup", "false",
            "--Inburgering:PartnerSimulators", "false",
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning",
        };
        if (partners is not null)
        {
            arguments.AddRange(partners.PartnerArguments());
        }

        arguments.AddRange(extra);
        return arguments;
    }

    public static async Task<ServerProcess> StartAsync(IEnumerable<string> arguments) =>
        await ServerProcess.StartAsync(arguments, Directory.CreateTempSubdirectory("inburgering-durable-").FullName);
}

/// <summary>The API of one server process, signed in as a beheerder for all four gemeenten.</summary>
public sealed class ServerApi : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public ServerApi(Uri baseAddress, string user = "tester")
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Add("X-User", user);
        _http.DefaultRequestHeaders.Add("X-Roles", "consulent,procesontwerper,beheerder");
        _http.DefaultRequestHeaders.Add("X-Gemeenten", "0632,1901,0335,0589");
    }

    public HttpClient Http => _http;

    public async Task DeployAsync(string xml)
    {
        using var content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml");
        using var response = await _http.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), content);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"Deploy failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<Guid> StartAsync(string definitionKey, string businessKey, object variables, string gemeente = "0632")
    {
        using var response = await PostAsync("/api/v1/instances", new { definitionKey, businessKey, gemeente, variables });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Start failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await JsonAsync(response))["id"]!.GetValue<Guid>();
    }

    public async Task<HttpResponseMessage> PostAsync(string url, object? body) =>
        await _http.PostAsJsonAsync(new Uri(url, UriKind.Relative), body, Web);

    public async Task<JsonNode> GetJsonAsync(string url)
    {
        using var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await JsonAsync(response);
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty response.");

    public void Dispose() => _http.Dispose();
}

/// <summary>Polling with a deadline instead of sleeping.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, int intervalMilliseconds = 200)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {timeout}: {what} (last: {value})");
            }

            await Task.Delay(intervalMilliseconds);
        }
    }
}
