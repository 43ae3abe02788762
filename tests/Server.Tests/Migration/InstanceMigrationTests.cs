using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Server.Tests.Keten;
using Inburgering.Simulators.Demo;
using Inburgering.Simulators.Keten;

namespace Inburgering.Server.Tests.Migration;

/// <summary>
/// Instance migration through the API on the real service (SQLite and PostgreSQL): inburgeraars are driven into the keten's
/// wait states (the traject waiting on its call activities, schakel 2 and 3 tasks with their deadline timers and message
/// subscriptions, schakel 4 with its cycles and boundary timers), then every definition with active instances gets a new
/// version with the same ids (schakel 4's monthly hours timer becomes two-monthly) and every instance is validated, dry-run
/// and migrated by a batch; afterwards they wait where they waited and carry on.
/// </summary>
public sealed class InstanceMigrationTests
{
    private const string Schakel3 = "schakel3-brede-intake-en-pip";
    private const string Schakel4 = "schakel4-inburgeren-en-participeren";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Batch_MigratesInstancesInEveryWaitState_AndTheyCarryOn(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        using var api = host.Client("pim", "procesontwerper,beheerder");

        // Four inburgeraars in different schakels.
        var intake = new Inburgeraar(host, DemoPersonas.BsnFor(9001), "0632");
        await intake.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await intake.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await intake.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        var voorbereiden = new Inburgeraar(host, DemoPersonas.BsnFor(9002), "1901");
        await voorbereiden.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await voorbereiden.AanmeldenBijDuoAsync("Asielstatushouder", (await voorbereiden.TodayAsync()).AddDays(-30), "SS101");
        var zroute = new Inburgeraar(host, DemoPersonas.BsnFor(9003), "0335");
        await zroute.LeerbaarheidstoetsUitslagAsync("B1-route niet haalbaar", "Z-route");
        await zroute.AanmeldenBijDuoAsync("Asielstatushouder", (await zroute.TodayAsync()).AddDays(-20), "SS139");
        await PipAsync(zroute, "Z", asiel: true, urenPerWeek: 16);
        var b1 = new Inburgeraar(host, DemoPersonas.BsnFor(9004), "0589");
        await b1.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await b1.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await b1.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        await PipAsync(b1, "B", asiel: false);
        await intake.Keten.SettleAsync();

        var before = await ActiveAsync(intake.Keten);
        var keys = before.Select(i => i.DefinitionKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("inburgeringstraject", keys);
        Assert.Contains(Schakel3, keys);
        Assert.Contains(Schakel4, keys);
        var uren = (await zroute.InstanceAsync(Schakel4)).Timers.Single(t => t.ElementId == "Timer_Uren");

        foreach (var key in keys)
        {
            var xml = await (await api.GetAsync($"api/v1/definitions/{key}/versions/1/xml")).Content.ReadAsStringAsync();
            var changed = key == Schakel4
                ? xml.Replace(">P1M</bpmn:timeDuration>", ">P2M</bpmn:timeDuration>", StringComparison.Ordinal)
                : xml.Replace("</bpmn:definitions>", "<!-- versie 2 --></bpmn:definitions>", StringComparison.Ordinal);
            Assert.NotEqual(xml, changed);
            var deployed = await api.PostAsync("api/v1/definitions", new StringContent(changed, Encoding.UTF8, "application/xml"));
            Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);

            var plan = (await api.PostAsync("api/v1/migrations/plans", new { sourceKey = key, sourceVersion = 1 }, "plan " + key)).AsObject();
            Assert.Equal(2, (int)plan["plan"]!["targetVersion"]!);
            Assert.Empty(plan["problems"]!.AsArray());
            Assert.NotEmpty(plan["plan"]!["instructions"]!.AsArray());

            // The dry run: every instance lands on a valid wait state; nothing changes.
            var validation = (await api.PostAsync("api/v1/migrations/validate", new { plan = plan["plan"] }, "validate " + key)).AsObject();
            var expected = before.Count(i => i.DefinitionKey == key);
            Assert.Equal(expected, (int)validation["migratable"]!);
            Assert.Equal(0, (int)validation["notMigratable"]!);
            Assert.All(validation["instances"]!.AsArray(), i => Assert.NotEmpty(i!["waits"]!.AsArray()));
            if (key == Schakel4)
            {
                var recomputed = validation["instances"]!.AsArray().SelectMany(i => i!["waits"]!.AsArray())
                    .Where(w => (string)w!["kind"]! == "timer" && (string?)w["targetElementId"] == "Timer_Uren").ToList();
                Assert.NotEmpty(recomputed);
                Assert.All(recomputed, w => Assert.Equal("recomputed", (string)w!["action"]!));
            }

            Assert.All(await ActiveAsync(intake.Keten, key), i => Assert.Equal(1, i.DefinitionVersion));

            var started = await api.PostAsJsonAsync("api/v1/migrations/batches", new { plan = plan["plan"] }, KetenJson.Web);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var batchId = (string)(await started.ReadAsync("batch"))["id"]!;
            var batch = await WaitForBatchAsync(api, batchId);
            Assert.Equal(expected, (int)batch["migrated"]!);
            Assert.Equal(0, (int)batch["failed"]!);
        }

        // Every instance is on version 2, waits where it waited, and the journal says so.
        var after = await ActiveAsync(intake.Keten);
        Assert.Equal(before.Select(i => i.Id).Order(), after.Select(i => i.Id).Order());
        foreach (var instance in after)
        {
            var old = before.Single(i => i.Id == instance.Id);
            Assert.Equal(2, instance.DefinitionVersion);
            Assert.Equal(old.ActiveElements.Order(StringComparer.Ordinal), instance.ActiveElements.Order(StringComparer.Ordinal));
            Assert.Contains(await intake.Keten.JournalAsync(instance.Id), j => j.Type == "instance-migrated");
        }

        // The monthly hours timer became two-monthly from when the token arrived; the others kept their moments.
        var urenAfter = (await zroute.InstanceAsync(Schakel4)).Timers.Single(t => t.ElementId == "Timer_Uren");
        Assert.True(urenAfter.DueAt > uren.DueAt, $"{urenAfter.DueAt:O} should be after {uren.DueAt:O}");

        // They carry on on version 2.
        await intake.CompleteAsync("User_Intake", new { verschenen = true });
        await intake.AdvanceAsync("P2W");
        await intake.CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        Assert.Contains("User_Pip", await intake.OpenTaskElementsAsync());
        await zroute.AdvanceAsync("P3M");
        Assert.True((double)(await zroute.VariablesAsync(Schakel4))["cursusUren"]! > 0);
        await intake.AssertNoIncidentsAsync();
        await zroute.AssertNoIncidentsAsync();
        await b1.AssertNoIncidentsAsync();
        await voorbereiden.AssertNoIncidentsAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Plan_WithoutTheWaitingTask_IsRefusedPerInstance_AndLeavesItAlone(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        using var api = host.Client("pim", "procesontwerper,beheerder");
        var p = new Inburgeraar(host, DemoPersonas.BsnFor(9005), "0632");
        await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        Assert.Contains("User_Intake", await p.OpenTaskElementsAsync());

        var xml = await (await api.GetAsync($"api/v1/definitions/{Schakel3}/versions/1/xml")).Content.ReadAsStringAsync();
        var deployed = await api.PostAsync("api/v1/definitions", new StringContent(xml.Replace("</bpmn:definitions>", "<!-- v2 --></bpmn:definitions>", StringComparison.Ordinal), Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        var plan = (await api.PostAsync("api/v1/migrations/plans", new { sourceKey = Schakel3, sourceVersion = 1, targetVersion = 2 }, "plan"))["plan"]!.AsObject();
        var instructions = plan["instructions"]!.AsArray();
        instructions.Remove(instructions.Single(i => (string)i!["sourceElementId"]! == "User_Intake"));

        var validation = await api.PostAsync("api/v1/migrations/validate", new { plan }, "validate");
        var report = validation["instances"]!.AsArray().Single()!;
        Assert.False((bool)report["canMigrate"]!);
        var problem = report["problems"]!.AsArray().Single()!;
        Assert.Equal("migration.element-unmapped", (string)problem["code"]!);
        Assert.Equal("User_Intake", (string)problem["elementId"]!);
        Assert.Contains("User_Intake", (string)problem["message"]!);

        var started = await api.PostAsJsonAsync("api/v1/migrations/batches", new { plan }, KetenJson.Web);
        var batch = await WaitForBatchAsync(api, (string)(await started.ReadAsync("batch"))["id"]!);
        Assert.Equal(1, (int)batch["failed"]!);
        Assert.Equal("migration.element-unmapped", (string)batch["items"]![0]!["problems"]![0]!["code"]!);
        Assert.Equal(1, (await p.InstanceAsync(Schakel3)).DefinitionVersion);

        // A plan that maps an element onto another kind is refused before any instance is touched.
        var wrong = plan.DeepClone().AsObject();
        wrong["instructions"]!.AsArray().Add(new JsonObject { ["sourceElementId"] = "User_Intake", ["targetElementId"] = "User_Pip" });
        var wrongInstructions = wrong["instructions"]!.AsArray();
        wrongInstructions.Remove(wrongInstructions.Single(i => (string)i!["sourceElementId"]! == "User_Pip"));
        wrongInstructions.Add(new JsonObject { ["sourceElementId"] = "User_Pip", ["targetElementId"] = Schakel3StartEvent(xml) });
        var refused = await api.PostAsJsonAsync("api/v1/migrations/batches", new { plan = wrong }, KetenJson.Web);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("migration.plan-invalid", (string)body["code"]!);
        Assert.Contains(body["errors"]!.AsArray(), e => (string)e!["code"]! == "migration.elements-incompatible" && (string)e["elementId"]! == "User_Pip");

        // Only procesontwerpers (and beheerders) migrate.
        using var consulent = host.Client("carla", "consulent");
        Assert.Equal(HttpStatusCode.Forbidden, (await consulent.PostAsJsonAsync("api/v1/migrations/validate", new { plan }, KetenJson.Web)).StatusCode);
    }

    private static string Schakel3StartEvent(string xml)
    {
        var at = xml.IndexOf("<bpmn:startEvent id=\"", StringComparison.Ordinal) + "<bpmn:startEvent id=\"".Length;
        return xml[at..xml.IndexOf('"', at)];
    }

    private static async Task<List<KetenInstance>> ActiveAsync(KetenDriver keten, string? key = null)
    {
        var list = await keten.InstancesAsync(definitionKey: key, status: "active");
        var result = new List<KetenInstance>();
        foreach (var summary in list)
        {
            result.Add(await keten.InstanceAsync(summary.Id));
        }

        return result;
    }

    /// <summary>Polls the batch until it completes: it progresses instance by instance, so the bound (five minutes) is generous.</summary>
    private static async Task<JsonNode> WaitForBatchAsync(HttpClient api, string batchId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var batch = await api.GetJsonAsync($"api/v1/migrations/batches/{batchId}");
            if ((string)batch["status"]! == "completed")
            {
                return batch;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Batch {batchId} did not complete: {batch.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    private static async Task PipAsync(Inburgeraar p, string leerroute, bool asiel, int? urenPerWeek = null)
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
        await p.CompleteAsync("User_Pip", new { pipDagtekening = (await p.TodayAsync()).Iso(), pipLeerroute = leerroute, urenPerWeek });
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
    }
}
