using Inburgering.Engine.Persistence;
using Inburgering.Engine.Tests.Support;

namespace Inburgering.Engine.Tests.Queries;

/// <summary>
/// The counts' trend (started and ended per quarter over two years) reads all periods in two grouped queries instead of two per
/// period; the result is the same as asking period by period, at the boundaries included (a period is [from, to)).
/// </summary>
public sealed class PeriodCountTests
{
    private static readonly string Process = OneTaskProcess.Xml("periode");

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StartedAndEndedPerPeriod_IsWhatEachPeriodAskedAloneGives(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(Process);
        var boundaries = Enumerable.Range(0, 5).Select(k => EngineHarness.Start.AddDays(10 * k)).ToList();

        // Starts on the boundaries and between them, in two tenants; some end in a later period.
        var ids = new List<Guid>();
        for (var day = 0; day <= 45; day += 5)
        {
            ids.Add(await h.StartAsync("periode", gemeente: day % 10 == 0 ? "0632" : "1901"));
            if (day >= 15)
            {
                await h.CompleteAsync(ids[(day / 5) - 3], "taak");
            }

            await h.AdvanceAsync("P5D");
        }

        var together = await h.Queries.StartedAndEndedPerPeriodAsync("periode", boundaries, EngineHarness.Admin);
        var alone = new List<string>();
        for (var p = 0; p < boundaries.Count - 1; p++)
        {
            alone.AddRange((await h.Queries.StartedAndEndedAsync("periode", boundaries[p], boundaries[p + 1], EngineHarness.Admin)).Select(c => $"{p}|{c.TenantId}|{c.Key}={c.Count}"));
        }

        Assert.Equal(alone.Order(StringComparer.Ordinal), together.Select(c => $"{c.Period}|{c.TenantId}|{c.Key}={c.Count}").Order(StringComparer.Ordinal));
        Assert.Equal(8, together.Where(c => c.Key == "started").Sum(c => c.Count)); // days 0..35: the ones at 40 and 45 are after the last boundary
        Assert.Contains(together, c => c.Key == "ended");
        Assert.Throws<ArgumentException>(() => h.Queries.StartedAndEndedPerPeriodAsync("periode", [boundaries[1], boundaries[0]], EngineHarness.Admin).GetAwaiter().GetResult());
    }
}
