using Inburgering.Engine.Persistence;
using Inburgering.Simulators.Keten;
using Inburgering.Workflows.Termijnen;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 6, through the API on SQLite and PostgreSQL over virtual months, in a gemeente of each samenwerkingsverband:
/// the leerbaarheidstoets ontheffing (Wi2021 art. 14(6)-(7)) lets an inburgeraar who cannot take the toets get a PIP within
/// the ten weeks; afschalen B1 → A2 (Wi2021 art. 17(3), Besluit inburgering 2021 art. 5.5: after 600 lesuren) is offered at the
/// voortgangsgesprek; after a switch of leerroute (Wi2021 art. 17) the aanbod follows the new route: a new Inburgeringsaanbod
/// to DUO with the new taalaanbieder, and the MAP (Wi2021 art. 8: B1- and Z-route) when it now belongs to it.
/// </summary>
public sealed class PipWijzigingScenarioTests
{
    private const string Schakel3 = "schakel3-brede-intake-en-pip";
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sdd_BlindInburgeraar_LeerbaarheidstoetsOntheffing_PipWithinTheTenWeeksWithoutAUitslag(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222746", "0642");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        var uiterlijk = (await p.VariablesAsync(Schakel3))["pipUiterlijk"].Date();

        // Wi2021 art. 14(6)-(7): the toets cannot be taken; the brede intake records it and the ontheffing replaces the uitslag.
        await p.CompleteAsync("User_Intake", new { verschenen = true, lbtOntheffing = true });
        var ontheffing = await p.TaskAsync("User_LbtOntheffing");
        Assert.Equal("lbt-ontheffing", ontheffing.FormKey);
        Assert.Equal(uiterlijk, p.DueDate(ontheffing));
        await p.CompleteAsync("User_LbtOntheffing", new { lbtOntheffingReden = "blind", lbtOntheffingToelichting = "Verklaring van de oogarts", adviesLeerroute = "Z-route" });

        // The appointment at the toetsafnemer is cancelled: no call-up, no toets to pay, no result at DUO later.
        var annulering = await p.VariablesAsync(Schakel3);
        Assert.True((bool)annulering["geannuleerd"]!);
        Assert.Equal("Geannuleerd", (string?)annulering["toetsStatus"]);

        // No waiting for a uitslag that cannot come: the PIP at once, before the deadline.
        Assert.False(await p.HasTaskAsync("User_LbtBespreken"));
        var dagtekening = await p.TodayAsync();
        Assert.True(dagtekening <= uiterlijk);
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "Z" });
        var vars = await p.VariablesAsync(Schakel3);
        Assert.Equal("Ontheffing", (string?)vars["leerbaarheidstoetsUitslag"]);
        Assert.False((bool)vars["pipTermijnOverschreden"]!);
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        Assert.Equal("Z", (string?)(await p.VariablesAsync(Schakel4))["pipLeerroute"]);
        await p.AdvanceAsync("P4W");
        Assert.False(await p.HasTaskAsync("User_LbtBespreken"));
        Assert.Empty((await p.DuoPersoonAsync())["lbtResultaten"]?.AsArray() ?? []);
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FermWerk_AfschalenB1NaarA2_RefusedBelow600Lesuren_ReportedToDuoAfter(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222758", "1901");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        await p.CompleteAsync("User_Pip", new { pipDagtekening = (await p.TodayAsync()).Iso(), pipLeerroute = "B", pipNiveau = "B1" });
        var termijnEinde = (string)(await p.VariablesAsync(Schakel4))["termijnEinde"]!;

        // Besluit inburgering 2021 art. 5.5: not before 600 lesuren; the consulent informs the inburgeraar why.
        await VoortgangsgesprekAsync(p, "afschalen");
        await p.CompleteAsync("User_Afschalen", new { gevolgdeLesuren = 420, wijzigingDagtekening = (await p.TodayAsync()).Iso(), afschalenToelichting = "B1 lijkt te hoog" });
        Assert.Contains("600", (string)(await p.VariablesAsync(Schakel4))["wisselReden"]!);
        await p.CompleteAsync("User_WisselGeweigerd", new { geinformeerdOp = (await p.TodayAsync()).Iso() });
        Assert.Equal(1, (await p.DuoOperatiesAsync()).Count(o => o == "postPipByBsn"));

        // Wi2021 art. 17(3): after 600 lesuren the changed PIP (A2, same B1-route) goes to DUO; the termijn stays.
        await VoortgangsgesprekAsync(p, "afschalen");
        var wijziging = await p.TodayAsync();
        await p.CompleteAsync("User_Afschalen", new { gevolgdeLesuren = 640, wijzigingDagtekening = wijziging.Iso(), afschalenToelichting = "Ondanks inzet blijft B1 buiten bereik" });
        Assert.Equal(2, (await p.DuoOperatiesAsync()).Count(o => o == "postPipByBsn"));
        Assert.Equal("A2", (string?)(await p.DuoPersoonAsync())["actuelePip"]?["niveau"]);
        var vars = await p.VariablesAsync(Schakel4);
        Assert.Equal("A2", (string?)vars["pipNiveau"]);
        Assert.Equal("B", (string?)vars["pipLeerroute"]);
        Assert.Equal(wijziging.Iso(), (string?)vars["dagtekeningActuelePip"]);
        Assert.Equal(termijnEinde, (string?)vars["termijnEinde"]);
        Assert.False(await p.HasTaskAsync("User_WisselGeweigerd"));

        // The changed PIP is a new beschikking (Wi2021 art. 15, 16): its own six weeks of bezwaar (Awb 6:7, 6:8), then onherroepelijk.
        var bezwaartermijn = await p.InstanceAsync("awb-bezwaartermijn");
        Assert.Equal("Gewijzigd PIP (afschalen naar A2)", (string?)bezwaartermijn.Variables["besluit"]);
        Assert.Equal(AwbTermijnen.OnherroepelijkOp(wijziging), await p.TimerDueAsync("awb-bezwaartermijn", "Bnd_Onherroepelijk"));
        await p.AdvanceAsync("P7W");
        Assert.Equal(AwbTermijnen.OnherroepelijkOp(wijziging).Iso(), (string?)(await p.VariablesAsync(Schakel4))["pipOnherroepelijkOp"]);
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task WerkSaam_SwitchFromTheOnderwijsrouteToB1_NewAanbodToDuo_MapOffered(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222771", "0420");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "Onderwijsroute");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
        await p.BijstandAsync((await p.TodayAsync()).AddDays(-3));
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        await p.CompleteAsync("User_Noa"); // WerkSaam: the NOA-assessment before the PIP (policy noaAssessment; seed 004)
        await p.CompleteAsync("User_Pip", new { pipDagtekening = (await p.TodayAsync()).Iso(), pipLeerroute = "O" });
        Assert.False(await p.HasTaskAsync("User_MapAanbieden")); // Wi2021 art. 8: no MAP on the onderwijsroute
        await p.AdvanceAsync("P2W");

        const string aanbod = "postInburgeringsaanbodByBsnAndInstellingsnummer";
        Assert.Equal(1, (await p.DuoOperatiesAsync()).Count(o => o == aanbod));
        Assert.Contains("1000000007", (await p.DuoOperatiesPadenAsync()).Last(r => r.Contains("Inburgeringsaanbod", StringComparison.Ordinal)));

        // Onderwijsroute → B1-route can be at any time ([M] S15): the PIP changes, and the aanbod is recomputed.
        await VoortgangsgesprekAsync(p, "leerrouteWisselen", "B");
        await p.CompleteAsync("User_PipWijzigen", new { nieuweLeerroute = "B", wijzigingDagtekening = (await p.TodayAsync()).Iso(), motivering = "Geen plek op het taalschakeltraject" });
        var vars = await p.VariablesAsync(Schakel4);
        Assert.Equal("B", (string?)vars["pipLeerroute"]);
        Assert.Equal("O", (string?)vars["vorigeLeerroute"]);

        // A new Inburgeringsaanbod with the B1-route's taalaanbieder, and the MAP now that the route has one.
        Assert.Equal(2, (await p.DuoOperatiesAsync()).Count(o => o == aanbod));
        Assert.Contains("1000000006", (await p.DuoOperatiesPadenAsync()).Last(r => r.Contains("Inburgeringsaanbod", StringComparison.Ordinal)));
        var map = await p.TaskAsync("User_MapAanbieden");
        Assert.Equal((await p.TodayAsync()).AddDays(28), p.DueDate(map));
        Assert.False(await p.HasTaskAsync("User_Participatie"));
        Assert.NotNull(await p.TimerDueAsync(Schakel4, "Timer_Vg"));
        await p.AssertNoIncidentsAsync();
    }

    private static async Task VoortgangsgesprekAsync(Inburgeraar p, string uitkomst, string? nieuweLeerroute = null)
    {
        while (!await p.HasTaskAsync("User_Vg"))
        {
            await p.AdvanceAsync("P1W");
        }

        await p.CompleteAsync("User_Vg", new { gesprekDatum = (await p.TodayAsync()).Iso(), vgUitkomst = uitkomst, nieuweLeerroute });
    }
}
