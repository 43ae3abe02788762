using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Inburgering.Server.Tests.Durability;

/// <summary>A cycle timer (R/PT2S) keeps firing across a crash and restart: every occurrence once, none skipped, none twice.</summary>
[Collection(DurabilityCollection.Name)]
public sealed class CycleTimerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CycleTimer_KeepsFiringAcrossAKillAndRestart(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var arguments = DurableServers.Arguments(database, null);
        var server = await DurableServers.StartAsync(arguments);
        try
        {
            using (var api = new ServerApi(server.BaseAddress))
            {
                await api.DeployAsync(DurabilityBpmn.Cycle);
                await api.StartAsync("cyclus", "C-1", new { });
            }

            var beforeKill = await Eventually.WaitAsync(() => JournalReader.TimerFiringsAsync(database, "herinner"), f => f.Count >= 3, TimeSpan.FromSeconds(30), "three firings");
            server.Kill();
            var firedAtKill = (await JournalReader.TimerFiringsAsync(database, "herinner")).Count;

            // Down for a few periods on purpose: the occurrences that fall due meanwhile must not be lost.
            await Task.Delay(Period * 2.5);
            var restartedAt = DateTimeOffset.UtcNow;
            server = await DurableServers.StartAsync(arguments);
            await Eventually.WaitAsync(
                () => JournalReader.TimerFiringsAsync(database, "herinner"),
                f => f.Count(x => x.DueAt > restartedAt) >= 2,
                TimeSpan.FromSeconds(60),
                "two occurrences due after the restart fired");
            await server.DisposeAsync();

            var firings = await JournalReader.TimerFiringsAsync(database, "herinner");
            var first = firings[0].DueAt;
            await using (var db = database.Context())
            {
                // Everything the test saw, in every failure message: the firings in the journal against the timer row.
                var timer = await db.Timers.SingleAsync();
                var triggered = await db.Journal.CountAsync(j => j.Type == "boundary-triggered");
                var seen = $"{provider}: {firedAtKill} firings before the kill, restarted {restartedAt:HH:mm:ss.fff}; timer row {timer.Status} fired {timer.FiredCount} next due {timer.DueAt:HH:mm:ss.fff}; " +
                    $"{triggered} boundary-triggered; journal: {string.Join(", ", firings.Select(f => $"#{f.Count} due {f.DueAt:HH:mm:ss.fff} at {f.At:HH:mm:ss.fff}"))}";
                for (var k = 0; k < firings.Count; k++)
                {
                    Assert.True(firings[k].Count == k + 1, $"Entry {k + 1} has count {firings[k].Count}. {seen}");
                    Assert.True(firings[k].DueAt == first + (Period * k), $"Entry {k + 1} was due {firings[k].DueAt:HH:mm:ss.fff}, not {first + (Period * k):HH:mm:ss.fff}. {seen}");
                    Assert.True(firings[k].At >= firings[k].DueAt, $"Occurrence {k + 1} fired before it was due. {seen}");
                }

                Assert.True((TimerStatus.Scheduled, firings.Count, first + (Period * firings.Count)) == (timer.Status, timer.FiredCount, timer.DueAt), $"The timer row does not follow the journal. {seen}");
                Assert.True(firings.Count == triggered, $"{firings.Count} firings but {triggered} boundary-triggered entries. {seen}");
            }

            output.WriteLine($"{provider}: {firedAtKill} occurrences before the kill, {firings.Count} in all; the ones due while down fired at the restart, {string.Join(", ", firings.Select(f => $"#{f.Count} {(f.At - f.DueAt).TotalSeconds:0.0}s late"))}");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
