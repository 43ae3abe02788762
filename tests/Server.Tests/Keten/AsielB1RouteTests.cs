using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// An asielstatushouder in Woerden through the whole keten over three virtual years: voorbereiden (TVS, driegesprek, huisvesting,
/// BRP), brede intake with four eyes and the leerbaarheidstoets, the PIP within ten weeks, the B1-route at the regional
/// taalaanbieder, ontzorgen from the bijstand start with its evaluation, voortgangsgesprekken on Woerden's cycle (with an
/// overdue signal), PVT and MAP reported to DUO, the diploma (SS106) and schakel 5 closing the traject.
/// </summary>
public sealed class AsielB1RouteTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Asielstatushouder_B1Route_WithOntzorging_VoortgangMapPvt_DiplomaClosesTheTraject(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222333", "0632");
        var start = await p.TodayAsync();

        // Schakel 1: DUO notifies SS101; the traject starts, asks DUO and decides Wi2021 / asiel.
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", start.AddDays(-30), "SS101");
        var vars = await p.VariablesAsync();
        Assert.Equal("WET-WI2021", (string)vars["wetCode"]!);
        Assert.Equal("Asielstatushouder", (string)vars["doelgroepCode"]!);
        Assert.Equal("consulent,begeleider", (string)vars["vierOgenRollen"]!);
        Assert.Equal(["getInburgeringsplichtByBsn", "getDoelgroepByBsn"], (await p.DuoOperatiesAsync()).Take(2).ToList());

        // Schakel 2: voorbereiden (asiel, not yet housed).
        Assert.Equal(["User_Tvs"], await p.OpenTaskElementsAsync());
        await p.CompleteAsync("User_Tvs", new { samenvattingKlantprofiel = "MBO-niveau, werkervaring in de bouw", driegesprekMogelijk = true });
        await p.CompleteAsync("User_Driegesprek", new { datumDriegesprek = start.Iso(), afsprakenDriegesprek = "Start na verhuizing" });
        await p.AdvanceAsync("P4W");
        var housed = await p.TodayAsync();
        await p.CompleteAsync("User_Huisvesting", new { datumHuisvesting = housed.Iso() });
        await p.BijstandAsync(housed);
        await p.CompleteAsync("User_Inschrijving", new { brpInschrijving = housed.Iso(), bijstandAangevraagd = true });

        // Schakel 3: ten weeks from the BRP registration (later than DUO's notice), escalation two weeks before (Ferm Werk policy).
        var uiterlijk = housed.AddDays(70);
        var intake = await p.TaskAsync("User_Intake");
        Assert.Equal(uiterlijk, p.DueDate(intake));
        Assert.Equal("brede-intake", intake.FormKey);
        Assert.Equal(uiterlijk.AddDays(-14), await p.TimerDueAsync("schakel3-brede-intake-en-pip", "Timer_Escalatie"));
        Assert.Equal(uiterlijk.AddDays(1), await p.TimerDueAsync("schakel3-brede-intake-en-pip", "Timer_Uiterlijk")); // the day after the last allowed day (a PIP on the last day is on time)
        Assert.Contains("getExamennummerByBsn", await p.DuoOperatiesAsync());
        await p.CompleteFourEyesAsync("User_Intake", new { verschenen = true, intakeDatum = housed.Iso(), opleidingEnWerk = "Timmerman" });

        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "B1 haalbaar; akkoord met de B1-route" });
        var dagtekening = await p.TodayAsync();
        var pipTask = await p.TaskAsync("User_Pip");
        Assert.Equal(uiterlijk, p.DueDate(pipTask));
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B", pipIntensiteit = 600, urenPerWeek = 12 });

        var ops = await p.DuoOperatiesAsync();
        Assert.Contains("postPipByBsn", ops);
        Assert.Contains("getInburgeringstermijnByBsn", ops);
        Assert.Contains("createContactpersoon", ops);
        vars = await p.VariablesAsync("schakel3-brede-intake-en-pip");
        Assert.Equal(dagtekening.AddDays(1).Iso(), (string)vars["termijnStart"]!);
        Assert.Equal(dagtekening.AddDays(1).AddYears(3).Iso(), (string)vars["termijnEinde"]!);
        Assert.False((bool)vars["pipTermijnOverschreden"]!);

        // The aanbod: maatschappelijke begeleiding, ontzorgen (asiel with bijstand), PVT, MAP, the leerroute at the taalaanbieder.
        // Beside it the PIP's bezwaartermijn (a beschikking, Wi2021 art. 15; Awb 6:7): a task that only a bezwaar completes.
        Assert.Equal(["User_BezwaarOntvangen", "User_MapAanbieden", "User_Mb", "User_OntzorgingVoorbereiden", "User_PvtStarten"], await p.OpenTaskElementsAsync());
        await p.CompleteAsync("User_Mb", new { begeleider = "Vluchtelingenwerk", startBegeleiding = dagtekening.Iso() }, Inburgeraar.Begeleider);
        await p.CompleteAsync("User_OntzorgingVoorbereiden", new { huurBedrag = 612.40, energieBedrag = 145, waterBedrag = 20, zorgverzekeringBedrag = 140, machtigingGetekend = true });
        await p.CompleteAsync("User_PvtStarten", new { pvtStart = dagtekening.Iso() });
        await p.CompleteAsync("User_MapAanbieden", new { mapStart = dagtekening.Iso() });
        await p.AdvanceAsync("P1W");
        Assert.Contains("postInburgeringsaanbodByBsnAndInstellingsnummer", await p.DuoOperatiesAsync());
        vars = await p.VariablesAsync("schakel4-inburgeren-en-participeren");
        Assert.Equal("taal-utrecht-midden", (string)vars["taalaanbiederId"]!);
        vars = await p.VariablesAsync("financieel-ontzorgen");
        Assert.True((bool)vars["ontzorgingActief"]!);
        Assert.Equal(housed.AddMonths(6).Iso(), (string)vars["ontzorgingEinde"]!);

        // Schakel 4: the voortgangsgesprek every three months (Woerden), ontzorgen evaluated at the end of six months.
        Assert.Equal(dagtekening.AddMonths(3).AddDays(-14), await p.TimerDueAsync("schakel4-inburgeren-en-participeren", "Timer_Vg")); // the task two weeks ahead (voortgangsgesprek.voorlooptijdWeken)
        Assert.Equal(housed.AddMonths(6).AddDays(-1 - 28), await p.TimerDueAsync("financieel-ontzorgen", "Bnd_OzEvaluatie")); // Ferm Werk: four weeks ahead
        Assert.Equal(dagtekening.AddDays(1).AddYears(3).AddMonths(-2), await p.TimerDueAsync("schakel4-inburgeren-en-participeren", "Timer_TweeMaanden"));
        var pvt = await p.TaskAsync("User_Pvt");
        Assert.Equal(dagtekening.AddDays(1).AddYears(3), p.DueDate(pvt));

        await p.AdvanceAsync("P3M");
        var vg = await p.TaskAsync("User_Vg");
        Assert.Equal("voortgangsgesprek", vg.FormKey);
        await p.CompleteFourEyesAsync("User_Vg", new { gesprekDatum = (await p.TodayAsync()).Iso(), vgUitkomst = "voldoende" });

        while (!await p.HasTaskAsync("User_OzEvalueren"))
        {
            await p.AdvanceAsync("P1M");
            Assert.True(await p.TodayAsync() < housed.AddMonths(7), "The ontzorging evaluation did not come.");
        }

        await p.CompleteAsync("User_OzEvalueren", new { ozUitkomst = "stoppen", motivering = "Financieel zelfredzaam" });
        Assert.False((bool)(await p.VariablesAsync("financieel-ontzorgen"))["ontzorgingActief"]!);

        // A voortgangsgesprek left open past the marge gives the overdue signal.
        if (await p.HasTaskAsync("User_Vg"))
        {
            await p.CompleteFourEyesAsync("User_Vg", new { vgUitkomst = "voldoende" });
        }

        await p.AdvanceAsync("P4M");
        Assert.True(await p.HasTaskAsync("User_Vg"));
        Assert.True((bool)(await p.VariablesAsync("schakel4-inburgeren-en-participeren"))["voortgangAchterstallig"]!);
        await p.CompleteFourEyesAsync("User_Vg", new { vgUitkomst = "voldoende" });
        Assert.False((bool)(await p.VariablesAsync("schakel4-inburgeren-en-participeren"))["voortgangAchterstallig"]!);

        // PVT signed in year 1, MAP eindgesprek in year 2: checked against DUO's rules and reported.
        await p.CompleteAsync("User_Pvt", new { datumOndertekeningPvt = (await p.TodayAsync()).Iso() });
        await p.AdvanceAsync("P12M");
        await p.CompleteAsync("User_Map", new { datumEindgesprekMap = (await p.TodayAsync()).Iso() });
        ops = await p.DuoOperatiesAsync();
        Assert.Contains("updatePvtByBsn", ops);
        Assert.Contains("updateMapByBsn", ops);
        Assert.Contains("updateUrenParticipatieAlsTaallesByBsn", ops);

        // Exams (SS199) and the diploma (SS106) in year 3: schakel 5 checks the plicht at DUO and closes.
        await p.AdvanceAsync("P6M");
        await p.ExamenresultaatAsync("LE");
        Assert.Contains("getExamenresultatenByBsn", await p.DuoOperatiesAsync());
        await p.DuoMeldtAsync("SS106");
        Assert.Equal(["User_Afronden"], await p.OpenTaskElementsAsync());
        await p.CompleteAsync("User_Afronden", new { afgerondOp = (await p.TodayAsync()).Iso() });

        var traject = await p.InstanceAsync();
        Assert.Equal("completed", traject.Status);
        Assert.Contains("End_Afgerond", traject.EndReason!);
        Assert.Equal("terminated", (await p.InstanceAsync("schakel4-inburgeren-en-participeren")).Status);
        Assert.Equal("completed", (await p.InstanceAsync("schakel5-afronden-inburgering")).Status);
        Assert.True(await p.TodayAsync() > start.AddYears(2), "The traject ran over more than two virtual years.");
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(Asielstatushouder_B1Route_WithOntzorging_VoortgangMapPvt_DiplomaClosesTheTraject), provider, p);
    }
}
