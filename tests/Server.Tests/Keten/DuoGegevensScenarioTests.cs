using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 7, through the API on SQLite and PostgreSQL over virtual years: what the keten sends to DUO is what the
/// gemeente decided. The alfabetisering of the PIP goes with the PIP (PIP API, <c>indicatorAlfabetiseringsonderwijs</c>: A
/// analfabeet, AA anders-gealfabetiseerde, NVT) and with the inburgeringsaanbod and the taalaanbieder's aanmelding, instead of
/// NVT for everybody. A MAP or PVT result without a date reports 'verwijtbaar' alone (MAP, PVT, Z-route API: DUO accepts
/// <c>verwijtbaar</c> without the date when the eindgesprek or ondertekening did not take place): Nee from two months before the
/// end of the termijn, where the task used to put today's date in and DUO then refused the flag beside a timely date.
/// </summary>
public sealed class DuoGegevensScenarioTests
{
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Alfabetisering_GoesWithPipAndAanbod_AndVerwijtbaarNee_IsReportedWithoutADate(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var p = new Inburgeraar(host, "111222655", "0632");
        await p.LeerbaarheidstoetsUitslagAsync("Z-route", "Z");
        await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
        await p.BijstandAsync((await p.TodayAsync()).AddDays(-3));
        await p.CompleteFourEyesAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        var dagtekening = await p.TodayAsync();
        await p.CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "Z", urenPerWeek = 16, pipAlfabetisering = "A" });

        // The PIP at DUO carries the alfabetisering; so does the inburgeringsaanbod (the gemeente's aanbod to an
        // asielstatushouder, reported once the taalaanbieder has the aanmelding).
        Assert.Equal("A", (string?)(await p.DuoPersoonAsync())["actuelePip"]?["indicatorAlfabetiseringsonderwijs"]);
        await p.CompleteAsync("User_Mb", null, Inburgeraar.Begeleider);
        await p.CompleteAsync("User_OntzorgingVoorbereiden", new { huurBedrag = 550, zorgverzekeringBedrag = 140 });
        for (var week = 0; week < 8 && (await p.DuoPersoonAsync())["inburgeringsaanbod"] is not JsonObject { Count: > 0 }; week++)
        {
            await p.AdvanceAsync("P1W");
        }

        var aanbod = Assert.IsType<JsonObject>((await p.DuoPersoonAsync())["inburgeringsaanbod"]);
        Assert.Equal("A", (string?)Assert.Single(aanbod).Value!["indicatorAlfabetiseringsonderwijs"]);

        // Neither a date nor 'verwijtbaar': the task comes back with the reason, nothing goes to DUO.
        await p.CompleteAsync("User_PvtStarten");
        await p.CompleteAsync("User_MapAanbieden");
        await p.CompleteAsync("User_Map", new { verslag = "nog niets" });
        Assert.Contains("Vul de datum van het eindgesprek MAP in", (string?)(await p.VariablesAsync(Schakel4))["mapFouten"], StringComparison.Ordinal);
        Assert.True(await p.HasTaskAsync("User_Map"));
        Assert.DoesNotContain("updateMapByBsn", await p.DuoOperatiesAsync());

        // 'Verwijtbaar: Nee' is allowed from two months before the end (Wi2021 art. 11: three years from the day after the
        // first PIP's dagtekening), without a date: DUO registers the flag alone.
        var einde = dagtekening.AddDays(1).AddYears(3);
        while (await p.TodayAsync() < einde.AddMonths(-2).AddDays(3))
        {
            await p.AdvanceAsync("P1M");
        }

        await p.CompleteAsync("User_Map", new { mapVerwijtbaar = "Nee" });
        Assert.Equal("", (string?)(await p.VariablesAsync(Schakel4))["mapFouten"] ?? "");
        Assert.Contains("updateMapByBsn", await p.DuoOperatiesAsync());
        var map = (await p.DuoPersoonAsync())["map"]!;
        Assert.Equal("Nee", (string?)map["verwijtbaar"]);
        Assert.Null((string?)map["datum"]);
        Assert.False(await p.HasTaskAsync("User_Map"));
        await p.AssertNoIncidentsAsync();
    }

    /// <summary>
    /// The contactpersoon for DUO comes from the gemeente's policy (<c>duoContactpersoon</c>), not from a placeholder in the BPMN;
    /// with the id DUO gave when the gemeente registered it once (<c>duoContactpersoonId</c>) every inburgeraar is linked to that
    /// one contactpersoon, and none is registered per inburgeraar (Contactpersoon API: POST /contactpersonen registers, PUT
    /// /personen/{bsn}/contactpersoon/{id} links).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ContactpersoonForDuo_ComesFromThePolicy_AndWithItsDuoId_IsSharedByEveryInburgeraar(DatabaseProvider provider)
    {
        // Source: duo-m2m Contactpersoon API (POST /contactpersonen, PUT /personen/{bsn}/contactpersoon/{id}); issue 13 point 7.
        // The shipped policy has no id yet: the policy's team is registered for the inburgeraar.
        await using (var host = await KetenHost.StartAsync(provider))
        {
            var p = new Inburgeraar(host, "111222667", "0632");
            await TotPipAsync(p);
            var contactpersoon = Assert.Single(await p.Keten.DuoContactpersonenAsync())!;
            Assert.Equal("Team Inburgering Ferm Werk", (string?)contactpersoon["gegevens"]!["naam"]);
            Assert.Equal("inburgering@fermwerk.example", (string?)contactpersoon["gegevens"]!["email"]);
            Assert.Contains("createContactpersoon", await p.DuoOperatiesAsync());
        }

        // The gemeente registered its team once (DUO gave id 1) and put the id in its policy: two inburgeraars, one contactpersoon.
        var folder = Directory.CreateTempSubdirectory("inburgering-beleid-").FullName;
        try
        {
            CopyFolder(Path.Combine(ServerProcess.RepositoryRoot(), "workflow-definitions"), folder);
            var beleid = Path.Combine(folder, "gemeenten", "fermwerk.json");
            var text = await File.ReadAllTextAsync(beleid);
            const string placeholder = "\"telefoonnummer\": \"0348 000 000\", \"isPlaceholder\": true }";
            Assert.Contains(placeholder, text, StringComparison.Ordinal);
            await File.WriteAllTextAsync(beleid, text.Replace(placeholder, "\"telefoonnummer\": \"0348 000 000\", \"duoContactpersoonId\": 1 }", StringComparison.Ordinal));

            await using var host = await KetenHost.StartAsync(provider, ("Inburgering:DefinitionsPath", folder));
            var a = new Inburgeraar(host, "111222679", "0632");
            var b = new Inburgeraar(host, "111222680", "0632");
            Assert.Equal(1, await a.Keten.DuoContactpersoonRegistrerenAsync("0632", "Team Inburgering Ferm Werk", "inburgering@fermwerk.example", "0348 000 000"));
            await TotPipAsync(a);
            await TotPipAsync(b);

            Assert.Single(await a.Keten.DuoContactpersonenAsync());
            Assert.Equal(1, (int?)(await a.DuoPersoonAsync())["contactpersoonId"]);
            Assert.Equal(1, (int?)(await b.DuoPersoonAsync())["contactpersoonId"]);
            Assert.DoesNotContain("createContactpersoon", await a.DuoOperatiesAsync());
            Assert.Contains("postContactpersoonByBsn", await b.DuoOperatiesAsync());
            await a.AssertNoIncidentsAsync();
            await b.AssertNoIncidentsAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A gezinsmigrant through the intake and the leerbaarheidstoets to a PIP on the B1-route (no contact details given).</summary>
    private static async Task TotPipAsync(Inburgeraar p)
    {
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await p.CompleteAsync("User_Intake", new { verschenen = true });
        await p.AdvanceAsync("P2W");
        await p.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        await p.CompleteAsync("User_Pip", new { pipDagtekening = (await p.TodayAsync()).Iso(), pipLeerroute = "B" });
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
