using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests.EngineRest;

/// <summary>
/// "Deploy" from Camunda Modeler (desktop) against this service: the request in the exact multipart shape the Modeler sends
/// to a Camunda 7 engine (deployment-name, deployment-source "Camunda Modeler", deploy-changed-only, tenant-id, then the diagram
/// as a part named after its file), signed in with HTTP Basic, answered in Camunda 7's shape.
/// </summary>
public sealed class CamundaModelerDeployTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Definitions_modeler" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.31.0">
          <bpmn:process id="modeler-proef" name="Proef uit Camunda Modeler" isExecutable="true">
            <bpmn:startEvent id="Start" name="Begin">
              <bpmn:outgoing>Flow_1</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:userTask id="User_Controle" name="Controleren" camunda:candidateGroups="consulent">
              <bpmn:incoming>Flow_1</bpmn:incoming>
              <bpmn:outgoing>Flow_2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="End" name="Klaar">
              <bpmn:incoming>Flow_2</bpmn:incoming>
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="User_Controle" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="User_Controle" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_AsCamundaModelerSendsIt_CreatesAVersion_AndAnswersLikeCamunda7(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider);
        using var modeler = factory.CreateClient();
        modeler.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("pim:geheim")));

        // The Modeler's connection check and version check.
        var version = await (await modeler.GetAsync("/engine-rest/version")).JsonAsync();
        Assert.StartsWith("7.", (string)version["version"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await modeler.GetAsync("/engine-rest/deployment?maxResults=0")).StatusCode);

        using (var request = ModelerRequest(Bpmn, "modeler-proef.bpmn", tenantId: null))
        {
            var response = await modeler.PostAsync("/engine-rest/deployment/create", request);
            var body = await response.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Proef", (string)body["name"]!);
            Assert.Equal("Camunda Modeler", (string)body["source"]!);
            Assert.False(string.IsNullOrEmpty((string)body["id"]!));
            Assert.NotNull(body["deploymentTime"]);
            var definition = body["deployedProcessDefinitions"]!.AsObject().Single().Value!;
            Assert.Equal("modeler-proef", (string)definition["key"]!);
            Assert.Equal(1, (int)definition["version"]!);
            Assert.Equal("modeler-proef.bpmn", (string)definition["resource"]!);
            Assert.Equal("self", (string)body["links"]![0]!["rel"]!);
        }

        // The same file again with deploy-changed-only: nothing new.
        using (var again = ModelerRequest(Bpmn, "modeler-proef.bpmn", tenantId: null))
        {
            var body = await (await modeler.PostAsync("/engine-rest/deployment/create", again)).JsonAsync();
            Assert.Null(body["deployedProcessDefinitions"]);
        }

        // A change makes version 2, visible through the API like any deployment.
        using (var changed = ModelerRequest(Bpmn.Replace("Controleren", "Nog eens controleren", StringComparison.Ordinal), "modeler-proef.bpmn", tenantId: "0632"))
        {
            var body = await (await modeler.PostAsync("/engine-rest/deployment/create", changed)).JsonAsync();
            Assert.Equal(2, (int)body["deployedProcessDefinitions"]!.AsObject().Single().Value!["version"]!);
        }

        using var api = factory.As("pim", "procesontwerper");
        var versions = await (await api.GetAsync("/api/v1/definitions/modeler-proef/versions")).JsonAsync();
        Assert.Equal(2, (int)versions["total"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deploy_RefusesWhatTheApiRefuses_InCamundasShape_AndOnlyForProcesontwerpers(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider);
        using var modeler = factory.CreateClient();
        modeler.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("pim:geheim")));

        // A script task the engine does not run: 400 ParseException with the element, as the Modeler shows it.
        var script = Bpmn.Replace("<bpmn:userTask id=\"User_Controle\" name=\"Controleren\" camunda:candidateGroups=\"consulent\">", "<bpmn:scriptTask id=\"User_Controle\" name=\"Controleren\" scriptFormat=\"javascript\">", StringComparison.Ordinal)
            .Replace("</bpmn:userTask>", "<bpmn:script>1</bpmn:script></bpmn:scriptTask>", StringComparison.Ordinal);
        using (var request = ModelerRequest(script, "fout.bpmn", tenantId: null))
        {
            var response = await modeler.PostAsync("/engine-rest/deployment/create", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.JsonAsync();
            Assert.Equal("ParseException", (string)body["type"]!);
            Assert.False(string.IsNullOrWhiteSpace((string)body["message"]!));
            var errors = body["details"]!["fout.bpmn"]!["errors"]!.AsArray();
            Assert.Contains(errors, e => (string)e!["mainElementId"]! == "User_Controle");
        }

        // No diagram in the request.
        using (var empty = new MultipartFormDataContent())
        {
            empty.Add(new StringContent("Proef"), "deployment-name");
            var response = await modeler.PostAsync("/engine-rest/deployment/create", empty);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("engine-rest.no-resources", (string)(await response.JsonAsync())["code"]!);
        }

        // Not signed in, an unknown user, and a consulent: refused.
        using var anonymous = factory.CreateClient();
        using (var request = ModelerRequest(Bpmn, "modeler-proef.bpmn", null))
        {
            var response = await anonymous.PostAsync("/engine-rest/deployment/create", request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var stranger = factory.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("onbekend:x")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/engine-rest/version")).StatusCode);

        using var carla = factory.CreateClient();
        carla.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("carla:x")));
        using (var request = ModelerRequest(Bpmn, "modeler-proef.bpmn", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await carla.PostAsync("/engine-rest/deployment/create", request)).StatusCode);
        }

        using var api = factory.As("pim", "procesontwerper");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/definitions/modeler-proef/versions")).StatusCode);
    }

    /// <summary>The request as Camunda Modeler 5 builds it for a Camunda 7 engine.</summary>
    private static MultipartFormDataContent ModelerRequest(string xml, string fileName, string? tenantId)
    {
        var content = new MultipartFormDataContent();
        content.Add(new StringContent("Proef"), "deployment-name");
        content.Add(new StringContent("Camunda Modeler"), "deployment-source");
        content.Add(new StringContent("true"), "deploy-changed-only");
        if (tenantId is not null)
        {
            content.Add(new StringContent(tenantId), "tenant-id");
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, fileName, fileName);
        return content;
    }
}
