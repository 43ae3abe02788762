using System.Diagnostics;
using Inburgering.Engine;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Inburgering.Tests.Durability;

/// <summary>
/// Issue 3, must-show 4: the service starts with ten thousand timers past due. The API answers within seconds while the
/// backlog drains, and the backlog drains in due order.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class BacklogTests(ITestOutputHelper output)
{
    private const int Timers = 10_000;

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
            await using var quartz = await InProcessEngine.CreateAsync(database, quartz: true);
            Assert.Equal(Timers, (await quartz.Reconciler().ReconcileAsync(CancellationToken.None)).TimersScheduled);
        }

        var prepared = prepare.Elapsed;

        // Start the service and measure until the first answer of the API.
        var watch = Stopwatch.StartNew();
        await using var server = await DurableServers.StartAsync(DurableServers.Arguments(database, null));
        using var api = new Api(server.BaseAddress);
        await api.GetJsonAsync("/api/v1/clock");
        var firstAnswer = watch.Elapsed;

        // While it drains, the API keeps answering.
        var slowest = TimeSpan.Zero;
        await Eventually.WaitAsync(
            async () =>
            {
                var call = Stopwatch.StartNew();
                await api.GetJsonAsync("/api/v1/clock");
                slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
                await using var db = database.Context();
                return await db.Timers.CountAsync(t => t.Status == TimerStatus.Scheduled);
            },
            left => left == 0,
            TimeSpan.FromSeconds(100),
            "the backlog drained",
            intervalMilliseconds: 500);
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

        Assert.True(firstAnswer < TimeSpan.FromSeconds(15), $"The API answered {firstAnswer.TotalSeconds:0.0} s after start.");
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"The API took {slowest.TotalSeconds:0.0} s to answer while draining.");
        Assert.True(spearman > 0.98, $"The backlog did not drain in due order (Spearman {spearman:0.0000}).");
    }
}
