using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Server.Tests.Durability;
using Xunit.Abstractions;

namespace Inburgering.Server.Tests.Security;

/// <summary>
/// Issue 9, item 4: every endpoint of the API — enumerated from the running server's OpenAPI document, so a new endpoint is in
/// the matrix the day it is added — × {no sign-in, signed in without a role, each wrong role, the right role for another
/// gemeente, the right role for the own gemeente} against the real server (Kestrel in its own process) on SQLite and
/// PostgreSQL. Any unexpected status fails, with every cell that was wrong. What each endpoint asks is written here, in
/// <see cref="Expected"/>, not read from the server: an endpoint the table does not know fails until someone says who may
/// call it.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    private const string Consulent = "consulent";
    private const string Begeleider = "begeleider";
    private const string Beheerder = "beheerder";
    private const string Procesontwerper = "procesontwerper";
    private const string DuoToken = "duo-matrix-token";
    private const string Own = "0632";
    private const string Other = "1901";

    /// <summary>A valid BSN (elfproef) whose traject the matrix starts in the own gemeente.</summary>
    private const string MatrixBsn = "999990019";

    private static readonly string[] AllRoles = [Consulent, Begeleider, Beheerder, Procesontwerper];
    private static readonly string[] Design = [Procesontwerper, Beheerder];
    private static readonly string[] Operate = [Beheerder];

    /// <summary>How an endpoint relates to the gemeenten: what "another gemeente" must see.</summary>
    private enum Scope
    {
        /// <summary>No sign-in needed (how to sign in; the development users).</summary>
        Anonymous,

        /// <summary>Any signed-in user, with or without a role (who am I).</summary>
        SignedIn,

        /// <summary>Shared by every gemeente of the organisation (definitions, catalogues, the clock): no gemeente to be wrong about.</summary>
        Shared,

        /// <summary>One object of the own gemeente by its id: another gemeente gets 404, as if it did not exist.</summary>
        TenantObject,

        /// <summary>An id of no object at all (404 for everybody who may ask).</summary>
        Absent,

        /// <summary>A list or count over gemeenten: another gemeente gets 200 without a trace of the own gemeente's objects.</summary>
        TenantList,

        /// <summary>A command that names the own gemeente in its body: another gemeente is refused (4xx) and nothing happens.</summary>
        TenantCommand,

        /// <summary>Camunda Modeler's deploy API (HTTP Basic with a known user in development).</summary>
        EngineRest,

        /// <summary>DUO's notificatie endpoint (its own token; no user sign-in opens it).</summary>
        Duo,
    }

    private sealed record Spec(string[] Roles, Scope Scope);

    /// <summary>Every operation of the API and who may call it. A new operation must be added here.</summary>
    private static readonly Dictionary<string, Spec> Expected = new(StringComparer.Ordinal)
    {
        ["getAuthConfig"] = new([], Scope.Anonymous),
        ["listDevelopmentUsers"] = new([], Scope.Anonymous),
        ["getMe"] = new([], Scope.SignedIn),
        ["listTasks"] = new(AllRoles, Scope.TenantList),
        ["countTasks"] = new(AllRoles, Scope.TenantList),
        ["listTaskTypes"] = new(AllRoles, Scope.TenantList),
        ["getTask"] = new(AllRoles, Scope.TenantObject),
        ["getTaskForm"] = new(AllRoles, Scope.TenantObject),
        ["listTaskColleagues"] = new(AllRoles, Scope.TenantObject),
        ["claimTask"] = new(AllRoles, Scope.TenantObject),
        ["unclaimTask"] = new(AllRoles, Scope.TenantObject),
        ["completeTask"] = new(AllRoles, Scope.TenantObject),
        ["assignTask"] = new(AllRoles, Scope.TenantObject),
        ["returnTask"] = new(AllRoles, Scope.TenantObject),
        ["getDossier"] = new(AllRoles, Scope.TenantObject),
        ["getDossierTimeline"] = new(AllRoles, Scope.TenantObject),
        ["getDossierDiagram"] = new(AllRoles, Scope.TenantObject),
        ["handOverCasusregisseur"] = new([Consulent, Beheerder], Scope.TenantObject),
        ["linkHuishouden"] = new([Consulent, Beheerder], Scope.TenantObject),
        ["listStartGebeurtenissen"] = new(AllRoles, Scope.Shared),
        ["startTraject"] = new(AllRoles, Scope.TenantCommand),
        ["startInstance"] = new(AllRoles, Scope.TenantCommand),
        ["listInstances"] = new(AllRoles, Scope.TenantList),
        ["getInstance"] = new(AllRoles, Scope.TenantObject),
        ["getInstanceJournal"] = new(AllRoles, Scope.TenantObject),
        ["cancelInstance"] = new(AllRoles, Scope.TenantObject),
        ["setInstanceVariables"] = new(Operate, Scope.TenantObject),
        ["correlateMessage"] = new(AllRoles, Scope.TenantCommand),
        ["deployDefinition"] = new(Design, Scope.Shared),
        ["listDefinitions"] = new(AllRoles, Scope.Shared),
        ["listDefinitionVersions"] = new(AllRoles, Scope.Shared),
        ["getDefinitionXml"] = new(AllRoles, Scope.Shared),
        ["listIncidents"] = new(AllRoles, Scope.TenantList),
        ["retryIncident"] = new(Operate, Scope.Absent),
        ["retryIncidents"] = new(Operate, Scope.TenantList),
        ["getClock"] = new(AllRoles, Scope.Shared),
        ["advanceClock"] = new(Design, Scope.Shared),
        ["listActivities"] = new(AllRoles, Scope.Shared),
        ["listActivityElementTemplates"] = new(AllRoles, Scope.Shared),
        ["getActivity"] = new(AllRoles, Scope.Shared),
        ["listExpressionFunctions"] = new(AllRoles, Scope.Shared),
        ["getExpressionFunction"] = new(AllRoles, Scope.Shared),
        ["listForms"] = new(AllRoles, Scope.Shared),
        ["getForm"] = new(AllRoles, Scope.Shared),
        ["getAchterstanden"] = new(Operate, Scope.TenantList),
        ["listAchterstanden"] = new(Operate, Scope.TenantList),
        ["getCijfers"] = new(Operate, Scope.TenantList),
        ["exportCijfers"] = new(Operate, Scope.TenantList),
        ["exportAchterstanden"] = new(Operate, Scope.TenantList),
        ["listPartnerCalls"] = new(Operate, Scope.TenantList),
        ["retryPartnerCallNow"] = new(Operate, Scope.Absent),
        ["retryPartnerCallsNow"] = new(Operate, Scope.TenantList),
        ["validateDefinition"] = new(Design, Scope.Shared),
        ["listStudioDefinitions"] = new(Design, Scope.Shared),
        ["getStudioDefinition"] = new(Design, Scope.Shared),
        ["startSandboxRun"] = new(Design, Scope.Shared),
        ["getSandboxRun"] = new(Design, Scope.Absent),
        ["listSandboxScenarios"] = new(Design, Scope.Shared),
        ["generateMigrationPlan"] = new(Design, Scope.Shared),
        ["checkMigrationPlan"] = new(Design, Scope.Shared),
        ["validateMigration"] = new(Design, Scope.Shared),
        ["startMigrationBatch"] = new(Design, Scope.Shared),
        ["listMigrationBatches"] = new(Design, Scope.Shared),
        ["getMigrationBatch"] = new(Design, Scope.Absent),
        ["engineRestVersion"] = new(Design, Scope.EngineRest),
        ["engineRestDeployments"] = new(Design, Scope.EngineRest),
        ["engineRestCreateDeployment"] = new(Design, Scope.EngineRest),
        ["duoOpvoerenNotificatie"] = new([], Scope.Duo),
        ["getTrajectAccessLog"] = new(Operate, Scope.TenantObject),
        ["exportPersonalData"] = new(Operate, Scope.TenantCommand),
        ["getRetention"] = new(Operate, Scope.Shared),
    };

    private const string Definition = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="matrix" name="Matrix" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak" />
            <bpmn:userTask id="taak" name="Taak" camunda:candidateGroups="consulent" />
            <bpmn:sequenceFlow id="f2" sourceRef="taak" targetRef="wacht" />
            <bpmn:receiveTask id="wacht" name="Wachten" messageRef="bericht" />
            <bpmn:sequenceFlow id="f3" sourceRef="wacht" targetRef="einde" />
            <bpmn:endEvent id="einde" />
          </bpmn:process>
          <bpmn:message id="bericht" name="matrix-bericht" />
        </bpmn:definitions>
        """;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_endpoint_answers_each_kind_of_caller_as_expected(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var tokenHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(DuoToken)));
        await using var server = await DurableServers.StartAsync(DurableServers.Arguments(database, null,
            "--Inburgering:SimulationClock", "true", "--Inburgering:Duo:TokenSha256", tokenHash));
        using var api = new ServerApi(server.BaseAddress);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        await api.DeployAsync(Definition);
        var world = new World(api, await api.StartAsync("matrix", "matrix-0632", new { inburgeraarNaam = "Matrix Persoon" }, Own));
        world.TaskId = await world.TaskOfAsync(world.InstanceId);
        world.Activity = (await api.GetJsonAsync("/api/v1/activities"))[0]!["type"]!.GetValue<string>();
        world.Function = (await api.GetJsonAsync("/api/v1/expression-functions"))[0]!["name"]!.GetValue<string>();
        world.Form = (await api.GetJsonAsync("/api/v1/forms"))[0]!["key"]!.GetValue<string>();

        var document = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var operations = new List<(string Method, string Route, string Id)>();
        foreach (var (route, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "get" or "post" or "put" or "patch" or "delete")
                {
                    operations.Add((method.ToUpperInvariant(), route, operation!["operationId"]?.GetValue<string>() ?? $"{method} {route}"));
                }
            }
        }

        var unknown = operations.Where(o => !Expected.ContainsKey(o.Id)).Select(o => $"{o.Method} {o.Route} ({o.Id})").ToList();
        Assert.True(unknown.Count == 0, "Operations the authorization matrix does not know; add them to AuthorizationMatrixTests.Expected with the roles that may call them:\n" + string.Join("\n", unknown));
        var gone = Expected.Keys.Except(operations.Select(o => o.Id)).ToList();
        Assert.True(gone.Count == 0, "Operations in the matrix the server no longer has: " + string.Join(", ", gone));

        var failures = new List<string>();
        var cells = 0;

        // Mutations by the own gemeente run last, each on a fresh instance, so they change nothing the other cells read.
        foreach (var (method, route, id) in operations.OrderBy(o => o.Method == "GET" ? 0 : 1).ThenBy(o => o.Id, StringComparer.Ordinal))
        {
            var spec = Expected[id];
            foreach (var caller in Callers(spec))
            {
                cells++;
                var target = caller.Kind == CallerKind.Own && method != "GET" && spec.Scope == Scope.TenantObject
                    ? await world.FreshAsync()
                    : (world.InstanceId, world.TaskId);
                using var request = world.Request(method, route, id, target, caller);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                if (Verdict(spec, caller, method, status, body, world) is { } wrong)
                {
                    failures.Add($"{method} {route} ({id}) as {caller}: {status} — {wrong}. {Shorten(body)}");
                }
            }
        }

        output.WriteLine($"Authorization matrix on {provider}: {operations.Count} endpoints, {cells} cells (endpoint × caller), {failures.Count} unexpected.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells answered unexpectedly:\n" + string.Join("\n", failures));

        // The own gemeente's object survived every other gemeente's attempt: still active, its task still open.
        var instance = await api.GetJsonAsync($"/api/v1/instances/{world.InstanceId}");
        Assert.Equal("active", instance["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    private enum CallerKind
    {
        None,
        NoRole,
        WrongRole,
        OtherGemeente,
        Own,
    }

    private sealed record Caller(CallerKind Kind, string? Role, string Gemeente)
    {
        public override string ToString() => Kind switch
        {
            CallerKind.None => "no sign-in",
            CallerKind.NoRole => "signed in without a role",
            CallerKind.WrongRole => $"wrong role {Role}",
            CallerKind.OtherGemeente => $"{Role} of another gemeente ({Gemeente})",
            _ => $"{Role} of the own gemeente ({Gemeente})",
        };
    }

    private static IEnumerable<Caller> Callers(Spec spec)
    {
        yield return new Caller(CallerKind.None, null, Own);
        if (spec.Scope is Scope.EngineRest)
        {
            // Camunda Modeler signs in with HTTP Basic: a known user's roles count; gemeenten do not (definitions are shared).
            yield return new Caller(CallerKind.WrongRole, Consulent, Own);
            yield return new Caller(CallerKind.Own, Procesontwerper, Own);
            yield break;
        }

        if (spec.Scope is Scope.Duo)
        {
            // A user's sign-in, however mighty, does not open DUO's endpoint; only DUO's own token does.
            yield return new Caller(CallerKind.WrongRole, Beheerder, Own);
            yield return new Caller(CallerKind.Own, null, Own);
            yield break;
        }

        yield return new Caller(CallerKind.NoRole, null, Own);
        if (spec.Scope is Scope.Anonymous or Scope.SignedIn)
        {
            yield return new Caller(CallerKind.Own, Consulent, Own);
            yield break;
        }

        foreach (var wrong in AllRoles.Except(spec.Roles))
        {
            yield return new Caller(CallerKind.WrongRole, wrong, Own);
        }

        foreach (var right in spec.Roles)
        {
            yield return new Caller(CallerKind.OtherGemeente, right, Other);
            yield return new Caller(CallerKind.Own, right, Own);
        }
    }

    /// <summary>Null when the answer is the expected one; otherwise what was expected.</summary>
    private static string? Verdict(Spec spec, Caller caller, string method, int status, string body, World world)
    {
        if (status >= 500)
        {
            return "a server error";
        }

        switch (caller.Kind)
        {
            case CallerKind.None:
                return spec.Scope == Scope.Anonymous ? Expect(status, 200) : Expect(status, 401);
            case CallerKind.NoRole:
                return spec.Scope switch
                {
                    Scope.Anonymous or Scope.SignedIn => Expect(status, 200),
                    _ => Expect(status, 403),
                };
            case CallerKind.WrongRole:
                return spec.Scope == Scope.Duo ? Expect(status, 401) : Expect(status, 403);
            case CallerKind.OtherGemeente:
                switch (spec.Scope)
                {
                    case Scope.TenantObject or Scope.Absent:
                        return Expect(status, 404);
                    case Scope.TenantCommand:
                        // 403 only as the engine's own "you do not work for that gemeente" (the caller named it), never a role refusal.
                        return (status is >= 400 and < 500 and not (401 or 403 or 415)) || (status == 403 && body.Contains("\"tenant.forbidden\"", StringComparison.Ordinal))
                            ? null
                            : "a refusal (4xx) for a gemeente that is not the caller's";
                    case Scope.TenantList:
                        if (status is 401 or 403 || status >= 300)
                        {
                            return method == "GET" ? "200 without the other gemeente's objects" : "an answer that touches nothing of the other gemeente";
                        }

                        return body.Contains(world.InstanceId.ToString(), StringComparison.OrdinalIgnoreCase)
                            || body.Contains(world.TaskId.ToString(), StringComparison.OrdinalIgnoreCase)
                            || body.Contains("matrix-0632", StringComparison.Ordinal)
                            || body.Contains("Matrix Persoon", StringComparison.Ordinal)
                                ? "an answer without the other gemeente's objects (it showed them)"
                                : null;
                    default:
                        return status is 401 or 403 ? "access (the object is shared by every gemeente)" : null;
                }

            default:
                if (spec.Scope == Scope.Duo)
                {
                    // DUO's token lets the request in; what follows (OINs, the notificatie itself) is the endpoint's own check.
                    return status == 401 ? "DUO's token to be accepted" : null;
                }

                if (status == 403 && body.Contains("\"task.for-groups\"", StringComparison.Ordinal))
                {
                    // The endpoint let the role in; the task itself is for other candidate groups (the matrix task is the consulent's).
                    return null;
                }

                if (status is 401 or 403)
                {
                    return "access for the right role of the own gemeente";
                }

                if (spec.Scope == Scope.Absent)
                {
                    return Expect(status, 404);
                }

                if (spec.Scope == Scope.TenantObject && status == 404)
                {
                    return "the own gemeente's object (it was not found)";
                }

                return method == "GET" && status != 200 ? Expect(status, 200) : null;
        }
    }

    private static string? Expect(int status, int expected) => status == expected ? null : $"expected {expected}";

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;

    /// <summary>The objects of the own gemeente the matrix asks about, and how to build each request.</summary>
    private sealed class World(ServerApi api, Guid instanceId)
    {
        private int _fresh;

        public Guid InstanceId { get; } = instanceId;

        public Guid TaskId { get; set; }

        public string Activity { get; set; } = "";

        public string Function { get; set; } = "";

        public string Form { get; set; } = "";

        public async Task<Guid> TaskOfAsync(Guid instance)
        {
            var tasks = await api.GetJsonAsync($"/api/v1/tasks?instanceId={instance}");
            return tasks["items"]![0]!["id"]!.GetValue<Guid>();
        }

        public async Task<(Guid Instance, Guid Task)> FreshAsync()
        {
            var instance = await api.StartAsync("matrix", $"matrix-0632-{++_fresh}", new { }, Own);
            return (instance, await TaskOfAsync(instance));
        }

        public HttpRequestMessage Request(string method, string route, string id, (Guid Instance, Guid Task) target, Caller caller)
        {
            var path = route
                .Replace("/tasks/{id}", $"/tasks/{target.Task}", StringComparison.Ordinal)
                .Replace("/instances/{id}", $"/instances/{target.Instance}", StringComparison.Ordinal)
                .Replace("/dossiers/{id}", $"/dossiers/{target.Instance}", StringComparison.Ordinal)
                .Replace("/trajecten/{id}", $"/trajecten/{target.Instance}", StringComparison.Ordinal)
                .Replace("/definitions/{key}", "/definitions/matrix", StringComparison.Ordinal)
                .Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("/activities/{type}", $"/activities/{Activity}", StringComparison.Ordinal)
                .Replace("/expression-functions/{name}", $"/expression-functions/{Function}", StringComparison.Ordinal)
                .Replace("/forms/{key}", $"/forms/{Form}", StringComparison.Ordinal)
                .Replace("/achterstanden/{soort}", "/achterstanden/pip", StringComparison.Ordinal)
                .Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("{", path, StringComparison.Ordinal);
            var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = Body(id, target) };
            if (caller.Kind == CallerKind.None)
            {
                return request;
            }

            if (route.StartsWith("/engine-rest", StringComparison.Ordinal))
            {
                // Known users of appsettings.Development.json: carla is a consulent, pim a procesontwerper.
                var user = caller.Role == Procesontwerper ? "pim" : "carla";
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":x")));
                return request;
            }

            if (route.StartsWith("/duo/", StringComparison.Ordinal) && caller.Kind == CallerKind.Own)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DuoToken);
                return request;
            }

            request.Headers.Add("X-User", "matrix-" + caller.Kind.ToString().ToLowerInvariant());
            request.Headers.Add("X-Roles", caller.Role ?? "");
            request.Headers.Add("X-Gemeenten", caller.Gemeente);
            return request;
        }

        private static HttpContent? Body(string id, (Guid Instance, Guid Task) target) => id switch
        {
            "deployDefinition" or "validateDefinition" => new StringContent(Definition, Encoding.UTF8, "application/xml"),
            "startInstance" => Json(new JsonObject { ["definitionKey"] = "matrix", ["businessKey"] = "matrix-start", ["gemeente"] = Own, ["variables"] = new JsonObject() }),
            "startTraject" => Json(new JsonObject { ["bsn"] = MatrixBsn, ["naam"] = "Matrix Traject", ["gemeente"] = Own, ["gebeurtenis"] = "SS139" }),
            "correlateMessage" => Json(new JsonObject { ["name"] = "matrix-bericht", ["correlationKey"] = "matrix-0632", ["gemeente"] = Own }),
            "completeTask" => Json(new JsonObject { ["variables"] = new JsonObject() }),
            "assignTask" => Json(new JsonObject { ["assignee"] = "carla" }),
            "handOverCasusregisseur" => Json(new JsonObject { ["casusregisseur"] = "carla" }),
            "linkHuishouden" => Json(new JsonObject { ["dossier"] = target.Instance.ToString() }),
            "returnTask" or "cancelInstance" => Json(new JsonObject { ["reason"] = "matrix" }),
            "setInstanceVariables" => Json(new JsonObject { ["gezien"] = true }),
            "advanceClock" => Json(new JsonObject { ["duration"] = "PT1M" }),
            "retryIncidents" or "retryPartnerCallsNow" => Json(new JsonObject { ["activityType"] = "duo.pip-melden" }),
            "startSandboxRun" => Json(new JsonObject { ["files"] = new JsonArray() }),
            "generateMigrationPlan" => Json(new JsonObject { ["sourceKey"] = "matrix", ["sourceVersion"] = 1 }),
            "checkMigrationPlan" or "validateMigration" or "startMigrationBatch" => Json(new JsonObject()),
            "engineRestCreateDeployment" => Multipart(),
            "duoOpvoerenNotificatie" => Json(new JsonObject()),
            "exportPersonalData" => Json(new JsonObject { ["bsn"] = MatrixBsn }),
            _ => null,
        };

        private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

        private static MultipartFormDataContent Multipart()
        {
            var content = new MultipartFormDataContent
            {
                { new StringContent("matrix"), "deployment-name" },
                { new StringContent("true"), "deploy-changed-only" },
                { new StringContent(Definition, Encoding.UTF8, "application/octet-stream"), "matrix.bpmn", "matrix.bpmn" },
            };
            return content;
        }
    }
}
