using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests;

public sealed class ApiTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:message id="m" name="uitslag" />
          <bpmn:process id="api" name="API-test" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak" />
            <bpmn:userTask id="taak" name="Intake" camunda:candidateGroups="consulent" />
            <bpmn:sequenceFlow id="f2" sourceRef="taak" targetRef="wacht" />
            <bpmn:intermediateCatchEvent id="wacht"><bpmn:timerEventDefinition><bpmn:timeDuration>P1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="wacht" targetRef="ontvang" />
            <bpmn:receiveTask id="ontvang" messageRef="m" />
            <bpmn:sequenceFlow id="f4" sourceRef="ontvang" targetRef="eind" />
            <bpmn:endEvent id="eind" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Walkthrough_DeployStartCompleteAdvanceMessage_CompletesInstance(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        var client = api.As("anna");

        var deploy = await client.DeployAsync(Bpmn);
        Assert.Equal(HttpStatusCode.Created, deploy.StatusCode);
        var deployed = await deploy.JsonAsync();
        Assert.Equal("api", deployed["key"]!.GetValue<string>());
        Assert.Equal(1, deployed["version"]!.GetValue<int>());

        var start = await client.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", businessKey = "P-1", gemeente = "0632", variables = new { a = 1 } });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var id = (await start.JsonAsync())["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/instances/{id}", start.Headers.Location!.OriginalString);

        var tasks = await (await client.GetAsync($"/api/v1/tasks?instanceId={id}")).JsonAsync();
        Assert.Equal(1, tasks["total"]!.GetValue<int>());
        var taskId = tasks["items"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { variables = new { ok = true } })).StatusCode);

        var advance = await (await client.PostJsonAsync("/api/v1/clock/advance", new { duration = "P1M" })).JsonAsync();
        Assert.Equal(1, advance["timersFired"]!.GetValue<int>());
        var instance = await (await client.GetAsync($"/api/v1/instances/{id}")).JsonAsync();
        Assert.Equal("ontvang", instance["activeElements"]![0]!.GetValue<string>());

        var message = await client.PostJsonAsync("/api/v1/messages", new { name = "uitslag", correlationKey = "P-1", variables = new { advies = "B1" } });
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);

        instance = await (await client.GetAsync($"/api/v1/instances/{id}")).JsonAsync();
        Assert.Equal("completed", instance["status"]!.GetValue<string>());
        Assert.Equal("B1", instance["variables"]!["advies"]!.GetValue<string>());
        var journal = await (await client.GetAsync($"/api/v1/instances/{id}/journal?pageSize=500")).JsonAsync();
        var types = journal["items"]!.AsArray().Select(j => j!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("task-claimed", types);
        Assert.Contains("task-completed", types);
        Assert.Contains("timer-fired", types);
        Assert.Contains("message-correlated", types);
        Assert.Equal(journal["total"]!.GetValue<int>(), types.Count);
    }

    [Fact]
    public async Task Deploy_InvalidBpmn_Is422WithElementErrors_AndDeploysNothing()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = api.As("ontwerper", "procesontwerper");

        var response = await client.DeployAsync(Bpmn.Replace("<bpmn:userTask id=\"taak\"", "<bpmn:scriptTask id=\"taak\"", StringComparison.Ordinal).Replace("camunda:candidateGroups=\"consulent\" />", "/>", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("definition.not-deployable", problem["code"]!.GetValue<string>());
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("taak", error!["elementId"]!.GetValue<string>());
        Assert.Equal("bpmn.unsupported.script-task", error["code"]!.GetValue<string>());
        Assert.StartsWith("Scripttaken worden niet ondersteund", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await (await client.GetAsync("/api/v1/definitions")).JsonAsync())["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deploy_IdenticalXml_KeepsVersion_ChangedXml_MakesNewVersion()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = api.As("ontwerper", "procesontwerper");

        Assert.Equal(HttpStatusCode.Created, (await client.DeployAsync(Bpmn)).StatusCode);
        var again = await client.DeployAsync(Bpmn);
        var changed = await client.DeployAsync(Bpmn.Replace("name=\"Intake\"", "name=\"Brede intake\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await again.JsonAsync())["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        Assert.Equal(2, (await changed.JsonAsync())["version"]!.GetValue<int>());
        var xml = await client.GetStringAsync("/api/v1/definitions/api/versions/1/xml");
        Assert.Contains("name=\"Intake\"", xml, StringComparison.Ordinal);
        Assert.Equal(404, (int)(await client.GetAsync("/api/v1/definitions/api/versions/9/xml")).StatusCode);
    }

    [Fact]
    public async Task NoHeaders_Is401Problem_AndWithoutDevelopmentSignInHeadersAreIgnored()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var anonymous = await api.CreateClient().GetAsync("/api/v1/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType!.MediaType);
        Assert.Equal("auth.not-signed-in", await CodeAsync(anonymous));

        await using var production = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, developmentSignIn: false);
        var refused = await production.As("anna").GetAsync("/api/v1/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("auth.sign-in-not-configured", await CodeAsync(refused));
        Assert.Equal(HttpStatusCode.OK, (await production.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Roles_ConsulentMayNotDeploy_AndInvalidGemeenteHeaderIsRefused()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);

        var forbidden = await api.As("piet", "consulent").DeployAsync(Bpmn);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("auth.role-required", await CodeAsync(forbidden));
        var noRole = await api.As("piet", "", "0632").GetAsync("/api/v1/instances");
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
        Assert.Contains("consulent", (await noRole.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var invalid = await api.As("piet", "consulent", "Woerden").GetAsync("/api/v1/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
        Assert.Equal("auth.sign-in-invalid", await CodeAsync(invalid));
        Assert.Contains("Woerden", (await invalid.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Gemeenten_AUserSeesAndTouchesOnlyTheirOwn(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        var admin = api.As("admin");
        await admin.DeployAsync(Bpmn);
        var woerden = (await (await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", businessKey = "P-1", gemeente = "0632" })).JsonAsync())["id"]!.GetValue<string>();
        await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", businessKey = "P-2", gemeente = "0335" });
        var montfoort = api.As("marie", "consulent", "0335");

        var hidden = await montfoort.GetAsync($"/api/v1/instances/{woerden}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("instance.not-found", await CodeAsync(hidden));
        Assert.Equal(HttpStatusCode.NotFound, (await montfoort.GetAsync($"/api/v1/instances/{woerden}/journal")).StatusCode);
        var tasks = await (await montfoort.GetAsync("/api/v1/tasks")).JsonAsync();
        Assert.Equal(1, tasks["total"]!.GetValue<int>());
        Assert.Equal("0335", tasks["items"]![0]!["gemeente"]!.GetValue<string>());
        Assert.Equal(0, (await (await montfoort.GetAsync("/api/v1/tasks?gemeente=0632")).JsonAsync())["total"]!.GetValue<int>());
        var woerdenTask = (await (await admin.GetAsync($"/api/v1/tasks?instanceId={woerden}")).JsonAsync())["items"]![0]!["id"]!.GetValue<string>();
        var claim = await montfoort.PostAsync($"/api/v1/tasks/{woerdenTask}/claim", null);
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
        Assert.Equal("task.not-found", await CodeAsync(claim));
        Assert.Equal(HttpStatusCode.NotFound, (await montfoort.PostJsonAsync($"/api/v1/tasks/{woerdenTask}/complete", new { })).StatusCode);
        var start = await montfoort.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", gemeente = "0632" });
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal("tenant.forbidden", await CodeAsync(start));
        Assert.Equal("U werkt niet voor gemeente 0632.", (await start.JsonAsync())["detail"]!.GetValue<string>());
        var instances = await (await montfoort.GetAsync("/api/v1/instances")).JsonAsync();
        Assert.Equal(1, instances["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Tasks_ClaimedBySomeoneElse_Is409_AndGroupMismatchIs403()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var admin = api.As("admin");
        await admin.DeployAsync(Bpmn);
        var id = (await (await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", gemeente = "0632" })).JsonAsync())["id"]!.GetValue<string>();
        var taskId = (await (await admin.GetAsync($"/api/v1/tasks?instanceId={id}&candidateGroup=consulent")).JsonAsync())["items"]![0]!["id"]!.GetValue<string>();

        var begeleider = api.As("bram", "begeleider", "0632");
        var notForBram = await begeleider.PostAsync($"/api/v1/tasks/{taskId}/claim", null);
        Assert.Equal(HttpStatusCode.Forbidden, notForBram.StatusCode);
        Assert.Equal("task.for-groups", await CodeAsync(notForBram));
        var piet = api.As("piet", "consulent", "0632");
        var claimed = await (await piet.PostAsync($"/api/v1/tasks/{taskId}/claim", null)).JsonAsync();
        Assert.Equal("piet", claimed["assignee"]!.GetValue<string>());
        var klaas = api.As("klaas", "consulent", "0632");
        var claimedByPiet = await klaas.PostAsync($"/api/v1/tasks/{taskId}/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, claimedByPiet.StatusCode);
        Assert.Equal("task.claimed-by-other", await CodeAsync(claimedByPiet));
        var problem = await claimedByPiet.JsonAsync();
        Assert.Equal("Deze taak is geclaimd door piet.", problem["detail"]!.GetValue<string>());
        Assert.Equal("piet", problem["arguments"]!["assignee"]!.GetValue<string>());
        Assert.Equal("task.claimed-by-other", await CodeAsync(await klaas.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { })));
        Assert.Equal(1, (await (await klaas.GetAsync("/api/v1/tasks?assignee=piet")).JsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await piet.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { variables = new { x = 1 } })).StatusCode);
        var again = await piet.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("task.completed", await CodeAsync(again));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Complete_IsCheckedAgainstTheForm_AfterWhoMayDoIt_AndARefusalStoresNothing(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        var admin = api.As("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.DeployAsync(Bpmn.Replace("""<bpmn:userTask id="taak" name="Intake" camunda:candidateGroups="consulent" />""", """<bpmn:userTask id="taak" name="Afronden" camunda:candidateGroups="consulent" camunda:formKey="afronding" />""", StringComparison.Ordinal))).StatusCode);
        var id = (await (await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", gemeente = "0632", variables = new { afrondingReden = "Geslaagd" } })).JsonAsync())["id"]!.GetValue<string>();
        var taskId = (await (await admin.GetAsync($"/api/v1/tasks?instanceId={id}")).JsonAsync())["items"]![0]!["id"]!.GetValue<string>();

        // Who may complete the task comes first: a begeleider gets the 403, whatever the form would say.
        var bram = api.As("bram", "begeleider", "0632");
        var notForBram = await bram.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { variables = new { afrondingReden = "Anders" } });
        Assert.Equal(HttpStatusCode.Forbidden, notForBram.StatusCode);
        Assert.Equal("task.for-groups", await CodeAsync(notForBram));

        // The form: afgerondOp is required, afrondingReden read-only (the process's value).
        var piet = api.As("piet", "consulent", "0632");
        var refused = await piet.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { variables = new { afrondingReden = "Anders" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("form.invalid", problem["code"]!.GetValue<string>());
        var fields = problem["errors"]!.AsArray().Select(e => (e!["field"]!.GetValue<string>(), e["code"]!.GetValue<string>())).Order().ToList();
        Assert.Equal([("afgerondOp", "form.required"), ("afrondingReden", "form.read-only")], fields);

        // Nothing stored: the task is open, the variables as they were, no completion in the journal.
        var task = await (await piet.GetAsync($"/api/v1/tasks/{taskId}")).JsonAsync();
        Assert.Equal("open", task["status"]!.GetValue<string>());
        var instance = await (await admin.GetAsync($"/api/v1/instances/{id}")).JsonAsync();
        Assert.Equal("Geslaagd", instance["variables"]!["afrondingReden"]!.GetValue<string>());
        var journal = await (await admin.GetAsync($"/api/v1/instances/{id}/journal?pageSize=500")).JsonAsync();
        Assert.DoesNotContain(journal["items"]!.AsArray(), j => j!["type"]!.GetValue<string>() == "task-completed");

        var done = await piet.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { variables = new { afgerondOp = "2026-12-06" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("completed", (await done.JsonAsync())["status"]!.GetValue<string>());
        instance = await (await admin.GetAsync($"/api/v1/instances/{id}")).JsonAsync();
        Assert.Equal("2026-12-06", instance["variables"]!["afgerondOp"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadInput_GetsClearProblems()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = api.As("admin");
        await client.DeployAsync(Bpmn);

        using var malformed = new StringContent("{\"definitionKey\":", System.Text.Encoding.UTF8, "application/json");
        var bad = await client.PostAsync("/api/v1/instances", malformed);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Equal("request.invalid-json", await CodeAsync(bad));

        async Task Refused(HttpStatusCode status, string code, Task<HttpResponseMessage> call)
        {
            var response = await call;
            Assert.Equal(status, response.StatusCode);
            var problem = await response.JsonAsync();
            Assert.Equal(code, problem["code"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
        }

        await Refused(HttpStatusCode.BadRequest, "request.gemeente-required", client.PostJsonAsync("/api/v1/instances", new { definitionKey = "api" }));
        await Refused(HttpStatusCode.BadRequest, "request.field-required", client.PostJsonAsync("/api/v1/instances", new { gemeente = "0632" }));
        await Refused(HttpStatusCode.UnprocessableEntity, "request.gemeente-invalid", client.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", gemeente = "632" }));
        await Refused(HttpStatusCode.UnprocessableEntity, "request.gemeente-invalid", client.GetAsync("/api/v1/tasks?gemeente=Woerden"));
        await Refused(HttpStatusCode.NotFound, "definition.not-found", client.PostJsonAsync("/api/v1/instances", new { definitionKey = "bestaatniet", gemeente = "0632" }));
        await Refused(HttpStatusCode.UnprocessableEntity, "clock.duration-invalid", client.PostJsonAsync("/api/v1/clock/advance", new { duration = "drie maanden" }));
        await Refused(HttpStatusCode.BadRequest, "request.duration-required", client.PostJsonAsync("/api/v1/clock/advance", new { }));
        await Refused(HttpStatusCode.BadRequest, "request.field-required", client.PostJsonAsync("/api/v1/messages", new { correlationKey = "x" }));
        await Refused(HttpStatusCode.BadRequest, "request.time-to-live-invalid", client.PostJsonAsync("/api/v1/messages", new { name = "x", timeToLive = "een week" }));
        await Refused(HttpStatusCode.NotFound, "message.not-correlated", client.PostJsonAsync("/api/v1/messages", new { name = "niemand-wacht" }));
        await Refused(HttpStatusCode.UnprocessableEntity, "paging.page-size-invalid", client.GetAsync("/api/v1/tasks?pageSize=501"));
        await Refused(HttpStatusCode.UnprocessableEntity, "filter.value-unknown", client.GetAsync("/api/v1/instances?status=half"));
        await Refused(HttpStatusCode.BadRequest, "request.incident-status-invalid", client.GetAsync("/api/v1/incidents?status=half"));
        await Refused(HttpStatusCode.BadRequest, "request.retry-filter-required", client.PostJsonAsync("/api/v1/incidents/retry", new { }));
        await Refused(HttpStatusCode.NotFound, "incident.not-found", client.PostAsync($"/api/v1/incidents/{Guid.NewGuid()}/retry", null));
        await Refused(HttpStatusCode.BadRequest, "request.variables-required", client.PatchAsync($"/api/v1/instances/{Guid.NewGuid()}/variables", JsonContent.Create(new { })));
        // Refused by routing (the endpoint accepts XML only), before the endpoint's own check.
        await Refused(HttpStatusCode.UnsupportedMediaType, "request.content-type-unsupported", client.PostJsonAsync("/api/v1/definitions", new { xml = Bpmn }));
        await Refused(HttpStatusCode.NotFound, "instance.not-found", client.GetAsync($"/api/v1/instances/{Guid.NewGuid()}"));
        await Refused(HttpStatusCode.NotFound, "task.not-found", client.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}"));
        await Refused(HttpStatusCode.NotFound, "definition.version-not-found", client.GetAsync("/api/v1/definitions/api/versions/9/xml"));
        await Refused(HttpStatusCode.NotFound, "activity.not-found", client.GetAsync("/api/v1/activities/bestaat.niet"));
        await Refused(HttpStatusCode.NotFound, "form.not-found", client.GetAsync("/api/v1/forms/bestaat-niet"));
        await Refused(HttpStatusCode.NotFound, "http.not-found", client.GetAsync("/api/v1/bestaat-niet"));
        await Refused(HttpStatusCode.MethodNotAllowed, "http.method-not-allowed", client.DeleteAsync("/api/v1/tasks"));
    }

    [Fact]
    public async Task Lists_PageAndSayTheTotal()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = api.As("admin");
        await client.DeployAsync(Bpmn);
        for (var i = 0; i < 7; i++)
        {
            await client.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", businessKey = $"P-{i}", gemeente = "0632" });
        }

        var page = await (await client.GetAsync("/api/v1/tasks?page=2&pageSize=3")).JsonAsync();
        var last = await (await client.GetAsync("/api/v1/instances?page=3&pageSize=3")).JsonAsync();

        Assert.Equal(7, page["total"]!.GetValue<int>());
        Assert.Equal(3, page["items"]!.AsArray().Count);
        Assert.Equal(2, page["page"]!.GetValue<int>());
        Assert.Single(last["items"]!.AsArray());
        Assert.Equal(7, last["total"]!.GetValue<int>());
        Assert.False(last.AsObject().ContainsKey("next"));

        // The task list says where it continues; read on from there, the same tasks as by page, and no next at the end.
        var byPage = new List<string>();
        for (var n = 1; n <= 3; n++)
        {
            byPage.AddRange((await (await client.GetAsync($"/api/v1/tasks?page={n}&pageSize=3")).JsonAsync())["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        }

        var read = new List<string>();
        var list = await (await client.GetAsync("/api/v1/tasks?pageSize=3")).JsonAsync();
        read.AddRange(list["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        while (list["next"] is { } next)
        {
            Assert.True(read.Count < 7);
            list = await (await client.GetAsync($"/api/v1/tasks?pageSize=3&after={Uri.EscapeDataString(next.GetValue<string>())}")).JsonAsync();
            Assert.Equal(7, list["total"]!.GetValue<int>());
            read.AddRange(list["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        }

        Assert.Equal(7, read.Count);
        Assert.Equal(byPage, read);

        async Task<string> Refused(string url)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.JsonAsync();
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
            return problem["code"]!.GetValue<string>();
        }

        var first = (await (await client.GetAsync("/api/v1/tasks?pageSize=3")).JsonAsync())["next"]!.GetValue<string>();
        Assert.Equal("paging.after-invalid", await Refused("/api/v1/tasks?after=elders"));
        Assert.Equal("paging.after-invalid", await Refused($"/api/v1/tasks?sort=due&after={first}"));
        Assert.Equal("paging.after-with-page", await Refused($"/api/v1/tasks?page=2&after={first}"));
    }

    [Fact]
    public async Task Messages_BufferedIs202_AndLaterCatchConsumesIt()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = api.As("admin");
        await client.DeployAsync(Bpmn);
        var id = (await (await client.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", businessKey = "P-5", gemeente = "0632" })).JsonAsync())["id"]!.GetValue<string>();

        var early = await client.PostJsonAsync("/api/v1/messages", new { name = "uitslag", correlationKey = "P-5", variables = new { advies = "Z" }, timeToLive = "P60D" });
        Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
        var taskId = (await (await client.GetAsync($"/api/v1/tasks?instanceId={id}")).JsonAsync())["items"]![0]!["id"]!.GetValue<string>();
        await client.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { });
        await client.PostJsonAsync("/api/v1/clock/advance", new { duration = "P1M" });

        var instance = await (await client.GetAsync($"/api/v1/instances/{id}")).JsonAsync();
        Assert.Equal("completed", instance["status"]!.GetValue<string>());
        Assert.Equal("Z", instance["variables"]!["advies"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clock_IsReadable_AndOpenApiDescribesTheEndpoints()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = api.As("admin");

        var clock = await (await client.GetAsync("/api/v1/clock")).JsonAsync();
        var openApi = await client.GetStringAsync("/openapi/v1.json");

        Assert.True(clock["simulated"]!.GetValue<bool>());
        foreach (var path in new[] { "/api/v1/definitions", "/api/v1/instances", "/api/v1/tasks/{id}/complete", "/api/v1/messages", "/api/v1/clock/advance", "/api/v1/incidents" })
        {
            Assert.Contains($"\"{path}\"", openApi, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Activities_CatalogueAndElementTemplates_DescribeEveryPartnerActivity()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = api.As("ontwerper", "procesontwerper");

        var catalogue = (await (await client.GetAsync("/api/v1/activities")).JsonAsync()).AsArray();
        var templates = (await (await client.GetAsync("/api/v1/activities/element-templates")).JsonAsync()).AsArray();
        var pip = await (await client.GetAsync("/api/v1/activities/duo.pip-melden")).JsonAsync();

        Assert.Contains(catalogue, a => a!["type"]!.GetValue<string>() == "duo.pip-melden");
        Assert.Equal(catalogue.Count, templates.Count);
        Assert.NotEmpty(pip["inputs"]!.AsArray());
        var template = templates.Single(t => t!["id"]!.GetValue<string>() == "inburgering.duo.pip-melden")!;
        var properties = template["properties"]!.AsArray();
        Assert.Contains(properties, p => p!["binding"]!["name"]?.GetValue<string>() == "camunda:topic" && p["value"]!.GetValue<string>() == "duo.pip-melden");
        Assert.Contains(properties, p => p!["binding"]!["type"]!.GetValue<string>() == "camunda:inputParameter");
        Assert.Equal("bpmn:ServiceTask", template["appliesTo"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/activities/bestaat.niet")).StatusCode);
    }

    [Fact]
    public async Task ExpressionFunctions_CatalogueDescribesNamedArguments()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = api.As("ontwerper", "procesontwerper");

        var catalogue = (await (await client.GetAsync("/api/v1/expression-functions")).JsonAsync()).AsArray();
        var pipFouten = await (await client.GetAsync("/api/v1/expression-functions/regel.pipFouten")).JsonAsync();

        Assert.Contains(catalogue, f => f!["name"]!.GetValue<string>() == "termijn.einde" && !f["namedArguments"]!.GetValue<bool>());
        Assert.True(pipFouten["namedArguments"]!.GetValue<bool>());
        var inputs = pipFouten["inputs"]!.AsArray();
        var doelgroep = inputs.Single(i => i!["name"]!.GetValue<string>() == "doelgroep")!;
        Assert.True(doelgroep["required"]!.GetValue<bool>());
        Assert.Equal("string", doelgroep["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(doelgroep["description"]!.GetValue<string>()));
        Assert.False(inputs.Single(i => i!["name"]!.GetValue<string>() == "niveau")!["required"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/expression-functions/regel.bestaatNiet")).StatusCode);
    }

    private static async Task<string> CodeAsync(HttpResponseMessage response) =>
        (await response.JsonAsync())["code"]!.GetValue<string>();
}
