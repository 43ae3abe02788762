using System.Diagnostics;
using Inburgering.Engine;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Inburgering.Server.Tests.Durability;

/// <summary>
/// Issue 3, must-show 4: the service starts with ten thousand timers past due. The API answers within seconds while the
/// backlog drains, and the backlog drains in due order.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class BacklogTests(ITestOutputHelper output)
{
    private const int Timers = 10_000;

    /// <summary>The overall bound on the drain (seconds on an idle machine); the wait fails sooner when nothing fires.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(20);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StartUp_With10000TimersPastDue_ApiAnswersWithinSeconds_AndBacklogDrainsInDueOrder(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var prepare = Stopwatch.StartNew();

        // While the service is down: ten thousand instances wait on timers that fell due over the last minute, written in
        // an order unrelated to their due order.
        Guid template;
        await using (var rows = await InProcessEngine.CreateAsync(database, quartz: false))
        {
            await rows.DeployAsync(DurabilityBpmn.TimerAndPartnerCall);
            template = (await rows.Engine.StartInstanceAsync(new StartInstance("wachten", "B", "0632", new() { ["wacht"] = "PT1H" }), InProcessEngine.Admin)).Id;
        }

        var first = DateTimeOffset.UtcNow.AddSeconds(-70);
        var dues = Enumerable.Range(0, Timers).Select(k => first.AddMilliseconds(k * 5)).OrderBy(_ => Random.Shared.Next()).ToList();
        await Backlog.CopyAsync(database, template, dues);
        if (provider == DatabaseProvider.PostgreSql)
        {
            // The clustered store keeps its triggers while every node is down: store them as the running service would have.
            // Everything already due shares one trigger, for now: the whole backlog is one drain.
            await using var quartz = await InProcessEngine.CreateAsync(database, quartz: true);
            Assert.Equal(1, (await quartz.Reconciler().ReconcileAsync(CancellationToken.None)).TimersScheduled);
        }

        var prepared = prepare.Elapsed;

        // Start the service and measure until the first answer of the API.
        var watch = Stopwatch.StartNew();
        await using var server = await DurableServers.StartAsync(DurableServers.Arguments(database, null));
        using var api = new ServerApi(server.BaseAddress);
        await api.GetJsonAsync("/api/v1/clock");
        var firstAnswer = watch.Elapsed;
        var leftAtFirstAnswer = await ScheduledAsync(database);

        // While it drains, the API keeps answering. The wait lasts as long as the backlog shrinks: it fails when no timer
        // fires for ServerProcess.StallLimit, or after DrainLimit overall (a busy CI machine, not a fixed budget it may miss).
        var slowest = TimeSpan.Zero;
        var answersWhileDraining = 0;
        var left = leftAtFirstAnswer;
        var fewest = left;
        var lastProgress = watch.Elapsed;
        while (left > 0)
        {
            var call = Stopwatch.StartNew();
            await api.GetJsonAsync("/api/v1/clock");
            slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
            left = await ScheduledAsync(database);
            if (left > 0)
            {
                answersWhileDraining++;
            }

            if (left < fewest)
            {
                fewest = left;
                lastProgress = watch.Elapsed;
            }

            Assert.True(watch.Elapsed - lastProgress < ServerProcess.StallLimit, $"No timer fired for {ServerProcess.StallLimit}; {left} still scheduled.\n{server.Output}");
            Assert.True(watch.Elapsed < DrainLimit, $"The backlog did not drain within {DrainLimit}, though it shrank; {left} still scheduled.");
            await Task.Delay(500);
        }

        var drained = watch.Elapsed;

        var firings = await JournalReader.TimerFiringsAsync(database, "wacht");
        Assert.Equal(Timers, firings.Count);
        Assert.Equal(Timers, firings.Select(f => f.InstanceId).Distinct().Count());
        await using (var db = database.Context())
        {
            Assert.Equal(Timers, await db.UserTasks.CountAsync(t => t.ElementId == "na"));
        }

        // Due order: rank of each firing by due moment against its place in the journal.
        var rankByDue = firings.Select((f, i) => (f.DueAt, i)).OrderBy(x => x.DueAt).Select((x, rank) => (x.i, rank)).ToDictionary(x => x.i, x => x.rank);
        var displacement = firings.Select((_, i) => Math.Abs(rankByDue[i] - i)).ToList();
        var spearman = 1 - (6.0 * displacement.Sum(d => (double)d * d) / (Timers * ((double)Timers * Timers - 1)));
        var lateness = firings.Select(f => (f.At - f.DueAt).TotalSeconds).Order().ToList();

        output.WriteLine(
            $"{provider}: {Timers} timers past due prepared in {prepared.TotalSeconds:0.0} s; first API answer {firstAnswer.TotalSeconds:0.0} s after start; " +
            $"slowest API answer while draining {slowest.TotalMilliseconds:0} ms; drained {(drained - firstAnswer).TotalSeconds:0.0} s after the first answer " +
            $"({Timers / (drained - firstAnswer).TotalSeconds:0}/s); due order: Spearman {spearman:0.0000}, median displacement {displacement.Order().ElementAt(Timers / 2)}, " +
            $"p99 {displacement.Order().ElementAt(Timers * 99 / 100)}, max {displacement.Max()} places");

        // Relative to the drain, not to a clock a busy machine may miss: the API answered before the backlog was gone, kept
        // answering while it drained, and no answer waited for a good part of the backlog.
        Assert.True(leftAtFirstAnswer > 0 && answersWhileDraining >= 3, $"The API answered only {answersWhileDraining} times while timers were due ({leftAtFirstAnswer} left at its first answer).");
        var answerBound = TimeSpan.FromTicks(Math.Max((drained - firstAnswer).Ticks / 4, TimeSpan.FromSeconds(10).Ticks));
        Assert.True(slowest < answerBound, $"An API answer took {slowest.TotalSeconds:0.0} s of a {(drained - firstAnswer).TotalSeconds:0.0} s drain.");
        Assert.True(spearman > 0.98, $"The backlog did not drain in due order (Spearman {spearman:0.0000}).");
    }

    private static async Task<int> ScheduledAsync(TestDatabase database)
    {
        await using var db = database.Context();
        return await db.Timers.CountAsync(t => t.Status == TimerStatus.Scheduled);
    }
}
