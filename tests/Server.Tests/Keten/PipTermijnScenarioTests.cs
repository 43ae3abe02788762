using Inburgering.Engine.Persistence;
using Inburgering.Simulators;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 3, through the API on SQLite and PostgreSQL over virtual months: the PIP deadline of Wi2021 art. 15 with
/// Besluit inburgering 2021 art. 5.3 (the PIP within ten weeks of DUO's kennisgeving, SS139, or the BRP inschrijving if later;
/// ../shared/DOMAIN.md, "PIP vaststellen ... 10 weeks"). The last day of the ten weeks is inside them, and the deadline is met
/// by the vaststelling, not by DUO's acknowledgement of the melding.
/// </summary>
public sealed class PipTermijnScenarioTests
{
    private const string Schakel3 = "schakel3-brede-intake-en-pip";
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PipDatedOnTheLastDay_IsOnTime_NoVerstreken(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222497", "0632");
        var kennisgeving = await p.TodayAsync();
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", kennisgeving.AddDays(-5), "SS139", "Gezinsvormer");
        var uiterlijk = kennisgeving.AddDays(70);
        Assert.Equal(uiterlijk.Iso(), (string)(await p.VariablesAsync(Schakel3))["pipUiterlijk"]!);
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "B1 haalbaar" });

        // Ten weeks after the kennisgeving: the last allowed day. The escalation came before it; "verstreken" has not.
        await p.AdvanceAsync("P8W");
        Assert.Equal(uiterlijk, await p.TodayAsync());
        await p.AssertNoIncidentsAsync();
        Assert.True(await p.HasTaskAsync("User_Escalatie"));
        Assert.False(await p.HasTaskAsync("User_Verstreken"));
        Assert.Equal(uiterlijk, p.DueDate(await p.TaskAsync("User_Pip")));

        await p.CompleteAsync("User_Pip", new { pipDagtekening = uiterlijk.Iso(), pipLeerroute = "B" });
        var vars = await p.VariablesAsync(Schakel3);
        Assert.False((bool?)vars["pipTermijnOverschreden"] ?? false);
        Assert.Equal("completed", (await p.InstanceAsync(Schakel3)).Status);
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);

        // The next days bring no late escalation either: the deadline ended with the vaststelling.
        await p.AdvanceAsync("P1W");
        Assert.False(await p.HasTaskAsync("User_Verstreken"));
        Assert.DoesNotContain("Task_Overschreden", await p.JournalTypesAsync(Schakel3, "element-entered"));
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PipVastgesteldOnTime_DuoDownPastTheDeadline_NoEscalation_MeldingDrainsLater(DatabaseProvider provider)
    {
        // Source: Wi2021 art. 15: the PIP within ten weeks; what counts is the vaststelling, not DUO's acknowledgement (issue 13 point 3).
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222503", "0335");
        var kennisgeving = await p.TodayAsync();
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", kennisgeving.AddDays(-5), "SS139", "Gezinsvormer");
        var uiterlijk = kennisgeving.AddDays(70);
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "B1 haalbaar" });

        // The PIP is set the day before the escalation moment (two weeks before the deadline, Ferm Werk's policy); DUO is
        // down from that day for five weeks: past the escalation moment and the deadline.
        await p.AdvanceAsync("P5W");
        await p.AdvanceAsync("P6D");
        var dagtekening = await p.TodayAsync();
        Assert.Equal(uiterlijk.AddDays(-15), dagtekening);
        await p.Keten.SetFailureAsync("duo", new FailurePlan { Down = true, DownUntil = (await p.Keten.NowAsync()).AddDays(35) });
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B" });
        Assert.Equal("active", (await p.InstanceAsync(Schakel3)).Status); // the melding waits for DUO

        for (var week = 1; week <= 4; week++)
        {
            await p.AdvanceAsync("P1W");
            Assert.False(await p.HasTaskAsync("User_Escalatie"), $"week {week}: an escalation though the PIP was set on {dagtekening.Iso()}");
            Assert.False(await p.HasTaskAsync("User_Verstreken"), $"week {week}: 'verstreken' though the PIP was set on time");
            await p.AssertNoIncidentsAsync();
        }

        Assert.True(await p.TodayAsync() > uiterlijk);
        var journal = await p.JournalTypesAsync(Schakel3, "element-entered");
        Assert.Contains("End_OpTijd", journal);
        Assert.DoesNotContain("Task_Overschreden", journal);
        Assert.False((bool?)(await p.VariablesAsync(Schakel3))["pipTermijnOverschreden"] ?? false);

        // DUO comes back: the melding goes out with the original dagtekening and schakel 4 starts.
        await p.AdvanceAsync("P2W");
        Assert.Contains("postPipByBsn", await p.DuoOperatiesAsync());
        Assert.Equal(dagtekening.Iso(), (string)(await p.DuoPersoonAsync())["actuelePip"]!["dagtekeningPip"]!);
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// DUO's SS139 ("de termijn van 10 weken voor vaststellen leerroute is gestart", docs/partners/duo.md) for a traject that
    /// already runs: an asielstatushouder started with SS101 in the COA and, housed, gets SS139. The ten weeks of Wi2021 art.
    /// 15 with Besluit inburgering 2021 art. 5.3 run again from that notice; the tasks and waits on the deadline move with it.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ss139ForARunningTraject_RestartsTheTenWeeks_TasksAndEscalationFollow(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222618", "0632");
        var start = await p.TodayAsync();
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", start.AddDays(-30), "SS101");
        await p.CompleteAsync("User_Tvs", new { samenvattingKlantprofiel = "MBO-niveau", driegesprekMogelijk = true });
        await p.CompleteAsync("User_Driegesprek", new { datumDriegesprek = start.Iso(), afsprakenDriegesprek = "Start na verhuizing" });
        await p.AdvanceAsync("P4W");
        var housed = await p.TodayAsync();
        await p.CompleteAsync("User_Huisvesting", new { datumHuisvesting = housed.Iso() });
        await p.BijstandAsync(housed);
        await p.CompleteAsync("User_Inschrijving", new { brpInschrijving = housed.Iso(), bijstandAangevraagd = true });
        var eerst = housed.AddDays(70);
        Assert.Equal(eerst, p.DueDate(await p.TaskAsync("User_Intake")));

        // Five weeks later DUO says the ten weeks start now.
        await p.AdvanceAsync("P5W");
        var kennisgeving = await p.TodayAsync();
        await p.DuoMeldtAsync("SS139");
        var uiterlijk = kennisgeving.AddDays(70);
        var vars = await p.VariablesAsync(Schakel3);
        Assert.Equal(kennisgeving.Iso(), (string)vars["pipKennisgeving"]!);
        Assert.Equal(uiterlijk.Iso(), (string)vars["pipUiterlijk"]!);
        Assert.Equal(uiterlijk, p.DueDate(await p.TaskAsync("User_Intake")));
        Assert.Equal(1, await p.InstanceCountAsync("inburgeringstraject")); // the running traject took it; no second one

        // The first deadline and its escalation moment pass without escalation.
        while (await p.TodayAsync() <= eerst.AddDays(1))
        {
            await p.AdvanceAsync("P1W");
        }

        Assert.True(await p.TodayAsync() < uiterlijk.AddDays(-14));

        Assert.False(await p.HasTaskAsync("User_Escalatie"));
        Assert.False(await p.HasTaskAsync("User_Verstreken"));

        // Two weeks before the new deadline (Ferm Werk's policy) the escalation comes, due on the new last day.
        while (await p.TodayAsync() < uiterlijk.AddDays(-14))
        {
            await p.AdvanceAsync("P1W");
        }

        Assert.Equal(uiterlijk, p.DueDate(await p.TaskAsync("User_Escalatie")));
        Assert.False(await p.HasTaskAsync("User_Verstreken"));
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// A mover without a PIP (SS120, "in gemeente gevestigd zonder PIP"): the new gemeente's ten weeks run from DUO's notice of
    /// the settlement (DUO learns it from the new inschrijving in the BRP), not from the first notice to the old gemeente,
    /// which would make the new gemeente's deadline overdue at once (issue 13, point 3).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MoverWithoutPip_NewGemeentesTenWeeksRunFromTheMove_NotOverdueAtOnce(DatabaseProvider provider)
    {
        // Source: duo-m2m Gebeurtenissen.md SS120; Wi2021 art. 15 (the ten weeks).
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222631", "0632");
        var eersteKennisgeving = await p.TodayAsync();
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", eersteKennisgeving.AddDays(-5), "SS139", "Gezinsvormer");
        Assert.Equal(eersteKennisgeving.AddDays(70).Iso(), (string)(await p.VariablesAsync(Schakel3))["pipUiterlijk"]!);

        // Eleven weeks later, past the old gemeente's deadline and without a PIP, the person settles in Bodegraven-Reeuwijk.
        await p.AdvanceAsync("P11W");
        var verhuisd = await p.TodayAsync();
        await p.DuoMeldtAsync("SS120", "1901");

        // The old gemeente learns of the move from the BRP at its next check (within four weeks; DUO sends it no SS122) and
        // ends its traject with its tasks (the intake, the escalation, the overdue PIP).
        await p.AdvanceAsync("P4W");
        await p.CompleteAsync("User_VerhuisdOverdracht");
        Assert.Contains("End_Verhuisd", (await p.InstanceAsync(gemeente: "0632")).EndReason!);

        var q = new Inburgeraar(host, "111222631", "1901");
        var vars = (await q.InstanceAsync(Schakel3, "1901")).Variables;
        Assert.Equal(verhuisd.Iso(), (string)vars["pipKennisgeving"]!);
        Assert.Equal(verhuisd.AddDays(70).Iso(), (string)vars["pipUiterlijk"]!);
        var intake = await q.TaskAsync("User_Intake");
        Assert.Equal("1901", intake.Gemeente);
        Assert.Equal(verhuisd.AddDays(70), q.DueDate(intake));
        await q.AdvanceAsync("P1D");
        Assert.False(await q.HasTaskAsync("User_Escalatie"));
        Assert.False(await q.HasTaskAsync("User_Verstreken"));
        await q.AssertNoIncidentsAsync();
    }
}
