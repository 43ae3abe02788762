using Inburgering.Engine.Persistence;
using Inburgering.Simulators;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 5: DUO's signals that were buffered and never used, through the API on SQLite and PostgreSQL. duo-m2m
/// Gebeurtenissen.md, "Wijziging doelgroep": SS124 (asielstatushouder → gezinsmigrant en overige migrant) and SS125 (the other way)
/// change the doelgroep and with it what the traject gives (Wi2021 art. 2, 8, 18: maatschappelijke begeleiding and the aanbod for
/// asielstatushouders). "Verzoeken inburgeraar": SS113–SS119, the outcome of requests the inburgeraar made at DUO, are recorded in
/// the traject; a granted gedeeltelijke vrijstelling (SS117) or ontheffing (SS119) changes the examen part, so the casusregisseur
/// gets a task; a refusal changes nothing and the traject runs on.
/// </summary>
public sealed class DuoSignalenScenarioTests
{
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DoelgroepChange_UpdatesTheTraject_AndTheCasusregisseurWeighsTheConsequences(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222953", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.PipB1VastgesteldAsync();
        var voor = await p.VariablesAsync();
        Assert.False((bool)voor["asiel"]!);
        Assert.False((bool)voor["maatschappelijkeBegeleiding"]!);

        await p.AdvanceAsync("P1M");
        await p.DuoMeldtAsync("SS125");
        var na = await p.VariablesAsync();
        Assert.Equal("Asielstatushouder", (string)na["doelgroepCode"]!);
        Assert.True((bool)na["asiel"]!);
        Assert.True((bool)na["maatschappelijkeBegeleiding"]!);
        Assert.Equal("SS125", (string)na["doelgroepWijziging"]!);
        Assert.Equal("doelgroep-gewijzigd", (await p.TaskAsync("User_DoelgroepGewijzigd")).FormKey);
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        await p.CompleteAsync("User_DoelgroepGewijzigd");

        // And back (SS124): the same boundary fires again, the traject runs on.
        await p.DuoMeldtAsync("SS124");
        Assert.False((bool)(await p.VariablesAsync())["asiel"]!);
        await p.CompleteAsync("User_DoelgroepGewijzigd");
        Assert.Equal("active", (await p.InstanceAsync()).Status);
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task VerzoekenOfTheInburgeraar_AreRecorded_AGrantGivesATask_ARefusalChangesNothing(DatabaseProvider provider)
    {
        // Source: duo-m2m Gebeurtenissen.md, "Verzoeken inburgeraar" (SS113-SS119).
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222965", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.PipB1VastgesteldAsync();
        await p.AdvanceAsync("P2M");

        await p.DuoMeldtAsync("SS118");
        Assert.Contains("SS118: Verzoek ontheffing afgewezen.", (string)(await p.VariablesAsync())["verzoekenInburgeraar"]!, StringComparison.Ordinal);
        Assert.False(await p.HasTaskAsync("User_VerzoekToegekend"));
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);

        await p.DuoMeldtAsync("SS117");
        var verzoeken = (string)(await p.VariablesAsync())["verzoekenInburgeraar"]!;
        Assert.Contains("SS118", verzoeken, StringComparison.Ordinal);
        Assert.Contains("SS117: Verzoek gedeeltelijke vrijstelling toegekend.", verzoeken, StringComparison.Ordinal);
        Assert.Equal("verzoek-toegekend", (await p.TaskAsync("User_VerzoekToegekend")).FormKey);
        await p.CompleteAsync("User_VerzoekToegekend");
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// SS130 (Gebeurtenissen.md, "Termijn gewijzigd": "Tijdelijke vrijstelling ingetrokken, PIP al bekend. Eerdere
    /// inburgeringsplicht wordt hervat, maar leerroute was al door huidige of eerdere gemeente voor de tijdelijke vrijstelling
    /// vastgesteld"). The tijdelijke vrijstelling (SS109) ended the traject through schakel 5; when the plicht resumes a new
    /// traject starts, reads the actuele PIP and the termijn at DUO (the leerroute stays unless a switch is allowed) and takes up
    /// the brede intake again.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ss130_ThePlichtResumes_ANewTrajectKeepsTheLeerrouteAndDuosTermijn(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222977", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        var dagtekening = await p.PipB1VastgesteldAsync();
        var termijnEinde = (string)(await p.VariablesAsync(Schakel4))["termijnEinde"]!;

        await p.AdvanceAsync("P3M");
        await p.DuoMeldtAsync("SS109");
        await p.CompleteAsync("User_Afronden");
        Assert.Equal("completed", (await p.InstanceAsync()).Status);

        await p.AdvanceAsync("P6M");
        await p.DuoMeldtAsync("SS130");
        Assert.Equal(2, await p.InstanceCountAsync("inburgeringstraject"));
        var hervat = await p.InstanceAsync();
        Assert.Equal("active", hervat.Status);
        Assert.Equal("SS130", (string)hervat.Variables["startGebeurtenis"]!);
        Assert.Equal("B", (string)hervat.Variables["vorigePipLeerroute"]!);
        Assert.Equal(dagtekening.AddDays(1).Iso(), (string)hervat.Variables["termijnStart"]!);
        Assert.True(string.CompareOrdinal((string)hervat.Variables["termijnEinde"]!, termijnEinde) > 0, "DUO moved the termijn's end by the suspension.");
        Assert.True(await p.HasTaskAsync("User_Intake"));
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// "Plicht loopt nog" (issue 13, moves): DUO notifies an end of the plicht (SS106, duo-m2m Gebeurtenissen.md "Diploma behaald")
    /// while its own Inburgeringsplicht API still says plichtig, a melding its registration contradicts. Schakel 5 checks the
    /// plicht first (Wi2021 art. 7: the plicht ends only as the law says, and DUO's registration is the authority); the
    /// casusregisseur then aligns begeleiding and handhaving, and the traject does not close: it goes back to "loopt" without
    /// running the schakels again, and watches for the end. When DUO records the end without a notificatie (here the Z-route's
    /// SS141, an attentiesignaal), the periodic check finds it within the BRP interval and schakel 5 follows again.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AnEndDuosRegistrationContradicts_DoesNotCloseTheTraject_TheLaterEndIsFoundByTheCheck(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222989", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.PipB1VastgesteldAsync();
        await p.AdvanceAsync("P3M");

        await p.DuoMeldtAsync("SS106", alleenMelding: true);
        Assert.Equal("afronding", (await p.TaskAsync("User_Afstemmen")).FormKey);
        await p.CompleteAsync("User_Afstemmen");

        var traject = await p.InstanceAsync();
        Assert.Equal("active", traject.Status);
        Assert.True((bool)traject.Variables["plichtLooptNog"]!);
        Assert.Equal("completed", (await p.InstanceAsync("schakel5-afronden-inburgering")).Status);
        Assert.Equal(1, await p.InstanceCountAsync(Schakel4));
        Assert.Equal(1, await p.InstanceCountAsync("schakel3-brede-intake-en-pip"));
        Assert.False(await p.HasTaskAsync("User_Intake"));
        Assert.DoesNotContain(await p.OpenTaskElementsAsync(), e => e is "User_Afstemmen" or "User_Afronden");

        await p.DuoMeldtAsync("SS141");
        Assert.Equal("active", (await p.InstanceAsync()).Status);
        await p.AdvanceAsync("P5W");
        await p.CompleteAsync("User_Afronden");
        Assert.Equal(2, await p.InstanceCountAsync("schakel5-afronden-inburgering"));
        var afgerond = await p.InstanceAsync();
        Assert.Equal("completed", afgerond.Status);
        Assert.False((bool)afgerond.Variables["plichtLooptNog"]!);
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// The same contradicted melding (SS107, "Gehele vrijstelling toegekend"), then DUO's real end as a notificatie (SS108,
    /// "Gehele ontheffing toegekend"): the resumed traject still listens to DUO's meldingen and closes through schakel 5.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AfterAContradictedEnd_DuosRealEnd_ClosesTheTrajectThroughSchakel5(DatabaseProvider provider)
    {
        // Source: duo-m2m Gebeurtenissen.md (SS107, SS108); seed 003, Bijlage 1, schakel 5: nagaan of de plicht actueel of beëindigd is.
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222990", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.PipB1VastgesteldAsync();
        await p.AdvanceAsync("P2M");

        await p.DuoMeldtAsync("SS107", alleenMelding: true);
        await p.CompleteAsync("User_Afstemmen");
        Assert.Equal("active", (await p.InstanceAsync()).Status);

        await p.AdvanceAsync("P2M");
        await p.DuoMeldtAsync("SS108");
        Assert.False(await p.HasTaskAsync("User_Afstemmen"));
        await p.CompleteAsync("User_Afronden");
        Assert.Equal("completed", (await p.InstanceAsync()).Status);
        await p.AssertNoIncidentsAsync();
    }
}
