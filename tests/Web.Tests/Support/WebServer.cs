using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Tests;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Support;

/// <summary>
/// The real service as a separate process with the demo data (simulation clock, development sign-in, partner simulators),
/// on SQLite or PostgreSQL, and one Chromium for the tests of that database. Built once per database for all its tests.
/// </summary>
public abstract class WebServer : IAsyncLifetime
{
    private TestDatabase? _database;
    private ServerProcess? _server;
    private IPlaywright? _playwright;

    protected abstract string Provider { get; }

    public string Database => Provider;

    public Uri BaseAddress => Server.BaseAddress;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var results = Path.Combine(ServerProcess.RepositoryRoot(), "tests", "Web.Tests", "TestResults");
        Directory.CreateDirectory(results);
        File.Delete(Path.Combine(results, $"axe-{Provider}.txt"));
        _database = await TestDatabase.CreateAsync(Provider);
        var work = Directory.CreateTempSubdirectory("inburgering-web-server-").FullName;
        _server = await ServerProcess.StartAsync(
            [
                "--Inburgering:Database", Provider,
                "--ConnectionStrings:Inburgering", _database.ConnectionString,
                "--Inburgering:SimulationClock=true",
                "--Inburgering:DevelopmentSignIn=true",
                "--Inburgering:DemoData=true",
            ],
            work);

        // The demo runs thirty trajecten through thirty months of virtual time: a generous bound on a busy 2-core machine.
        var ready = await _server.WaitReadyAsync(ServerProcess.ReadyLimit);
        if (ready.Contains("mislukt", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The demo data failed: {ready}\n{_server.Output}");
        }

        // Playwright's default of 5 s for an assertion is too short on a busy machine (see NewPageAsync).
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (its own session storage, so its own sign-in), Dutch, at a desktop size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Every wait ends as soon as what it waits for happens; the bounds only say when to give up. The browser tests share
        // a 2-core machine with the server tests, both databases' servers and the demo: one page load took over 30 s, and CI
        // once saw an action on the Proberen draft field wait 30 s for the page to answer. Hence generous bounds: 90 s for
        // an action or a navigation here, 30 s for an assertion to become true (InitializeAsync).
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        return page;
    }

    /// <summary>The API as a user (development sign-in headers).</summary>
    public HttpClient Api(string user = "henk", string roles = "beheerder,consulent,begeleider,procesontwerper", string gemeenten = "0632,1901,0335,0589")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-User", user);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("X-Gemeenten", gemeenten);
        return client;
    }

    /// <summary>
    /// A new inburgeraar known to DUO (not yet notified), with a leerbaarheidstoets outcome at the intake partner. The BSN
    /// passes the elfproef and is unique per call.
    /// </summary>
    public async Task<string> SeedPersonAsync(string gemeente, string doelgroep = "Asielstatushouder", string? gedetailleerd = null)
    {
        using var api = Api();
        var bsn = NextBsn();
        var clock = await api.GetFromJsonAsync<JsonObject>("api/v1/clock");
        var today = DateOnly.FromDateTime(DateTimeOffset.Parse((string)clock!["now"]!, CultureInfo.InvariantCulture).UtcDateTime);
        using var seeded = await api.PostAsJsonAsync("sim/duo/v1/_sim/personen", new
        {
            bsn,
            gemeentecode = gemeente,
            doelgroep,
            gedetailleerdeDoelgroep = gedetailleerd,
            inburgeringsplichtStart = today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        seeded.EnsureSuccessStatusCode();
        return bsn;
    }

    /// <summary>The leerbaarheidstoets outcome the intake partner gives for this person (by PersoonReferentie).</summary>
    public async Task SeedIntakeAsync(string persoonReferentie)
    {
        using var api = Api();
        using var response = await api.PostAsJsonAsync("sim/intake/v1/_sim/uitslagen", new { persoonReferentie, uitslag = "B1-route haalbaar", behaaldeScore = "47,50", adviesLeerroute = "B1", verschenen = true });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Lets the keten run (partner calls due now, DUO's queued notificaties) until <paramref name="until"/> finds what it waits
    /// for; waits on progress, with a generous bound for a busy machine.
    /// </summary>
    public async Task<T> SettleUntilAsync<T>(Func<HttpClient, Task<T?>> until, string what)
        where T : class
    {
        using var api = Api();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (await until(api) is { } found)
            {
                return found;
            }

            using (await api.PostAsJsonAsync("api/v1/clock/advance", new { duration = "PT1S" }))
            {
            }

            using (await api.PostAsync("sim/duo/v1/_sim/notificaties/bezorgen", null))
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited in vain for {what}.\n{Server.Output[^Math.Min(4000, Server.Output.Length)..]}");
    }

    /// <summary>The open task at <paramref name="elementId"/> of the traject with this business key.</summary>
    public Task<JsonObject> TaskAsync(string persoonReferentie, string elementId) =>
        SettleUntilAsync<JsonObject>(
            async api =>
            {
                var list = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks?businessKey={persoonReferentie}&elementId={elementId}&status=open");
                return list!["items"]!.AsArray().FirstOrDefault()?.AsObject();
            },
            $"task {elementId} of {persoonReferentie}");

    private static int _next = Random.Shared.Next(1, 90_000);

    /// <summary>A made-up BSN that passes the elfproef: 98, six digits, check digit (the demo uses 99…).</summary>
    private static string NextBsn()
    {
        for (var candidate = Interlocked.Increment(ref _next) * 10; ; candidate++)
        {
            var bsn = "98" + (candidate % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (9 - i) * (bsn[i] - '0');
            }

            var check = sum % 11;
            if (check <= 9)
            {
                return bsn + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}

public sealed class SqliteWebServer : WebServer
{
    protected override string Provider => "Sqlite";
}

public sealed class PostgresWebServer : WebServer
{
    protected override string Provider => "PostgreSql";
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteWebServer>
{
    public const string Name = "web on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresWebServer>
{
    public const string Name = "web on PostgreSQL";
}
