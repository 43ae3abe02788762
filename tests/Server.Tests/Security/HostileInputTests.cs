using System.Diagnostics;
using System.Net;
using System.Text;
using Inburgering.Engine.Persistence;
using Inburgering.Server.Tests.Durability;
using Xunit.Abstractions;

namespace Inburgering.Server.Tests.Security;

/// <summary>
/// Hostile input against the real server (Kestrel in its own process) on SQLite and PostgreSQL: each class of input gets
/// a 4xx with a problem+json code — never a 5xx, a hang or a crash — within a generous bound, and the service is healthy
/// afterwards. The bound is per request and generous for a busy 2-core machine; the point is "not minutes, not dead".
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class HostileInputTests(ITestOutputHelper output)
{
    /// <summary>No single hostile request may hold the server longer than this (the 100,000-level XML took ~90 s before).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private const string Minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="vijandig" name="Vijandig" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak" />
            <bpmn:userTask id="taak" name="Taak" />
            <bpmn:sequenceFlow id="f2" sourceRef="taak" targetRef="einde" />
            <bpmn:endEvent id="einde" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_hostile_input_gets_a_clear_4xx_and_the_service_stays_healthy(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var server = await DurableServers.StartAsync(DurableServers.Arguments(database, null, "--Inburgering:SimulationClock", "true"));
        using var api = new ServerApi(server.BaseAddress);
        await api.DeployAsync(Minimal);
        var instance = await api.StartAsync("vijandig", "bk-1", new { naam = "x" });

        var cases = new List<(string Name, Func<Task<HttpResponseMessage>> Send, int Status, string? Code)>
        {
            ("BPMN: 10,000 nested sub-processes (2.3 MB)", () => Xml(api, NestedSubProcesses(10_000)), 422, "definition.not-deployable"),
            ("XML: 100,000 nested elements", () => Xml(api, string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000))), 422, "definition.not-deployable"),
            ("BPMN: larger than the size limit", () => Xml(api, "<x>" + new string('a', 5_000_000) + "</x>"), 422, "definition.not-deployable"),
            ("BPMN: billion laughs (DTD)", () => Xml(api, BillionLaughs), 422, "definition.not-deployable"),
            ("BPMN: timer cycle R/PT0.001S", () => Xml(api, TimerCycle("R/PT0.001S")), 422, "definition.not-deployable"),
            ("NUL in a business key", () => api.PostAsync("/api/v1/instances", new { definitionKey = "vijandig", businessKey = "a\0b", gemeente = "0632", variables = new { } }), 400, "request.nul-character"),
            ("NUL in a variable", () => api.PostAsync("/api/v1/instances", new { definitionKey = "vijandig", businessKey = "bk-2", gemeente = "0632", variables = new { naam = "a\0b" } }), 400, "request.nul-character"),
            ("NUL in a message name", () => api.PostAsync("/api/v1/messages", new { name = "m\0", correlationKey = "bk-1", gemeente = "0632" }), 400, "request.nul-character"),
            ("NUL in a filter", () => api.Http.GetAsync(new Uri("/api/v1/instances?businessKey=a%00b", UriKind.Relative)), 400, "request.nul-character"),
            // Kestrel itself refuses a NUL in the path (400 before the application sees it, so without a problem+json).
            ("NUL in a path segment", () => api.Http.GetAsync(new Uri("/api/v1/definitions/a%00b/versions", UriKind.Relative)), 400, null),
            ("page=2147483647", () => api.Http.GetAsync(new Uri("/api/v1/instances?page=2147483647", UriKind.Relative)), 422, "paging.page-too-far"),
            ("page=0", () => api.Http.GetAsync(new Uri("/api/v1/tasks?page=0", UriKind.Relative)), 422, "paging.page-invalid"),
            ("pageSize=1000000", () => api.Http.GetAsync(new Uri($"/api/v1/instances/{instance}/journal?pageSize=1000000", UriKind.Relative)), 422, "paging.page-size-invalid"),
            ("page beyond int", () => api.Http.GetAsync(new Uri("/api/v1/incidents?page=99999999999", UriKind.Relative)), 400, "request.parameter-invalid"),
            ("message timeToLive P99999999D", () => api.PostAsync("/api/v1/messages", new { name = "m", correlationKey = "bk-1", gemeente = "0632", timeToLive = "P99999999D" }), 400, "request.time-to-live-invalid"),
            ("message timeToLive P3650D", () => api.PostAsync("/api/v1/messages", new { name = "m", correlationKey = "bk-1", gemeente = "0632", timeToLive = "P3650D" }), 400, "request.time-to-live-too-long"),
            ("clock advance P10000Y", () => api.PostAsync("/api/v1/clock/advance", new { duration = "P10000Y" }), 422, "clock.advance-too-far"),
            ("clock advance P1000Y", () => api.PostAsync("/api/v1/clock/advance", new { duration = "P1000Y" }), 422, "clock.advance-too-far"),
            ("Content-Type charset=utf-7", () => Raw(api, "/api/v1/messages", "application/json; charset=utf-7", "{\"name\":\"m\"}"), 415, "request.charset-unsupported"),
            ("BPMN with charset=utf-16", () => Raw(api, "/api/v1/definitions", "application/xml; charset=utf-16", Minimal), 415, "request.charset-unsupported"),
            ("a 20 MB variable", () => Large(api, "/api/v1/instances", $"{{\"definitionKey\":\"vijandig\",\"businessKey\":\"bk-3\",\"gemeente\":\"0632\",\"variables\":{{\"groot\":\"{new string('x', 20_000_000)}\"}}}}"), 413, "request.body-too-large"),
            ("a 2 MB variable, sent chunked", () => api.PostAsync("/api/v1/instances", new { definitionKey = "vijandig", businessKey = "bk-4", gemeente = "0632", variables = new { groot = new string('x', 2_000_000) } }), 413, "request.body-too-large"),
            ("malformed JSON", () => Raw(api, "/api/v1/messages", "application/json", "{\"name\":"), 400, "request.invalid-json"),
            ("business key of 10,000 characters", () => api.PostAsync("/api/v1/instances", new { definitionKey = "vijandig", businessKey = new string('k', 10_000), gemeente = "0632", variables = new { } }), 422, "instance.business-key-too-long"),
            ("variables grown past 4 MiB, 900 kB per request", () => GrowVariablesAsync(api, instance), 422, "instance.variables-too-large"),
        };

        var failures = new List<string>();
        foreach (var (name, send, status, code) in cases)
        {
            var watch = Stopwatch.StartNew();
            using var response = await send();
            watch.Stop();
            var body = await response.Content.ReadAsStringAsync();
            var actualCode = TryCode(body);
            output.WriteLine($"{(int)response.StatusCode} {actualCode,-34} {watch.Elapsed.TotalMilliseconds,8:F0} ms  {name}");
            if ((int)response.StatusCode != status || actualCode != code)
            {
                failures.Add($"{name}: expected {status} {code}, got {(int)response.StatusCode} {actualCode}: {body[..Math.Min(body.Length, 300)]}");
            }

            if (watch.Elapsed > Bound)
            {
                failures.Add($"{name}: took {watch.Elapsed} (bound {Bound})");
            }

            Assert.False(server.HasExited, $"The server died on '{name}':\n{server.Output}");
        }

        using var health = await api.Http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(server.HasExited);
        Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // Nothing was lost: the one good instance is still there.
        var instances = await api.GetJsonAsync("/api/v1/instances");
        Assert.Equal(1, instances["total"]!.GetValue<int>());
    }

    private static string NestedSubProcesses(int depth)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\"><bpmn:process id=\"p\" isExecutable=\"true\">");
        for (var i = 0; i < depth; i++)
        {
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<bpmn:subProcess id=\"sub{i}\"><bpmn:startEvent id=\"s{i}\"/>");
        }

        for (var i = 0; i < depth; i++)
        {
            xml.Append("</bpmn:subProcess>");
        }

        return xml.Append("</bpmn:process></bpmn:definitions>").ToString();
    }

    private static string TimerCycle(string cycle) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="snel" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak" />
            <bpmn:userTask id="taak" />
            <bpmn:boundaryEvent id="herhaal" attachedToRef="taak" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeCycle>{cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="taak" targetRef="einde" />
            <bpmn:sequenceFlow id="f3" sourceRef="herhaal" targetRef="einde2" />
            <bpmn:endEvent id="einde" />
            <bpmn:endEvent id="einde2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol3;</bpmn:definitions>
        """;

    private static async Task<HttpResponseMessage> Xml(ServerApi api, string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "application/xml");
        return await api.Http.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), content);
    }

    private static async Task<HttpResponseMessage> Raw(ServerApi api, string url, string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await api.Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>A large body with its length and <c>Expect: 100-continue</c>, as a well-behaved client sends it: the refusal comes before the upload.</summary>
    /// <summary>Each request is within the body limit; together they would make the instance's variables larger than it keeps.</summary>
    private static async Task<HttpResponseMessage> GrowVariablesAsync(ServerApi api, Guid instance)
    {
        for (var i = 0; ; i++)
        {
            using var content = new StringContent($"{{\"groot{i}\":\"{new string('x', 900_000)}\"}}", Encoding.UTF8, "application/json");
            var response = await api.Http.PatchAsync(new Uri($"/api/v1/instances/{instance}/variables", UriKind.Relative), content);
            if (response.StatusCode != HttpStatusCode.OK || i == 10)
            {
                return response;
            }

            response.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> Large(ServerApi api, string url, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative));
        request.Headers.ExpectContinue = true;
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return await api.Http.SendAsync(request);
    }

    private static string? TryCode(string body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?["code"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
