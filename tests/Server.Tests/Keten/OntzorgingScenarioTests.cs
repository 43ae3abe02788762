using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Uitkering;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators.Keten;
using Inburgering.Simulators.Uitkering;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 2, through the API on SQLite and PostgreSQL over virtual months: financieel ontzorgen follows the bijstand.
/// Participatiewet art. 56a: the college pays the huur, the energie and the premie zorgverzekering of an asielstatushouder
/// (Wi2021 art. 2 and 8 for the doelgroep; Besluit inburgering 2021 art. 2.1 and 2.2 on the aanbod) out of the bijstand during
/// the first six months from the start of the bijstand, with a signed machtiging, and stops when the right to bijstand ends;
/// art. 57 lets it go on after an evaluation, which is paying out of the bijstand, so not without bijstand. The bijstand is
/// for the leefeenheid (Pw art. 4 and 11), so a household is ontzorgd once. SDD (Dordrecht, sdd.json): no four eyes, the
/// evaluation four weeks before the end (ontzorging.evaluatieVoorlooptijdWeken).
/// </summary>
public sealed class OntzorgingScenarioTests
{
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";
    private const string Ontzorgen = "financieel-ontzorgen";
    private const string Dordrecht = "0505";

    /// <summary>Creditor data for the three vaste lasten of art. 56a, with valid Dutch IBANs, and the signed machtiging.</summary>
    private static object Voorbereiding(DateOnly machtiging) => new
    {
        huurBedrag = 580,
        huurCrediteur = "Woonbedrijf Drechtsteden",
        huurIban = "NL91 ABNA 0417 1643 00",
        huurKenmerk = "Huurcontract 2231",
        energieBedrag = 130,
        energieCrediteur = "Energieleverancier",
        energieIban = "NL20INGB0001234567",
        energieKenmerk = "Klant 99812",
        zorgverzekeringBedrag = 140,
        zorgverzekeringCrediteur = "Zorgverzekeraar",
        zorgverzekeringIban = "NL02ABNA0123456789",
        zorgverzekeringKenmerk = "Polis 5521",
        machtigingGetekend = true,
        machtigingDatum = machtiging.Iso(),
    };

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BijstandAfterThePip_OntzorgingStartsThen_MachtigingAndIbanChecked_EvaluationAheadOfTheEnd_VerlengenRefusedWithoutBijstand(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222709", Dordrecht);
        await ToThePipAsync(p);

        // No bijstand yet at the PIP: no ontzorging; the ontzorging (beside the traject since its start) waits for the bijstand.
        Assert.DoesNotContain("User_OntzorgingVoorbereiden", await p.OpenTaskElementsAsync());
        Assert.Contains("Receive_BijstandToegekend", await p.JournalTypesAsync(Ontzorgen, "element-entered"));
        await p.AdvanceAsync("P6W");
        Assert.DoesNotContain("User_OntzorgingVoorbereiden", await p.OpenTaskElementsAsync());

        // Pw art. 56a: the right to bijstand starts six weeks after the PIP; the Participatiewet system says so and the
        // ontzorging is prepared at once, not at the next monthly check.
        var bijstandStart = await p.TodayAsync();
        await p.BijstandAsync(bijstandStart); // the Participatiewet system grants it and tells the keten (uitkering.bijstand-toegekend)
        var voorbereiden = await p.TaskAsync("User_OntzorgingVoorbereiden");
        Assert.Equal(bijstandStart.AddDays(14), p.DueDate(voorbereiden));

        // Without a signed machtiging the ontzorging cannot start: the form is refused with a Dutch reason; a wrong IBAN too.
        var zonderMachtiging = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Voorbereiding(bijstandStart), KetenJson.Web))!.AsObject();
        zonderMachtiging["machtigingGetekend"] = false;
        var refused = await CompleteRefusedAsync(host, voorbereiden, zonderMachtiging);
        Assert.Contains(refused, e => e is not null && (string?)e["field"] == "machtigingGetekend" && (string?)e["code"] == "form.required-true"
            && ((string?)e["message"])!.Contains("Zonder getekende machtiging", StringComparison.Ordinal));
        var fouteIban = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Voorbereiding(bijstandStart), KetenJson.Web))!.AsObject();
        fouteIban["huurIban"] = "NL91ABNA0417164301"; // one digit off: the mod-97 check fails
        refused = await CompleteRefusedAsync(host, voorbereiden, fouteIban);
        Assert.Contains(refused, e => e is not null && (string?)e["field"] == "huurIban" && (string?)e["code"] == "form.iban");
        Assert.True(await p.HasTaskAsync("User_OntzorgingVoorbereiden"));
        Assert.NotEqual(true, (bool?)(await p.VariablesAsync(Ontzorgen))["ontzorgingActief"]);

        // With the machtiging it starts, from the bijstand's start (the same day: not backdated), with the creditors.
        await p.AdvanceAsync("P3D");
        var gestart = await p.TodayAsync();
        await p.CompleteAsync("User_OntzorgingVoorbereiden", Voorbereiding(gestart.AddDays(-1)));
        var vars = await p.VariablesAsync(Ontzorgen);
        Assert.True((bool)vars["ontzorgingActief"]!);
        Assert.Equal(gestart.Iso(), (string)vars["ontzorgingIngang"]!);
        Assert.Equal(bijstandStart.AddMonths(6).Iso(), (string)vars["ontzorgingEinde"]!);
        var ontzorging = Assert.Single(Uitkering(host).Ontzorgingen(p.Key));
        Assert.Equal(gestart, ontzorging.Ingangsdatum);
        Assert.Equal(["huur", "energie", "zorgverzekering"], ontzorging.Kostenposten.Select(k => k.Soort));
        Assert.Equal("NL91 ABNA 0417 1643 00", ontzorging.Kostenposten[0].Iban);
        Assert.Equal("Huurcontract 2231", ontzorging.Kostenposten[0].Betalingskenmerk);

        // The evaluation comes the policy's four weeks before the last day of the six months, due on that last day.
        var laatsteDag = bijstandStart.AddMonths(6).AddDays(-1);
        var evaluatieOp = laatsteDag.AddDays(-28);
        Assert.Equal(evaluatieOp, await p.TimerDueAsync(Ontzorgen, "Bnd_OzEvaluatie"));
        while (!await p.HasTaskAsync("User_OzEvalueren"))
        {
            Assert.True(await p.TodayAsync() < evaluatieOp, $"No evaluation on {(await p.TodayAsync()).Iso()}, the lead time's day is {evaluatieOp.Iso()}.");
            await p.AdvanceAsync("P1W");
        }

        Assert.True(await p.TodayAsync() >= evaluatieOp);
        Assert.True(await p.TodayAsync() < laatsteDag.AddDays(-21), "The evaluation must come weeks ahead, not on the last day.");
        Assert.Equal(laatsteDag, p.DueDate(await p.TaskAsync("User_OzEvalueren")));

        // Meanwhile the bijstand ended (yesterday): verlengen is refused (art. 57 extends paying out of the bijstand); the task
        // comes back with the reason and the period is not extended. Stopping then ends it on the bijstand's last day.
        var bijstandEinde = (await p.TodayAsync()).AddDays(-1);
        await p.BijstandAsync(bijstandStart, bijstandEinde);
        await p.CompleteAsync("User_OzEvalueren", new { ozUitkomst = "verlengen", ozVerlengMaanden = 3, motivering = "Nog niet zelfredzaam" });
        var opnieuw = await p.TaskAsync("User_OzEvalueren");
        vars = await p.VariablesAsync(Ontzorgen);
        Assert.Contains("Verlengen kan niet", (string)vars["ozMelding"]!, StringComparison.Ordinal);
        Assert.Equal(bijstandStart.AddMonths(6).Iso(), (string)vars["ontzorgingEinde"]!);
        Assert.True((bool)vars["ontzorgingActief"]!);
        Assert.Contains("Verlengen kan niet", (string?)(await FormDataAsync(host, opnieuw))["ozMelding"], StringComparison.Ordinal);

        await p.CompleteAsync("User_OzEvalueren", new { ozUitkomst = "stoppen", motivering = "Geen bijstand meer" });
        Assert.False((bool)(await p.VariablesAsync(Ontzorgen))["ontzorgingActief"]!);
        var gestopt = Assert.Single(Uitkering(host).Ontzorgingen(p.Key));
        Assert.Equal(UitkeringWaarden.Beeindigd, gestopt.Status);
        Assert.Equal(bijstandEinde, gestopt.Einddatum);
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BijstandEnds_OntzorgingStops_CasusregisseurInformsTheInburgeraar(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222710", Dordrecht);
        var bijstandStart = (await p.TodayAsync()).AddDays(-3);
        await p.BijstandAsync(bijstandStart);
        await AanmeldenAsync(p);

        // Bijstand from before the traject: the ontzorging is prepared at once, weeks before the intake and the PIP (not only
        // after the PIP), and starts on the day it can (the machtiging is signed now), not backdated to the bijstand's start;
        // the six months still count from the bijstand's start (art. 56a).
        Assert.Equal(bijstandStart.AddDays(3 + 14), p.DueDate(await p.TaskAsync("User_OntzorgingVoorbereiden")));
        await p.AdvanceAsync("P3D");
        await p.CompleteAsync("User_OntzorgingVoorbereiden", Voorbereiding(await p.TodayAsync()));
        var gestart = await p.TodayAsync();
        Assert.Equal(0, await p.InstanceCountAsync(Schakel4)); // no PIP yet
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        var vars = await p.VariablesAsync(Ontzorgen);
        Assert.True((bool)vars["ontzorgingActief"]!);
        Assert.Equal(gestart.Iso(), (string)vars["ontzorgingIngang"]!);
        Assert.Equal(bijstandStart.AddMonths(6).Iso(), (string)vars["ontzorgingEinde"]!);

        // Two months on the bijstand ends (werk gevonden): the monthly check stops the ontzorging per the bijstand's end, and
        // the casusregisseur gets a task to tell the inburgeraar (nobody was told when it stopped by itself before).
        await p.AdvanceAsync("P2M");
        var bijstandEinde = await p.TodayAsync();
        await p.BijstandAsync(bijstandStart, bijstandEinde);
        while (!await p.HasTaskAsync("User_OzGestoptInformeren"))
        {
            Assert.True(await p.TodayAsync() < bijstandEinde.AddMonths(1).AddDays(7), "The ontzorging was not stopped within a month of the bijstand's end.");
            await p.AdvanceAsync("P1W");
        }

        vars = await p.VariablesAsync(Ontzorgen);
        Assert.False((bool)vars["ontzorgingActief"]!);
        var gestopt = Assert.Single(Uitkering(host).Ontzorgingen(p.Key));
        Assert.Equal(UitkeringWaarden.Beeindigd, gestopt.Status);
        Assert.Equal(bijstandEinde, gestopt.Einddatum);
        Assert.Equal("Bijstand beëindigd", gestopt.Reden);
        var informeren = await p.TaskAsync("User_OzGestoptInformeren");
        Assert.Equal("ontzorging-gestopt-informeren", informeren.FormKey);
        Assert.InRange(p.DueDate(informeren), bijstandEinde.AddDays(7), (await p.TodayAsync()).AddDays(7)); // a week to tell the inburgeraar
        await p.CompleteAsync("User_OzGestoptInformeren", new { ozGeinformeerdOp = (await p.TodayAsync()).Iso(), ozGeinformeerdHoe = "gesprek" });
        Assert.False(await p.HasTaskAsync("User_OzEvalueren"));
        Assert.Null(await p.TimerDueAsync(Ontzorgen, "Bnd_OzEvaluatie"));
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TwoTrajectenOfOneHousehold_OneOntzorging_TheSecondLinksToTheFirst(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        const string gezin = "GEZIN-DORDRECHT-0042";
        var vader = new Inburgeraar(host, "111222722", Dordrecht);
        var moeder = new Inburgeraar(host, "111222734", Dordrecht);
        var bijstandStart = (await vader.TodayAsync()).AddDays(-3);

        // The bijstand is for the leefeenheid (Participatiewet art. 4 and 11): the Participatiewet system knows the household.
        await vader.BijstandAsync(bijstandStart, huishoudenId: gezin);
        await moeder.BijstandAsync(bijstandStart, huishoudenId: gezin);

        // The first traject of the household starts the ontzorging (the leefeenheid's rent, energy and insurance).
        await ToThePipAsync(vader);
        await vader.CompleteAsync("User_OntzorgingVoorbereiden", Voorbereiding(await vader.TodayAsync()));
        var vaderVars = await vader.VariablesAsync(Ontzorgen);
        var ontzorgingId = (string)vaderVars["ontzorgingId"]!;
        Assert.Equal(gezin, (string)vaderVars["huishoudenId"]!);

        // The second traject of the same household sees it running and links to it: no second preparation, no second
        // ontzorging (the rent is not withheld twice).
        await ToThePipAsync(moeder);
        Assert.DoesNotContain("User_OntzorgingVoorbereiden", await moeder.OpenTaskElementsAsync());
        var vars = await moeder.VariablesAsync(Ontzorgen);
        Assert.Equal(ontzorgingId, (string)vars["ontzorgingGekoppeld"]!);
        Assert.NotEqual(true, (bool?)vars["ontzorgingActief"]);
        Assert.Contains("End_OzHuishouden", await moeder.JournalTypesAsync(Ontzorgen, "element-entered"));
        var ontzorging = Assert.Single(Uitkering(host).OntzorgingenVanHuishouden(gezin));
        Assert.Equal(ontzorgingId, ontzorging.OntzorgingId);
        Assert.Empty(Uitkering(host).Ontzorgingen(moeder.Key));

        // Two members of another household prepared at the same time: the first starts it, the second's start is refused by the
        // Participatiewet system (ONTZORGING_LOOPT_AL) and that traject asks again and links to the running one.
        const string gezin2 = "GEZIN-DORDRECHT-0044";
        var eerste = new Inburgeraar(host, "111222795", Dordrecht);
        var tweede = new Inburgeraar(host, "111222801", Dordrecht);
        foreach (var lid in new[] { eerste, tweede })
        {
            await lid.BijstandAsync(bijstandStart, huishoudenId: gezin2);
            await AanmeldenAsync(lid);
        }

        Assert.Contains("User_OntzorgingVoorbereiden", await eerste.OpenTaskElementsAsync());
        Assert.Contains("User_OntzorgingVoorbereiden", await tweede.OpenTaskElementsAsync());
        await eerste.CompleteAsync("User_OntzorgingVoorbereiden", Voorbereiding(await eerste.TodayAsync()));
        await tweede.CompleteAsync("User_OntzorgingVoorbereiden", Voorbereiding(await tweede.TodayAsync()));
        var eenmaal = Assert.Single(Uitkering(host).OntzorgingenVanHuishouden(gezin2));
        Assert.Equal(eenmaal.OntzorgingId, (string)(await tweede.VariablesAsync(Ontzorgen))["ontzorgingGekoppeld"]!);
        Assert.Contains("Bnd_OntzorgingLooptAl", await tweede.JournalTypesAsync(Ontzorgen, "boundary-triggered"));
        await tweede.AssertNoIncidentsAsync();

        // Another household in the same gemeente gets its own.
        var ander = new Inburgeraar(host, "111222746", Dordrecht);
        await ander.BijstandAsync(bijstandStart, huishoudenId: "GEZIN-DORDRECHT-0043");
        await AanmeldenAsync(ander);
        await ander.CompleteAsync("User_OntzorgingVoorbereiden", Voorbereiding(await ander.TodayAsync()));
        Assert.NotEqual(ontzorgingId, (string)(await ander.VariablesAsync(Ontzorgen))["ontzorgingId"]!);
        await vader.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BijstandEndedBeforeTheOntzorgingWouldStart_NoOntzorging(DatabaseProvider provider)
    {
        // Source: Pw art. 56a: the ontzorging starts with the right to bijstand and ends with it.
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222758", Dordrecht);
        var today = await p.TodayAsync();
        await p.BijstandAsync(today.AddDays(-120), today.AddDays(-20));
        await ToThePipAsync(p);

        Assert.DoesNotContain("User_OntzorgingVoorbereiden", await p.OpenTaskElementsAsync());
        var entered = await p.JournalTypesAsync(Ontzorgen, "element-entered");
        Assert.Contains("End_GeenOntzorging", entered);
        Assert.DoesNotContain("Receive_BijstandToegekend", entered);
        Assert.Empty(Uitkering(host).Ontzorgingen(p.Key));
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MoveOrEndOfThePlicht_StopsThePersonsOntzorging_TheOldGemeenteInformsOnAMove(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var verhuizer = new Inburgeraar(host, "111222771", Dordrecht);
        var geslaagd = new Inburgeraar(host, "111222783", Dordrecht);
        var bijstandStart = (await verhuizer.TodayAsync()).AddDays(-3);
        foreach (var p in new[] { verhuizer, geslaagd })
        {
            await p.BijstandAsync(bijstandStart);
            await ToThePipAsync(p);
            await p.CompleteAsync("User_OntzorgingVoorbereiden", Voorbereiding(await p.TodayAsync()));
        }

        // Two months on, one moves to Woerden: the BRP registers it, DUO notifies Woerden (SS121); Dordrecht hears nothing from
        // DUO (SS122 is an attentiesignaal, "voorlopig nog niet relevant") and finds the move at its next BRP check. The bijstand
        // of Dordrecht ends with the move and so does its ontzorging (Pw art. 56a); Dordrecht's casusregisseur tells the inburgeraar.
        await verhuizer.AdvanceAsync("P2M");
        var verhuisd = await verhuizer.TodayAsync();
        await verhuizer.VerhuistInDeBrpAsync("0632");
        await verhuizer.DuoMeldtAsync("SS121", "0632");
        Assert.Equal(UitkeringWaarden.Actief, Assert.Single(Uitkering(host).Ontzorgingen(verhuizer.Key)).Status);
        await verhuizer.AdvanceAsync("P4W");
        var ontzorging = Assert.Single(Uitkering(host).Ontzorgingen(verhuizer.Key));
        Assert.Equal(UitkeringWaarden.Beeindigd, ontzorging.Status);
        Assert.Equal(verhuisd, ontzorging.Einddatum);
        Assert.Equal("Verhuisd naar een andere gemeente", ontzorging.Reden);
        var informeren = await verhuizer.TaskAsync("User_OzVerhuisdInformeren");
        Assert.Equal(Dordrecht, informeren.Gemeente);
        await verhuizer.CompleteAsync("User_OzVerhuisdInformeren", new { ozGeinformeerdOp = verhuisd.Iso(), ozGeinformeerdHoe = "telefoon" });
        await verhuizer.CompleteAsync("User_VerhuisdOverdracht");
        var oud = await verhuizer.InstanceAsync(gemeente: Dordrecht);
        Assert.Equal("completed", oud.Status);
        Assert.Contains("End_Verhuisd", oud.EndReason!);

        // The other passes the exam (SS106): schakel 5 asks the Participatiewet system, which knows the running ontzorging
        // though schakel 4 was interrupted, and stops it.
        await geslaagd.DuoMeldtAsync("SS106");
        var gestopt = Assert.Single(Uitkering(host).Ontzorgingen(geslaagd.Key));
        Assert.Equal(UitkeringWaarden.Beeindigd, gestopt.Status);
        Assert.Equal("Inburgeringsplicht beëindigd", gestopt.Reden);
        Assert.Equal(["User_Afronden"], await geslaagd.OpenTaskElementsAsync());
        await geslaagd.AssertNoIncidentsAsync();
    }

    /// <summary>An asielstatushouder in Dordrecht from DUO's SS139 to the vastgesteld PIP (schakel 4 starts).</summary>
    private static async Task ToThePipAsync(Inburgeraar p)
    {
        await AanmeldenAsync(p);
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "B1 haalbaar" });
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B", pipIntensiteit = 600, urenPerWeek = 12 });
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
    }

    /// <summary>DUO's SS139 for an asielstatushouder in Dordrecht: the traject starts, and beside it the ontzorging.</summary>
    private static async Task AanmeldenAsync(Inburgeraar p)
    {
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
    }

    private static async Task<JsonArray> CompleteRefusedAsync(KetenHost host, KetenTask task, JsonObject variables)
    {
        using var client = host.Client("carla", "consulent", Dordrecht);
        using var response = await client.PostAsJsonAsync($"api/v1/tasks/{task.Id}/complete", new { variables }, KetenJson.Web);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body["errors"]!.AsArray();
    }

    private static async Task<JsonObject> FormDataAsync(KetenHost host, KetenTask task)
    {
        using var client = host.Client("carla", "consulent", Dordrecht);
        return (await client.GetJsonAsync($"api/v1/tasks/{task.Id}/form"))["data"]!.AsObject();
    }

    private static UitkeringSimulatorState Uitkering(KetenHost host) => host.Services.GetRequiredService<UitkeringSimulatorState>();
}
