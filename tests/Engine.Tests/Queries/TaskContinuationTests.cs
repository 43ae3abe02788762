using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Tests.Support;

namespace Inburgering.Engine.Tests.Queries;

/// <summary>
/// A list of tasks read on from where the page before ended (<see cref="Paging.After"/>, <see cref="PagedList{T}.Next"/>):
/// under every sort the same tasks in the same order as one page of all of them, ties included, and a task completed
/// between two pages moves nothing.
/// </summary>
public sealed class TaskContinuationTests
{
    /// <summary>start → one user task with a priority from <c>p</c> (and, when <paramref name="dated"/>, a due date from <c>due</c>) → end.</summary>
    private static string Process(string id, bool dated) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <process id="{{id}}" isExecutable="true">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="taak" />
            <userTask id="taak" camunda:priority="${p}"{{(dated ? " camunda:dueDate=\"${due}\"" : "")}} />
            <sequenceFlow id="f2" sourceRef="taak" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;

    public static TheoryData<DatabaseProvider, TaskSort> ProvidersAndSorts()
    {
        var data = new TheoryData<DatabaseProvider, TaskSort>();
        foreach (var row in TestDatabases.Providers)
        {
            foreach (var sort in Enum.GetValues<TaskSort>())
            {
                data.Add((DatabaseProvider)row[0], sort);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ProvidersAndSorts))]
    public async Task ReadOnByNext_GivesEveryTaskOnce_InTheOrderOfOnePage(DatabaseProvider provider, TaskSort sort)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await StartTasksAsync(h);
        var filter = new TaskFilter(Sort: sort);
        var all = await h.Queries.TasksAsync(filter, EngineHarness.Admin, new Paging(1, 500));
        Assert.Equal(11, all.Total);
        Assert.Equal(8, all.Items.Count(t => t.DueAt is not null));
        Assert.Null(all.Next);

        foreach (var size in new[] { 1, 2, 3, 5 })
        {
            var read = new List<Guid>();
            var page = await h.Queries.TasksAsync(filter, EngineHarness.Admin, new Paging(1, size));
            var pages = 1;
            read.AddRange(page.Items.Select(t => t.Id));
            while (page.Next is { } next)
            {
                Assert.True(pages < 11, "the list does not end: a next that does not move on");
                page = await h.Queries.TasksAsync(filter, EngineHarness.Admin, new Paging(1, size) { After = next });
                Assert.Equal(11, page.Total);
                Assert.NotEmpty(page.Items);
                read.AddRange(page.Items.Select(t => t.Id));
                pages++;
            }

            Assert.Equal(all.Items.Select(t => t.Id), read);
            Assert.Equal((11 + size - 1) / size, pages);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ATaskCompletedBetweenPages_MovesNothing_WhereAnOffsetWouldSkipOne(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await StartTasksAsync(h);
        var all = (await h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(1, 500))).Items;
        var first = await h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(1, 3));
        Assert.Equal(all.Take(3).Select(t => t.Id), first.Items.Select(t => t.Id));

        await h.Engine.CompleteTaskAsync(first.Items[0].Id, null, EngineHarness.Admin);

        var second = await h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(1, 3) { After = first.Next });
        var byOffset = await h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(2, 3));
        Assert.Equal(all.Skip(3).Take(3).Select(t => t.Id), second.Items.Select(t => t.Id));
        Assert.Equal(all.Skip(4).Take(3).Select(t => t.Id), byOffset.Items.Select(t => t.Id));
        Assert.Equal(10, second.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ABadAfter_IsRefused_WithItsCode(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await StartTasksAsync(h);
        var byPriority = await h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(1, 2));
        Assert.NotNull(byPriority.Next);

        async Task<string> Refused(Func<Task> read) => (await Assert.ThrowsAsync<EngineException>(read)).Code;

        Assert.Equal("paging.after-invalid", await Refused(() => h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(1, 2) { After = "niet-een-plek" })));
        Assert.Equal("paging.after-invalid", await Refused(() => h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(1, 2) { After = "!!=?" })));
        Assert.Equal("paging.after-invalid", await Refused(() => h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(1, 2) { After = byPriority.Next![..^2] })));
        Assert.Equal("paging.after-invalid", await Refused(() => h.Queries.TasksAsync(new TaskFilter(Sort: TaskSort.DueAscending), EngineHarness.Admin, new Paging(1, 2) { After = byPriority.Next })));
        Assert.Equal("paging.after-invalid", await Refused(() => h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(1, 2) { After = new string('A', 400) })));
        Assert.Equal("paging.after-with-page", await Refused(() => h.Queries.TasksAsync(new TaskFilter(), EngineHarness.Admin, new Paging(2, 2) { After = byPriority.Next })));
        Assert.Equal("paging.after-unsupported", await Refused(() => h.Queries.InstancesAsync(new InstanceFilter(), EngineHarness.Admin, new Paging(1, 2) { After = byPriority.Next })));
    }

    /// <summary>
    /// Eleven open tasks with ties in every sort key: priorities 10, 50 (four), 70; due dates shared by two, and three
    /// tasks without one; several created at the same moment (the clock stands still between starts unless moved).
    /// </summary>
    private static async Task StartTasksAsync(EngineHarness h)
    {
        await h.DeployAsync(Process("dated", dated: true));
        await h.DeployAsync(Process("undated", dated: false));
        var day = EngineHarness.Start.AddDays(10);
        (int Priority, DateTimeOffset? Due)[] tasks =
        [
            (50, day), (50, day), (70, day.AddDays(2)), (10, day.AddDays(-1)), (50, null), (50, day.AddDays(5)),
            (10, null), (70, null), (30, day.AddDays(2)), (90, day), (30, day.AddDays(-1)),
        ];
        for (var n = 0; n < tasks.Length; n++)
        {
            var (priority, due) = tasks[n];
            await (due is { } d ? h.StartAsync("dated", new { p = priority, due = d }) : h.StartAsync("undated", new { p = priority }));
            if (n % 3 == 2)
            {
                await h.AdvanceAsync("PT1M");
            }
        }
    }
}
