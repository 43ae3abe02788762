using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inburgering.Engine.Tests.Queries;

/// <summary>
/// Counting instances per variable value reads the values the engine keeps beside each instance (issue 11: parsing 100,000
/// instances' variables took 1.7 s); rows without them — written before the column or under other names — are counted the slow
/// way until the backfill rewrote them, so the counts never change with the path they were read by.
/// </summary>
public sealed class CountedVariablesTests
{
    private static readonly string Process = OneTaskProcess.Xml("teller");

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Counts_AreTheSame_FromTheCountedValues_TheSlowWay_AndAMixOfBoth_AndFollowEveryChange(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider, options: o =>
        {
            o.CountedVariables.Add("doelgroep");
            o.CountedVariables.Add("route");
        });
        await h.DeployAsync(Process);
        var ids = new List<Guid>
        {
            await h.StartAsync("teller", new { doelgroep = "asiel", route = "B1" }, gemeente: "0632"),
            await h.StartAsync("teller", new { doelgroep = "asiel", route = "B1" }, gemeente: "0632"),
            await h.StartAsync("teller", new { doelgroep = "asiel", route = "Z" }, gemeente: "0632"),
            await h.StartAsync("teller", new { doelgroep = "gezin" }, gemeente: "1901"),
            await h.StartAsync("teller", new { doelgroep = "gezin", route = (string?)null }, gemeente: "1901"),
            await h.StartAsync("teller", new { doelgroep = 7, route = true, naam = new string('x', 500) }, gemeente: "1901"),
        };
        string[] expected =
        [
            "0632|asiel|B1=2", "0632|asiel|Z=1", "1901|7|true=1", "1901|gezin|=2",
        ];

        // Every instance has its values under the current names: the fast path, equal to the slow one (a variable not counted).
        Assert.All(await CountedValuesAsync(h), v => Assert.StartsWith(h.Services.GetRequiredService<CountedVariables>().Signature, v, StringComparison.Ordinal));
        Assert.Equal(expected, await CountsAsync(h, ["doelgroep", "route"]));
        Assert.Equal(expected.Select(e => e.Replace("=", "|=", StringComparison.Ordinal)), await CountsAsync(h, ["doelgroep", "route", "nietGeteld"]));
        Assert.Equal(["0632|asiel=3", "1901|7=1", "1901|gezin=2"], await CountsAsync(h, ["doelgroep"]));

        // Rows from before the column (null) and under other names: the counts do not change; the backfill rewrites exactly them.
        await using (var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create())
        {
            await db.Instances.Where(i => i.Id == ids[0] || i.Id == ids[3]).ExecuteUpdateAsync(s => s.SetProperty(i => i.CountedValues, (string?)null));
            await db.Instances.Where(i => i.Id == ids[5]).ExecuteUpdateAsync(s => s.SetProperty(i => i.CountedValues, "0000beef[\"oud\"]"));
        }

        Assert.False(h.Services.GetRequiredService<CountedVariables>().AllCurrent);
        Assert.Equal(expected, await CountsAsync(h, ["doelgroep", "route"]));
        Assert.Equal(expected, await CountsAsync(h, ["doelgroep", "route"], started: (EngineHarness.Start.AddDays(-1), EngineHarness.Start.AddDays(1))));
        var backfill = h.Services.GetServices<IHostedService>().OfType<InstanceValuesBackfill>().Single();
        Assert.Equal(3, await backfill.RunAsync(CancellationToken.None));
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None));
        Assert.True(h.Services.GetRequiredService<CountedVariables>().AllCurrent);
        Assert.Equal(expected, await CountsAsync(h, ["doelgroep", "route"]));

        // A step that changes a counted variable writes the new value; an ended instance no longer counts as running.
        await h.CompleteAsync(ids[1], "taak", new { route = "A2" });
        await h.Engine.SetVariablesAsync(ids[2], new System.Text.Json.Nodes.JsonObject { ["route"] = "B1" }, EngineHarness.Admin);
        Assert.Equal(["0632|asiel|B1=2", "1901|7|true=1", "1901|gezin|=2"], await CountsAsync(h, ["doelgroep", "route"]));
        Assert.Equal(
            ["0632|asiel|A2=1", "0632|asiel|B1=2", "1901|7|true=1", "1901|gezin|=2"],
            await CountsAsync(h, ["doelgroep", "route"], started: (EngineHarness.Start.AddDays(-1), EngineHarness.Start.AddDays(1))));
    }

    private static async Task<List<string>> CountsAsync(EngineHarness h, IReadOnlyList<string> variables, (DateTimeOffset, DateTimeOffset)? started = null) =>
        (await h.Queries.VariableCountsAsync("teller", variables, started, EngineHarness.Admin))
            .Select(c => $"{c.TenantId}|{string.Join('|', c.Values)}={c.Count}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static async Task<List<string?>> CountedValuesAsync(EngineHarness h)
    {
        await using var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create();
        return await db.Instances.Select(i => i.CountedValues).ToListAsync();
    }
}
