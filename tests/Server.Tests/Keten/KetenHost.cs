using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators.Keten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// The whole service on a real in-process Kestrel (so partner activities reach the in-process simulators over HTTP), on a fresh
/// SQLite or PostgreSQL database, with the simulation clock, development sign-in, the partner simulators and the repository's
/// workflow-definitions deployed at start-up. DUO's notificaties are delivered only when a test says so (no background delivery),
/// so every scenario runs in a fixed order.
/// </summary>
public sealed class KetenHost : WebApplicationFactory<Program>
{
    public const string DevelopmentSecret = "development-only-secret-not-for-production";

    private readonly TestDatabase _database;
    private readonly int _port;
    private readonly int? _demoMonths;
    private readonly Action<IServiceCollection>? _services;

    private KetenHost(TestDatabase database, int port, int? demoMonths = null, Action<IServiceCollection>? services = null)
    {
        _database = database;
        _port = port;
        _demoMonths = demoMonths;
        _services = services;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    private (string Key, string Value)[] _settings = [];

    /// <param name="settings">Settings beside the keten's own (e.g. <c>Inburgering:DefinitionsPath</c> for changed policy files).</param>
    public static async Task<KetenHost> StartAsync(DatabaseProvider provider, params (string Key, string Value)[] settings)
    {
        var host = new KetenHost(await TestDatabases.CreateAsync(provider), ServerProcess.FreePort()) { _settings = settings };
        host.UseKestrel(host._port);
        host.StartServer();
        await host.AlignClockAsync();
        return host;
    }

    /// <summary>
    /// The service with the demo data (the personas run through <paramref name="months"/> months of the keten, see
    /// DemoDataService), with <paramref name="services"/> added (e.g. an <see cref="Simulators.Demo.IDemoWeekObserver"/>);
    /// returns once the demo is built (<c>/health/ready</c>).
    /// </summary>
    public static async Task<KetenHost> StartWithDemoAsync(DatabaseProvider provider, int months, Action<IServiceCollection>? services = null)
    {
        var host = new KetenHost(await TestDatabases.CreateAsync(provider), ServerProcess.FreePort(), months, services);
        host.UseKestrel(host._port);
        host.StartServer();
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + ServerProcess.ReadyLimit;
        while (true)
        {
            using var ready = await client.GetAsync("health/ready");
            var body = await ready.Content.ReadAsStringAsync();
            if (ready.IsSuccessStatusCode)
            {
                return body.Contains("mislukt", StringComparison.Ordinal) ? throw new InvalidOperationException($"The demo data failed: {body}") : host;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo data was not built in {ServerProcess.ReadyLimit}: {body}");
            }

            await Task.Delay(500);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_demoMonths is { } months)
        {
            builder.UseSetting("Inburgering:DemoData", "true");
            builder.UseSetting("Inburgering:Demo:Months", months.ToString(CultureInfo.InvariantCulture));
        }

        if (_services is { } services)
        {
            builder.ConfigureTestServices(services);
        }

        builder.UseSetting("urls", $"http://127.0.0.1:{_port}");
        builder.UseSetting("ConnectionStrings:Inburgering", _database.ConnectionString);
        builder.UseSetting("Inburgering:Database", _database.Provider.ToString());
        builder.UseSetting("Inburgering:SimulationClock", "true");
        builder.UseSetting("Inburgering:DevelopmentSignIn", "true");
        builder.UseSetting("Inburgering:PartnerSimulators", "true");
        builder.UseSetting("Inburgering:DeployDefinitionsAtStartup", "true");
        builder.UseSetting("Partners:Duo:Simulator:AutoDeliver", "false");
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Moves the virtual clock to 10:00 UTC of the next day, so a scenario does not depend on the hour the tests run: deadline
    /// timers fire at 08:00 Amsterdam time, and "advance one week" must cross the 08:00 of the day it lands on.
    /// </summary>
    private async Task AlignClockAsync()
    {
        using var client = Client();
        var now = DateTimeOffset.Parse((string)(await client.GetJsonAsync("api/v1/clock"))["now"]!, CultureInfo.InvariantCulture).ToUniversalTime();
        var target = new DateTimeOffset(now.Date.AddDays(1).AddHours(10), TimeSpan.Zero);
        var seconds = (long)Math.Ceiling((target - now).TotalSeconds);
        await client.PostAsync("api/v1/clock/advance", new { duration = $"PT{seconds}S" }, "klok gelijkzetten");
    }

    /// <summary>
    /// The keten driver on the real Kestrel, working for the gemeenten of all three samenwerkingsverbanden in the policy files
    /// (Ferm Werk, SDD, WerkSaam) as carla, who may also move the clock.
    /// </summary>
    public KetenDriver Driver() => new(
        new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) },
        new KetenDriverOptions
        {
            Beheer = new Medewerker("carla", "consulent,procesontwerper,beheerder"),
            Gemeenten = AlleGemeenten,
        });

    /// <summary>The gemeenten of the three samenwerkingsverbanden in the policy files: Ferm Werk, SDD, WerkSaam.</summary>
    public static readonly string[] AlleGemeenten = ["0632", "1901", "0335", "0589", "0505", "0642", "0590", "0531", "0498", "0388", "0405", "1598", "0420", "0417", "0532"];

    /// <summary>
    /// A client on the real Kestrel, signed in as <paramref name="user"/> with roles, for the four Ferm Werk gemeenten or
    /// <paramref name="gemeenten"/> (comma-separated CBS codes).
    /// </summary>
    public HttpClient Client(string user = "carla", string roles = "consulent,procesontwerper,beheerder", string gemeenten = "0632,1901,0335,0589")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-User", user);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("X-Gemeenten", gemeenten);
        return client;
    }

    public static string ReferentieFor(string bsn) => PersoonReferentie.Compute(System.Text.Encoding.UTF8.GetBytes(DevelopmentSecret), bsn);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>JSON helpers for the scenario tests.</summary>
internal static class KetenJson
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<JsonNode> ReadAsync(this HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
    }

    public static async Task<JsonNode> PostAsync(this HttpClient client, string url, object? body, string what) =>
        await (await client.PostAsJsonAsync(url, body ?? new { }, Web)).ReadAsync(what);

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ReadAsync("GET " + url);

    public static DateOnly Date(this JsonNode? node) => DateOnly.ParseExact(((string)node!)[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
