using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inburgering.Simulators.Keten;

/// <summary>Who the driver is and how it reads the calendar.</summary>
public sealed class KetenDriverOptions
{
    /// <summary>The person for everything that is not a task completion (reading, the clock, the simulators).</summary>
    public Medewerker Beheer { get; init; } = new("demo", "consulent,begeleider,beheerder,procesontwerper");

    /// <summary>The gemeenten every request works for (development sign-in's <c>X-Gemeenten</c>).</summary>
    public IReadOnlyList<string> Gemeenten { get; init; } = ["0632", "1901", "0335", "0589"];

    /// <summary>The calendar zone of the service: "today" is the day the consulenten see.</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public ILogger Logger { get; init; } = NullLogger.Instance;
}

/// <summary>
/// The keten driven from outside, as DUO and the consulenten would: typed operations over the service's own API and its partner
/// simulators. It seeds the simulated DUO (and the toetsafnemer and uitkering) with a person, lets DUO notify, settles (runs
/// the partner calls that are due and delivers DUO's queued notificaties until nothing moves), advances the virtual clock,
/// completes tasks (four eyes by two different people) and reads instances, journals, timers and incidents. The demo, the
/// keten benchmark (through the demo) and the keten scenario tests all drive the keten with this one class. It needs the
/// simulation clock, development sign-in and the partner simulators.
/// </summary>
public sealed class KetenDriver(HttpClient http, KetenDriverOptions? options = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly KetenDriverOptions _options = options ?? new KetenDriverOptions();

    /// <summary>The HTTP client on the service (its base address is the service's root).</summary>
    public HttpClient Http => http;

    public KetenDriverOptions Options => _options;

    // ------------------------------------------------------------------------------------------------ time

    /// <summary>The service's (virtual) now.</summary>
    public async Task<DateTimeOffset> NowAsync(CancellationToken ct = default)
    {
        var clock = await GetAsync<JsonObject>("api/v1/clock", ct);
        return DateTimeOffset.Parse((string)clock["now"]!, CultureInfo.InvariantCulture);
    }

    /// <summary>Today in the service's calendar zone.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct = default) => LocalDate(await NowAsync(ct));

    /// <summary>A moment as a calendar date in the service's zone (a due date, a timer).</summary>
    public DateOnly LocalDate(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, _options.Zone).DateTime);

    /// <summary>Moves virtual time on by an ISO 8601 duration (every timer in the span fires, in due order) and settles.</summary>
    public async Task AdvanceAsync(string duration, CancellationToken ct = default)
    {
        await SendAsync(HttpMethod.Post, "api/v1/clock/advance", new { duration }, null, ct);
        await SettleAsync(ct);
    }

    /// <summary>
    /// Runs the partner calls that are due and delivers DUO's queued notificaties, until nothing moves: each round advances
    /// the clock one second (the dispatcher runs what is due) and asks the DUO simulator to deliver.
    /// </summary>
    public async Task SettleAsync(CancellationToken ct = default)
    {
        for (var round = 0; round < 20; round++)
        {
            await SendAsync(HttpMethod.Post, "api/v1/clock/advance", new { duration = "PT1S" }, null, ct);
            var delivered = await SendAsync(HttpMethod.Post, "sim/duo/v1/_sim/notificaties/bezorgen", null, null, ct);
            if (delivered is not JsonArray { Count: > 0 })
            {
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the partners

    /// <summary>A person enters DUO's administration, and DUO queues its first notificatie (delivered when the driver settles).</summary>
    public async Task SeedDuoAsync(DuoPersoon persoon, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, "sim/duo/v1/_sim/personen", new
        {
            bsn = persoon.Bsn,
            gemeentecode = persoon.Gemeentecode,
            doelgroep = persoon.Doelgroep,
            gedetailleerdeDoelgroep = persoon.GedetailleerdeDoelgroep,
            inburgeringsplichtStart = persoon.InburgeringsplichtStart is { } start ? Iso(start) : null,
            notificatie = persoon.Notificatie,
        }, null, ct);

    /// <summary>
    /// DUO emits a gebeurtenis with its effect on the person (SS103/SS104 extend the termijn, SS106–SS111 end the plicht,
    /// SS120/SS121 move the person to <paramref name="gemeentecode"/>...) and delivers what is pending.
    /// </summary>
    public async Task NotifyDuoAsync(string bsn, string gebeurtenis, string? gemeentecode = null, int? weken = null, bool alleenMelding = false, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, "sim/duo/v1/_sim/notificaties", new { bsn, gebeurtenisId = gebeurtenis, gemeentecode, weken, alleenMelding }, null, ct);

    /// <summary>An exam result at DUO, followed by its notificatie SS199.</summary>
    public async Task ExamenresultaatAsync(string bsn, string onderdeel, DateOnly examendatum, string resultaat = "Geslaagd", CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, $"sim/duo/v1/_sim/personen/{bsn}/examenresultaten", new { onderdeel, examendatum = Iso(examendatum), resultaat }, null, ct);

    /// <summary>The toetsafnemer's outcome of the leerbaarheidstoets for a person (by PersoonReferentie), ready for when it is asked.</summary>
    public async Task LeerbaarheidstoetsUitslagAsync(string persoonReferentie, string uitslag, string adviesLeerroute, bool verschenen = true, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, "sim/intake/v1/_sim/uitslagen", new { persoonReferentie, uitslag, behaaldeScore = "47,50", adviesLeerroute, verschenen }, null, ct);

    /// <summary>The person's right to bijstand at the uitkering (Participatiewet) from <paramref name="ingangsdatum"/>.</summary>
    public async Task BijstandAsync(string bsn, string gemeentecode, DateOnly ingangsdatum, DateOnly? einddatum = null, string? huishoudenId = null, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, "sim/uitkering/v1/_sim/bijstand", new { bsn, gemeentecode, ingangsdatum = Iso(ingangsdatum), einddatum = einddatum is { } e ? Iso(e) : null, huishoudenId }, null, ct);

    /// <summary>
    /// The BRP registers the person in <paramref name="gemeentecode"/> from <paramref name="datum"/> (default today): a move as the
    /// gemeenten see it in the BRP, before DUO notifies anyone.
    /// </summary>
    public async Task BrpInschrijvenAsync(string bsn, string gemeentecode, DateOnly? datum = null, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, "sim/brp/_sim/inschrijvingen", new { bsn, gemeentecode, datum = datum is { } d ? Iso(d) : null }, null, ct);

    /// <summary>What a simulator does wrong from now on (down until a moment, errors, delays, duplicates). The BRP simulator has Haal Centraal's paths, without a version segment.</summary>
    public async Task SetFailureAsync(string partner, FailurePlan plan, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, partner == "brp" ? "sim/brp/_sim/failure" : $"sim/{partner}/v1/_sim/failure", plan, null, ct);

    /// <summary>Every request the DUO simulator received, in order.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> DuoRequestsAsync(CancellationToken ct = default) =>
        await GetAsync<List<RecordedRequest>>("sim/duo/v1/_sim/requests", ct);

    /// <summary>The person as the simulated DUO holds it (termijn, PIPs, results).</summary>
    public async Task<JsonObject> DuoPersoonAsync(string bsn, CancellationToken ct = default) =>
        await GetAsync<JsonObject>($"sim/duo/v1/_sim/personen/{bsn}", ct);

    /// <summary>The contactpersonen registered at DUO, by every gemeente.</summary>
    public async Task<JsonArray> DuoContactpersonenAsync(CancellationToken ct = default) =>
        await GetAsync<JsonArray>("sim/duo/v1/_sim/contactpersonen", ct);

    /// <summary>Registers a contactpersoon at DUO for a gemeente, as the gemeente does once before it names the id in its policy.</summary>
    public async Task<int> DuoContactpersoonRegistrerenAsync(string gemeentecode, string naam, string email, string telefoonnummer, CancellationToken ct = default) =>
        (int)(await SendAsync(HttpMethod.Post, "sim/duo/v1/_sim/contactpersonen", new { gemeentecode, naam, email, telefoonnummer }, null, ct))!["id"]!;

    /// <summary>DUO's notificaties so far, delivered or not.</summary>
    public async Task<JsonArray> DuoNotificatiesAsync(CancellationToken ct = default) =>
        await GetAsync<JsonArray>("sim/duo/v1/_sim/notificaties", ct);

    // ------------------------------------------------------------------------------------------------ the werkvoorraad

    /// <summary>The open tasks (of one person when <paramref name="businessKey"/> is given), every page.</summary>
    public async Task<IReadOnlyList<KetenTask>> OpenTasksAsync(string? businessKey = null, CancellationToken ct = default) =>
        await PagesAsync<KetenTask>("api/v1/tasks?status=open" + (businessKey is null ? "" : "&businessKey=" + Uri.EscapeDataString(businessKey)), ct);

    /// <summary>Completes (or, on a four-eyes task, approves) a task as <paramref name="who"/>; throws when the service refuses.</summary>
    public async Task CompleteAsync(KetenTask task, object? variables, Medewerker who, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Post, $"api/v1/tasks/{task.Id}/complete", new { variables = variables ?? new { } }, who, ct);

    /// <summary>
    /// Does a task as its team would: the begeleider when only begeleiders may, otherwise the casusregisseur, with
    /// <paramref name="answer"/>; a four-eyes task then gets its second completion from the begeleider, another person. False
    /// (and the task left for a person, with a log line) when the service refuses.
    /// </summary>
    public async Task<bool> DoTaskAsync(KetenTask task, JsonObject answer, Team team, CancellationToken ct = default)
    {
        var first = task.CandidateGroups.Count > 0 && task.CandidateGroups.All(g => g == "begeleider") ? team.Begeleider : team.Casusregisseur;
        return await TryCompleteAsync(task, answer, first, ct)
            && (task.FourEyesRoles.Count == 0 || await TryCompleteAsync(task, new JsonObject(), team.Begeleider, ct));
    }

    private async Task<bool> TryCompleteAsync(KetenTask task, JsonObject variables, Medewerker who, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"api/v1/tasks/{task.Id}/complete", new { variables }, who);
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        var detail = await response.Content.ReadAsStringAsync(ct);
        Log.TaskLeftOpen(_options.Logger, task.Id, (int)response.StatusCode, detail);
        return false;
    }

    // ------------------------------------------------------------------------------------------------ instances

    /// <summary>Instances (filtered), every page, in the order the service lists them.</summary>
    public async Task<IReadOnlyList<KetenInstanceSummary>> InstancesAsync(string? businessKey = null, string? definitionKey = null, string? gemeente = null, string? status = null, CancellationToken ct = default) =>
        await PagesAsync<KetenInstanceSummary>("api/v1/instances?" + Query(("businessKey", businessKey), ("definitionKey", definitionKey), ("gemeente", gemeente), ("status", status)), ct);

    /// <summary>
    /// The instances (filtered) started at or after <paramref name="since"/>: the service lists the newest first, so the pages
    /// are read until one reaches an older instance (every page when <paramref name="since"/> is null).
    /// </summary>
    public async Task<IReadOnlyList<KetenInstanceSummary>> InstancesStartedSinceAsync(DateTimeOffset? since, string? definitionKey = null, string? status = null, CancellationToken ct = default) =>
        await PagesAsync<KetenInstanceSummary>(
            "api/v1/instances?" + Query(("definitionKey", definitionKey), ("status", status)),
            ct,
            keep: since is { } from ? i => i.StartedAt >= from : null);

    /// <summary>How many instances match, without listing them.</summary>
    public async Task<int> CountInstancesAsync(string? businessKey = null, string? definitionKey = null, string? status = null, CancellationToken ct = default)
    {
        var page = await GetAsync<JsonObject>("api/v1/instances?pageSize=1&" + Query(("businessKey", businessKey), ("definitionKey", definitionKey), ("status", status)), ct);
        return (int)page["total"]!;
    }

    public async Task<KetenInstance> InstanceAsync(Guid id, CancellationToken ct = default) =>
        await GetAsync<KetenInstance>($"api/v1/instances/{id}", ct);

    /// <summary>The latest started instance of <paramref name="definitionKey"/> for a person (in <paramref name="gemeente"/> when given), or null.</summary>
    public async Task<KetenInstance?> LatestInstanceAsync(string businessKey, string definitionKey, string? gemeente = null, CancellationToken ct = default)
    {
        var latest = (await InstancesAsync(businessKey, definitionKey, gemeente, ct: ct)).MaxBy(i => i.StartedAt);
        return latest is null ? null : await InstanceAsync(latest.Id, ct);
    }

    /// <summary>Sets variables on an instance (as a beheerder: PATCH /api/v1/instances/{id}/variables).</summary>
    public async Task SetVariablesAsync(Guid instanceId, object variables, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Patch, $"api/v1/instances/{instanceId}/variables", variables, null, ct);

    /// <summary>An instance's whole journal, oldest first.</summary>
    public async Task<IReadOnlyList<KetenJournalEntry>> JournalAsync(Guid instanceId, CancellationToken ct = default) =>
        await PagesAsync<KetenJournalEntry>($"api/v1/instances/{instanceId}/journal?", ct);

    /// <summary>The open incidents the driver's gemeenten have.</summary>
    public async Task<IReadOnlyList<KetenIncident>> OpenIncidentsAsync(CancellationToken ct = default) =>
        await PagesAsync<KetenIncident>("api/v1/incidents?status=open", ct);

    // ------------------------------------------------------------------------------------------------ HTTP

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Every page of a list; with <paramref name="keep"/>, its items up to the first that fails it (a list in that order). A
    /// list that answers <c>next</c> (the tasks) is read on from there (<c>after</c>): each page costs the same, and a task
    /// done meanwhile moves nothing; the others by page number.
    /// </summary>
    private async Task<IReadOnlyList<T>> PagesAsync<T>(string url, CancellationToken ct, Func<T, bool>? keep = null)
    {
        const int size = 500;
        var all = new List<T>();
        var separator = url.EndsWith('?') ? "" : "&";
        string? next = null;
        for (var page = 1; ; page++)
        {
            var list = await GetAsync<JsonObject>(next is null ? $"{url}{separator}pageSize={size}&page={page}" : $"{url}{separator}pageSize={size}&after={Uri.EscapeDataString(next)}", ct);
            var items = list["items"]!.AsArray().Deserialize<List<T>>(Json)!;
            var kept = keep is null ? items : items.TakeWhile(keep).ToList();
            all.AddRange(kept);
            // A list that gives a next ends where it gives none; the others at the page that reaches their total.
            var continued = next is not null;
            next = list["next"]?.GetValue<string>();
            if (kept.Count < items.Count || (next is null && (continued || items.Count < size || page * size >= list["total"]!.GetValue<int>())))
            {
                return all;
            }
        }
    }

    private async Task<T> GetAsync<T>(string url, CancellationToken ct)
    {
        var node = await SendAsync(HttpMethod.Get, url, null, null, ct);
        return node.Deserialize<T>(Json) ?? throw new InvalidOperationException($"GET {url}: leeg antwoord.");
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string url, object? body, Medewerker? who, CancellationToken ct)
    {
        using var request = Request(method, url, body, who ?? _options.Beheer);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {url}: HTTP {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private HttpRequestMessage Request(HttpMethod method, string url, object? body, Medewerker who)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null || method == HttpMethod.Post || method == HttpMethod.Patch)
        {
            request.Content = JsonContent.Create(body ?? new { }, options: Json);
        }

        request.Headers.Add("X-User", who.User);
        request.Headers.Add("X-Roles", who.Roles);
        request.Headers.Add("X-Gemeenten", string.Join(',', _options.Gemeenten));
        return request;
    }

    private static string Query(params (string Name, string? Value)[] parameters) =>
        string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
