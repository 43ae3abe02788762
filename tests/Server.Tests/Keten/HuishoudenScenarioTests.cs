using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 8 (case work): households linking the trajecten of one leefeenheid, through the API on SQLite and
/// PostgreSQL. Seed 004 (WerkSaam, uitvoeringsplan): "één inburgeraar/één gezin, één plan"; every seed puts one casusregisseur
/// per inburgeraar or gezin. The household is the bijstand's leefeenheid (Participatiewet art. 4 lid 1 onder c: het gezin;
/// art. 11: bijstand voor het gezin) as the Participatiewet system gives it (huishoudenId), or, for gezinsmigranten without
/// bijstand, a link made in the dossier. The consulent who takes the brede intake becomes casusregisseur of the household's
/// trajecten that have none; the handover takes the household along only when asked (huishouden: true). A household never
/// crosses a gemeente.
/// </summary>
public sealed class HuishoudenScenarioTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TwoGezinsleden_OfOneBijstandHousehold_ShareTheIntakeConsulent_AndAreHandedOverTogetherOnlyWhenAsked(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        const string gezin = "GEZIN-WOERDEN-0042";
        var vader = new Inburgeraar(host, "111222722", "0632");
        var moeder = new Inburgeraar(host, "111222734", "0632");

        // The same household id in another gemeente's Participatiewet data is another household (tenant isolation).
        var elders = new Inburgeraar(host, "111222746", "0405");
        var bijstandStart = (await vader.TodayAsync()).AddDays(-3);
        foreach (var p in new[] { vader, moeder, elders })
        {
            await p.BijstandAsync(bijstandStart, huishoudenId: gezin);
            await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
        }

        var vaderId = (await vader.InstanceAsync()).Id;
        var moederId = (await moeder.InstanceAsync()).Id;
        var eldersId = (await elders.InstanceAsync()).Id;
        Assert.Null((await moeder.TaskAsync("User_Intake")).Assignee);

        // The dossier lists the other traject of the household (from the bijstand), never the other gemeente's.
        using var carla = host.Client("carla", "consulent", "0632");
        var dossier = await carla.GetJsonAsync($"api/v1/dossiers/{vaderId}");
        Assert.Equal(gezin, (string?)dossier["huishouden"]!["id"]);
        Assert.Contains("Participatiewet", (string?)dossier["huishouden"]!["bron"], StringComparison.Ordinal);
        var lid = Assert.Single(dossier["huishouden"]!["gezinsleden"]!.AsArray())!;
        Assert.Equal(moederId, (Guid)lid["trajectId"]!);
        Assert.Null((string?)lid["casusregisseur"]);

        // Carla takes the father's intake (four eyes with Bram): she becomes casusregisseur of the gezin, in the same step.
        await vader.CompleteFourEyesAsync("User_Intake", new { verschenen = true });
        Assert.Equal("carla", (string?)(await vader.VariablesAsync())["casusregisseur"]);
        Assert.Equal("carla", (string?)(await moeder.VariablesAsync())["casusregisseur"]);
        Assert.Equal("carla", (await moeder.TaskAsync("User_Intake")).Assignee);
        Assert.Null((string?)(await elders.VariablesAsync())["casusregisseur"]);
        Assert.Null((await elders.TaskAsync("User_Intake")).Assignee);
        dossier = await carla.GetJsonAsync($"api/v1/dossiers/{vaderId}");
        lid = Assert.Single(dossier["huishouden"]!["gezinsleden"]!.AsArray())!;
        Assert.Equal("carla", (string?)lid["casusregisseur"]);
        Assert.Equal("Carla de Vries", (string?)lid["casusregisseurNaam"]);

        // The household handover (huishouden: true): the mother's traject and its open intake go to Daan as well.
        var handover = await carla.PostAsync($"api/v1/dossiers/{vaderId}/casusregisseur", new { casusregisseur = "daan", huishouden = true }, "huishouden overdragen");
        Assert.Equal("daan", (string?)handover["casusregisseur"]);
        Assert.Equal(moederId, (Guid)Assert.Single(handover["huishoudenOvergedragen"]!.AsArray())!);
        Assert.Empty(handover["huishoudenNietOvergedragen"]!.AsArray());
        Assert.Equal("daan", (string?)(await moeder.VariablesAsync())["casusregisseur"]);
        Assert.Equal("daan", (await moeder.TaskAsync("User_Intake")).Assignee);

        // The default is this traject only (a gezinslid may keep another casusregisseur on purpose).
        using var daan = host.Client("daan", "consulent", "0632");
        var alleen = await daan.PostAsync($"api/v1/dossiers/{moederId}/casusregisseur", new { casusregisseur = "carla" }, "alleen dit traject");
        Assert.Null(alleen["huishoudenOvergedragen"]);
        Assert.Equal("carla", (string?)(await moeder.VariablesAsync())["casusregisseur"]);
        Assert.Equal("daan", (string?)(await vader.VariablesAsync())["casusregisseur"]);

        // A beheerder of both gemeenten hands the household over: the other gemeente's traject with the same id stays out.
        using var henk = host.Client("henk", "beheerder", "0632,0405");
        var beheer = await henk.PostAsync($"api/v1/dossiers/{vaderId}/casusregisseur", new { casusregisseur = "carla", huishouden = true }, "beheerder draagt over");
        Assert.DoesNotContain(eldersId, beheer["huishoudenOvergedragen"]!.AsArray().Select(n => (Guid)n!));
        Assert.Null((string?)(await elders.VariablesAsync())["casusregisseur"]);
        Assert.DoesNotContain((await henk.GetJsonAsync($"api/v1/dossiers/{eldersId}"))["huishouden"]!["gezinsleden"]!.AsArray(), n => (Guid)n!["trajectId"]! == vaderId);
        await vader.AssertNoIncidentsAsync();
        await moeder.AssertNoIncidentsAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Gezinsmigranten_WithoutBijstand_AreLinkedInTheDossier_SameGemeenteOnly_AndShareTheCasusregisseur(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var gezinsvormer = new Inburgeraar(host, "111222722", "0632");
        var partner = new Inburgeraar(host, "111222734", "0632");
        var hoorn = new Inburgeraar(host, "111222746", "0405");
        foreach (var p in new[] { gezinsvormer, partner, hoorn })
        {
            await p.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await p.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        }

        var aId = (await gezinsvormer.InstanceAsync()).Id;
        var bId = (await partner.InstanceAsync()).Id;
        var hoornId = (await hoorn.InstanceAsync()).Id;
        using var carla = host.Client("carla", "consulent", "0632");
        var dossier = await carla.GetJsonAsync($"api/v1/dossiers/{aId}");
        Assert.Null((string?)dossier["huishouden"]!["id"]);
        Assert.Empty(dossier["huishouden"]!["gezinsleden"]!.AsArray());

        // Every refusal says why; another gemeente's dossier is not found for its outsiders and refused for a beheerder of both.
        await Problems.AssertAsync(await carla.PostAsJsonAsync($"api/v1/dossiers/{aId}/huishouden", new { }), HttpStatusCode.BadRequest, "huishouden.dossier-missing");
        await Problems.AssertAsync(await carla.PostAsJsonAsync($"api/v1/dossiers/{aId}/huishouden", new { dossier = aId }), HttpStatusCode.UnprocessableEntity, "huishouden.same-traject");
        await Problems.AssertAsync(await carla.PostAsJsonAsync($"api/v1/dossiers/{aId}/huishouden", new { dossier = hoornId }), HttpStatusCode.NotFound, "huishouden.dossier-not-found");
        using var henk = host.Client("henk", "beheerder", "0632,0405");
        await Problems.AssertAsync(await henk.PostAsJsonAsync($"api/v1/dossiers/{aId}/huishouden", new { dossier = hoornId }), HttpStatusCode.UnprocessableEntity, "huishouden.other-gemeente");
        using var bram = host.Client("bram", "begeleider", "0632");
        Assert.Equal(HttpStatusCode.Forbidden, (await bram.PostAsJsonAsync($"api/v1/dossiers/{aId}/huishouden", new { dossier = bId })).StatusCode);

        // Carla links the partner's traject to the gezinsvormer's: one household, listed on both dossiers, journalled on both.
        var view = await carla.PostAsync($"api/v1/dossiers/{aId}/huishouden", new { dossier = bId }, "koppelen");
        var huishouden = (string)view["id"]!;
        Assert.StartsWith("gezin-", huishouden, StringComparison.Ordinal);
        Assert.Equal("Gekoppeld in het dossier", (string?)view["bron"]);
        var gezinslid = Assert.Single(view["gezinsleden"]!.AsArray())!;
        Assert.Equal(bId, (Guid)gezinslid["trajectId"]!);
        Assert.Equal("active", (string?)gezinslid["status"]);
        Assert.Equal("Schakel 3: Afnemen brede intake en vaststellen PIP", (string?)gezinslid["schakel"]); // where its first due task is
        Assert.Equal(aId, (Guid)Assert.Single((await carla.GetJsonAsync($"api/v1/dossiers/{bId}"))["huishouden"]!["gezinsleden"]!.AsArray())!["trajectId"]!);
        Assert.Equal(huishouden, (string?)(await partner.VariablesAsync())["huishoudenId"]);
        Assert.Equal(huishouden, (string?)(await partner.VariablesAsync("schakel3-brede-intake-en-pip"))["huishoudenId"]);
        foreach (var id in new[] { aId, bId })
        {
            var timeline = await carla.GetJsonAsync($"api/v1/dossiers/{id}/timeline");
            Assert.Contains(timeline["items"]!.AsArray(), e => ((string?)e!["text"] ?? "").Contains("gekoppeld aan het huishouden van dossier", StringComparison.Ordinal));
        }

        // Linking again is no change; the Hoorn traject knows nothing of it.
        Assert.Equal(huishouden, (string?)(await carla.PostAsync($"api/v1/dossiers/{bId}/huishouden", new { dossier = aId }, "nog eens"))["id"]);
        using var hoornConsulent = host.Client("carla", "consulent", "0405");
        Assert.Empty((await hoornConsulent.GetJsonAsync($"api/v1/dossiers/{hoornId}"))["huishouden"]!["gezinsleden"]!.AsArray());

        // The gezinsvormer's intake makes Carla casusregisseur of both (the partner had none); Hoorn's traject gets nobody.
        await gezinsvormer.CompleteAsync("User_Intake", new { verschenen = true });
        Assert.Equal("carla", (string?)(await partner.VariablesAsync())["casusregisseur"]);
        Assert.Equal("carla", (await partner.TaskAsync("User_Intake")).Assignee);
        Assert.Null((string?)(await hoorn.VariablesAsync())["casusregisseur"]);

        // A third gezinslid (a child who turned 18) linked later gets the household's casusregisseur at the link.
        var kind = new Inburgeraar(host, "111222795", "0632");
        await kind.AanmeldenBijDuoAsync("Gezinsmigrant en overige migrant", (await kind.TodayAsync()).AddDays(-5), "SS139", "Gezinsvormer");
        var kindId = (await kind.InstanceAsync()).Id;
        var metKind = await carla.PostAsync($"api/v1/dossiers/{kindId}/huishouden", new { dossier = aId }, "kind koppelen");
        Assert.Equal(huishouden, (string?)metKind["id"]);
        Assert.Equal(2, metKind["gezinsleden"]!.AsArray().Count);
        Assert.Equal("carla", (string?)(await kind.VariablesAsync())["casusregisseur"]);
        Assert.Equal("carla", (await kind.TaskAsync("User_Intake")).Assignee);

        // Another household (from the bijstand) cannot be mixed in.
        var ander = new Inburgeraar(host, "111222801", "0632");
        await ander.BijstandAsync((await ander.TodayAsync()).AddDays(-3), huishoudenId: "GEZIN-WOERDEN-0099");
        await ander.AanmeldenBijDuoAsync("Asielstatushouder", (await ander.TodayAsync()).AddDays(-10), "SS139");
        var anderId = (await ander.InstanceAsync()).Id;
        await Problems.AssertAsync(await carla.PostAsJsonAsync($"api/v1/dossiers/{anderId}/huishouden", new { dossier = aId }), HttpStatusCode.Conflict, "huishouden.already-linked");
        await gezinsvormer.AssertNoIncidentsAsync();
        await partner.AssertNoIncidentsAsync();
    }
}
