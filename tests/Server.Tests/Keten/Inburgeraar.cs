using System.Globalization;
using System.Text.Json.Nodes;

namespace Inburgering.Tests.Keten;

/// <summary>
/// One inburgeraar driven through the keten over the API: DUO through its simulator's control API, time through
/// POST /api/v1/clock/advance, people through the werkvoorraad (tasks). Every step settles: due partner calls run and DUO's
/// queued notificaties are delivered, until nothing moves.
/// </summary>
public sealed class Inburgeraar(KetenHost host, string bsn, string gemeente)
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public HttpClient Api { get; } = host.Client();

    public string Bsn { get; } = bsn;

    public string Gemeente { get; } = gemeente;

    public string Key { get; } = KetenHost.ReferentieFor(bsn);

    // ---------------------------------------------------------------- DUO and the other partners

    /// <summary>Seeds the person at DUO (plicht started <paramref name="plichtStart"/>) and lets DUO notify <paramref name="gebeurtenis"/>.</summary>
    public async Task AanmeldenBijDuoAsync(string doelgroep, DateOnly? plichtStart = null, string gebeurtenis = "SS101", string? gedetailleerd = null)
    {
        await Api.PostAsync("sim/duo/v1/_sim/personen", new
        {
            bsn = Bsn,
            gemeentecode = Gemeente,
            doelgroep,
            gedetailleerdeDoelgroep = gedetailleerd,
            inburgeringsplichtStart = plichtStart?.Iso(),
            notificatie = gebeurtenis,
        }, "DUO-simulator: persoon");
        await SettleAsync();
    }

    /// <summary>DUO emits a gebeurtenis (with its effect on the person) and delivers it.</summary>
    public async Task DuoMeldtAsync(string gebeurtenis, string? gemeentecode = null, int? weken = null)
    {
        await Api.PostAsync("sim/duo/v1/_sim/notificaties", new { bsn = Bsn, gebeurtenisId = gebeurtenis, gemeentecode, weken }, "DUO-simulator: notificatie");
        await SettleAsync();
    }

    public async Task ExamenresultaatAsync(string onderdeel, string resultaat = "Geslaagd")
    {
        var today = await TodayAsync();
        await Api.PostAsync($"sim/duo/v1/_sim/personen/{Bsn}/examenresultaten", new
        {
            onderdeel,
            examendatum = today.AddDays(-14).Iso(),
            resultaat,
        }, "DUO-simulator: examenresultaat");
        await SettleAsync();
    }

    public async Task LeerbaarheidstoetsUitslagAsync(string uitslag, string advies, bool verschenen = true) =>
        await Api.PostAsync("sim/intake/v1/_sim/uitslagen", new { persoonReferentie = Key, uitslag, behaaldeScore = "47,50", adviesLeerroute = advies, verschenen }, "Intake-simulator: uitslag");

    public async Task BijstandAsync(DateOnly ingangsdatum, DateOnly? einddatum = null) =>
        await Api.PostAsync("sim/uitkering/v1/_sim/bijstand", new { bsn = Bsn, gemeentecode = Gemeente, ingangsdatum = ingangsdatum.Iso(), einddatum = einddatum?.Iso() }, "Uitkering-simulator: bijstand");

    /// <summary>The DUO operations that reached DUO and were accepted (2xx, not replayed), in order.</summary>
    public async Task<List<string>> DuoOperatiesAsync()
    {
        var requests = (await Api.GetJsonAsync("sim/duo/v1/_sim/requests")).AsArray();
        return requests
            .Where(r => (int)r!["status"]! is >= 200 and < 300 && !(bool)r["replayed"]! && (r["path"]!.ToString().Contains(Bsn, StringComparison.Ordinal) || (string?)r["operation"] == "duo.createContactpersoon"))
            .Select(r => ((string)r!["operation"]!).Replace("duo.", "", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>The paths of the DUO requests about this person that were accepted (the instellingsnummer of an aanbod is in it).</summary>
    public async Task<List<string>> DuoOperatiesPadenAsync()
    {
        var requests = (await Api.GetJsonAsync("sim/duo/v1/_sim/requests")).AsArray();
        return requests
            .Where(r => (int)r!["status"]! is >= 200 and < 300 && r["path"]!.ToString().Contains(Bsn, StringComparison.Ordinal))
            .Select(r => (string)r!["path"]!)
            .ToList();
    }

    public async Task<JsonObject> DuoPersoonAsync() => (await Api.GetJsonAsync($"sim/duo/v1/_sim/personen/{Bsn}")).AsObject();

    // ---------------------------------------------------------------- time

    public async Task<DateOnly> TodayAsync() => (await Api.GetJsonAsync("api/v1/clock"))["now"].Date();

    /// <summary>Moves virtual time on (every timer in the span fires, in order) and settles.</summary>
    public async Task AdvanceAsync(string duration)
    {
        await Api.PostAsync("api/v1/clock/advance", new { duration }, "klok vooruit " + duration);
        await SettleAsync();
    }

    /// <summary>Runs the partner calls that are due and delivers DUO's queued notificaties, until nothing moves.</summary>
    public async Task SettleAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            await Api.PostAsync("api/v1/clock/advance", new { duration = "PT1S" }, "klok: wachtende partneraanroepen uitvoeren");
            var delivered = (await Api.PostAsync("sim/duo/v1/_sim/notificaties/bezorgen", null, "DUO-simulator: bezorgen")).AsArray();
            if (delivered.Count == 0)
            {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- tasks

    public async Task<List<JsonObject>> OpenTasksAsync()
    {
        var page = await Api.GetJsonAsync($"api/v1/tasks?businessKey={Key}&status=open&pageSize=200");
        return page["items"]!.AsArray().Select(t => t!.AsObject()).ToList();
    }

    public async Task<List<string>> OpenTaskElementsAsync() => (await OpenTasksAsync()).Select(t => (string)t["elementId"]!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The one open task at <paramref name="elementId"/> (fails with the open tasks listed when there is none).</summary>
    public async Task<JsonObject> TaskAsync(string elementId)
    {
        var open = await OpenTasksAsync();
        var matches = open.Where(t => (string)t["elementId"]! == elementId).ToList();
        Assert.True(matches.Count == 1, $"Expected one open task {elementId}; open: {string.Join(", ", open.Select(t => t["elementId"]))}. {await IncidentTextAsync()}");
        return matches[0];
    }

    public async Task<bool> HasTaskAsync(string elementId) => (await OpenTasksAsync()).Any(t => (string)t["elementId"]! == elementId);

    /// <summary>Completes the open task at <paramref name="elementId"/> as a consulent (or <paramref name="user"/>/<paramref name="roles"/>) and settles.</summary>
    public async Task<JsonObject> CompleteAsync(string elementId, object? variables = null, string user = "carla", string roles = "consulent")
    {
        var task = await TaskAsync(elementId);
        using var client = host.Client(user, roles);
        await client.PostAsync($"api/v1/tasks/{task["id"]}/complete", new { variables = await FormAnswers.WithRequiredAsync(client, (string)task["id"]!, variables) }, $"taak {elementId} afronden");
        await SettleAsync();
        return task;
    }

    /// <summary>A four-eyes task: the casusregisseur (consulent) and the maatschappelijk begeleider, two people, each complete it.</summary>
    public async Task<JsonObject> CompleteFourEyesAsync(string elementId, object? variables = null)
    {
        var task = await TaskAsync(elementId);
        Assert.Equal(["consulent", "begeleider"], task["fourEyesRoles"]!.AsArray().Select(r => (string)r!).ToList());
        using (var casusregisseur = host.Client("carla", "consulent"))
        {
            await casusregisseur.PostAsync($"api/v1/tasks/{task["id"]}/complete", new { variables = await FormAnswers.WithRequiredAsync(casusregisseur, (string)task["id"]!, variables) }, $"taak {elementId} (casusregisseur)");
        }

        Assert.True(await HasTaskAsync(elementId), "Four eyes: after one person the task must still be open.");
        using (var begeleider = host.Client("bram", "begeleider"))
        {
            await begeleider.PostAsync($"api/v1/tasks/{task["id"]}/complete", new { variables = new { } }, $"taak {elementId} (maatschappelijk begeleider)");
        }

        await SettleAsync();
        return task;
    }

    /// <summary>The task's due date as a calendar date in Amsterdam.</summary>
    public static DateOnly DueDate(JsonObject task) => LocalDate(task["dueAt"]!);

    public static DateOnly LocalDate(JsonNode moment)
    {
        var at = DateTimeOffset.Parse((string)moment!, CultureInfo.InvariantCulture);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Amsterdam).DateTime);
    }

    // ---------------------------------------------------------------- instances

    /// <summary>The latest instance of <paramref name="definitionKey"/> for this person (in <paramref name="gemeente"/> when given).</summary>
    public async Task<JsonObject> InstanceAsync(string definitionKey = "inburgeringstraject", string? gemeente = null)
    {
        var list = await Api.GetJsonAsync($"api/v1/instances?businessKey={Key}&definitionKey={definitionKey}&pageSize=100" + (gemeente is null ? "" : $"&gemeente={gemeente}"));
        var latest = list["items"]!.AsArray().OrderBy(i => (string)i!["startedAt"]!, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException($"No {definitionKey} instance for {Key}. {await IncidentTextAsync()}");
        return (await Api.GetJsonAsync($"api/v1/instances/{latest["id"]}")).AsObject();
    }

    public async Task<int> InstanceCountAsync(string definitionKey) =>
        (int)(await Api.GetJsonAsync($"api/v1/instances?businessKey={Key}&definitionKey={definitionKey}&pageSize=1"))["total"]!;

    public async Task<JsonObject> VariablesAsync(string definitionKey = "inburgeringstraject") => (await InstanceAsync(definitionKey))["variables"]!.AsObject();

    /// <summary>The due date (Amsterdam calendar date) of the scheduled timer at <paramref name="elementId"/> in the latest <paramref name="definitionKey"/> instance.</summary>
    public async Task<DateOnly?> TimerDueAsync(string definitionKey, string elementId)
    {
        var timer = (await InstanceAsync(definitionKey))["timers"]!.AsArray().FirstOrDefault(t => (string)t!["elementId"]! == elementId);
        return timer is null ? null : LocalDate(timer["dueAt"]!);
    }

    public async Task<List<string>> JournalTypesAsync(string definitionKey, string type)
    {
        var instance = await InstanceAsync(definitionKey);
        var journal = await Api.GetJsonAsync($"api/v1/instances/{instance["id"]}/journal?pageSize=500");
        return journal["items"]!.AsArray().Where(j => (string)j!["type"]! == type).Select(j => (string?)j!["elementId"] ?? "").ToList();
    }

    public async Task AssertNoIncidentsAsync()
    {
        var text = await IncidentTextAsync();
        Assert.True(text.Length == 0, text);
    }

    private async Task<string> IncidentTextAsync()
    {
        var incidents = (await Api.GetJsonAsync("api/v1/incidents?status=open&pageSize=50"))["items"]!.AsArray();
        return incidents.Count == 0
            ? ""
            : "Open incidents: " + string.Join(" | ", incidents.Select(i => $"{i!["definitionKey"]}/{i["elementId"]}: {i["message"]}"));
    }
}
