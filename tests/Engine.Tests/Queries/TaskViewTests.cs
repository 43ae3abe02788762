using System.Text.Json;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;

namespace Inburgering.Engine.Tests.Queries;

/// <summary>One task read by id (the answer to a claim or a completion) shows what the werkvoorraad's list shows of it.</summary>
public sealed class TaskViewTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OneTask_ShowsDisplayVariables_FromItsOwnInstanceThenItsRoot_AsTheListDoes(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider, options: o =>
        {
            o.TaskDisplayVariables.Add("persoon");
            o.TaskDisplayVariables.Add("naam");
            o.TaskDisplayVariables.Add("ontbreekt");
        });
        await h.DeployAsync("call-activity.bpmn");
        var id = await h.StartAsync("caller", new { naam = "Amina", uren = 400 }, "P-42", "1901");
        var childId = (await h.InstanceAsync(id)).ChildInstanceIds.Single();
        var listed = await h.TaskAsync(childId, "work");

        var task = await h.Queries.TaskAsync(listed.Id, EngineHarness.Admin);

        Assert.NotNull(task);
        Assert.Equal(listed.Id, task.Id);
        Assert.Equal(childId, task.InstanceId);
        Assert.Equal("1901", task.TenantId);
        // "persoon" is the child's own variable, "naam" only the root's; a name neither has is left out.
        Assert.Equal("""{"persoon":"Amina","naam":"Amina"}""", task.Display!.ToJsonString());
        Assert.Equal(JsonSerializer.Serialize(listed), JsonSerializer.Serialize(task));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OneTask_WithoutDisplayVariables_HasNoDisplay_AndIsHiddenFromOtherGemeenten(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("call-activity.bpmn");
        var id = await h.StartAsync("caller", new { naam = "Amina", uren = 400 }, "P-42", "1901");
        var childId = (await h.InstanceAsync(id)).ChildInstanceIds.Single();
        var listed = await h.TaskAsync(childId, "work");

        var task = await h.Queries.TaskAsync(listed.Id, EngineHarness.Admin);
        var elsewhere = await h.Queries.TaskAsync(listed.Id, new Actor("m", new HashSet<string> { "consulent" }, new HashSet<string> { "0335" }));
        var home = await h.Queries.TaskAsync(listed.Id, new Actor("w", new HashSet<string> { "consulent" }, new HashSet<string> { "1901" }));
        var unknown = await h.Queries.TaskAsync(Guid.NewGuid(), EngineHarness.Admin);

        Assert.NotNull(task);
        Assert.Null(task.Display);
        Assert.Equal(JsonSerializer.Serialize(listed), JsonSerializer.Serialize(task));
        Assert.Null(elsewhere);
        Assert.Equal(listed.Id, home?.Id);
        Assert.Null(unknown);
    }
}
