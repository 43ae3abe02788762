using Inburgering.Engine;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class FourEyesTests
{
    private static readonly Actor Casusregisseur = new("carla", new HashSet<string> { "consulent" }, new HashSet<string> { "0632" });
    private static readonly Actor Begeleider = new("bram", new HashSet<string> { "begeleider" }, new HashSet<string> { "0632" });
    private static readonly Actor TweedeConsulent = new("karim", new HashSet<string> { "consulent" }, new HashSet<string> { "0632" });

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FourEyesTask_NeedsBothRolesByDifferentPeople(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("four-eyes.bpmn");
        var id = await h.StartAsync("fourEyes", new { vierOgen = true });
        var task = await h.TaskAsync(id, "intake");
        Assert.Equal(["consulent", "begeleider"], task.FourEyesRoles);

        await h.Engine.ClaimTaskAsync(task.Id, Casusregisseur);
        await h.Engine.CompleteTaskAsync(task.Id, EngineHarness.ToJson(new { leerbaar = true }), Casusregisseur);

        task = await h.TaskAsync(id, "intake");
        Assert.Equal("open", task.Status);
        Assert.Null(task.Assignee);
        Assert.Equal("consulent", Assert.Single(task.Approvals).Role);
        var again = await Assert.ThrowsAsync<EngineException>(() => h.Engine.CompleteTaskAsync(task.Id, null, Casusregisseur));
        Assert.Equal(EngineErrorKind.Conflict, again.Kind);
        var sameRole = await Assert.ThrowsAsync<EngineException>(() => h.Engine.CompleteTaskAsync(task.Id, null, TweedeConsulent));
        Assert.Equal(EngineErrorKind.Forbidden, sameRole.Kind);

        await h.Engine.CompleteTaskAsync(task.Id, EngineHarness.ToJson(new { begeleidingNodig = true }), Begeleider);

        var instance = await h.InstanceAsync(id);
        Assert.Equal(["after"], instance.ActiveElements);
        Assert.True(instance.Variables["leerbaar"]!.GetValue<bool>());
        Assert.True(instance.Variables["begeleidingNodig"]!.GetValue<bool>());
        var completed = (await h.JournalAsync(id)).Single(j => j.Type == "task-completed");
        Assert.Equal("carla + bram", completed.User);
        Assert.Contains("task-approved", await h.JournalTypesAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PolicyWithoutFourEyes_MakesAnOrdinaryTask(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("four-eyes.bpmn");
        var id = await h.StartAsync("fourEyes", new { vierOgen = false });

        var task = await h.TaskAsync(id, "intake");
        Assert.Empty(task.FourEyesRoles);
        await h.Engine.CompleteTaskAsync(task.Id, null, Casusregisseur);
        Assert.Equal(["after"], await h.ActiveAsync(id));
    }
}
