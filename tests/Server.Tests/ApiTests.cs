using System.Net;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Tests;

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

    [Theory]
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
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("taak", error!["elementId"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
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

        await using var production = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, developmentSignIn: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await production.As("anna").GetAsync("/api/v1/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await production.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Roles_ConsulentMayNotDeploy_AndInvalidGemeenteHeaderIsRefused()
    {
        await using var api = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.As("piet", "consulent").DeployAsync(Bpmn)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.As("piet", "consulent", "Woerden").GetAsync("/api/v1/tasks")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Gemeenten_AUserSeesAndTouchesOnlyTheirOwn(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        var admin = api.As("admin");
        await admin.DeployAsync(Bpmn);
        var woerden = (await (await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", businessKey = "P-1", gemeente = "0632" })).JsonAsync())["id"]!.GetValue<string>();
        await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", businessKey = "P-2", gemeente = "0335" });
        var montfoort = api.As("marie", "consulent", "0335");

        Assert.Equal(HttpStatusCode.NotFound, (await montfoort.GetAsync($"/api/v1/instances/{woerden}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await montfoort.GetAsync($"/api/v1/instances/{woerden}/journal")).StatusCode);
        var tasks = await (await montfoort.GetAsync("/api/v1/tasks")).JsonAsync();
        Assert.Equal(1, tasks["total"]!.GetValue<int>());
        Assert.Equal("0335", tasks["items"]![0]!["gemeente"]!.GetValue<string>());
        Assert.Equal(0, (await (await montfoort.GetAsync("/api/v1/tasks?gemeente=0632")).JsonAsync())["total"]!.GetValue<int>());
        var woerdenTask = (await (await admin.GetAsync($"/api/v1/tasks?instanceId={woerden}")).JsonAsync())["items"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await montfoort.PostAsync($"/api/v1/tasks/{woerdenTask}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await montfoort.PostJsonAsync($"/api/v1/tasks/{woerdenTask}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await montfoort.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", gemeente = "0632" })).StatusCode);
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
        Assert.Equal(HttpStatusCode.Forbidden, (await begeleider.PostAsync($"/api/v1/tasks/{taskId}/claim", null)).StatusCode);
        var piet = api.As("piet", "consulent", "0632");
        var claimed = await (await piet.PostAsync($"/api/v1/tasks/{taskId}/claim", null)).JsonAsync();
        Assert.Equal("piet", claimed["assignee"]!.GetValue<string>());
        var klaas = api.As("klaas", "consulent", "0632");
        Assert.Equal(HttpStatusCode.Conflict, (await klaas.PostAsync($"/api/v1/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await klaas.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { })).StatusCode);
        Assert.Equal(1, (await (await klaas.GetAsync("/api/v1/tasks?assignee=piet")).JsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await piet.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { variables = new { x = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await piet.PostJsonAsync($"/api/v1/tasks/{taskId}/complete", new { })).StatusCode);
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
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/api/v1/instances", new { definitionKey = "api" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostJsonAsync("/api/v1/instances", new { definitionKey = "api", gemeente = "632" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync("/api/v1/instances", new { definitionKey = "bestaatniet", gemeente = "0632" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostJsonAsync("/api/v1/clock/advance", new { duration = "drie maanden" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/api/v1/clock/advance", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/api/v1/messages", new { correlationKey = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.GetAsync("/api/v1/tasks?pageSize=501")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostJsonAsync("/api/v1/definitions", new { xml = Bpmn })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/instances/{Guid.NewGuid()}")).StatusCode);
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
}
