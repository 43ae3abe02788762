using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

/// <summary>
/// Issue 13, point 8: the case owner (the keten's casusregisseur) is set in the same engine step that completes the task whose
/// properties name it (caseOwner, caseOwnerGroup), not by the host in a second step; the cases that share the group variable
/// (caseOwnerShared: the household) and have no owner get the same one in that step, within the tenant only.
/// </summary>
public sealed class CaseOwnerTests
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="zaak" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="call" />
            <bpmn:callActivity id="call" calledElement="intakeSchakel">
              <bpmn:extensionElements>
                <camunda:in variables="all" />
                <camunda:out variables="all" />
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:sequenceFlow id="f1" sourceRef="call" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
          <bpmn:process id="intakeSchakel" isExecutable="true">
            <bpmn:startEvent id="cStart" />
            <bpmn:sequenceFlow id="c0" sourceRef="cStart" targetRef="intake" />
            <bpmn:userTask id="intake" camunda:assignee="${typeof eigenaar === 'string' &amp;&amp; eigenaar !== '' ? eigenaar : null}" camunda:candidateGroups="consulent,begeleider">
              <bpmn:extensionElements>
                <camunda:properties>
                  <camunda:property name="caseOwner" value="eigenaar" />
                  <camunda:property name="caseOwnerGroup" value="consulent" />
                  <camunda:property name="caseOwnerShared" value="huishouden" />
                </camunda:properties>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="c1" sourceRef="intake" targetRef="plan" />
            <bpmn:userTask id="plan" camunda:assignee="${typeof eigenaar === 'string' &amp;&amp; eigenaar !== '' ? eigenaar : null}" camunda:candidateGroups="consulent" />
            <bpmn:sequenceFlow id="c2" sourceRef="plan" targetRef="cEnd" />
            <bpmn:endEvent id="cEnd" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Actor Carla = new("carla", new HashSet<string> { "consulent" }, new HashSet<string> { "0632" });
    private static readonly Actor Bram = new("bram", new HashSet<string> { "begeleider" }, new HashSet<string> { "0632" });

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CompletingTheOwnerTask_SetsTheOwner_InTheSameStep_ForTheCaseAndItsGroupWithinTheTenant(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(Model);
        var zaak = await h.StartAsync("zaak", new { huishouden = "H-1" }, "P-1", "0632");
        var gezinslid = await h.StartAsync("zaak", new { huishouden = "H-1" }, "P-2", "0632");
        var ander = await h.StartAsync("zaak", new { huishouden = "H-2" }, "P-3", "0632");
        var elders = await h.StartAsync("zaak", new { huishouden = "H-1" }, "P-4", "0344");
        var schakel = Assert.Single((await h.InstanceAsync(zaak)).ChildInstanceIds);

        var intake = await h.TaskAsync(schakel, "intake");
        Assert.Null(intake.Assignee);
        await h.Engine.CompleteTaskAsync(intake.Id, null, Carla);

        // The case and its running schakel hold the owner; the task the completion created names her at its creation.
        Assert.Equal("carla", (string?)(await h.InstanceAsync(zaak)).Variables["eigenaar"]);
        Assert.Equal("carla", (string?)(await h.InstanceAsync(schakel)).Variables["eigenaar"]);
        Assert.Equal("carla", (await h.TaskAsync(schakel, "plan")).Assignee);

        // One step: the completion, the owner and the next task are journalled at the same moment, the owner between the
        // completion and the task it created, and the new task was never reassigned.
        var journal = await h.JournalAsync(schakel);
        var completed = journal.Single(j => j.Type == "task-completed" && j.ElementId == "intake");
        var created = journal.Single(j => j.Type == "task-created" && j.ElementId == "plan");
        var owner = (await h.JournalAsync(zaak)).Single(j => j.Type == "case-handed-over");
        Assert.Equal(completed.At, owner.At);
        Assert.Equal(completed.At, created.At);
        Assert.InRange(owner.Id, completed.Id + 1, created.Id - 1);
        Assert.Equal("carla", (string?)created.Data!["assignee"]);
        Assert.DoesNotContain(journal, j => j.Type == "task-assigned");

        // The household's other case (same tenant, same value, no owner) gets her in that step; its open intake goes to her.
        Assert.Equal("carla", (string?)(await h.InstanceAsync(gezinslid)).Variables["eigenaar"]);
        var gezinslidSchakel = Assert.Single((await h.InstanceAsync(gezinslid)).ChildInstanceIds);
        Assert.Equal("carla", (await h.TaskAsync(gezinslidSchakel, "intake")).Assignee);
        Assert.Equal(owner.At, (await h.JournalAsync(gezinslid)).Single(j => j.Type == "case-handed-over").At);

        // Another household, and the same value in another tenant: untouched.
        Assert.Null((await h.InstanceAsync(ander)).Variables["eigenaar"]);
        Assert.Null((await h.InstanceAsync(elders)).Variables["eigenaar"]);
        Assert.DoesNotContain("case-handed-over", await h.JournalTypesAsync(elders));

        // The cases sharing the value, as the host lists them: per tenant.
        var sharing = await h.Queries.CasesSharingAsync("0632", "huishouden", "H-1", EngineHarness.Admin);
        Assert.Equal(new[] { zaak, gezinslid }.Order().ToList(), sharing.Select(s => s.Id).Order().ToList());
        Assert.Empty(await h.Queries.CasesSharingAsync("0344", "huishouden", "H-1", Carla));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ACompleterOutsideTheGroup_OrACaseWithAnOwner_LeavesTheOwnerAlone(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(Model);
        var zaak = await h.StartAsync("zaak", new { huishouden = "H-1" }, "P-1", "0632");
        var schakel = Assert.Single((await h.InstanceAsync(zaak)).ChildInstanceIds);
        await h.Engine.CompleteTaskAsync((await h.TaskAsync(schakel, "intake")).Id, null, Bram);
        Assert.Null((await h.InstanceAsync(zaak)).Variables["eigenaar"]);
        Assert.Null((await h.TaskAsync(schakel, "plan")).Assignee);

        var gekozen = await h.StartAsync("zaak", new { huishouden = "H-9", eigenaar = "daan" }, "P-2", "0632");
        var gekozenSchakel = Assert.Single((await h.InstanceAsync(gekozen)).ChildInstanceIds);
        await h.Engine.CompleteTaskAsync((await h.TaskAsync(gekozenSchakel, "intake")).Id, null, EngineHarness.Admin);
        Assert.Equal("daan", (string?)(await h.InstanceAsync(gekozen)).Variables["eigenaar"]);
        Assert.DoesNotContain("case-handed-over", await h.JournalTypesAsync(gekozen));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SetCaseVariables_SetsTheCaseAndItsRunningSchakels_InOneJournalledStep(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(Model);
        var zaak = await h.StartAsync("zaak", null, "P-1", "0632");
        var schakel = Assert.Single((await h.InstanceAsync(zaak)).ChildInstanceIds);
        await h.Engine.SetCaseVariablesAsync(schakel, new JsonObject { ["huishouden"] = "gezin-1" }, "gekoppeld aan dossier X", Carla);
        Assert.Equal("gezin-1", (string?)(await h.InstanceAsync(zaak)).Variables["huishouden"]);
        Assert.Equal("gezin-1", (string?)(await h.InstanceAsync(schakel)).Variables["huishouden"]);
        var entry = (await h.JournalAsync(zaak)).Single(j => j.Type == "variables-changed");
        Assert.Equal("carla", entry.User);
        Assert.Equal("gekoppeld aan dossier X", (string?)entry.Data!["reason"]);
        var other = await Assert.ThrowsAsync<EngineException>(() => h.Engine.SetCaseVariablesAsync(zaak, new JsonObject { ["huishouden"] = "x" }, null, new Actor("kees", new HashSet<string> { "consulent" }, new HashSet<string> { "0344" })));
        Assert.Equal(EngineErrorKind.NotFound, other.Kind);
    }
}
