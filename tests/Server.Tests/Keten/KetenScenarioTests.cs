using Inburgering.Engine.Persistence;
using Inburgering.Simulators;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// The keten's other scenarios through the API (SQLite and PostgreSQL): each asserts the tasks people got, the deadlines (due dates
/// and timers), what was sent to DUO and the end state.
/// </summary>
public sealed class KetenScenarioTests
{
    private const string Schakel3 = "schakel3-brede-intake-en-pip";
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Asielstatushouder_ZRoute_1600Uren_Eindgesprek_VoldaanViaZRoute(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222345", "1901");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route niet haalbaar", "Z-route");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-20), "SS139");
        Assert.False(await p.HasTaskAsync("User_Tvs")); // SS139: already living in the gemeente, no schakel 2.
        await PipAsync(p, "Z", asiel: true, urenPerWeek: 16);
        Assert.Equal("taal-midden-holland", (string)(await p.VariablesAsync(Schakel4))["taalaanbiederId"]!);
        await p.CompleteAsync("User_Participatie", new { participatieplek = "Kringloopwinkel", urenPerWeekParticipatie = 16 });

        // Voortgangsgesprekken every three months record the participation hours; the taalaanbieder's hours come in monthly.
        var participatie = 0;
        while (!await p.HasTaskAsync("User_Eindgesprek"))
        {
            await p.AdvanceAsync("P1M");
            if (await p.HasTaskAsync("User_Vg"))
            {
                participatie = Math.Min(800, participatie + 200);
                await p.CompleteFourEyesAsync("User_Vg", new { vgUitkomst = "voldoende", participatieUrenTotaal = participatie });
            }

            Assert.True((double)(await p.VariablesAsync(Schakel4))["cursusUren"]! < 2000, "The eindgesprek did not come.");
        }

        var vars = await p.VariablesAsync(Schakel4);
        Assert.True((double)vars["cursusUren"]! >= 800);
        Assert.Equal(800, (double)vars["participatieUren"]!);
        var ops = await p.DuoOperatiesAsync();
        Assert.Contains("updateUrenParticipatieAlsTaallesByBsn", ops);
        Assert.Contains("updateUrenParticipatieactiviteiten", ops);

        await p.CompleteAsync("User_Eindgesprek", new { datumAfrondingZroute = (await p.TodayAsync()).Iso(), verslag = "Z-route afgerond" });
        Assert.Contains("updateZrouteByBsn", await p.DuoOperatiesAsync());
        await p.CompleteAsync("User_Pvt", new { datumOndertekeningPvt = (await p.TodayAsync()).Iso() });
        await p.CompleteAsync("User_Map", new { datumEindgesprekMap = (await p.TodayAsync()).Iso() });

        // DUO records the Z-route as voldaan; SS141 is an attentiesignaal (SDI008, "voorlopig nog niet relevant", duo-m2m
        // Attentiesignalen.md), not a notificatie. The traject reads it from DUO's Inburgeringsplicht API at its next periodic
        // check (every brpControleIntervalWeken, 4 weeks) and goes to schakel 5.
        await p.DuoMeldtAsync("SS141");
        Assert.DoesNotContain("User_Afronden", await p.OpenTaskElementsAsync());
        await p.AdvanceAsync("P4W");
        await p.CompleteAsync("User_Afronden");
        Assert.Equal("completed", (await p.InstanceAsync()).Status);
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(Asielstatushouder_ZRoute_1600Uren_Eindgesprek_VoldaanViaZRoute), provider, p);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task YoungAsielstatushouder_Onderwijsroute_HasNoMap(DatabaseProvider provider)
    {
        // Source: Wi2021 art. 8: the onderwijsroute has no MAP.
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222357", "0632");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "Onderwijsroute");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
        await PipAsync(p, "O", asiel: true);

        Assert.DoesNotContain("User_Map", await p.OpenTaskElementsAsync());
        Assert.Null(await p.TimerDueAsync(Schakel4, "Timer_Wisselvenster"));
        Assert.Contains("postInburgeringsaanbodByBsnAndInstellingsnummer", await p.DuoOperatiesAsync());
        Assert.Contains("1000000002", (string)(await p.DuoOperatiesPadenAsync()).Last(r => r.Contains("Inburgeringsaanbod", StringComparison.Ordinal)));
        await p.CompleteAsync("User_Pvt", new { datumOndertekeningPvt = (await p.TodayAsync()).Iso() });

        await p.AdvanceAsync("P18M");
        Assert.DoesNotContain("User_Map", await p.OpenTaskElementsAsync());
        await p.DuoMeldtAsync("SS106");
        await p.CompleteAsync("User_Afronden");
        Assert.Equal("completed", (await p.InstanceAsync()).Status);
        Assert.DoesNotContain("updateMapByBsn", await p.DuoOperatiesAsync());
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(YoungAsielstatushouder_Onderwijsroute_HasNoMap), provider, p);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Gezinsmigrant_NoMaatschappelijkeBegeleiding_NoOntzorging_NoFourEyes(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222369", "0632");
        var kennisgeving = await p.TodayAsync();
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", kennisgeving.AddDays(-5), "SS139", "Gezinsvormer");

        var vars = await p.VariablesAsync();
        Assert.Equal("Gezinsmigrant", (string)vars["doelgroepCode"]!);
        Assert.Equal("", (string)vars["vierOgenRollen"]!);
        var intake = await p.TaskAsync("User_Intake");
        Assert.Empty(intake.FourEyesRoles);
        Assert.Equal(kennisgeving.AddDays(70), p.DueDate(intake));

        await PipAsync(p, "B", asiel: false);
        var ops = await p.DuoOperatiesAsync();
        Assert.DoesNotContain("postInburgeringsaanbodByBsnAndInstellingsnummer", ops);
        Assert.Equal(0, await p.InstanceCountAsync("schakel2-voorbereiden-op-inburgering"));
        Assert.DoesNotContain("User_PvtStarten", await p.JournalTypesAsync(Schakel3, "task-created")); // the aanbod runs in schakel 4
        var journal = await p.JournalTypesAsync(Schakel4, "task-created");
        Assert.DoesNotContain("User_Mb", journal);
        Assert.DoesNotContain("User_OntzorgingVoorbereiden", journal);
        Assert.Contains("User_PvtStarten", journal);
        Assert.Contains("User_MapAanbieden", journal);
        Assert.Equal(0, await p.InstanceCountAsync("financieel-ontzorgen")); // only asielstatushouders are ontzorgd (Pw art. 56a)
        vars = await p.VariablesAsync(Schakel4);
        Assert.False((bool)vars["ontzorgingActief"]!);
        Assert.Null(vars["aanmeldingId"]);
        Assert.Contains("User_Map", await p.OpenTaskElementsAsync());
        await p.AdvanceAsync("P3M");
        Assert.Empty((await p.TaskAsync("User_Vg")).FourEyesRoles);
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(Gezinsmigrant_NoMaatschappelijkeBegeleiding_NoOntzorging_NoFourEyes), provider, p);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Wi2013Person_IsRefusedWithTheReason(DatabaseProvider provider)
    {
        // Source: The Wi2021 applies to a plicht that started on or after 2022-01-01 (DOMAIN.md, schakel 1); an earlier plicht stays under the Wi2013.
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222370", "0589");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", new DateOnly(2021, 6, 1), "SS101");

        var vars = await p.VariablesAsync("schakel1-vaststellen-inburgeringsplicht");
        Assert.Equal("WET-WI2013", (string)vars["wetCode"]!);
        Assert.Contains("Wet inburgering 2013", (string)vars["wetReden"]!);
        Assert.Contains("01-06-2021", (string)vars["wetReden"]!);
        Assert.Equal(["User_Buiten"], await p.OpenTaskElementsAsync());
        Assert.Equal("buiten-behandeling", (await p.TaskAsync("User_Buiten")).FormKey);
        await p.CompleteAsync("User_Buiten", new { geinformeerdOp = (await p.TodayAsync()).Iso() });

        var traject = await p.InstanceAsync();
        Assert.Equal("completed", traject.Status);
        Assert.Contains("End_NietInBehandeling", traject.EndReason!);
        Assert.Equal(["getInburgeringsplichtByBsn", "getDoelgroepByBsn"], await p.DuoOperatiesAsync());
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(Wi2013Person_IsRefusedWithTheReason), provider, p);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PipDeadlineMissed_EscalatesBeforeAndAtTheDeadline_ThirdPartyInformationMovesIt(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222382", "0632");
        var kennisgeving = await p.TodayAsync();
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", kennisgeving.AddDays(-5), "SS139", "Gezinsvormer");
        var uiterlijk = kennisgeving.AddDays(70);

        await p.AdvanceAsync("P8W");
        Assert.True(await p.HasTaskAsync("User_Escalatie"));
        Assert.Equal(uiterlijk, p.DueDate(await p.TaskAsync("User_Escalatie")));
        Assert.Equal(80, (await p.TaskAsync("User_Escalatie")).Priority);
        Assert.False(await p.HasTaskAsync("User_Verstreken"));

        // The last allowed day itself is inside the ten weeks (Besluit inburgering 2021 art. 5.3): no "verstreken" yet.
        await p.AdvanceAsync("P2W");
        Assert.Equal(uiterlijk, await p.TodayAsync());
        Assert.False(await p.HasTaskAsync("User_Verstreken"));
        await p.AdvanceAsync("P1D");
        var verstreken = await p.TaskAsync("User_Verstreken");
        Assert.Equal(["consulent", "beheerder"], verstreken.CandidateGroups);
        Assert.True((bool)(await p.VariablesAsync(Schakel3))["pipTermijnOverschreden"]!);
        await p.CompleteAsync("User_Escalatie", new { actie = "Intake ingepland" });
        await p.CompleteAsync("User_Verstreken", new { actie = "Teamleider geïnformeerd" });

        // A second person: information from third parties arrives late; the deadline moves to two weeks after it, no escalation before.
        var q = new Inburgeraar(host, "111222394", "0632");
        var start = await q.TodayAsync();
        await q.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", start.AddDays(-5), "SS139", "Gezinsvormer");
        await q.CompleteAsync("User_Intake", new { verschenen = true, informatieDerdenNodig = true });
        await q.AdvanceAsync("P9W");
        var ontvangen = await q.TodayAsync();
        await q.CompleteAsync("User_Derden", new { informatieDerdenOntvangen = ontvangen.Iso() });
        Assert.Equal(ontvangen.AddDays(14).Iso(), (string)(await q.VariablesAsync(Schakel3))["pipUiterlijk"]!);
        await q.AdvanceAsync("P1W");
        await q.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        Assert.False(await q.HasTaskAsync("User_Verstreken"));
        Assert.Equal(ontvangen.AddDays(14), q.DueDate(await q.TaskAsync("User_Pip")));
        await q.AdvanceAsync("P1W");
        Assert.False(await q.HasTaskAsync("User_Verstreken")); // the moved deadline's last day is still on time
        await q.AdvanceAsync("P1D");
        Assert.True(await q.HasTaskAsync("User_Verstreken"));
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(PipDeadlineMissed_EscalatesBeforeAndAtTheDeadline_ThirdPartyInformationMovesIt), provider, p, q);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DuoExtension_MovesTheTermijnAndItsTimers(DatabaseProvider provider)
    {
        // Source: Wi2021 art. 11 and DUO's extensions SS103/SS104 (duo-m2m Gebeurtenissen.md; DOMAIN.md: +6 months automatic, +16 weeks childbirth).
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222400", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        var dagtekening = await PipAsync(p, "B", asiel: false);
        var einde = dagtekening.AddDays(1).AddYears(3);
        Assert.Equal(einde.AddMonths(-2), await p.TimerDueAsync(Schakel4, "Timer_TweeMaanden"));
        Assert.Equal(einde, await p.TimerDueAsync(Schakel4, "Timer_Einde"));

        await p.AdvanceAsync("P30M");
        var before = (await p.DuoOperatiesAsync()).Count(o => o == "getInburgeringstermijnByBsn");
        await p.DuoMeldtAsync("SS103");
        Assert.Equal(before + 1, (await p.DuoOperatiesAsync()).Count(o => o == "getInburgeringstermijnByBsn"));
        var verlengd = einde.AddMonths(6);
        Assert.Equal(verlengd.Iso(), (string)(await p.VariablesAsync(Schakel4))["termijnEinde"]!);
        Assert.Equal(verlengd.AddMonths(-2), await p.TimerDueAsync(Schakel4, "Timer_TweeMaanden"));
        Assert.Equal(verlengd, await p.TimerDueAsync(Schakel4, "Timer_Einde"));

        // The old two-months moment passes without a task; the new one brings it.
        await p.AdvanceAsync("P6M");
        Assert.False(await p.HasTaskAsync("User_TermijnEinde"));
        await p.AdvanceAsync("P5M");
        Assert.Equal(verlengd, p.DueDate(await p.TaskAsync("User_TermijnEinde")));
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(DuoExtension_MovesTheTermijnAndItsTimers), provider, p);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task LeerrouteSwitch_AllowedWithinOneAndAHalfYear_RefusedAfter_TermijnStays(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222412", "0335");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        var dagtekening = await PipAsync(p, "B", asiel: false);
        var termijnStart = dagtekening.AddDays(1);
        Assert.Equal(termijnStart.AddMonths(18).AddMonths(-1), await p.TimerDueAsync(Schakel4, "Timer_Wisselvenster"));

        await p.AdvanceAsync("P6M");
        await p.CompleteAsync("User_Vg", new { vgUitkomst = "leerrouteWisselen", nieuweLeerroute = "Z" });
        await p.CompleteAsync("User_PipWijzigen", new { nieuweLeerroute = "Z", wijzigingDagtekening = (await p.TodayAsync()).Iso(), motivering = "B1 te zwaar" });
        var vars = await p.VariablesAsync(Schakel4);
        Assert.Equal("Z", (string)vars["pipLeerroute"]!);
        Assert.Contains("binnen anderhalf jaar", (string)vars["wisselReden"]!);
        Assert.Equal(termijnStart.AddYears(3).Iso(), (string)vars["termijnEinde"]!);
        Assert.Equal(2, (await p.DuoOperatiesAsync()).Count(o => o == "postPipByBsn"));
        var duo = await p.DuoPersoonAsync();
        Assert.Equal(termijnStart.AddYears(3).Iso(), (string)duo["termijnEind"]!);

        await p.AdvanceAsync("P14M");
        Assert.True(await p.HasTaskAsync("User_Wisselvenster"));
        while (!await p.HasTaskAsync("User_Vg"))
        {
            await p.AdvanceAsync("P1M");
        }

        await p.CompleteAsync("User_Vg", new { vgUitkomst = "leerrouteWisselen", nieuweLeerroute = "B" });
        await p.CompleteAsync("User_PipWijzigen", new { nieuweLeerroute = "B", wijzigingDagtekening = (await p.TodayAsync()).Iso(), motivering = "Toch B1" });
        Assert.True(await p.HasTaskAsync("User_WisselGeweigerd"));
        Assert.Contains("kan niet meer", (string)(await p.VariablesAsync(Schakel4))["wisselReden"]!);
        Assert.Equal("Z", (string)(await p.VariablesAsync(Schakel4))["pipLeerroute"]!);
        Assert.Equal(2, (await p.DuoOperatiesAsync()).Count(o => o == "postPipByBsn"));
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(LeerrouteSwitch_AllowedWithinOneAndAHalfYear_RefusedAfter_TermijnStays), provider, p);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MoveToAnotherGemeente_OldTrajectEnds_NewGemeenteStartsWithTheSameTermijn(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222424", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        var dagtekening = await PipAsync(p, "B", asiel: false);
        var einde = dagtekening.AddDays(1).AddYears(3);
        await p.AdvanceAsync("P4M");

        // DUO notifies the new gemeente (SS121). The old one hears nothing from DUO (SS122 is an attentiesignaal through SDI008,
        // "voorlopig nog niet relevant", duo-m2m Attentiesignalen.md): it learns of the move at its next BRP check (every four weeks).
        await p.DuoMeldtAsync("SS121", "1901");
        Assert.Equal("active", (await p.InstanceAsync(gemeente: "0632")).Status);
        await p.AdvanceAsync("P4W");
        Assert.Equal("terminated", (await p.InstanceAsync(Schakel4, "0632")).Status);
        Assert.Equal("0632", (await p.TaskAsync("User_VerhuisdOverdracht")).Gemeente);
        await p.CompleteAsync("User_VerhuisdOverdracht");
        var oud = await p.InstanceAsync(gemeente: "0632");
        Assert.Equal("completed", oud.Status);
        Assert.Contains("End_Verhuisd", oud.EndReason!);
        Assert.Equal("1901", (string)oud.Variables["verhuisdNaar"]!);
        var nieuw = await p.InstanceAsync(gemeente: "1901");
        Assert.Equal("active", nieuw.Status);
        Assert.True((bool)nieuw.Variables["pipVorigeGemeente"]!);
        Assert.Equal("SS121", (string)nieuw.Variables["startGebeurtenis"]!);

        var q = new Inburgeraar(host, "111222424", "1901");
        Assert.Equal("1901", (await q.TaskAsync("User_Intake")).Gemeente);
        var nieuweDagtekening = await PipAsync(q, "B", asiel: false);
        Assert.True(nieuweDagtekening > dagtekening);
        var vars = await q.VariablesAsync(Schakel4);
        Assert.Equal(einde.Iso(), (string)vars["termijnEinde"]!);
        Assert.Equal(einde.AddMonths(-2), await q.TimerDueAsync(Schakel4, "Timer_TweeMaanden"));
        await q.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(MoveToAnotherGemeente_OldTrajectEnds_NewGemeenteStartsWithTheSameTermijn), provider, p, q);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ontheffing_EndsTheTraject(DatabaseProvider provider)
    {
        // Source: duo-m2m Gebeurtenissen.md SS108 "Gehele ontheffing toegekend"; seed 003, Bijlage 1, schakel 5.
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222436", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await PipAsync(p, "B", asiel: false);
        await p.AdvanceAsync("P5M");

        await p.DuoMeldtAsync("SS108");
        Assert.Equal(["User_Afronden"], await p.OpenTaskElementsAsync());
        Assert.Equal("Volledige ontheffing", (string)(await p.VariablesAsync("schakel5-afronden-inburgering"))["afrondingReden"]!);
        Assert.Equal("terminated", (await p.InstanceAsync(Schakel4)).Status);
        await p.CompleteAsync("User_Afronden");
        Assert.Equal("completed", (await p.InstanceAsync()).Status);
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(Ontheffing_EndsTheTraject), provider, p);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DuoDownForSixWeeksDuringThePipMelding_NothingIsLost_ItDrainsWhenBack(DatabaseProvider provider)
    {
        // Source: The seeds report that DUO once delivered no data for over a month (DOMAIN.md, "Talking to DUO"): every report must survive such an outage.
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222448", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "ok" });

        var dagtekening = await p.TodayAsync();
        var terug = (await p.Keten.NowAsync()).AddDays(42);
        await p.Keten.SetFailureAsync("duo", new FailurePlan { Down = true, DownUntil = terug });
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B" });

        for (var week = 1; week <= 5; week++)
        {
            await p.AdvanceAsync("P1W");
            Assert.DoesNotContain("postPipByBsn", await p.DuoOperatiesAsync());
            Assert.Equal("active", (await p.InstanceAsync(Schakel3)).Status);
            await p.AssertNoIncidentsAsync();
        }

        await p.AdvanceAsync("P2W");
        Assert.Contains("postPipByBsn", await p.DuoOperatiesAsync());
        var vars = await p.VariablesAsync(Schakel3);
        Assert.Equal(dagtekening.AddDays(1).Iso(), (string)vars["termijnStart"]!);
        Assert.Equal(dagtekening.AddDays(1).AddYears(3).Iso(), (string)vars["termijnEinde"]!);
        Assert.Equal(dagtekening.Iso(), (string)(await p.DuoPersoonAsync())["actuelePip"]!["dagtekeningPip"]!);
        var notificaties = await p.Keten.DuoNotificatiesAsync();
        Assert.All(notificaties, n => Assert.True((bool)n!["delivered"]!));
        await p.CompleteAsync("User_PvtStarten");
        await p.CompleteAsync("User_MapAanbieden");
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(DuoDownForSixWeeksDuringThePipMelding_NothingIsLost_ItDrainsWhenBack), provider, p);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NoShowAtTheBredeIntake_InterventionsFirst_ThenAFineDecision(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222461", "0335");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");

        await p.CompleteAsync("User_Intake", new { verschenen = false });
        var interventie = await p.TaskAsync("User_Interventie");
        Assert.Equal("interventie-bespreken", interventie.FormKey);
        Assert.Equal(await p.TodayAsync() is var today ? today.AddDays(7) : default, p.DueDate(interventie)); // Montfoort: ad hoc, within a week
        await p.CompleteAsync("User_Interventie", new { interventieSoort = "SchriftelijkeWaarschuwing", interventieIngezetOp = today.Iso(), interventieBesprokenOp = today.Iso(), interventieUitkomst = "opnieuwUitnodigen" });

        await p.AdvanceAsync("P1W");
        await p.CompleteAsync("User_Intake", new { verschenen = false });
        var besproken = (await p.TodayAsync()).Iso();
        await p.CompleteAsync("User_Interventie", new { interventieSoort = "AansprekenOpPlichten", interventieIngezetOp = besproken, interventieBesprokenOp = besproken, interventieUitkomst = "boeteOverwegen" });

        // The boete is considered and the PIP made without the inburgeraar's input; the boete's Awb procedure (voornemen,
        // zienswijze, besluit) does not hold up the PIP: it runs in schakel 4 beside the rest (issue 13, point 6).
        await p.CompleteAsync("User_Handhaving", new { boeteOverwegen = true, handhavingVervolg = "pipZonderInbreng", motivering = "Tweemaal niet verschenen" });
        var vars = await p.VariablesAsync(Schakel3);
        Assert.True((bool)vars["intakeBoeteOverwogen"]!);
        Assert.Equal(["User_Pip"], (await p.OpenTaskElementsAsync()).Where(t => t.StartsWith("User_", StringComparison.Ordinal) && t != "User_Escalatie").ToList());
        Assert.Equal(2, (await p.JournalTypesAsync(Schakel3, "task-created")).Count(t => t == "User_Intake"));

        await p.CompleteAsync("User_Pip", new { pipDagtekening = (await p.TodayAsync()).Iso(), pipLeerroute = "B" });
        Assert.Equal("boete-voornemen", (await p.TaskAsync("User_Voornemen")).FormKey);
        Assert.Equal("NietMeewerkenAanBredeIntake", (string?)(await p.VariablesAsync("handhaving-bestuurlijke-boete"))["boeteGrond"]);
        await p.CompleteAsync("User_Voornemen", new { boeteVoornemen = true, boeteBedrag = 900, boeteGrond = "NietMeewerkenAanBredeIntake", overtreding = "Tweemaal niet verschenen" });
        Assert.Contains("€ 800", (string)(await p.VariablesAsync("handhaving-bestuurlijke-boete"))["handhavingFouten"]!);
        await p.CompleteAsync("User_Voornemen", new { boeteVoornemen = true, boeteBedrag = 250, boeteGrond = "NietMeewerkenAanBredeIntake", overtreding = "Tweemaal niet verschenen" });
        await p.AdvanceAsync("P3W");
        await p.CompleteAsync("User_Zienswijze", new { zienswijzeGegeven = false, zienswijze = "Geen zienswijze ontvangen" });
        await p.CompleteAsync("User_Besluit", new { boeteOpleggen = true, boeteBedrag = 250, boeteGrond = "NietMeewerkenAanBredeIntake", motivering = "Tweemaal niet verschenen" });
        await p.CompleteAsync("User_Bekendmaking", new { verzendwijze = "post" });
        await p.AdvanceAsync("P7W");
        vars = await p.VariablesAsync("schakel4-inburgeren-en-participeren");
        Assert.True((bool)vars["intakeBoeteOpgelegd"]!);
        Assert.Equal(250, (double)vars["intakeBoeteBedrag"]!);
        Assert.NotNull((string?)vars["intakeBoeteOnherroepelijkOp"]);
        await p.AssertNoIncidentsAsync();
        await GoldenJournal.AssertAsync(nameof(NoShowAtTheBredeIntake_InterventionsFirst_ThenAFineDecision), provider, p);
    }

    /// <summary>From the brede intake to schakel 4: intake, toets, PIP (dagtekening today), the aanbod. Returns the dagtekening.</summary>
    private static async Task<DateOnly> PipAsync(Inburgeraar p, string leerroute, bool asiel, int? urenPerWeek = null)
    {
        if (asiel)
        {
            await p.BijstandAsync((await p.TodayAsync()).AddDays(-3));
            await p.CompleteFourEyesAsync("User_Intake", new { verschenen = true });
        }
        else
        {
            await p.CompleteAsync("User_Intake", new { verschenen = true });
        }

        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = leerroute, urenPerWeek });
        if (asiel)
        {
            await p.CompleteAsync("User_Mb", null, Inburgeraar.Begeleider);
            await p.CompleteAsync("User_OntzorgingVoorbereiden", new { huurBedrag = 550, zorgverzekeringBedrag = 140 });
        }

        await p.CompleteAsync("User_PvtStarten");
        if (leerroute != "O")
        {
            await p.CompleteAsync("User_MapAanbieden");
        }

        if (asiel)
        {
            await p.AdvanceAsync("P1W");
        }

        Assert.Equal("active", (await p.InstanceAsync("schakel4-inburgeren-en-participeren")).Status);
        return dagtekening;
    }
}
