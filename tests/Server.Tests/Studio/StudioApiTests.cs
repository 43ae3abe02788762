using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests.Studio;

/// <summary>The studio's API: validating a draft as deploying would (without deploying), versions with running instances.</summary>
public sealed class StudioApiTests
{
    private static string Process(string version, string extra = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="studio" name="Studio {version}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak" />
            <bpmn:userTask id="taak" name="Taak" camunda:candidateGroups="consulent" />
            <bpmn:sequenceFlow id="f2" sourceRef="taak" targetRef="eind" />
            <bpmn:endEvent id="eind" />
            {extra}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static Task<HttpResponseMessage> ValidateAsync(HttpClient client, string xml) =>
        client.PostAsync("/api/v1/studio/validate", new StringContent(xml, Encoding.UTF8, "application/xml"));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Validate_RefusesWithElementIdsAndCodes_AndDeploysNothing(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        var designer = api.As("pim", "procesontwerper");

        var refused = await (await ValidateAsync(designer, Process("1", """<bpmn:scriptTask id="script" /><bpmn:sequenceFlow id="f3" sourceRef="start" targetRef="script" />"""))).JsonAsync();
        Assert.False(refused["valid"]!.GetValue<bool>());
        var error = refused["errors"]!.AsArray().Single(e => (string?)e!["elementId"] == "script")!;
        Assert.Equal("bpmn.unsupported.script-task", (string?)error["code"]);
        Assert.Contains("Scripttaken", (string?)error["message"], StringComparison.Ordinal);

        var accepted = await (await ValidateAsync(designer, Process("1"))).JsonAsync();
        Assert.True(accepted["valid"]!.GetValue<bool>());
        Assert.Equal(["studio"], accepted["processKeys"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(HttpStatusCode.NotFound, (await designer.GetAsync("/api/v1/studio/definitions/studio")).StatusCode);

        var consulent = await ValidateAsync(api.As("carla", "consulent", "0632"), Process("1"));
        Assert.Equal(HttpStatusCode.Forbidden, consulent.StatusCode);
        var json = await designer.PostAsync("/api/v1/studio/validate", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Definitions_CountRunningAndStartedInstancesPerVersion(DatabaseProvider provider)
    {
        await using var api = await ApiFactory.CreateAsync(provider);
        var admin = api.As("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.DeployAsync(Process("1"))).StatusCode);
        var first = (await (await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "studio", businessKey = "P-1", gemeente = "0632" })).JsonAsync())["id"]!.GetValue<string>();
        await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "studio", businessKey = "P-2", gemeente = "0335" });
        await admin.PostJsonAsync($"/api/v1/instances/{first}/cancel", new { reason = "test" });
        Assert.Equal(HttpStatusCode.Created, (await admin.DeployAsync(Process("2"))).StatusCode);
        await admin.PostJsonAsync("/api/v1/instances", new { definitionKey = "studio", businessKey = "P-3", gemeente = "1901" });

        var definition = await (await api.As("pim", "procesontwerper", "0632").GetAsync("/api/v1/studio/definitions/studio")).JsonAsync();

        Assert.Equal(2, definition["latestVersion"]!.GetValue<int>());
        var versions = definition["versions"]!.AsArray().Select(v => (Version: (int)v!["version"]!, Active: (int)v["activeInstances"]!, Total: (int)v["totalInstances"]!)).ToList();
        Assert.Equal([(2, 1, 1), (1, 1, 2)], versions);
        var all = (await (await api.As("pim", "procesontwerper").GetAsync("/api/v1/studio/definitions")).JsonAsync()).AsArray();
        Assert.Contains(all, d => (string?)d!["key"] == "studio");
    }
}
