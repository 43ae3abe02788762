using Inburgering.Engine;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests.Constructs;

/// <summary>
/// A task's due date follows the variables it is computed from (issue 13 point 4: DUO extends the inburgeringstermijn, Wi2021
/// art. 12, and the tasks due at its end move with it).
/// </summary>
public sealed class DueDateFollowsTests
{
    private static readonly DateTimeOffset Einde = new(2029, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ChangedVariable_MovesTheDueDatesComputedFromIt_DurationsStayCountedFromCreation(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("due-date-follows.bpmn");
        var id = await h.StartAsync("dueDateFollows", new { einde = Einde.ToString("O"), herinnering = Einde.AddMonths(-2).ToString("O"), bedenktijd = "P2W" });
        Assert.Equal(Einde, (await h.TaskAsync(id, "pvt")).DueAt);
        Assert.Equal(EngineHarness.Start.AddDays(14), (await h.TaskAsync(id, "bedenken")).DueAt);

        await h.AdvanceAsync("P1W");
        var verlengd = Einde.AddMonths(6);
        await h.CompleteAsync(id, "verlengen", new { einde = verlengd.ToString("O"), bedenktijd = "P3W" });

        var pvt = await h.TaskAsync(id, "pvt");
        Assert.Equal(verlengd, pvt.DueAt);
        Assert.Equal(Einde.AddMonths(-2), pvt.FollowUpAt); // herinnering did not change
        Assert.Equal(EngineHarness.Start.AddDays(21), (await h.TaskAsync(id, "bedenken")).DueAt); // from creation, not from now
        Assert.Equal(EngineHarness.Start.AddDays(14), (await h.TaskAsync(id, "vast")).DueAt);
        var moved = (await h.JournalAsync(id)).Where(j => j.Type == "task-dates-moved").Select(j => j.ElementId).Order(StringComparer.Ordinal);
        Assert.Equal(["bedenken", "pvt"], moved);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task VariableThatNoLongerMakesADate_KeepsTheOldDueDate_WithTheReasonInTheJournal(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("due-date-follows.bpmn");
        var id = await h.StartAsync("dueDateFollows", new { einde = Einde.ToString("O"), herinnering = Einde.ToString("O"), bedenktijd = "P2W" });

        await h.Engine.SetVariablesAsync(id, EngineHarness.ToJson(new { einde = "geen datum" })!, EngineHarness.Admin);

        Assert.Equal(Einde, (await h.TaskAsync(id, "pvt")).DueAt);
        Assert.Contains("task-date-kept", await h.JournalTypesAsync(id));
        Assert.Empty(await h.IncidentsAsync(id));
    }
}
