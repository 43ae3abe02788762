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
}
