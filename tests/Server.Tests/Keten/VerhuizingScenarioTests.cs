using Inburgering.Engine.Persistence;
using Inburgering.Simulators;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 5 (moves), through the API on SQLite and PostgreSQL over virtual months. The old gemeente learns of a move
/// from its own source, the BRP (Haal Centraal BRP Personen bevragen), checked every four weeks (policy
/// <c>brpControleIntervalWeken</c>). DUO's SS122 "Vertrokken naar andere gemeente" is no notificatie: duo-m2m
/// Attentiesignalen.md lists it among the attentiesignalen, "via attentiesignaal API (SDI008)", and opens with "Is voorlopig nog
/// niet relevant"; Gebeurtenissen.md ("Wijziging van gemeente") has DUO signal only the new gemeente (SS120/SS121). So the
/// simulated DUO sends no SS122, and if DUO ever does, it is a second signal: whichever comes first ends the old traject, the
/// second finds nothing waiting. On the move everything of the old gemeente stops (its schakels and their open tasks), and its
/// casusregisseur records the inspanningen en resultaten for the new gemeente (Attentiesignalen.md, SS122: "aansporing de
/// administratie van verrichte inspanningen en resultaten ... aan te vullen ten behoeve van het hervatten van de
/// inburgeringsplicht").
/// </summary>
public sealed class VerhuizingScenarioTests
{
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";
    private const string Woerden = "0632";
    private const string Bodegraven = "1901";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MovedInTheBrp_TheOldGemeenteEndsAtItsNextCheck_ALaterSs122IsANoOp(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222904", Woerden);
        var start = await p.TodayAsync();
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", start.AddDays(-5), "SS139", "Gezinsvormer");
        Assert.Equal(start.AddDays(28), await p.TimerDueAsync("inburgeringstraject", "Timer_Brp"));
        await p.PipB1VastgesteldAsync();

        // Two months of checks: still in Woerden, the traject runs on.
        await p.AdvanceAsync("P2M");
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        Assert.False((bool)(await p.VariablesAsync())["brpVerhuisd"]!);

        // The person moves to Bodegraven-Reeuwijk; the BRP knows at once, DUO not yet. Woerden sees it at its next check.
        var verhuisd = await p.TodayAsync();
        await p.VerhuistInDeBrpAsync(Bodegraven);
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        var openVoor = await p.OpenTaskElementsAsync();
        Assert.NotEmpty(openVoor);
        await p.AdvanceAsync("P4W");

        // Everything of Woerden stops: schakel 4 and the tasks that were open in it are gone; only the handover remains.
        Assert.Equal("terminated", (await p.InstanceAsync(Schakel4)).Status);
        Assert.Equal(["User_VerhuisdOverdracht"], await p.OpenTaskElementsAsync());
        var vars = await p.VariablesAsync();
        Assert.Equal("BRP", (string)vars["verhuisdSignaal"]!);
        Assert.Equal(Bodegraven, (string)vars["verhuisdNaar"]!);
        Assert.Equal(verhuisd.Iso(), (string)vars["verhuisdOp"]!);
        Assert.Equal("Verhuisd naar een andere gemeente", (string)vars["trajectEindreden"]!);
        var overdracht = await p.TaskAsync("User_VerhuisdOverdracht");
        Assert.Equal(Woerden, overdracht.Gemeente);
        Assert.Equal("verhuizing-overdracht", overdracht.FormKey);

        // Should DUO send SS122 after all (its planned SDI008), it is the second signal: nothing waits for it, nothing changes.
        await p.DuoMeldtAsync("SS122");
        Assert.Equal(["User_VerhuisdOverdracht"], await p.OpenTaskElementsAsync());
        Assert.Equal(1, await p.InstanceCountAsync("inburgeringstraject"));

        // DUO learns the move from the BRP and notifies the new gemeente (SS121); the old one gets no notificatie from it.
        var voor = (await p.Keten.DuoNotificatiesAsync()).Count;
        await p.DuoMeldtAsync("SS121", Bodegraven);
        var nieuw = (await p.Keten.DuoNotificatiesAsync()).Skip(voor).Select(n => n!.ToJsonString()).ToList();
        Assert.DoesNotContain(nieuw, n => n.Contains("SS122", StringComparison.Ordinal));
        Assert.Equal("active", (await p.InstanceAsync(gemeente: Bodegraven)).Status);

        await p.CompleteAsync("User_VerhuisdOverdracht");
        var oud = await p.InstanceAsync(gemeente: Woerden);
        Assert.Equal("completed", oud.Status);
        Assert.Contains("End_Verhuisd", oud.EndReason!);
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ss122BeforeTheBrpCheck_EndsTheTraject_TheCheckDoesNotRunAgain(DatabaseProvider provider)
    {
        // Source: duo-m2m Attentiesignalen.md: SS122 (vertrokken naar een andere gemeente) is an attentiesignaal, a second signal beside the BRP.
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222916", Woerden);
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.PipB1VastgesteldAsync();
        await p.AdvanceAsync("P1M");

        await p.VerhuistInDeBrpAsync(Bodegraven);
        await p.DuoMeldtAsync("SS122");
        Assert.Equal("terminated", (await p.InstanceAsync(Schakel4)).Status);
        Assert.Equal(["User_VerhuisdOverdracht"], await p.OpenTaskElementsAsync());
        Assert.Equal("DUO SS122", (string)(await p.VariablesAsync())["verhuisdSignaal"]!);
        Assert.Null((await p.InstanceAsync()).Timers.FirstOrDefault(t => t.ElementId == "Timer_Brp"));

        // The BRP check went with the traject: weeks later nothing more happens in Woerden.
        await p.AdvanceAsync("P6W");
        Assert.Equal(["User_VerhuisdOverdracht"], await p.OpenTaskElementsAsync());
        await p.CompleteAsync("User_VerhuisdOverdracht");
        Assert.Contains("End_Verhuisd", (await p.InstanceAsync()).EndReason!);
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// The new gemeente reads the actuele PIP at DUO (duo-m2m README, "Raadplegen PIP": "Een gemeente kan altijd de actuele PIP
    /// raadplegen die bij DUO bekend is ... ook het PIP van een voorgaande gemeente") and keeps its leerroute unless a switch is
    /// allowed: within one and a half years of the termijn's start (Wi2021 art. 11; LeerrouteWissel), onderwijsroute → B1-route
    /// at any time. Twenty months after the first PIP a Z-route PIP is refused with the reason; the B1-route PIP goes through.
    /// The termijn stays (it runs from the first PIP).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MoverAfterTheSwitchWindow_TheNewGemeentesPipKeepsTheLeerroute(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222928", Woerden);
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        var dagtekening = await p.PipB1VastgesteldAsync();
        var termijnStart = dagtekening.AddDays(1);

        await p.AdvanceAsync("P20M");
        await p.VerhuistInDeBrpAsync(Bodegraven);
        await p.DuoMeldtAsync("SS121", Bodegraven);
        var q = new Inburgeraar(host, "111222928", Bodegraven);
        var vars = (await q.InstanceAsync(gemeente: Bodegraven)).Variables;
        Assert.Equal("B", (string)vars["vorigePipLeerroute"]!);
        Assert.Equal(Woerden, (string)vars["vorigePipGemeente"]!);
        Assert.Equal(termijnStart.Iso(), (string)vars["termijnStart"]!);

        await q.CompleteAsync("User_Intake", new { verschenen = true });
        await q.AdvanceAsync("P2W");
        await q.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        await q.CompleteAsync("User_Pip", new { pipDagtekening = (await q.TodayAsync()).Iso(), pipLeerroute = "Z" });
        var fouten = (string)(await q.VariablesAsync("schakel3-brede-intake-en-pip"))["pipFouten"]!;
        Assert.Contains("Het actuele PIP bij DUO heeft de B1-route; die leerroute blijft.", fouten, StringComparison.Ordinal);
        Assert.Contains("kan niet meer", fouten, StringComparison.Ordinal);
        Assert.Equal(Bodegraven, (await q.TaskAsync("User_Pip")).Gemeente);
        Assert.Single((await q.DuoOperatiesAsync()), o => o == "postPipByBsn"); // only Woerden's: the refused PIP was not sent

        await q.CompleteAsync("User_Pip", new { pipDagtekening = (await q.TodayAsync()).Iso(), pipLeerroute = "B" });
        Assert.Equal("active", (await q.InstanceAsync(Schakel4, Bodegraven)).Status);
        Assert.Equal("B", (string)(await q.DuoPersoonAsync())["actuelePip"]!["leerroute"]!);
        Assert.Equal(termijnStart.Iso(), (string)(await q.VariablesAsync(Schakel4))["termijnStart"]!);
        await q.AssertNoIncidentsAsync();
    }

    /// <summary>Within one and a half years of the termijn's start the new gemeente may switch (B1-route → Z-route).</summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MoverWithinTheSwitchWindow_TheNewGemeenteMaySwitch(DatabaseProvider provider)
    {
        // Source: Wi2021 art. 11 with the leerroute switch window of one and a half years from the termijn's start (DOMAIN.md deadlines).
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222941", Woerden);
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.PipB1VastgesteldAsync();
        await p.AdvanceAsync("P4M");
        await p.VerhuistInDeBrpAsync(Bodegraven);
        await p.DuoMeldtAsync("SS121", Bodegraven);

        var q = new Inburgeraar(host, "111222941", Bodegraven);
        await q.CompleteAsync("User_Intake", new { verschenen = true });
        await q.AdvanceAsync("P2W");
        await q.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        await q.CompleteAsync("User_Pip", new { pipDagtekening = (await q.TodayAsync()).Iso(), pipLeerroute = "Z" });
        Assert.Equal("active", (await q.InstanceAsync(Schakel4, Bodegraven)).Status);
        Assert.Equal("Z", (string)(await q.DuoPersoonAsync())["actuelePip"]!["leerroute"]!);
        await q.AssertNoIncidentsAsync();
    }
}
