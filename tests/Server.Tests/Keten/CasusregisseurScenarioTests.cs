using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators.Keten;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 8 (case work), through the API on SQLite and PostgreSQL over a virtual year: one casusregisseur per
/// traject. Seed 001 (Ferm Werk, ketenpartners Wi2021): "is vastgesteld dat Ferm Werk de rol van casusregisseur op zich
/// neemt"; seed 002 (raadsinformatiebrief): "de casusregisseur werkt in de lokale gemeente". The consulent who takes the brede
/// intake (Wi2021 art. 14) becomes the casusregisseur; every later task of the traject and its schakels is his or hers by
/// default; the casusregisseur or a beheerder hands the traject to another consulent of the gemeente, and the open tasks go
/// along.
/// </summary>
public sealed class CasusregisseurScenarioTests
{
    private static readonly Medewerker Daan = new("daan", "consulent");

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TheIntakeConsulent_BecomesCasusregisseur_HoldsTheLaterTasks_AndHandsThemOver(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222667", "0632");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");

        // Before the intake nobody holds the traject: the intake waits in the pool of the consulenten and begeleiders.
        var intake = await p.TaskAsync("User_Intake");
        Assert.Null(intake.Assignee);
        var trajectId = (await p.InstanceAsync()).Id;
        using var carla = host.Client("carla", "consulent", "0632");
        var dossier = await carla.GetJsonAsync($"api/v1/dossiers/{trajectId}");
        Assert.Null((string?)dossier["casusregisseur"]!["user"]);
        Assert.True((bool)dossier["casusregisseur"]!["magOverdragen"]!);
        Assert.Contains("daan", dossier["casusregisseur"]!["kandidaten"]!.AsArray().Select(k => (string?)k!["user"]));

        // Carla takes the intake (four eyes with Bram, the begeleider): she is the casusregisseur from then on.
        await p.CompleteFourEyesAsync("User_Intake", new { verschenen = true });
        Assert.Equal("carla", (string?)(await p.VariablesAsync())["casusregisseur"]);
        Assert.Equal("carla", (string?)(await p.VariablesAsync("schakel3-brede-intake-en-pip"))["casusregisseur"]);
        await p.AdvanceAsync("P2W");
        Assert.Equal("carla", (await p.TaskAsync("User_LbtBespreken")).Assignee);

        // Only the casusregisseur or a beheerder hands over, to a consulent of the gemeente; every refusal says why.
        using var daan = host.Client("daan", "consulent", "0632");
        await Problems.AssertAsync(await daan.PostAsJsonAsync($"api/v1/dossiers/{trajectId}/casusregisseur", new { casusregisseur = "daan" }), HttpStatusCode.Forbidden, "casusregisseur.forbidden");
        await Problems.AssertAsync(await carla.PostAsJsonAsync($"api/v1/dossiers/{trajectId}/casusregisseur", new { casusregisseur = "bram" }), HttpStatusCode.UnprocessableEntity, "casusregisseur.not-colleague");
        await Problems.AssertAsync(await carla.PostAsJsonAsync($"api/v1/dossiers/{trajectId}/casusregisseur", new { casusregisseur = "sanne" }), HttpStatusCode.UnprocessableEntity, "casusregisseur.not-colleague");
        await Problems.AssertAsync(await carla.PostAsJsonAsync($"api/v1/dossiers/{trajectId}/casusregisseur", new { casusregisseur = " " }), HttpStatusCode.BadRequest, "casusregisseur.missing");
        using var begeleider = host.Client("bram", "begeleider", "0632");
        Assert.Equal(HttpStatusCode.Forbidden, (await begeleider.PostAsJsonAsync($"api/v1/dossiers/{trajectId}/casusregisseur", new { casusregisseur = "daan" })).StatusCode);

        // Carla hands the traject to Daan: the variable changes in every active schakel and her open task goes along.
        var handover = await carla.PostAsync($"api/v1/dossiers/{trajectId}/casusregisseur", new { casusregisseur = "daan" }, "overdragen");
        Assert.Equal("daan", (string?)handover["casusregisseur"]);
        Assert.Equal("carla", (string?)handover["vorige"]);
        Assert.True((int)handover["takenOvergedragen"]! >= 1);
        Assert.Equal("daan", (await p.TaskAsync("User_LbtBespreken")).Assignee);
        Assert.Equal("daan", (string?)(await p.VariablesAsync("schakel3-brede-intake-en-pip"))["casusregisseur"]);
        dossier = await daan.GetJsonAsync($"api/v1/dossiers/{trajectId}");
        Assert.Equal("daan", (string?)dossier["casusregisseur"]!["user"]);
        Assert.True((bool)dossier["casusregisseur"]!["magOverdragen"]!);
        Assert.False((bool)(await carla.GetJsonAsync($"api/v1/dossiers/{trajectId}"))["casusregisseur"]!["magOverdragen"]!);
        var timeline = await daan.GetJsonAsync($"api/v1/dossiers/{trajectId}/timeline");
        Assert.Contains(timeline["items"]!.AsArray(), e => ((string?)e!["text"] ?? "").Contains("droeg het traject over van Carla de Vries aan Daan", StringComparison.Ordinal));

        // The tasks that come later are Daan's from the start: the PIP and schakel 4's. The begeleider's own task is not.
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" }, Daan);
        Assert.Equal("daan", (await p.TaskAsync("User_Pip")).Assignee);
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B", pipIntensiteit = 600, urenPerWeek = 12 }, Daan);
        Assert.Equal("daan", (await p.TaskAsync("User_PvtStarten")).Assignee);
        Assert.Null((await p.TaskAsync("User_Mb")).Assignee);
        Assert.Equal("daan", (string?)(await p.VariablesAsync("schakel4-inburgeren-en-participeren"))["casusregisseur"]);

        // A beheerder hands it back to Carla (Daan is on leave): Daan's open tasks go to her.
        using var henk = host.Client("henk", "beheerder", "0632");
        var back = await henk.PostAsync($"api/v1/dossiers/{trajectId}/casusregisseur", new { casusregisseur = "carla" }, "terug overdragen");
        Assert.Equal("daan", (string?)back["vorige"]);
        Assert.Equal("carla", (await p.TaskAsync("User_PvtStarten")).Assignee);
        Assert.Null((await p.TaskAsync("User_Mb")).Assignee);

        // Over the year: the voortgangsgesprek, when it comes, is Carla's.
        await p.CompleteAsync("User_Mb", null, Inburgeraar.Begeleider);
        for (var month = 0; month < 12 && !await p.HasTaskAsync("User_Vg"); month++)
        {
            await p.AdvanceAsync("P1M");
        }

        Assert.Equal("carla", (await p.TaskAsync("User_Vg")).Assignee);
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// Issue 13, point 8: a task that needs preparation comes a policy lead time ahead. Seed 001 (Ferm Werk): formele
    /// voortgangsgesprekken with four eyes, so the casusregisseur plans them with the begeleider; the policy
    /// (voortgangsgesprek.voorlooptijdWeken: 2) puts the task two weeks before the gesprek is due, its due date stays the
    /// gesprek plus the marge (margeDagen: 14). The next one follows the interval (3 months) from the date of the gesprek.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TheVoortgangsgesprek_ComesThePolicysLeadTimeBeforeItIsDue(DatabaseProvider provider)
    {
        // Source: Seed 001 (Ferm Werk): "meerdere partijen betrokken bij de brede intake en de voortgangsgesprekken"; the interval is the gemeente's policy (no legal minimum, DOMAIN.md).
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222679", "0632");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B" });

        // The first gesprek is due three months after the PIP; the task comes two weeks before, not on the day.
        var gesprek = dagtekening.AddMonths(3);
        Assert.Equal(gesprek.AddDays(-14), await p.TimerDueAsync("schakel4-inburgeren-en-participeren", "Timer_Vg"));
        while (await p.TodayAsync() < gesprek.AddDays(-15))
        {
            await p.AdvanceAsync("P1D");
        }

        Assert.False(await p.HasTaskAsync("User_Vg"));
        await p.AdvanceAsync("P1D");
        await p.AdvanceAsync("P1D");
        var vg = await p.TaskAsync("User_Vg");
        Assert.Equal(gesprek.AddDays(14), p.DueDate(vg));
        Assert.Equal("carla", vg.Assignee); // the casusregisseur's, who took the intake

        // Held on its date: the next one is three months after it, again two weeks ahead.
        while (await p.TodayAsync() < gesprek)
        {
            await p.AdvanceAsync("P1D");
        }

        await p.CompleteAsync("User_Vg", new { gesprekDatum = gesprek.Iso(), vgUitkomst = "voldoende" });
        Assert.Equal(gesprek.AddMonths(3).AddDays(-14), await p.TimerDueAsync("schakel4-inburgeren-en-participeren", "Timer_Vg"));
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// Issue 13, point 8: maatschappelijke begeleiding starts from the brede intake, where the begeleider is the second pair of
    /// eyes (seed 001: "vier-ogen-principe bij brede intake"), not after the PIP; the task names the partner the policy gives
    /// (maatschappelijkeBegeleiding), and the ontzorging the one for financiële zelfredzaamheid (financieleZelfredzaamheid).
    /// Done before the PIP, schakel 4 does not ask for it again.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MaatschappelijkeBegeleiding_StartsAtTheIntake_NamingThePolicysPartners(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222680", "0632");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
        await p.BijstandAsync((await p.TodayAsync()).AddDays(-3));

        // Beside the intake, at once: the begeleider's task, with Ferm Werk's partner from the policy.
        var open = await p.OpenTaskElementsAsync();
        Assert.Contains("User_Intake", open);
        Assert.Contains("User_Mb", open);
        var mb = await p.TaskAsync("User_Mb");
        Assert.Equal("schakel3-brede-intake-en-pip", mb.DefinitionKey);
        using var bram = host.Client("bram", "begeleider", "0632");
        var form = await bram.GetJsonAsync($"api/v1/tasks/{mb.Id}/form");
        Assert.Equal("Maatschappelijke begeleiding (placeholder, partner volgens uitvoeringsplan Ferm Werk)", (string?)form["data"]!["mbPartner"]);
        var ontzorging = await p.TaskAsync("User_OntzorgingVoorbereiden");
        var ozForm = await bram.GetJsonAsync($"api/v1/tasks/{ontzorging.Id}/form");
        Assert.Equal("Ferm Werk (placeholder, te bevestigen in uitvoeringsplan)", (string?)ozForm["data"]!["fzPartner"]);

        await p.CompleteAsync("User_Mb", new { begeleider = "Vluchtelingenwerk", startBegeleiding = (await p.TodayAsync()).Iso() }, Inburgeraar.Begeleider);
        await p.CompleteFourEyesAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        await p.CompleteAsync("User_Pip", new { pipDagtekening = (await p.TodayAsync()).Iso(), pipLeerroute = "B", pipIntensiteit = 600, urenPerWeek = 12 });
        Assert.Equal("active", (await p.InstanceAsync("schakel4-inburgeren-en-participeren")).Status);
        Assert.DoesNotContain("User_Mb", await p.JournalTypesAsync("schakel4-inburgeren-en-participeren", "task-created"));
        Assert.False(await p.HasTaskAsync("User_Mb"));
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// Issue 13, point 8: the NOA-assessment is a policy option (noaAssessment). WerkSaam uses it (seed 004: "Op dit moment
    /// maakt WerkSaam gebruik van het NOA-Assessment bij het in kaart brengen van de leerbaarheid van haar klanten"): in Hoorn
    /// the intake includes it as a task before the PIP; in Woerden (Ferm Werk, no NOA) the PIP follows the intake directly.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TheNoaAssessment_ComesBeforeThePip_WhereThePolicyHasIt(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var hoorn = new Inburgeraar(host, "111222692", "0405");
        var woerden = new Inburgeraar(host, "111222813", "0632");
        foreach (var p in new[] { hoorn, woerden })
        {
            await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
            await p.CompleteAsync("User_Intake", new { verschenen = true });
        }

        await hoorn.AdvanceAsync("P2W");
        await woerden.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        Assert.True(await woerden.HasTaskAsync("User_Pip"));
        Assert.DoesNotContain("User_Noa", await woerden.JournalTypesAsync("schakel3-brede-intake-en-pip", "task-created"));

        await hoorn.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        Assert.False(await hoorn.HasTaskAsync("User_Pip"));
        var noa = await hoorn.TaskAsync("User_Noa");
        Assert.Equal("noa-assessment", noa.FormKey);
        Assert.Equal("carla", noa.Assignee); // the casusregisseur's
        await hoorn.CompleteAsync("User_Noa", new { noaAfgenomenOp = (await hoorn.TodayAsync()).Iso(), noaUitkomst = "Leerbaar op B1-niveau" });
        Assert.Equal(hoorn.DueDate(noa), hoorn.DueDate(await hoorn.TaskAsync("User_Pip"))); // within the same ten weeks (pipUiterlijk)
        Assert.Equal("Leerbaar op B1-niveau", (string?)(await hoorn.VariablesAsync("schakel3-brede-intake-en-pip"))["noaUitkomst"]);
        await hoorn.AssertNoIncidentsAsync();
    }
}
