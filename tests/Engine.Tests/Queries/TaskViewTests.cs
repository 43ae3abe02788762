using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inburgering.Engine.Tests.Queries;

/// <summary>One task read by id (the answer to a claim or a completion) shows what the werkvoorraad's list shows of it.</summary>
public sealed class TaskViewTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OneTask_ShowsDisplayVariables_FromItsOwnInstanceThenItsRoot_AsTheListDoes(DatabaseProvider provider)
    {
        var (h, id, childId, listed) = await StartCallerAsync(provider, withDisplay: true);
        await using var harness = h;

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
    public async Task TheDisplay_IsTheSame_FromTheKeptValues_AndFromTheVariables_AndFollowsAChange(DatabaseProvider provider)
    {
        var (h, id, childId, listed) = await StartCallerAsync(provider, withDisplay: true);
        await using var harness = h;
        const string Expected = """{"persoon":"Amina","naam":"Amina"}""";
        Assert.Equal(Expected, listed.Display!.ToJsonString());
        var display = h.Services.GetRequiredService<DisplayVariables>();
        var factory = h.Services.GetRequiredService<IEngineDbContextFactory>();
        await using (var db = factory.Create())
        {
            // Beside each instance, its own values only: the child's name is its root's.
            var kept = await db.Instances.AsNoTracking().Where(i => i.Id == id || i.Id == childId).ToDictionaryAsync(i => i.Id, i => i.DisplayValues);
            Assert.Equal(display.Signature + """{"naam":"Amina"}""", kept[id]);
            Assert.Equal(display.Signature + """{"persoon":"Amina"}""", kept[childId]);

            // Rows from before the column (null) and under other names are read from their variables: the same display.
            await db.Instances.Where(i => i.Id == childId).ExecuteUpdateAsync(s => s.SetProperty(i => i.DisplayValues, (string?)null));
            await db.Instances.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.DisplayValues, "0000beef{\"naam\":\"Oud\"}"));
        }

        Assert.Equal(Expected, (await h.TaskAsync(childId, "work")).Display!.ToJsonString());
        Assert.Equal(Expected, (await h.Queries.TaskAsync(listed.Id, EngineHarness.Admin))!.Display!.ToJsonString());
        var backfill = h.Services.GetServices<IHostedService>().OfType<InstanceValuesBackfill>().Single();
        Assert.Equal(2, await backfill.RunAsync(CancellationToken.None));
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None));
        Assert.Equal(Expected, (await h.TaskAsync(childId, "work")).Display!.ToJsonString());

        // A change of the root's variables shows in its children's tasks; a value set to null is no longer shown.
        await h.Engine.SetVariablesAsync(id, new JsonObject { ["naam"] = "Amina B." }, EngineHarness.Admin);
        Assert.Equal("""{"persoon":"Amina","naam":"Amina B."}""", (await h.Queries.TaskAsync(listed.Id, EngineHarness.Admin))!.Display!.ToJsonString());
        await h.Engine.SetVariablesAsync(id, new JsonObject { ["naam"] = null }, EngineHarness.Admin);
        Assert.Equal("""{"persoon":"Amina"}""", (await h.TaskAsync(childId, "work")).Display!.ToJsonString());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OneTask_WithoutDisplayVariables_HasNoDisplay_AndIsHiddenFromOtherGemeenten(DatabaseProvider provider)
    {
        var (h, _, _, listed) = await StartCallerAsync(provider, withDisplay: false);
        await using var harness = h;

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

    /// <summary>
    /// A harness (showing the display variables persoon, naam and ontbreekt, or none) with the call-activity process started
    /// once for gemeente 1901: the caller, its called child and the child's task as the list shows it.
    /// </summary>
    private static async Task<(EngineHarness H, Guid Id, Guid ChildId, TaskView Listed)> StartCallerAsync(DatabaseProvider provider, bool withDisplay)
    {
        var h = await EngineHarness.CreateAsync(provider, options: o =>
        {
            if (withDisplay)
            {
                o.TaskDisplayVariables.Add("persoon");
                o.TaskDisplayVariables.Add("naam");
                o.TaskDisplayVariables.Add("ontbreekt");
            }
        });
        try
        {
            await h.DeployAsync("call-activity.bpmn");
            var id = await h.StartAsync("caller", new { naam = "Amina", uren = 400 }, "P-42", "1901");
            var childId = (await h.InstanceAsync(id)).ChildInstanceIds.Single();
            return (h, id, childId, await h.TaskAsync(childId, "work"));
        }
        catch
        {
            await h.DisposeAsync();
            throw;
        }
    }
}
