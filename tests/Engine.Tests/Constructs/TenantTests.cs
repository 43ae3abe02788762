using Inburgering.Engine;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

/// <summary>
/// Whom an instance belongs to is its tenant: the host decides what a tenant is and who may access which, and names it in
/// expressions; the engine keeps it, limits every actor to their tenants, and knows no roles, only groups and administrators.
/// </summary>
public sealed class TenantTests
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="tenant" isExecutable="true">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="taak" />
            <userTask id="taak" camunda:candidateGroups="${'groep-' + execution.TENANT}" />
            <sequenceFlow id="f2" sourceRef="taak" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;

    [Theory]
    [InlineData("tenantId", null)]
    [InlineData("organisatie", "organisatie")]
    public async Task Expressions_SeeTheTenant_UnderTheNameTheHostChose(string name, string? configured)
    {
        await using var h = await EngineHarness.CreateAsync(DatabaseProvider.Sqlite, options: o =>
        {
            if (configured is not null)
            {
                o.TenantVariable = configured;
            }
        });
        await h.DeployAsync(Process.Replace("TENANT", name, StringComparison.Ordinal));

        var id = await h.StartAsync("tenant", gemeente: "0335");

        Assert.Equal(["groep-0335"], (await h.TaskAsync(id, "taak")).CandidateGroups);
        Assert.Equal("0335", (await h.InstanceAsync(id)).TenantId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Commands_AreLimitedToTheActorsTenants_AndGroups_AndAnAdministratorMayActForOthers(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(Process.Replace("TENANT", "tenantId", StringComparison.Ordinal));
        var id = await h.StartAsync("tenant", gemeente: "0632");
        var task = await h.TaskAsync(id, "taak");
        var elsewhere = new Actor("m", new HashSet<string> { "groep-0632" }, new HashSet<string> { "0335" });
        var outsider = new Actor("o", new HashSet<string> { "andere-groep" }, new HashSet<string> { "0632" });
        var member = new Actor("g", new HashSet<string> { "groep-0632" }, new HashSet<string> { "0632" });
        var administrator = new Actor("a", new HashSet<string>(), new HashSet<string> { "0632" }, IsAdministrator: true);

        Assert.Equal("tenant.forbidden", (await Assert.ThrowsAsync<EngineException>(() => h.Engine.StartInstanceAsync(new StartInstance("tenant", null, "0632", null), elsewhere))).Code);
        Assert.Equal("tenant.invalid", (await Assert.ThrowsAsync<EngineException>(() => h.Engine.StartInstanceAsync(new StartInstance("tenant", null, "06,32", null), EngineHarness.Admin))).Code);
        Assert.Equal("task.not-found", (await Assert.ThrowsAsync<EngineException>(() => h.Engine.ClaimTaskAsync(task.Id, elsewhere))).Code);
        var refused = await Assert.ThrowsAsync<EngineException>(() => h.Engine.ClaimTaskAsync(task.Id, outsider));
        Assert.Equal(("task.for-groups", EngineErrorKind.Forbidden, "groep-0632"), (refused.Code, refused.Kind, refused.Error.Arguments["groups"]));

        await h.Engine.ClaimTaskAsync(task.Id, member);
        var claimed = await Assert.ThrowsAsync<EngineException>(() => h.Engine.UnclaimTaskAsync(task.Id, new Actor("g2", member.Groups, member.Tenants)));
        Assert.Equal(("task.unclaim-forbidden", "g"), (claimed.Code, claimed.Error.Arguments["assignee"]));
        Assert.Equal("This task is claimed by g.", (await Assert.ThrowsAsync<EngineException>(() => h.Engine.CompleteTaskAsync(task.Id, null, new Actor("g2", member.Groups, member.Tenants)))).Message);

        await h.Engine.CompleteTaskAsync(task.Id, null, administrator);
        Assert.Equal("completed", (await h.InstanceAsync(id)).Status);
    }
}
