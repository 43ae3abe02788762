using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Inburgering.Simulators.Keten;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// Issue 13, point 8: the casuïstiekoverleg as a periodic agenda task per gemeente, through the API on SQLite and PostgreSQL
/// over virtual months. Seed 001 (memo Ferm Werk): "In Woerden en Bodegraven-Reeuwijk is afgesproken periodiek
/// casuïstiekoverleg te hebben met deelname van in het schema genoemde ketenpartners. Dat casuïstiekoverleg monitort de
/// voortgang van de individuele inburgeringstrajecten." and "Voor Montfoort en Oudewater [...] Het inrichten van een periodiek
/// casuïstiekoverleg is voor deze gemeenten niet zinvol." Woerden gets the agenda every four weeks (policy intervalWeken) with
/// its own trajecten that need discussion and never another gemeente's; Montfoort gets none.
/// </summary>
public sealed class CasuistiekoverlegScenarioTests
{
    private static readonly Medewerker Carla = new("carla", "consulent");

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Woerden_GetsTheAgendaEveryInterval_WithItsOwnTrajecten_MontfoortNone(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var keten = host.Driver();

        // Started at start-up for the gemeenten whose policy has a periodic overleg, and only for them.
        var overleggen = await keten.InstancesAsync(definitionKey: "casuistiekoverleg", status: "active");
        Assert.Equal(["0632", "1901"], overleggen.Select(i => i.Gemeente).Order(StringComparer.Ordinal));
        Assert.Equal(["casuistiekoverleg-0632", "casuistiekoverleg-1901"], overleggen.Select(i => i.BusinessKey!).Order(StringComparer.Ordinal));
        var woerdenOverleg = overleggen.Single(i => i.Gemeente == "0632");
        var eersteOverleg = DateOnly.Parse((string)(await keten.InstanceAsync(woerdenOverleg.Id)).Variables["overlegOp"]!, System.Globalization.CultureInfo.InvariantCulture);

        // A traject in Woerden and one in Montfoort, both left waiting (nobody takes the intake).
        var woerden = new Inburgeraar(host, "111222771", "0632");
        var montfoort = new Inburgeraar(host, "111222783", "0335");
        foreach (var p in new[] { woerden, montfoort })
        {
            await p.LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
            await p.AanmeldenBijDuoAsync("Asielstatushouder", (await p.TodayAsync()).AddDays(-10), "SS139");
        }

        var woerdenTraject = (await woerden.InstanceAsync()).Id;
        var montfoortTraject = (await montfoort.InstanceAsync()).Id;

        // Before the agenda's day (a week before the overleg) there is no agenda task.
        Assert.Empty(await keten.OpenTasksAsync("casuistiekoverleg-0632"));

        // Three weeks on: the agenda for the overleg four weeks after the start, due on the day of the overleg.
        await keten.AdvanceAsync("P3W");
        var agendaTask = Assert.Single(await keten.OpenTasksAsync("casuistiekoverleg-0632"));
        Assert.Equal("User_Casuistiekoverleg", agendaTask.ElementId);
        Assert.Equal("Casuïstiekoverleg voorbereiden", agendaTask.Name);
        Assert.Equal(["consulent"], agendaTask.CandidateGroups);
        Assert.Null(agendaTask.Assignee);
        Assert.Equal(eersteOverleg, keten.LocalDate(agendaTask.DueAt!.Value));

        // The form shows the agenda: Woerden's traject with its reasons, never Montfoort's.
        using var carla = host.Client("carla", "consulent", "0632");
        var form = await carla.GetJsonAsync($"api/v1/tasks/{agendaTask.Id}/form");
        var agenda = form["data"]!["agenda"]!.AsArray();
        var dossiers = agenda.Select(r => Guid.Parse((string)r!["dossierId"]!)).ToList();
        Assert.Contains(woerdenTraject, dossiers);
        Assert.DoesNotContain(montfoortTraject, dossiers);
        Assert.All(agenda, r => Assert.False(string.IsNullOrWhiteSpace((string?)r!["redenen"])));
        Assert.Equal(agenda.Count, (int)form["data"]!["agendaAantal"]!);
        Assert.Equal(KetenHost.ReferentieFor("111222771"), (string?)agenda.First(r => (string)r!["dossierId"]! == woerdenTraject.ToString())!["persoonReferentie"]);

        // Montfoort ("we weten elkaar te vinden") has no overleg and no agenda; Bodegraven-Reeuwijk's agenda is empty but comes.
        Assert.Empty(await keten.InstancesAsync(definitionKey: "casuistiekoverleg", gemeente: "0335"));
        var bodegraven = Assert.Single(await keten.OpenTasksAsync("casuistiekoverleg-1901"));
        Assert.Equal(0, (int)(await keten.InstanceAsync(bodegraven.InstanceId)).Variables["agendaAantal"]!);

        // The consulent records per traject besproken / interventie / afspraak; the agenda itself cannot be rewritten.
        var rows = agenda.Select(r => r!.DeepClone().AsObject()).ToList();
        var rij = rows.First(r => (string)r["dossierId"]! == woerdenTraject.ToString());
        rij["besproken"] = true;
        rij["interventie"] = "Extra ondersteuning bij de intake";
        rij["afspraak"] = "Casusregisseur nodigt opnieuw uit binnen een week";
        var forged = rows.Select(r => r.DeepClone().AsObject()).ToList();
        forged[0]["redenen"] = "niets";
        var refused = await carla.PostAsJsonAsync($"api/v1/tasks/{agendaTask.Id}/complete", new { variables = new { agenda = new JsonArray([.. forged]), overlegUitkomst = "gehouden" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("form.read-only", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await keten.CompleteAsync(agendaTask, new { agenda = new JsonArray([.. rows]), overlegUitkomst = "gehouden", overlegVerslag = "Twee trajecten besproken." }, Carla);
        await keten.SettleAsync();

        // Recorded (and journalled) on the overleg; the next agenda waits for its day, four weeks after the first.
        var na = await keten.InstanceAsync(woerdenOverleg.Id);
        var verslag = Assert.Single(na.Variables["overlegVerslagen"]!.AsArray())!;
        Assert.Equal("gehouden", (string?)verslag["uitkomst"]);
        Assert.Equal(eersteOverleg.Iso(), (string?)verslag["overlegOp"]);
        Assert.Equal("Extra ondersteuning bij de intake", (string?)verslag["agenda"]!.AsArray().First(r => (string)r!["dossierId"]! == woerdenTraject.ToString())!["interventie"]);
        Assert.Equal(eersteOverleg.AddDays(28).Iso(), (string?)na.Variables["overlegOp"]);
        Assert.Contains(await keten.JournalAsync(woerdenOverleg.Id), e => e.Type == "task-completed" && e.ElementId == "User_Casuistiekoverleg");
        Assert.Empty(await keten.OpenTasksAsync("casuistiekoverleg-0632"));

        // The per-gemeente process adds nothing to the trajecten: their journals know no casuïstiekoverleg.
        Assert.DoesNotContain(await keten.JournalAsync(woerdenTraject), e => (e.ElementId ?? "").Contains("Casuistiekoverleg", StringComparison.Ordinal));

        // Four weeks on: the next agenda (every intervalWeken), again only Woerden's trajecten; the meeting is cancelled.
        await keten.AdvanceAsync("P4W");
        var tweede = Assert.Single(await keten.OpenTasksAsync("casuistiekoverleg-0632"));
        Assert.Equal(eersteOverleg.AddDays(28), keten.LocalDate(tweede.DueAt!.Value));
        var tweedeAgenda = (await carla.GetJsonAsync($"api/v1/tasks/{tweede.Id}/form"))["data"]!["agenda"]!.AsArray();
        Assert.Contains(woerdenTraject.ToString(), tweedeAgenda.Select(r => (string?)r!["dossierId"]));
        Assert.DoesNotContain(montfoortTraject.ToString(), tweedeAgenda.Select(r => (string?)r!["dossierId"]));
        await keten.CompleteAsync(tweede, new { overlegUitkomst = "geenOverlegNodig", overlegVerslag = "Geen bijzonderheden." }, Carla);
        await keten.SettleAsync();
        Assert.Equal(["gehouden", "geenOverlegNodig"], (await keten.InstanceAsync(woerdenOverleg.Id)).Variables["overlegVerslagen"]!.AsArray().Select(v => (string?)v!["uitkomst"]));

        // Montfoort never got an agenda task in all that time.
        Assert.DoesNotContain(await keten.OpenTasksAsync(), t => t.DefinitionKey == "casuistiekoverleg" && t.Gemeente is "0335" or "0589");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ARestartOrASecondNode_StartsNoSecondOverleg(DatabaseProvider provider)
    {
        await using var host = await KetenHost.StartAsync(provider);
        var keten = host.Driver();
        var starter = host.Services.GetRequiredService<Inburgering.Activities.Overleg.CasuistiekoverlegStarter>();

        // What the start-up does again (a restart, or two nodes at once): nothing new while the gemeente's overleg runs.
        Assert.False(await starter.StartOneAsync("0632", 4, CancellationToken.None));
        var twice = await Task.WhenAll(starter.StartOneAsync("1901", 4, CancellationToken.None),
            starter.StartOneAsync("1901", 4, CancellationToken.None));
        Assert.DoesNotContain(true, twice);
        Assert.Equal(2, (await keten.InstancesAsync(definitionKey: "casuistiekoverleg")).Count);

        // A gemeente without one yet (as after a policy change to periodiek): two nodes at once start exactly one.
        var started = await Task.WhenAll(starter.StartOneAsync("0335", 4, CancellationToken.None),
            starter.StartOneAsync("0335", 4, CancellationToken.None));
        Assert.Single(started, s => s);
        Assert.Single(await keten.InstancesAsync(definitionKey: "casuistiekoverleg", gemeente: "0335"));
    }
}
