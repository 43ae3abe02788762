using Inburgering.Engine;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Tests;

/// <summary>The runtime is thrown away mid-process; a new one loads everything from the database and finishes the same way.</summary>
public sealed class DurabilityTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RuntimeThrownAway_AtEveryWaitState_ContinuesToSameEnd(DatabaseProvider provider)
    {
        // Reference run without restarts.
        IReadOnlyList<string> expected;
        DateTimeOffset expectedNow;
        await using (var reference = await EngineHarness.CreateAsync(provider))
        {
            var id = await RunAsync(reference, restart: null);
            expected = await Fingerprint(reference, id);
            expectedNow = reference.Clock.GetUtcNow();
        }

        var h = await EngineHarness.CreateAsync(provider);
        try
        {
            var restarted = 0;
            var id = await RunAsync(h, async current =>
            {
                restarted++;
                return await current.RestartAsync();
            }, harness => h = harness);

            Assert.Equal(5, restarted);
            Assert.Equal(expected, await Fingerprint(h, id));
            var instance = await h.InstanceAsync(id);
            Assert.Equal("completed", instance.Status);
            Assert.Equal(expectedNow, h.Clock.GetUtcNow());
            Assert.Contains(expected, line => line.Contains("timer-fired herinner", StringComparison.Ordinal));
        }
        finally
        {
            await h.DisposeAsync();
        }
    }

    /// <summary>Drives the process; between every two steps optionally throws the runtime away.</summary>
    private static async Task<Guid> RunAsync(EngineHarness h, Func<EngineHarness, Task<EngineHarness>>? restart, Action<EngineHarness>? replaced = null)
    {
        async Task Restart()
        {
            if (restart is not null)
            {
                h = await restart(h);
                replaced?.Invoke(h);
            }
        }

        await h.DeployAsync("durable.bpmn");
        var id = await h.StartAsync("durable", new { naam = "Amina" }, "P-1");
        await Restart();
        await h.RunJobsAsync();
        await Restart();
        await h.CompleteAsync(id, "intake", new { uitslag = "goed" });
        await Restart();
        await h.AdvanceAsync("P6M");
        await Restart();
        await h.AdvanceAsync("P2M");
        await Restart();
        await h.Engine.CorrelateMessageAsync(new CorrelateMessage("besluit", "P-1", EngineHarness.ToJson(new { besluit = "akkoord" })), EngineHarness.Admin);
        return id;
    }

    private static async Task<IReadOnlyList<string>> Fingerprint(EngineHarness h, Guid id)
    {
        var instance = await h.InstanceAsync(id);
        var journal = await h.JournalAsync(id);
        return
        [
            instance.Status,
            instance.Variables.ToJsonString(),
            .. journal.Select(j => $"{j.At:O} {j.Type} {j.ElementId}"),
        ];
    }
}
