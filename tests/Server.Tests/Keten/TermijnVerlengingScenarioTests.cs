using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 4, through the API on SQLite and PostgreSQL over virtual years: DUO decides an extension of the
/// inburgeringstermijn (Wi2021 art. 12 with Besluit inburgering 2021 art. 4.3 and 4.4; SS103 ambtshalve, SS104 op verzoek) and
/// every deadline that depends on the termijn follows it. The PVT and the MAP must be done within the termijn (Wi2021 art. 8
/// and 11), so their tasks, due at its end, move with the new end — the same tasks, not new ones — and the overschrijding comes
/// at the new end only.
/// </summary>
public sealed class TermijnVerlengingScenarioTests
{
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DuoExtendsTwice_PvtAndMapTasksFollowTheNewEnd_OverschrijdingOnlyAtTheNewEnd(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222606", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B" });
        await p.CompleteAsync("User_PvtStarten");
        await p.CompleteAsync("User_MapAanbieden");

        // Wi2021 art. 11: three years from the day after the first PIP's dagtekening; PVT and MAP are due at its end.
        var einde = dagtekening.AddDays(1).AddYears(3);
        var pvt = await p.TaskAsync("User_Pvt");
        var map = await p.TaskAsync("User_Map");
        Assert.Equal(einde, p.DueDate(pvt));
        Assert.Equal(einde, p.DueDate(map));

        // SS104 (op verzoek, childbirth: +16 weeks, Besluit inburgering 2021 art. 4.4) half a year before the end.
        await p.AdvanceAsync("P30M");
        await p.DuoMeldtAsync("SS104");
        var verlengd = einde.AddDays(16 * 7);
        Assert.Equal(verlengd.Iso(), (string)(await p.VariablesAsync(Schakel4))["termijnEinde"]!);
        var pvtNu = await p.TaskAsync("User_Pvt");
        Assert.Equal(pvt.Id, pvtNu.Id); // the same task (its claim and history stay), with the new due date
        Assert.Equal(verlengd, p.DueDate(pvtNu));
        Assert.Equal(verlengd, p.DueDate(await p.TaskAsync("User_Map")));
        Assert.Equal(verlengd.AddMonths(-2), await p.TimerDueAsync(Schakel4, "Timer_TweeMaanden"));
        Assert.Equal(verlengd, await p.TimerDueAsync(Schakel4, "Timer_Einde"));

        // The old two-months moment and the old end pass: no task for them, no overschrijding.
        while (await p.TodayAsync() <= einde.AddDays(7))
        {
            await p.AdvanceAsync("P1W");
        }

        Assert.False(await p.HasTaskAsync("User_TermijnEinde"));
        Assert.False(await p.HasTaskAsync("User_Overschreden"));
        Assert.NotEqual(true, (bool?)(await p.VariablesAsync(Schakel4))["termijnOverschreden"]);

        // The PVT signed after the old end but within the extended termijn is on time and reported to DUO.
        await p.CompleteAsync("User_Pvt", new { datumOndertekeningPvt = (await p.TodayAsync()).Iso() });
        Assert.Contains("updatePvtByBsn", await p.DuoOperatiesAsync());
        Assert.False(await p.HasTaskAsync("User_Pvt"));

        // SS103 (ambtshalve, +6 months) moves the open MAP task again.
        await p.DuoMeldtAsync("SS103");
        var tweedeVerlenging = verlengd.AddMonths(6);
        Assert.Equal(tweedeVerlenging, p.DueDate(await p.TaskAsync("User_Map")));
        Assert.Equal(tweedeVerlenging, await p.TimerDueAsync(Schakel4, "Timer_Einde"));

        // Two months before the new end the task to judge the results comes, due at the new end; the overschrijding comes at
        // the new end, not before.
        while (await p.TodayAsync() < tweedeVerlenging)
        {
            Assert.False(await p.HasTaskAsync("User_Overschreden"), $"Overschrijding on {(await p.TodayAsync()).Iso()}, before the extended end {tweedeVerlenging.Iso()}.");
            Assert.Equal(await p.TodayAsync() >= tweedeVerlenging.AddMonths(-2), await p.HasTaskAsync("User_TermijnEinde"));
            await p.AdvanceAsync("P1W");
        }

        Assert.True(await p.HasTaskAsync("User_Overschreden"));
        Assert.True(await p.HasTaskAsync("User_Map"));
        await p.AssertNoIncidentsAsync();
    }
}
