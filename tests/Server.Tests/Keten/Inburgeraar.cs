using System.Text.Json.Nodes;
using Inburgering.Simulators.Keten;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// One inburgeraar in a keten scenario: the <see cref="KetenDriver"/> (the one scripted DUO and consulent the demo and the bench
/// use too) for this person, with the assertions the scenarios share. Every step settles: due partner calls run and DUO's
/// queued notificaties are delivered, until nothing moves.
/// </summary>
public sealed class Inburgeraar(KetenHost host, string bsn, string gemeente)
{
    /// <summary>The casusregisseur and the maatschappelijk begeleider of the scenarios: two people, for four eyes.</summary>
    public static readonly Medewerker Casusregisseur = new("carla", "consulent");

    public static readonly Medewerker Begeleider = new("bram", "begeleider");

    public KetenDriver Keten { get; } = host.Driver();

    public string Bsn { get; } = bsn;

    public string Gemeente { get; } = gemeente;

    public string Key { get; } = KetenHost.ReferentieFor(bsn);

    // ---------------------------------------------------------------- DUO and the other partners

    /// <summary>Seeds the person at DUO (plicht started <paramref name="plichtStart"/>), lets DUO notify <paramref name="gebeurtenis"/> and settles.</summary>
    public async Task AanmeldenBijDuoAsync(string doelgroep, DateOnly? plichtStart = null, string gebeurtenis = "SS101", string? gedetailleerd = null)
    {
        await Keten.SeedDuoAsync(new DuoPersoon(Bsn, Gemeente, doelgroep, plichtStart, gedetailleerd, gebeurtenis));
        await Keten.SettleAsync();
    }

    /// <summary>DUO emits a gebeurtenis (with its effect on the person), delivers it, and the keten settles.</summary>
    public async Task DuoMeldtAsync(string gebeurtenis, string? gemeentecode = null, int? weken = null, bool alleenMelding = false)
    {
        await Keten.NotifyDuoAsync(Bsn, gebeurtenis, gemeentecode, weken, alleenMelding);
        await Keten.SettleAsync();
    }

    /// <summary>
    /// The person moves: the BRP registers them in <paramref name="gemeentecode"/> from <paramref name="datum"/> (default today),
    /// before DUO knows (DUO learns it from the BRP and then notifies the new gemeente, SS120/SS121).
    /// </summary>
    public async Task VerhuistInDeBrpAsync(string gemeentecode, DateOnly? datum = null)
    {
        await Keten.BrpInschrijvenAsync(Bsn, gemeentecode, datum);
        await Keten.SettleAsync();
    }

    public async Task ExamenresultaatAsync(string onderdeel, string resultaat = "Geslaagd")
    {
        await Keten.ExamenresultaatAsync(Bsn, onderdeel, (await TodayAsync()).AddDays(-14), resultaat);
        await Keten.SettleAsync();
    }

    public Task LeerbaarheidstoetsUitslagAsync(string uitslag, string advies, bool verschenen = true) =>
        Keten.LeerbaarheidstoetsUitslagAsync(Key, uitslag, advies, verschenen);

    /// <summary>
    /// The Participatiewet system grants bijstand (for the leefeenheid <paramref name="huishoudenId"/> when given) and, when it is
    /// open-ended, tells the keten (message <c>uitkering.bijstand-toegekend</c>, kept until the ontzorging waits for it); with an
    /// <paramref name="einddatum"/> it only records the end (the keten's monthly check finds it).
    /// </summary>
    public async Task BijstandAsync(DateOnly ingangsdatum, DateOnly? einddatum = null, string? huishoudenId = null)
    {
        await Keten.BijstandAsync(Bsn, Gemeente, ingangsdatum, einddatum, huishoudenId: huishoudenId);
        if (einddatum is null)
        {
            using var client = host.Client(gemeenten: Gemeente);
            await client.PostAsync("api/v1/messages", new { name = "uitkering.bijstand-toegekend", correlationKey = Key, gemeente = Gemeente }, "bijstand toegekend");
            await Keten.SettleAsync();
        }
    }

    /// <summary>The DUO operations about this person (and contactpersonen) that DUO accepted (2xx, not replayed), in order.</summary>
    public async Task<List<string>> DuoOperatiesAsync() =>
        (await Keten.DuoRequestsAsync())
            .Where(r => r.Status is >= 200 and < 300 && !r.Replayed && (r.Path.Contains(Bsn, StringComparison.Ordinal) || r.Operation == "duo.createContactpersoon"))
            .Select(r => (r.Operation ?? "").Replace("duo.", "", StringComparison.Ordinal))
            .ToList();

    /// <summary>The paths of the DUO requests about this person that were accepted (the instellingsnummer of an aanbod is in it).</summary>
    public async Task<List<string>> DuoOperatiesPadenAsync() =>
        (await Keten.DuoRequestsAsync())
            .Where(r => r.Status is >= 200 and < 300 && r.Path.Contains(Bsn, StringComparison.Ordinal))
            .Select(r => r.Path)
            .ToList();

    public Task<JsonObject> DuoPersoonAsync() => Keten.DuoPersoonAsync(Bsn);

    // ---------------------------------------------------------------- time

    public Task<DateOnly> TodayAsync() => Keten.TodayAsync();

    /// <summary>Moves virtual time on (every timer in the span fires, in order) and settles.</summary>
    public Task AdvanceAsync(string duration) => Keten.AdvanceAsync(duration);

    // ---------------------------------------------------------------- tasks

    public Task<IReadOnlyList<KetenTask>> OpenTasksAsync() => Keten.OpenTasksAsync(Key);

    public async Task<List<string>> OpenTaskElementsAsync() => (await OpenTasksAsync()).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();

    /// <summary>The one open task at <paramref name="elementId"/> (fails with the open tasks listed when there is none).</summary>
    public async Task<KetenTask> TaskAsync(string elementId)
    {
        var open = await OpenTasksAsync();
        var matches = open.Where(t => t.ElementId == elementId).ToList();
        if (matches.Count != 1)
        {
            var instances = await Keten.InstancesAsync(Key);
            var notificaties = await Keten.DuoNotificatiesAsync();
            Assert.Fail($"Expected one open task {elementId}; open: {string.Join(", ", open.Select(t => t.ElementId))}. {await IncidentTextAsync()} "
                + $"Instances: {string.Join(", ", instances.Select(i => $"{i.DefinitionKey} {i.Gemeente} {i.Status}"))}. DUO notificaties: {notificaties.ToJsonString()}");
        }

        return matches[0];
    }

    public async Task<bool> HasTaskAsync(string elementId) => (await OpenTasksAsync()).Any(t => t.ElementId == elementId);

    /// <summary>Completes the open task at <paramref name="elementId"/> as the casusregisseur (or <paramref name="who"/>) and settles.</summary>
    public async Task<KetenTask> CompleteAsync(string elementId, object? variables = null, Medewerker? who = null)
    {
        var task = await TaskAsync(elementId);
        await Keten.CompleteAsync(task, await WithRequiredAsync(task, variables), who ?? Casusregisseur);
        await Keten.SettleAsync();
        return task;
    }

    /// <summary>A four-eyes task: the casusregisseur (consulent) and the maatschappelijk begeleider, two people, each complete it.</summary>
    public async Task<KetenTask> CompleteFourEyesAsync(string elementId, object? variables = null)
    {
        var task = await TaskAsync(elementId);
        Assert.Equal(["consulent", "begeleider"], task.FourEyesRoles);
        await Keten.CompleteAsync(task, await WithRequiredAsync(task, variables), Casusregisseur);
        Assert.True(await HasTaskAsync(elementId), "Four eyes: after one person the task must still be open.");
        await Keten.CompleteAsync(task, null, Begeleider);
        await Keten.SettleAsync();
        return task;
    }

    /// <summary>The scenario's answers plus a plain value for each required field of the task's form they leave open (the server checks every completion against the form).</summary>
    private async Task<JsonObject> WithRequiredAsync(KetenTask task, object? variables)
    {
        using var client = host.Client("carla", "consulent", Gemeente);
        return await RequiredAnswers.WithRequiredAsync(client, task.Id.ToString(), variables);
    }

    /// <summary>The task's due date as a calendar date in Amsterdam.</summary>
    public DateOnly DueDate(KetenTask task) => Keten.LocalDate(task.DueAt ?? throw new InvalidOperationException($"{task.ElementId} has no due date."));

    // ---------------------------------------------------------------- instances

    /// <summary>The latest instance of <paramref name="definitionKey"/> for this person (in <paramref name="gemeente"/> when given).</summary>
    /// <summary>
    /// Intake, leerbaarheidstoets besproken and the PIP (B1-route) vastgesteld today: schakel 4 runs. Returns the PIP's
    /// dagtekening.
    /// </summary>
    public async Task<DateOnly> PipB1VastgesteldAsync()
    {
        await LeerbaarheidstoetsUitslagAsync("B1-route haalbaar", "B1");
        await CompleteAsync("User_Intake", new { verschenen = true });
        await AdvanceAsync("P2W");
        await CompleteAsync("User_LbtBespreken", new { bespreking = "besproken" });
        var dagtekening = await TodayAsync();
        await CompleteAsync("User_Pip", new { pipDagtekening = dagtekening.Iso(), pipLeerroute = "B" });
        Assert.Equal("active", (await InstanceAsync("schakel4-inburgeren-en-participeren")).Status);
        return dagtekening;
    }

    public async Task<KetenInstance> InstanceAsync(string definitionKey = "inburgeringstraject", string? gemeente = null) =>
        await Keten.LatestInstanceAsync(Key, definitionKey, gemeente)
            ?? throw new InvalidOperationException($"No {definitionKey} instance for {Key}. {await IncidentTextAsync()}");

    public Task<int> InstanceCountAsync(string definitionKey) => Keten.CountInstancesAsync(Key, definitionKey);

    public async Task<JsonObject> VariablesAsync(string definitionKey = "inburgeringstraject") => (await InstanceAsync(definitionKey)).Variables;

    /// <summary>The due date (Amsterdam calendar date) of the scheduled timer at <paramref name="elementId"/> in the latest <paramref name="definitionKey"/> instance.</summary>
    public async Task<DateOnly?> TimerDueAsync(string definitionKey, string elementId)
    {
        var timer = (await InstanceAsync(definitionKey)).Timers.FirstOrDefault(t => t.ElementId == elementId);
        return timer is null ? null : Keten.LocalDate(timer.DueAt);
    }

    /// <summary>The element ids of the journal entries of <paramref name="type"/> in the latest <paramref name="definitionKey"/> instance.</summary>
    public async Task<List<string>> JournalTypesAsync(string definitionKey, string type) =>
        (await Keten.JournalAsync((await InstanceAsync(definitionKey)).Id)).Where(j => j.Type == type).Select(j => j.ElementId ?? "").ToList();

    public async Task AssertNoIncidentsAsync()
    {
        var text = await IncidentTextAsync();
        Assert.True(text.Length == 0, text);
    }

    private async Task<string> IncidentTextAsync()
    {
        var incidents = await Keten.OpenIncidentsAsync();
        return incidents.Count == 0
            ? ""
            : "Open incidents: " + string.Join(" | ", incidents.Select(i => $"{i.DefinitionKey}/{i.ElementId}: {i.Message}"));
    }
}
