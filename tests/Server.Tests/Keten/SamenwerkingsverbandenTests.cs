using Inburgering.Engine.Persistence;
using Inburgering.Simulators.Taalaanbieder;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 1, through the API on SQLite and PostgreSQL over virtual months: schakel 4 starts from the PIP (SZW
/// procesbeschrijving, seed 003, Bijlage 1: schakel 4 "inburgeren en participeren" follows the vastgesteld PIP; the aanbod of
/// schakel 3 runs beside it), the wait for the taalaanbieder's confirmation is bounded, and the SDD and WerkSaam gemeenten
/// report their Inburgeringsaanbod to DUO with their own taalaanbieder's instellingsnummer (DUO Inburgeringsaanbod API,
/// POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}; seeds 002 and 004 for the partners).
/// </summary>
public sealed class SamenwerkingsverbandenTests
{
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sdd_Dordrecht_Asielstatushouder_Schakel4StartsAtThePip_AanbodBesideIt_ReportedWithTheDrechtstedenInstelling(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222473", "0505");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
        var bijstandBekend = await p.TodayAsync();
        await p.BijstandAsync(bijstandBekend.AddDays(-3));

        // SDD policy (sdd.json, seed 002): no four eyes at the brede intake, so one consulent completes it.
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "B1 haalbaar" });
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B", pipIntensiteit = 600, urenPerWeek = 12 });

        // Schakel 4 runs from the PIP's day: the voortgangsgesprek and the termijn are planned while the aanbod's tasks are open.
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        Assert.Equal(dagtekening.AddMonths(3).AddDays(-14), await p.TimerDueAsync(Schakel4, "Timer_Vg")); // the task two weeks ahead (voortgangsgesprek.voorlooptijdWeken)
        Assert.NotNull(await p.TimerDueAsync(Schakel4, "Timer_TweeMaanden"));
        // Beside them the PIP's bezwaartermijn (a beschikking, Wi2021 art. 15; Awb 6:7): a task that only a bezwaar completes.
        Assert.Equal(["User_BezwaarOntvangen", "User_MapAanbieden", "User_Mb", "User_OntzorgingVoorbereiden", "User_PvtStarten"], await p.OpenTaskElementsAsync());

        // Every task of the aanbod has a due date (Mb two weeks, PVT and MAP four weeks); the ontzorging runs beside the traject
        // from the bijstand (Participatiewet art. 56a), its preparation due two weeks after the bijstand became known.
        Assert.Equal(dagtekening.AddDays(14), p.DueDate(await p.TaskAsync("User_Mb")));
        Assert.Equal(bijstandBekend.AddDays(14), p.DueDate(await p.TaskAsync("User_OntzorgingVoorbereiden")));
        Assert.Equal(dagtekening.AddDays(28), p.DueDate(await p.TaskAsync("User_PvtStarten")));
        Assert.Equal(dagtekening.AddDays(28), p.DueDate(await p.TaskAsync("User_MapAanbieden")));

        // The taalaanbieder confirms within the week; the aanbod goes to DUO with the Drechtsteden instellingsnummer, though
        // nobody has done the aanbod's user tasks yet: the aanbod's steps do not wait for each other.
        await p.AdvanceAsync("P1W");
        var vars = await p.VariablesAsync(Schakel4);
        Assert.Equal("taal-drechtsteden", (string)vars["taalaanbiederId"]!);
        Assert.True((bool)vars["inburgeringsaanbodGemeld"]!);
        Assert.Contains(await p.DuoOperatiesPadenAsync(), r => r.Contains("Inburgeringsaanbod/1000000004", StringComparison.Ordinal));

        // PVT and MAP registration follow their start; Vluchtelingenwerk's begeleiding and the ontzorging are done beside it.
        await p.CompleteAsync("User_PvtStarten", new { pvtStart = dagtekening.Iso() });
        Assert.Contains("User_Pvt", await p.OpenTaskElementsAsync());
        await p.CompleteAsync("User_Mb", new { begeleider = "Stichting Vluchtelingenwerk", startBegeleiding = dagtekening.Iso() }, Inburgeraar.Begeleider);
        await p.CompleteAsync("User_OntzorgingVoorbereiden", new { huurBedrag = 580, zorgverzekeringBedrag = 140, machtigingGetekend = true });
        Assert.True((bool)(await p.VariablesAsync("financieel-ontzorgen"))["ontzorgingActief"]!);
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task WerkSaam_Hoorn_ZRoute_UnconfirmedAanmelding_IsFollowedUpAfterFourWeeks_ThenReportedWithTheWestfrieslandInstelling(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        // The course is full: the taalaanbieder confirms only after seven weeks (a waiting list).
        host.Services.GetRequiredService<TaalaanbiederSimulatorState>().BevestigingNaDagen = 49;
        var p = new Inburgeraar(host, "111222485", "0405");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route niet haalbaar", "Z-route");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
        await p.BijstandAsync((await p.TodayAsync()).AddDays(-3));
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "Z-route" });
        await p.CompleteAsync("User_Noa"); // WerkSaam: the NOA-assessment before the PIP (policy noaAssessment; seed 004)
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "Z", urenPerWeek = 16 });
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        Assert.Contains("User_Participatie", await p.OpenTaskElementsAsync()); // schakel 4's Z-route participatie, at once.

        // Weekly polls; after the fourth unconfirmed one the casusregisseur gets a task with a due date, not an endless wait.
        for (var week = 1; week <= 3; week++)
        {
            await p.AdvanceAsync("P1W");
            Assert.DoesNotContain("User_AanmeldingNavragen", await p.OpenTaskElementsAsync());
        }

        await p.AdvanceAsync("P1W");
        var navragen = await p.TaskAsync("User_AanmeldingNavragen");
        Assert.Equal("aanmelding-navragen", navragen.FormKey);
        Assert.Equal((await p.TodayAsync()).AddDays(7), p.DueDate(navragen));
        Assert.DoesNotContain(await p.DuoOperatiesPadenAsync(), r => r.Contains("Inburgeringsaanbod", StringComparison.Ordinal));
        await p.CompleteAsync("User_AanmeldingNavragen", new { nagevraagdOp = (await p.TodayAsync()).Iso(), afspraak = "Wachtlijst: start over drie weken" });

        // The wait starts again (at most four weeks); the confirmation comes and the aanbod goes to DUO with WerkSaam's Z-route instelling.
        for (var week = 0; week < 4 && !(await p.DuoOperatiesPadenAsync()).Any(r => r.Contains("Inburgeringsaanbod", StringComparison.Ordinal)); week++)
            await p.AdvanceAsync("P1W");
        Assert.Contains(await p.DuoOperatiesPadenAsync(), r => r.Contains("Inburgeringsaanbod/1000000008", StringComparison.Ordinal));
        Assert.Equal("taal-westfriesland-z", (string)(await p.VariablesAsync(Schakel4))["taalaanbiederId"]!);
        Assert.DoesNotContain("User_AanmeldingNavragen", await p.OpenTaskElementsAsync());
        await p.AssertNoIncidentsAsync();
    }
}
