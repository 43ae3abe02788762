using Inburgering.Engine.Persistence;
using Inburgering.Simulators.Keten;
using Inburgering.Workflows.Termijnen;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 6, through the API on SQLite and PostgreSQL over virtual months, in a gemeente of each samenwerkingsverband:
/// the gemeente's decisions carry the procedure of the Algemene wet bestuursrecht. The bestuurlijke boete (Wi2021 art. 29) goes
/// voornemen with rapport (Awb 5:48, 5:53) → zienswijze within the policy's termijn (Awb 4:8) → besluit within thirteen weeks
/// after the rapport (Awb 5:51) → bekendmaking (Awb 3:40, 3:41) → bezwaartermijn of six weeks from the day after (Awb 6:7, 6:8),
/// after which it is onherroepelijk or the bezwaar is decided (Awb 7:10); with bijstand the boete is afgestemd with the
/// Participatiewet first (Awb 5:46(2), Participatiewet art. 18). The PIP is a beschikking (Wi2021 art. 15): its bekendmaking
/// opens a bezwaartermijn too, and who may vaststellen it follows the mandate in the gemeente's policy (Awb 10:3).
/// </summary>
public sealed class AwbProcedureScenarioTests
{
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";
    private const string Boete = "handhaving-bestuurlijke-boete";
    private const string Bezwaartermijn = "awb-bezwaartermijn";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FermWerk_BoeteForNotKeepingThePip_VoornemenZienswijzeBesluitBekendmaking_OnherroepelijkAfterSixWeeks(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222709", "0632");
        var dagtekening = await GezinsmigrantPipAsync(p);

        // Wi2021 art. 15 with Awb 6:7, 6:8: the PIP is a beschikking; six weeks of bezwaar from the day after its bekendmaking
        // (the dagtekening when the form leaves it empty). Without a bezwaar it is onherroepelijk the day after.
        var pipBezwaar = await p.TaskAsync("User_BezwaarOntvangen");
        Assert.Equal("bezwaar-ontvangen", pipBezwaar.FormKey);
        Assert.Equal(AwbTermijnen.OnherroepelijkOp(dagtekening), p.DueDate(pipBezwaar));
        Assert.Equal(AwbTermijnen.OnherroepelijkOp(dagtekening), await p.TimerDueAsync(Bezwaartermijn, "Bnd_Onherroepelijk"));
        await p.AdvanceAsync("P6W");
        Assert.True(await p.HasTaskAsync("User_BezwaarOntvangen"), "The bezwaartermijn runs to its last day.");
        await p.AdvanceAsync("P1W");
        Assert.False(await p.HasTaskAsync("User_BezwaarOntvangen"));
        Assert.Equal(AwbTermijnen.OnherroepelijkOp(dagtekening).Iso(), (string?)(await p.VariablesAsync(Schakel4))["pipOnherroepelijkOp"]);

        // Interventions first, then the boete is considered (Boetevoorstel: handhaving is the sluitstuk).
        var rapport = await BoeteOverwegenAsync(p);

        // Awb 5:53: the voornemen with the rapport; an amount above the ceiling (€ 800) is refused and the task comes back.
        var voornemen = await p.TaskAsync("User_Voornemen");
        Assert.Equal(rapport.AddDays(14), p.DueDate(voornemen));
        await p.CompleteAsync("User_Voornemen", new { boeteVoornemen = true, boeteBedrag = 900, boeteGrond = "NietNakomenPip", rapportDatum = rapport.Iso(), voornemenVerzonden = rapport.Iso() });
        Assert.Contains("€ 800", (string)(await p.VariablesAsync(Boete))["handhavingFouten"]!);
        await p.CompleteAsync("User_Voornemen", new { boeteVoornemen = true, boeteBedrag = 400, boeteGrond = "NietNakomenPip", rapportDatum = rapport.Iso(), voornemenVerzonden = rapport.Iso() });

        // The voortgang goes on beside the boete procedure.
        Assert.NotNull(await p.TimerDueAsync(Schakel4, "Timer_Vg"));

        // Awb 4:8: the zienswijzetermijn of Ferm Werk's policy (two weeks); no bijstand, so nothing to afstemmen.
        var zienswijzeUiterlijk = AwbTermijnen.ZienswijzeUiterlijk(rapport, 2);
        Assert.Equal(zienswijzeUiterlijk.AddDays(1), await p.TimerDueAsync(Boete, "Timer_Zienswijze"));
        Assert.False(await p.HasTaskAsync("User_Afstemming"));
        await p.AdvanceAsync("P1W");
        Assert.False(await p.HasTaskAsync("User_Zienswijze"));
        while (await p.TodayAsync() <= zienswijzeUiterlijk)
        {
            await p.AdvanceAsync("P1D");
        }

        await p.CompleteAsync("User_Zienswijze", new { zienswijzeGegeven = true, zienswijzeOntvangenOp = zienswijzeUiterlijk.Iso(), zienswijze = "De cursus paste niet bij het werk" });

        // Awb 5:51(1): the besluit within thirteen weeks after the rapport.
        var besluit = await p.TaskAsync("User_Besluit");
        Assert.Equal(AwbTermijnen.BoetebesluitUiterlijk(rapport), p.DueDate(besluit));
        await p.CompleteAsync("User_Besluit", new { boeteOpleggen = true, boeteBedrag = 300, boeteGrond = "NietNakomenPip", motivering = "Zienswijze meegewogen: bedrag verlaagd" });

        // Awb 3:40, 3:41: bekendgemaakt by sending it; the bezwaartermijn starts the day after (6:8).
        var bekendmaking = await p.TodayAsync();
        await p.CompleteAsync("User_Bekendmaking", new { bekendgemaaktOp = bekendmaking.Iso(), verzendwijze = "post" });
        var boeteBezwaar = await p.TaskAsync("User_BezwaarOntvangen");
        Assert.Equal(AwbTermijnen.OnherroepelijkOp(bekendmaking), p.DueDate(boeteBezwaar));
        while (await p.TodayAsync() <= AwbTermijnen.BezwaartermijnEinde(bekendmaking))
        {
            Assert.True(await p.HasTaskAsync("User_BezwaarOntvangen"), $"The bezwaartermijn runs to {AwbTermijnen.BezwaartermijnEinde(bekendmaking).Iso()}.");
            await p.AdvanceAsync("P1W");
        }

        Assert.False(await p.HasTaskAsync("User_BezwaarOntvangen"));
        var vars = await p.VariablesAsync(Schakel4);
        Assert.Equal(300, (double)vars["boeteBedrag"]!);
        Assert.Equal(bekendmaking.Iso(), (string?)vars["boeteBekendgemaaktOp"]);
        Assert.Equal(AwbTermijnen.OnherroepelijkOp(bekendmaking).Iso(), (string?)vars["boeteOnherroepelijkOp"]);
        Assert.Equal("completed", (await p.InstanceAsync(Boete)).Status);
        Assert.Equal("active", (await p.InstanceAsync(Schakel4)).Status);
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sdd_BoeteWithBijstand_AfgestemdWithTheParticipatiewet_BezwaarDecidedWithinSixWeeksAfterTheTermijn(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222722", "0505");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-5), "SS139");
        await p.BijstandAsync((await p.TodayAsync()).AddDays(-3));
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        await p.CompleteAsync("User_Pip", new { pipDagtekening = (await p.TodayAsync()).Iso(), pipLeerroute = "B" });
        await p.AdvanceAsync("P7W"); // the PIP's bezwaartermijn passes
        Assert.True((bool)(await p.VariablesAsync("financieel-ontzorgen"))["bijstandActief"]!);

        var rapport = await BoeteOverwegenAsync(p);
        await p.CompleteAsync("User_Voornemen", new { boeteVoornemen = true, boeteBedrag = 250, boeteGrond = "NietNakomenPip", rapportDatum = rapport.Iso(), voornemenVerzonden = rapport.Iso() });

        // Awb 5:46(2) with Participatiewet art. 18: with bijstand the boete is afgestemd before the besluit, within the zienswijzetermijn.
        var afstemming = await p.TaskAsync("User_Afstemming");
        Assert.Equal(AwbTermijnen.ZienswijzeUiterlijk(rapport, 2), p.DueDate(afstemming));
        await p.CompleteAsync("User_Afstemming", new { maatregelBijstand = false, afstemming = "Geen maatregel op de bijstand; boete in termijnen" });
        await p.AdvanceAsync("P3W");
        await p.CompleteAsync("User_Zienswijze", new { zienswijzeGegeven = false, zienswijze = "Geen zienswijze ontvangen" });
        await p.CompleteAsync("User_Besluit", new { boeteOpleggen = true, boeteBedrag = 250, boeteGrond = "NietNakomenPip", motivering = "Geen zienswijze" });
        var bekendmaking = await p.TodayAsync();
        await p.CompleteAsync("User_Bekendmaking", new { bekendgemaaktOp = bekendmaking.Iso(), verzendwijze = "elektronisch" });

        // Awb 6:9: a bezwaar within the termijn; Awb 7:10(1): decided within six weeks after the bezwaartermijn.
        await p.AdvanceAsync("P3W");
        await p.CompleteAsync("User_BezwaarOntvangen", new { bezwaarOntvangenOp = (await p.TodayAsync()).Iso(), adviescommissie = false, bezwaargronden = "Ziek geweest" });
        var bezwaar = await p.TaskAsync("User_Bezwaar");
        Assert.Equal(AwbTermijnen.BeslissingOpBezwaarUiterlijk(bekendmaking, adviescommissie: false), p.DueDate(bezwaar));
        Assert.True((bool)(await p.VariablesAsync(Bezwaartermijn))["bezwaarTijdig"]!);
        await p.CompleteAsync("User_Bezwaar", new { bezwaarUitkomst = "gegrond", beslissingOpBezwaar = "Ziekte aangetoond: boete herroepen" });

        var vars = await p.VariablesAsync(Schakel4);
        Assert.Equal("gegrond", (string?)vars["boeteBezwaarUitkomst"]);
        Assert.Null((string?)vars["boeteOnherroepelijkOp"]);
        Assert.Equal("completed", (await p.InstanceAsync(Boete)).Status);
        await p.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task WerkSaam_PipAsBeschikking_MandateFromThePolicy_BezwaarWithAnAdviescommissie(DatabaseProvider provider)
    {
        // Awb 10:3: the college mandates who vaststelt the PIP; here WerkSaam's policy gives it to the beheerder (a team lead).
        var folder = Directory.CreateTempSubdirectory("inburgering-mandaat-").FullName;
        try
        {
            CopyFolder(Path.Combine(ServerProcess.RepositoryRoot(), "workflow-definitions"), folder);
            var beleid = Path.Combine(folder, "gemeenten", "werksaam.json");
            var text = await File.ReadAllTextAsync(beleid);
            const string mandaat = "\"mandaat\": { \"pipVaststellen\": \"consulent\" }";
            Assert.Contains(mandaat, text, StringComparison.Ordinal);
            await File.WriteAllTextAsync(beleid, text.Replace(mandaat, "\"mandaat\": { \"pipVaststellen\": \"beheerder\" }", StringComparison.Ordinal));

            await using var host = await KetenHost.StartAsync(provider, ("Inburgering:DefinitionsPath", folder));
            var p = new Inburgeraar(host, "111222734", "0405");
            await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
            await p.CompleteAsync("User_Intake", new { verschenen = true });
            await p.AdvanceAsync("P2W");
            await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
            await p.CompleteAsync("User_Noa"); // WerkSaam: the NOA-assessment before the PIP (policy noaAssessment; seed 004)

            var pip = await p.TaskAsync("User_Pip");
            Assert.Equal(["beheerder"], pip.CandidateGroups);
            var dagtekening = await p.TodayAsync();
            var bekendmaking = dagtekening.AddDays(2); // sent two days after the dagtekening: the termijn counts from the sending (Awb 6:8)
            await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipBekendgemaaktOp = bekendmaking.Iso(), pipLeerroute = "B" }, new Medewerker("bea", "beheerder"));
            Assert.Equal(bekendmaking.Iso(), (string?)(await p.VariablesAsync(Schakel4))["pipBekendgemaaktOp"]);

            var bezwaarOntvangen = await p.TaskAsync("User_BezwaarOntvangen");
            Assert.Equal(AwbTermijnen.OnherroepelijkOp(bekendmaking), p.DueDate(bezwaarOntvangen));
            Assert.Equal("PIP", (string?)(await p.VariablesAsync(Bezwaartermijn))["besluit"]);

            // Awb 6:9: a bezwaar on the last day is on time; Awb 7:10(1): with an adviescommissie (7:13) twelve weeks after the termijn.
            while (await p.TodayAsync() < AwbTermijnen.BezwaartermijnEinde(bekendmaking))
            {
                await p.AdvanceAsync("P1D");
            }

            await p.CompleteAsync("User_BezwaarOntvangen", new { bezwaarOntvangenOp = (await p.TodayAsync()).Iso(), adviescommissie = true, bezwaargronden = "Liever de onderwijsroute" });
            var bezwaar = await p.TaskAsync("User_Bezwaar");
            Assert.Equal(AwbTermijnen.BeslissingOpBezwaarUiterlijk(bekendmaking, adviescommissie: true), p.DueDate(bezwaar));
            await p.AdvanceAsync("P8W");
            await p.CompleteAsync("User_Bezwaar", new { bezwaarUitkomst = "ongegrond", beslissingOpBezwaar = "De B1-route past bij de uitslag van de leerbaarheidstoets" });

            var vars = await p.VariablesAsync(Schakel4);
            Assert.Equal("ongegrond", (string?)vars["pipBezwaarUitkomst"]);
            Assert.Equal("B", (string?)vars["pipLeerroute"]);
            await p.AssertNoIncidentsAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A gezinsmigrant to a PIP on the B1-route with the PVT and MAP started. Returns the PIP's dagtekening.</summary>
    private static async Task<DateOnly> GezinsmigrantPipAsync(Inburgeraar p)
    {
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B" });
        await p.CompleteAsync("User_PvtStarten");
        await p.CompleteAsync("User_MapAanbieden");
        return dagtekening;
    }

    /// <summary>Up to the voortgangsgesprek, an intervention started and discussed, and the boete considered. Returns the day (the rapport's).</summary>
    private static async Task<DateOnly> BoeteOverwegenAsync(Inburgeraar p)
    {
        while (!await p.HasTaskAsync("User_Vg"))
        {
            await p.AdvanceAsync("P1W");
        }

        await p.CompleteAsync("User_Vg", new { gesprekDatum = (await p.TodayAsync()).Iso(), vgUitkomst = "interventie" });
        var today = await p.TodayAsync();
        await p.CompleteAsync("User_Interventie", new { interventieSoort = "AansprekenOpPlichten", interventieIngezetOp = today.Iso(), interventieBesprokenOp = today.Iso(), interventieUitkomst = "boeteOverwegen" });
        return today;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
