using Inburgering.Engine;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class UserTaskTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_WaitsAtUserTask_WithCandidatesDueDateAndForm(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("user-task.bpmn");

        var id = await h.StartAsync("userTask", new { naam = "Amina", behandelaar = "piet" }, "P-1");

        var instance = await h.InstanceAsync(id);
        Assert.Equal("active", instance.Status);
        Assert.Equal(["review"], instance.ActiveElements);
        var task = await h.TaskAsync(id, "review");
        Assert.Equal(["consulent", "begeleider"], task.CandidateGroups);
        Assert.Equal(EngineHarness.Start.AddDays(14), task.DueAt);
        Assert.Equal("beoordelen.form", task.FormKey);
        Assert.Equal("0632", task.TenantId);
        Assert.Equal("P-1", task.BusinessKey);
        Assert.Null(task.Assignee);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Complete_AppliesOutputMapping_AndCreatesAssignedTask(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("user-task.bpmn");
        var id = await h.StartAsync("userTask", new { naam = "Amina", behandelaar = "piet" });

        await h.CompleteAsync(id, "review", new { akkoord = true });

        var instance = await h.InstanceAsync(id);
        Assert.Equal(["assigned"], instance.ActiveElements);
        Assert.Equal("goed", instance.Variables["besluit"]!.GetValue<string>());
        Assert.False(instance.Variables.ContainsKey("akkoord"), "the result stays local when output parameters decide");
        Assert.False(instance.Variables.ContainsKey("titel"), "input parameters are local to the task");
        var assigned = await h.TaskAsync(id, "assigned");
        Assert.Equal("piet", assigned.Assignee);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CompleteAll_EndsInstance_AndJournalsWhoDidWhat(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("user-task.bpmn");
        var id = await h.StartAsync("userTask", new { naam = "Amina", behandelaar = "test-beheerder" });

        await h.CompleteAsync(id, "review", new { akkoord = false });
        await h.CompleteAsync(id, "assigned");

        var instance = await h.InstanceAsync(id);
        Assert.Equal("completed", instance.Status);
        Assert.Empty(instance.ActiveElements);
        var journal = await h.JournalAsync(id);
        Assert.Equal("instance-started", journal[0].Type);
        Assert.Equal("instance-completed", journal[^1].Type);
        var completed = journal.Where(j => j.Type == "task-completed").ToList();
        Assert.Equal(["review", "assigned"], completed.Select(j => j.ElementId));
        Assert.All(completed, j => Assert.Equal("test-beheerder", j.User));
        Assert.Contains(journal, j => j.Type == "element-entered" && j.ElementId == "end");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Complete_Twice_IsRefusedAsConflict(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("user-task.bpmn");
        var id = await h.StartAsync("userTask", new { naam = "A", behandelaar = "piet" });
        var task = await h.TaskAsync(id, "review");

        await h.Engine.CompleteTaskAsync(task.Id, EngineHarness.ToJson(new { akkoord = true }), EngineHarness.Admin);
        var ex = await Assert.ThrowsAsync<EngineException>(() => h.Engine.CompleteTaskAsync(task.Id, EngineHarness.ToJson(new { akkoord = false }), EngineHarness.Admin));

        Assert.Equal(EngineErrorKind.Conflict, ex.Kind);
        Assert.Equal(["assigned"], (await h.InstanceAsync(id)).ActiveElements);
    }
}
