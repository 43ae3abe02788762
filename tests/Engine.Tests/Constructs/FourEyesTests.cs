using System.Text.Json.Nodes;
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

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CompletionCheck_SeesTheVariablesWithEarlierApprovalsOnTop_AndARefusalStoresNothing(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("four-eyes.bpmn");
        var id = await h.StartAsync("fourEyes", new { vierOgen = true, leerbaar = false, toelichting = "start" });
        var task = await h.TaskAsync(id, "intake");
        var seen = new List<TaskCompletionCheck>();
        await h.Engine.CompleteTaskAsync(task.Id, EngineHarness.ToJson(new { leerbaar = true }), Casusregisseur, seen.Add);

        // The second person's check sees the first person's entry on top of the instance's variables.
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Engine.CompleteTaskAsync(task.Id, EngineHarness.ToJson(new { begeleidingNodig = true }), Begeleider, check =>
        {
            seen.Add(check);
            throw new InvalidOperationException("refused");
        }));

        Assert.Equal(2, seen.Count);
        Assert.All(seen, c => Assert.Equal((task.Id, "intake"), (c.TaskId, c.ElementId)));
        Assert.False(seen[0].Current["leerbaar"]!.GetValue<bool>());
        Assert.True(seen[1].Current["leerbaar"]!.GetValue<bool>());
        Assert.Equal("start", (string?)seen[1].Current["toelichting"]);

        // Refused: the task still waits for the second pair of eyes, and nothing was journalled or stored.
        task = await h.TaskAsync(id, "intake");
        Assert.Equal("open", task.Status);
        Assert.Single(task.Approvals);
        Assert.Single(await h.JournalAsync(id), j => j.Type == "task-approved");
        Assert.DoesNotContain("task-completed", await h.JournalTypesAsync(id));
        var instance = await h.InstanceAsync(id);
        Assert.Null(instance.Variables["begeleidingNodig"]);
        Assert.False(instance.Variables["leerbaar"]!.GetValue<bool>());

        // A check changing what it was given changes nothing in the instance; accepted, the task completes.
        await h.Engine.CompleteTaskAsync(task.Id, EngineHarness.ToJson(new { begeleidingNodig = true }), Begeleider, check => check.Current["leerbaar"] = JsonValue.Create("kapot"));
        instance = await h.InstanceAsync(id);
        Assert.True(instance.Variables["leerbaar"]!.GetValue<bool>());
        Assert.Equal(["after"], instance.ActiveElements);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CompletionCheck_RunsAfterTheEnginesOwnChecks(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("four-eyes.bpmn");
        var id = await h.StartAsync("fourEyes", new { vierOgen = false });
        var task = await h.TaskAsync(id, "intake");
        var outsider = new Actor("olga", new HashSet<string> { "financien" }, new HashSet<string> { "0632" });
        var checks = 0;

        var refused = await Assert.ThrowsAsync<EngineException>(() => h.Engine.CompleteTaskAsync(task.Id, null, outsider, _ => checks++));
        Assert.Equal(EngineErrorKind.Forbidden, refused.Kind);
        Assert.Equal(0, checks);

        await h.Engine.CompleteTaskAsync(task.Id, null, Casusregisseur, _ => checks++);
        Assert.Equal(1, checks);
        var done = await Assert.ThrowsAsync<EngineException>(() => h.Engine.CompleteTaskAsync(task.Id, null, Casusregisseur, _ => checks++));
        Assert.Equal(EngineErrorKind.Conflict, done.Kind);
        Assert.Equal(1, checks);
    }
}
