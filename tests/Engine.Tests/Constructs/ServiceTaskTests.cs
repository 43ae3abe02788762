using Inburgering.Engine;
using Inburgering.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Engine.Tests.Constructs;

public sealed class ServiceTaskTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Job_RunsActivityOutsideStep_WithInputAndOutputVariables(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("service-task.bpmn");
        var probe = h.Services.GetRequiredService<ActivityProbe>();
        probe.FailuresBeforeSuccess = 0;

        var id = await h.StartAsync("serviceTask", new { naam = "Amina", errorCode = "AFGEWEZEN" }, "P-1");
        Assert.Equal(["echo"], await h.ActiveAsync(id));

        await h.RunJobsAsync();

        var echo = probe.Calls.First(c => c.ActivityType == "test.echo");
        Assert.Equal("Hallo Amina", echo.Input["bericht"]!.GetValue<string>());
        Assert.Equal("P-1", echo.BusinessKey);
        Assert.Equal("0632", echo.TenantId);
        var instance = await h.InstanceAsync(id);
        Assert.True(instance.Variables["echoed"]!.GetValue<bool>());
        Assert.Equal(["afterError"], instance.ActiveElements);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ClaimedTogether_EachCallGetsItsOwnInput_IsClaimedOnce_AndRunsToItsRecord(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("service-task.bpmn");
        h.Services.GetRequiredService<ActivityProbe>().FailuresBeforeSuccess = 0;
        var ids = new List<Guid>();
        foreach (var naam in new[] { "Amina", "Bilal", "Chen" })
        {
            ids.Add(await h.StartAsync("serviceTask", new { naam, errorCode = "AFGEWEZEN" }, $"P-{naam}"));
        }

        await using var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create();
        var jobs = db.Jobs.Where(j => ids.Contains(j.InstanceId)).Select(j => j.Id).ToList();
        var claimed = await h.Engine.ClaimJobsAsync(jobs);

        Assert.Equal(["Hallo Amina", "Hallo Bilal", "Hallo Chen"], claimed.Select(c => c.Context.Input["bericht"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(claimed, c => Assert.Equal((JobStatus.Running, 1), (c.Job.Status, c.Job.Attempts)));
        Assert.Empty(await h.Engine.ClaimJobsAsync(jobs));

        foreach (var c in claimed)
        {
            Assert.Equal(JobOutcome.Completed, await h.Engine.RunClaimedJobAsync(c, h.Services));
        }

        // Each recorded its echo and waits at the next call.
        foreach (var id in ids)
        {
            Assert.Equal(["flaky"], await h.ActiveAsync(id));
            Assert.True((await h.InstanceAsync(id)).Variables["echoed"]!.GetValue<bool>());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TransientFailure_RetriesWithBackoff_AndSameIdempotencyKey(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("service-task.bpmn");
        var probe = h.Services.GetRequiredService<ActivityProbe>();
        probe.FailuresBeforeSuccess = 2;
        var id = await h.StartAsync("serviceTask", new { naam = "A", errorCode = "X" });

        await h.RunJobsAsync();
        Assert.Equal(["flaky"], await h.ActiveAsync(id));
        Assert.Single(probe.Calls, c => c.ActivityType == "test.flaky");

        // Back-off starts at 60 s (×3 each attempt, ±20 %): nothing happens before it.
        await h.AdvanceAsync("PT40S");
        Assert.Single(probe.Calls, c => c.ActivityType == "test.flaky");
        await h.AdvanceAsync("PT10M");

        var calls = probe.Calls.Where(c => c.ActivityType == "test.flaky").ToList();
        Assert.Equal([1, 2, 3], calls.Select(c => c.Attempt));
        Assert.Single(calls.Select(c => c.IdempotencyKey).Distinct());
        Assert.True(calls[2].Now - calls[1].Now > calls[1].Now - calls[0].Now, "back-off grows");
        Assert.Equal(["afterError"], await h.ActiveAsync(id));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AttemptsExhausted_OpensIncident_TokenWaits_RetryDrains(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("service-task.bpmn");
        var probe = h.Services.GetRequiredService<ActivityProbe>();
        probe.Down = true;
        var id = await h.StartAsync("serviceTask", new { naam = "A", errorCode = "X" });

        await h.AdvanceAsync("P1D");

        var incident = Assert.Single(await h.IncidentsAsync(id));
        Assert.Equal("flaky", incident.ElementId);
        Assert.Equal("activity", incident.Type);
        Assert.Equal("test.flaky", incident.ActivityType);
        Assert.Equal(3, incident.Attempts);
        Assert.Contains("503", incident.Message, StringComparison.Ordinal);
        Assert.Equal(["flaky"], await h.ActiveAsync(id));

        probe.Down = false;
        var result = await h.Engine.RetryIncidentsAsync(new IncidentFilter(ActivityType: "test.flaky"), EngineHarness.Admin);
        Assert.Equal(1, result.Retried);
        await h.RunJobsAsync();

        Assert.Equal(["afterError"], await h.ActiveAsync(id));
        Assert.Empty(await h.IncidentsAsync(id));
        Assert.Single(probe.Calls.Where(c => c.ActivityType == "test.flaky").Select(c => c.IdempotencyKey).Distinct());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BpmnErrorFromActivity_TakesErrorBoundary_WithCodeVariable(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("service-task.bpmn");
        var id = await h.StartAsync("serviceTask", new { naam = "A", errorCode = "DUO_AFGEWEZEN" });

        await h.RunJobsAsync();

        var instance = await h.InstanceAsync(id);
        Assert.Equal(["afterError"], instance.ActiveElements);
        Assert.Equal("DUO_AFGEWEZEN", instance.Variables["foutcode"]!.GetValue<string>());
        Assert.Contains(await h.JournalAsync(id), j => j.Type == "error-thrown" && j.ElementId == "raise");
    }
}
