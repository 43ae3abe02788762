using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Server.Tests.Durability;
using Inburgering.Simulators.Keten;
using Xunit.Abstractions;

namespace Inburgering.Server.Tests.Privacy;

/// <summary>
/// Issue 9, item 5 (AVG), on the real server (its own process, the keten's definitions, the partner simulators in-process,
/// the simulation clock) on SQLite and PostgreSQL: every read of a traject's personal data lands in its access log, which a
/// beheerder of its gemeente reads (inzageverzoek); a beheerder exports everything held about a person named by BSN in a POST
/// body; after the gemeente's retention period (virtual time) the retention job erases the personal variables while the
/// journal keeps its events; and no BSN or name reaches a log line of the whole run.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class PrivacyTests(ITestOutputHelper output)
{
    private const string WoerdenBsn = "999990019";
    private const string WoerdenNaam = "Zeynep Privacytoets";
    private const string BodegravenBsn = "999990020";
    private const string BodegravenNaam = "Bas Bewaartermijn";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>How long the retention job may take to erase once the clock is past the period (it looks every second).</summary>
    private static readonly TimeSpan ErasureBound = TimeSpan.FromMinutes(3);

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reads_are_logged_a_person_is_exported_and_erased_after_the_gemeentes_retention_period_and_no_BSN_reaches_the_log(DatabaseProvider provider)
    {
        Assert.Equal(0, Bsn(BodegravenBsn));
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var server = await DurableServers.StartAsync(DurableServers.Arguments(database, null,
            "--Inburgering:SimulationClock", "true",
            "--Inburgering:PartnerSimulators", "true",
            "--Inburgering:DeployDefinitionsAtStartup", "true",
            "--Partners:Duo:Simulator:AutoDeliver", "false",
            "--Inburgering:Privacy:Retention", "P5Y",
            "--Inburgering:Privacy:Gemeenten:0632", "P1Y",
            "--Inburgering:Privacy:ErasureInterval", "00:00:01",
            "--Logging:LogLevel:Default", "Information"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var keten = new KetenDriver(http, new KetenDriverOptions { Beheer = new Medewerker("carla", "consulent,procesontwerper,beheerder") });

        // Two people enter the keten: one in Woerden (retention one year), one in Bodegraven-Reeuwijk (the default, five years).
        var woerden = await StartTrajectAsync(keten, WoerdenBsn, WoerdenNaam, "0632");
        var bodegraven = await StartTrajectAsync(keten, BodegravenBsn, BodegravenNaam, "1901");

        // A consulent of Woerden reads the traject: the dossier, the instance, its journal and a task with its form.
        var carla = Client(server.BaseAddress, "carla", "consulent", "0632");
        Assert.Equal(HttpStatusCode.OK, (await carla.GetAsync(new Uri($"/api/v1/dossiers/{woerden}", UriKind.Relative))).StatusCode);
        var instance = await Json(await carla.GetAsync(new Uri($"/api/v1/instances/{woerden}", UriKind.Relative)));
        Assert.Equal(WoerdenBsn, instance["variables"]!["bsn"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await carla.GetAsync(new Uri($"/api/v1/instances/{woerden}/journal", UriKind.Relative))).StatusCode);
        var open = await keten.OpenTasksAsync(instance["businessKey"]!.GetValue<string>());
        var task = open.Count > 0 ? open[0] : null;
        if (task is not null)
        {
            Assert.Equal(HttpStatusCode.OK, (await carla.GetAsync(new Uri($"/api/v1/tasks/{task.Id}/form", UriKind.Relative))).StatusCode);
        }

        // The inzageverzoek: a beheerder of Woerden sees who read what; a consulent may not ask, another gemeente's beheerder finds nothing.
        var henk = Client(server.BaseAddress, "henk", "beheerder", "0632");
        var log = await Json(await henk.GetAsync(new Uri($"/api/v1/privacy/trajecten/{woerden}/access-log?pageSize=100", UriKind.Relative)));
        var reads = log["items"]!.AsArray().Where(e => e!["user"]!.GetValue<string>() == "carla").Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("dossier.read", reads);
        Assert.Contains("instance.read", reads);
        Assert.Contains("journal.read", reads);
        if (task is not null)
        {
            Assert.Contains("task-form.read", reads);
        }

        Assert.All(log["items"]!.AsArray(), e => Assert.Equal(woerden, e!["rootInstanceId"]!.GetValue<Guid>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await carla.GetAsync(new Uri($"/api/v1/privacy/trajecten/{woerden}/access-log", UriKind.Relative))).StatusCode);
        var elders = Client(server.BaseAddress, "els", "beheerder", "1901");
        Assert.Equal(HttpStatusCode.NotFound, (await elders.GetAsync(new Uri($"/api/v1/privacy/trajecten/{woerden}/access-log", UriKind.Relative))).StatusCode);

        // The export of everything about the person, chosen by BSN in the body; only for a beheerder of the person's gemeente.
        var export = await Json(await henk.PostAsJsonAsync(new Uri("/api/v1/privacy/export", UriKind.Relative), new { bsn = WoerdenBsn }, Web));
        var traject = Assert.Single(export["trajecten"]!.AsArray())!;
        Assert.Equal(woerden, traject["trajectId"]!.GetValue<Guid>());
        Assert.Contains(traject["instances"]!.AsArray(), i => i!["instance"]!["variables"]!["bsn"]?.GetValue<string>() == WoerdenBsn);
        Assert.NotEmpty(traject["instances"]![0]!["journal"]!.AsArray());
        Assert.Contains(traject["accessLog"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "export" && e["user"]!.GetValue<string>() == "henk");
        using (var response = await elders.PostAsJsonAsync(new Uri("/api/v1/privacy/export", UriKind.Relative), new { bsn = WoerdenBsn }, Web))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("privacy.person-not-found", (await Json(response))["code"]!.GetValue<string>());
        }

        using (var response = await henk.PostAsJsonAsync(new Uri("/api/v1/privacy/export", UriKind.Relative), new { bsn = "123456789" }, Web))
        {
            var problem = await Json(response);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("privacy.bsn-invalid", problem["code"]!.GetValue<string>());
            Assert.DoesNotContain("123456789", problem.ToJsonString(), StringComparison.Ordinal);
        }

        // Both trajecten end (ended by the consulent); their retention periods start.
        var journalBefore = await JournalAsync(henk, woerden);
        foreach (var (id, who) in new[] { (woerden, carla), (bodegraven, Client(server.BaseAddress, "bram", "consulent", "1901")) })
        {
            using var cancelled = await who.PostAsJsonAsync(new Uri($"/api/v1/instances/{id}/cancel", UriKind.Relative), new { reason = "verhuisd naar het buitenland" }, Web);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        // Thirteen virtual months later Woerden's year is over: the retention job erases its personal variables.
        await keten.AdvanceAsync("P13M");
        var erased = await Eventually.WaitAsync(
            async () => await Json(await henk.GetAsync(new Uri($"/api/v1/instances/{woerden}", UriKind.Relative))),
            i => i["variables"]!["bsn"] is null,
            ErasureBound,
            "the retention job erasing Woerden's traject");
        Assert.Null(erased["variables"]!["inburgeraarNaam"]);
        Assert.Equal("terminated", erased["status"]!.GetValue<string>());

        // The journal keeps every event (plus the erasure), with no personal data left in any of them.
        var journalAfter = await JournalAsync(henk, woerden);
        var after = journalAfter.ToDictionary(e => e["id"]!.GetValue<long>());
        Assert.All(journalBefore, e => Assert.Equal(e["type"]!.GetValue<string>(), after[e["id"]!.GetValue<long>()]["type"]!.GetValue<string>()));
        Assert.DoesNotContain(WoerdenBsn, string.Join("\n", journalAfter.Select(e => e.ToJsonString())), StringComparison.Ordinal);
        Assert.Contains(journalAfter, e => e["type"]!.GetValue<string>() == "personal-data-erased" && e["user"]!.GetValue<string>() == "bewaartermijn");
        var everything = (await Json(await henk.PostAsJsonAsync(new Uri("/api/v1/privacy/export", UriKind.Relative), new { bsn = WoerdenBsn }, Web))).ToJsonString();
        Assert.DoesNotContain(WoerdenBsn, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(WoerdenNaam, everything, StringComparison.Ordinal);
        Assert.Contains("\"erased\"", everything, StringComparison.Ordinal);

        // Bodegraven-Reeuwijk keeps five years: its traject, evaluated in the same rounds, still holds its data.
        var kept = await Json(await Client(server.BaseAddress, "bram", "consulent", "1901").GetAsync(new Uri($"/api/v1/instances/{bodegraven}", UriKind.Relative)));
        Assert.Equal(BodegravenBsn, kept["variables"]!["bsn"]!.GetValue<string>());

        // Not one line of the server's log (information level, the whole keten run) holds a BSN or a name.
        var lines = server.Output.Split('\n');
        output.WriteLine($"{provider}: {lines.Length} log lines checked for BSNs and names.");
        foreach (var secret in new[] { WoerdenBsn, BodegravenBsn, WoerdenNaam, BodegravenNaam })
        {
            var leaking = lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).Take(3).ToList();
            Assert.True(leaking.Count == 0, $"The log holds '{secret}':\n" + string.Join("\n", leaking));
        }
    }

    private static async Task<Guid> StartTrajectAsync(KetenDriver keten, string bsn, string naam, string gemeente)
    {
        await keten.SeedDuoAsync(new DuoPersoon(bsn, gemeente, "asiel", Notificatie: null));
        using var response = await keten.Http.SendAsync(Request(HttpMethod.Post, "/api/v1/trajecten", new { bsn, naam, gemeente, gebeurtenis = "SS139" }));
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        await keten.SettleAsync();
        return body["id"]!.GetValue<Guid>();
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, object body)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body, options: Web) };
        request.Headers.Add("X-User", "carla");
        request.Headers.Add("X-Roles", "consulent,beheerder");
        request.Headers.Add("X-Gemeenten", "0632,1901");
        return request;
    }

    private static async Task<List<JsonNode>> JournalAsync(HttpClient client, Guid id) =>
        (await Json(await client.GetAsync(new Uri($"/api/v1/instances/{id}/journal?pageSize=500", UriKind.Relative))))["items"]!.AsArray().Select(e => e!).ToList();

    private static HttpClient Client(Uri baseAddress, string user, string roles, string gemeenten)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-User", user);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("X-Gemeenten", gemeenten);
        return client;
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return JsonNode.Parse(text) ?? throw new InvalidOperationException($"Empty answer ({(int)response.StatusCode}).");
        }
    }

    /// <summary>The elfproef sum of a BSN modulo 11 (0 for a valid one).</summary>
    private static int Bsn(string bsn) => bsn.Select((c, i) => (c - '0') * (i == 8 ? -1 : 9 - i)).Sum() % 11;
}
