using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Scheduling;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Inburgering.Server.Hosting.Demo;

/// <summary>Settings of the demo data (section <c>Inburgering:Demo</c>; switched on by <c>Inburgering:DemoData</c>).</summary>
public sealed class DemoOptions
{
    /// <summary>How far back the demo starts: its first persona is notified this many months before today.</summary>
    public int Months { get; set; } = 30;

    /// <summary>How many personas (the cast of <see cref="DemoPersonas"/> repeated with new BSNs beyond its thirty).</summary>
    public int Personas { get; set; } = 30;

    /// <summary>Over how many weeks from the demo's start their first notifications are spread; unset: up to a few weeks before today.</summary>
    public int? StartWeeks { get; set; }
}

/// <summary>Whether the demo data is being built; <c>/health/ready</c> answers 503 until it is done.</summary>
public sealed class DemoStatus : IHealthCheck
{
    private volatile string _state = "niet gestart";
    private volatile bool _ready;

    public void Building(string what) => _state = what;

    public void Done(string what)
    {
        _state = what;
        _ready = true;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy(_state) : HealthCheckResult.Unhealthy("Demodata wordt opgebouwd: " + _state));
}

/// <summary>
/// Builds the demo on an empty database: starts the simulation clock <see cref="DemoOptions.Months"/> months back and runs about
/// thirty personas (<see cref="DemoPersonas"/>) through the keten week by week up to today, through the service's own API and
/// its partner simulators, as consulenten and DUO would. Nothing is written to the database but through the engine, so what the
/// demo shows is what real scenarios make: trajecten finished, in every schakel, and a werkvoorraad with tasks due and overdue.
/// On a database that already holds instances it does nothing (a restart never doubles the demo).
/// </summary>
public sealed class DemoDataService(
    IHostApplicationLifetime lifetime,
    IServer server,
    ClockService clock,
    EngineQueries queries,
    PersoonReferentieGenerator referenties,
    DemoStatus status,
    IOptions<DemoOptions> options,
    IOptions<EngineOptions> engineOptions,
    ILogger<DemoDataService> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The engine's calendar zone: the demo's "today" is the day the consulenten see.</summary>
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone);

    /// <summary>Per gemeente the casusregisseur (consulent) and the maatschappelijk begeleider who work the demo's tasks.</summary>
    private static readonly Dictionary<string, (string Consulent, string Begeleider)> Staff = new(StringComparer.Ordinal)
    {
        ["0632"] = ("carla", "bram"),
        ["1901"] = ("fatima", "jeroen"),
        ["0335"] = ("sanne", "youssef"),
        ["0589"] = ("eva", "mohammed"),
    };

    private readonly Dictionary<string, PersonaState> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _givenUp = [];
    private HttpClient? _api;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        try
        {
            if (await queries.AnyInstancesAsync(stoppingToken))
            {
                status.Done("overgeslagen: de database bevat al instanties");
                Log.DemoSkipped(logger);
                return;
            }

            using var api = Client();
            _api = api;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var today = clock.Now;
            var start = new DateTimeOffset(today.UtcDateTime.Date.AddMonths(-options.Value.Months).AddHours(10), TimeSpan.Zero);
            var weeks = (int)((today - start).TotalDays / 7);
            await clock.StartEmptyDatabaseAtAsync(start, stoppingToken);
            var personas = DemoPersonas.For(options.Value.Personas, options.Value.StartWeeks ?? Math.Max(0, weeks - 3));
            foreach (var persona in personas)
            {
                var state = new PersonaState(persona, referenties.For(persona.Bsn));
                _byKey[state.Key] = state;
            }

            Log.DemoBuilding(logger, personas.Count, weeks, start);
            for (var week = 0; week < weeks && !stoppingToken.IsCancellationRequested; week++)
            {
                status.Building($"week {week + 1} van {weeks}");
                foreach (var persona in _byKey.Values.Where(p => p.Persona.StartWeek == week))
                {
                    await BeginAsync(persona, stoppingToken);
                }

                await SettleAsync(stoppingToken);
                foreach (var persona in _byKey.Values.Where(p => p.Persona.StartWeek <= week))
                {
                    persona.Age = week - persona.Persona.StartWeek;
                    await EventsAsync(persona, persona.Age, stoppingToken);
                }

                await WorkTheTasksAsync(stoppingToken);
                await AdvanceAsync("P1W", stoppingToken);
            }

            // Land on today (the demo ran whole weeks), then leave the werkvoorraad as it is.
            var rest = (long)(today - clock.Now).TotalSeconds;
            if (rest > 0)
            {
                await AdvanceAsync($"PT{rest}S", stoppingToken);
            }

            var summary = await SummaryAsync(stoppingToken);
            status.Done(summary);
            Log.DemoBuilt(logger, summary, watch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The demo is a convenience: its failure is logged and reported by /health/ready, the service runs on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            status.Done("mislukt: " + ex.Message);
            Log.DemoFailed(logger, ex);
        }
    }

    /// <summary>Waits until Kestrel listens (the partner activities call the simulators in this process over HTTP).</summary>
    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var stopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private HttpClient Client()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("De service luistert op geen adres.");
        var client = new HttpClient { BaseAddress = Partners.Loopback(address), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-User", "demo");
        client.DefaultRequestHeaders.Add("X-Roles", "consulent,begeleider,beheerder,procesontwerper");
        client.DefaultRequestHeaders.Add("X-Gemeenten", string.Join(',', DemoPersonas.Gemeenten));
        return client;
    }

    // ------------------------------------------------------------------------------------------------ the partners

    /// <summary>The persona becomes known: the leerbaarheidstoets outcome at the intake partner, bijstand, and DUO's first notification.</summary>
    private async Task BeginAsync(PersonaState state, CancellationToken ct)
    {
        var p = state.Persona;
        var today = Today;
        var (uitslag, advies) = p.Route switch
        {
            DemoRoute.AsielZRoute => ("B1-route niet haalbaar", "Z-route"),
            DemoRoute.AsielOnderwijs => ("B1-route haalbaar", "Onderwijsroute"),
            _ => ("B1-route haalbaar", "B1"),
        };
        await PostAsync("sim/intake/v1/_sim/uitslagen", new { persoonReferentie = state.Key, uitslag, behaaldeScore = "47,50", adviesLeerroute = advies, verschenen = true }, ct);
        if (p.Route is DemoRoute.AsielZRoute or DemoRoute.AsielOnderwijs)
        {
            await BijstandAsync(state, today.AddDays(-3), ct);
        }

        var (doelgroep, gedetailleerd, plichtStart, gebeurtenis) = p.Route switch
        {
            DemoRoute.AsielB1 => ("Asielstatushouder", (string?)null, today.AddDays(-30), "SS101"),
            DemoRoute.AsielZRoute or DemoRoute.AsielOnderwijs => ("Asielstatushouder", null, today.AddDays(-20), "SS139"),
            DemoRoute.Wi2013 => ("Asielstatushouder", null, new DateOnly(2021, 6, 1), "SS101"),
            _ => ("Gezinsmigrant en overige migrant", "Gezinsvormer", today.AddDays(-5), "SS139"),
        };
        await PostAsync("sim/duo/v1/_sim/personen", new
        {
            bsn = p.Bsn,
            gemeentecode = p.Gemeente,
            doelgroep,
            gedetailleerdeDoelgroep = gedetailleerd,
            inburgeringsplichtStart = Iso(plichtStart),
            notificatie = gebeurtenis,
        }, ct);
    }

    private async Task BijstandAsync(PersonaState state, DateOnly ingang, CancellationToken ct) =>
        await PostAsync("sim/uitkering/v1/_sim/bijstand", new { bsn = state.Persona.Bsn, gemeentecode = state.Gemeente, ingangsdatum = Iso(ingang) }, ct);

    /// <summary>What happens to a persona outside the gemeente at a given age (weeks since DUO's first notification).</summary>
    private async Task EventsAsync(PersonaState state, int age, CancellationToken ct)
    {
        var p = state.Persona;
        switch (p.Route)
        {
            case DemoRoute.AsielB1 or DemoRoute.GezinB1 or DemoRoute.NoShow or DemoRoute.PipTeLaat or DemoRoute.Verhuizing when age == 100 + (p.Number % 8) + (p.Route is DemoRoute.AsielB1 or DemoRoute.GezinB1 ? 0 : 12):
                await ExamenAsync(state, "LE", ct);
                await ExamenAsync(state, "KNM", ct);
                await DuoMeldtAsync(state, "SS106", null, ct);
                break;
            case DemoRoute.AsielOnderwijs when age == 90:
                await DuoMeldtAsync(state, "SS106", null, ct);
                break;
            case DemoRoute.AsielZRoute when state.ZRouteAfgerondInWeek is { } afgerond && age == afgerond + 6:
                await DuoMeldtAsync(state, "SS141", null, ct);
                break;
            case DemoRoute.Ontheffing when age == 30:
                await DuoMeldtAsync(state, "SS108", null, ct);
                break;
            case DemoRoute.Verhuizing when age == 26:
                var naar = DemoPersonas.Gemeenten[(Array.IndexOf(DemoPersonas.Gemeenten, state.Gemeente) + 1) % DemoPersonas.Gemeenten.Length];
                state.Gemeente = naar;
                await DuoMeldtAsync(state, "SS121", naar, ct);
                break;
        }
    }

    private async Task ExamenAsync(PersonaState state, string onderdeel, CancellationToken ct) =>
        await PostAsync($"sim/duo/v1/_sim/personen/{state.Persona.Bsn}/examenresultaten", new { onderdeel, examendatum = Iso(Today.AddDays(-14)), resultaat = "Geslaagd" }, ct);

    private async Task DuoMeldtAsync(PersonaState state, string gebeurtenis, string? gemeentecode, CancellationToken ct) =>
        await PostAsync("sim/duo/v1/_sim/notificaties", new { bsn = state.Persona.Bsn, gebeurtenisId = gebeurtenis, gemeentecode }, ct);

    // ------------------------------------------------------------------------------------------------ the werkvoorraad

    /// <summary>Every open task of a demo persona that has waited its time is done, as its consulent or begeleider would.</summary>
    private async Task WorkTheTasksAsync(CancellationToken ct)
    {
        var today = Today;
        foreach (var task in await OpenTasksAsync(ct))
        {
            var id = (Guid)task["id"]!;
            if (_givenUp.Contains(id) || (string?)task["businessKey"] is not { } key || !_byKey.TryGetValue(key, out var state))
            {
                continue;
            }

            var element = (string)task["elementId"]!;
            var created = LocalDate((string)task["createdAt"]!);
            if (today.DayNumber - created.DayNumber < 7 * WaitWeeks(state, element))
            {
                continue;
            }

            var variables = Answer(state, element, today);
            var (consulent, begeleider) = Staff.GetValueOrDefault((string)task["gemeente"]!, ("carla", "bram"));
            var groups = task["candidateGroups"]!.AsArray().Select(g => (string)g!).ToList();
            var fourEyes = task["fourEyesRoles"]!.AsArray().Count > 0;
            var first = groups.Count > 0 && groups.All(g => g == "begeleider") ? (begeleider, "begeleider") : (consulent, "consulent,beheerder");
            if (!await CompleteAsync(id, first.Item1, first.Item2, variables, ct)
                || (fourEyes && !await CompleteAsync(id, begeleider, "begeleider", new JsonObject(), ct)))
            {
                _givenUp.Add(id);
                continue;
            }

            await AfterAsync(state, element, variables, today, ct);
        }

        await SettleAsync(ct);
    }

    /// <summary>How many weeks a task waits in the werkvoorraad before it is done.</summary>
    private static int WaitWeeks(PersonaState state, string element) => element switch
    {
        "User_Intake" when state.Persona.Route == DemoRoute.PipTeLaat => 11,
        "User_Pvt" => 30,
        "User_Map" => 44 + (state.Persona.Number % 8),
        "User_Escalatie" or "User_Verstreken" or "User_OzEvalueren" or "User_Afronden" => 1,
        "User_Participatie" or "User_Eindgesprek" => 1,
        _ => state.Persona.Tempo,
    };

    /// <summary>What the consulent fills in on the task's form.</summary>
    private static JsonObject Answer(PersonaState state, string element, DateOnly today)
    {
        var p = state.Persona;
        var vandaag = Iso(today);
        switch (element)
        {
            case "User_Tvs":
                return Vars(new { samenvattingKlantprofiel = "Werkervaring in de bouw en de zorg; wil snel aan het werk", driegesprekMogelijk = true });
            case "User_Driegesprek":
                return Vars(new { datumDriegesprek = vandaag, afsprakenDriegesprek = "Start van de inburgering na de verhuizing" });
            case "User_Huisvesting":
                return Vars(new { datumHuisvesting = vandaag });
            case "User_Inschrijving":
                return Vars(new { brpInschrijving = vandaag, bijstandAangevraagd = true });
            case "User_Intake":
                var verschenen = p.Route switch
                {
                    DemoRoute.NoShow => state.IntakeAttempts > 0,
                    DemoRoute.NoShowBoete => false,
                    _ => true,
                };
                return Vars(new { verschenen, intakeDatum = vandaag, opleidingEnWerk = "Middelbare school in het land van herkomst; werkervaring" });
            case "User_Interventie":
                var boete = p.Route == DemoRoute.NoShowBoete && state.IntakeAttempts > 1;
                return Vars(new
                {
                    interventieSoort = boete ? "AansprekenOpPlichten" : "SchriftelijkeWaarschuwing",
                    interventieIngezetOp = vandaag,
                    interventieBesprokenOp = vandaag,
                    interventieUitkomst = boete ? "boeteOverwegen" : "opnieuwUitnodigen",
                });
            case "User_Handhaving":
                return Vars(new { boeteOpleggen = true, boeteBedrag = 250, boeteGrond = "NietMeewerkenAanBredeIntake", handhavingVervolg = "pipZonderInbreng", motivering = "Tweemaal niet verschenen ondanks interventies" });
            case "User_Derden":
                return Vars(new { informatieDerdenOntvangen = vandaag });
            case "User_LbtBespreken":
                return Vars(new { bespreking = "Uitslag besproken; akkoord met het advies" });
            case "User_Pip":
                var route = p.Route switch { DemoRoute.AsielZRoute => "Z", DemoRoute.AsielOnderwijs => "O", _ => "B" };
                return Vars(new { pipDagtekening = vandaag, pipLeerroute = route, urenPerWeek = route == "Z" ? 16 : 12 });
            case "User_Mb":
                return Vars(new { begeleider = "Vluchtelingenwerk Midden-Nederland", startBegeleiding = vandaag });
            case "User_OntzorgingVoorbereiden":
                return Vars(new { huurBedrag = 612.40, energieBedrag = 145, waterBedrag = 20, zorgverzekeringBedrag = 140, machtigingGetekend = true });
            case "User_PvtStarten":
                return Vars(new { pvtStart = vandaag });
            case "User_MapAanbieden":
                return Vars(new { mapStart = vandaag });
            case "User_Participatie":
                return Vars(new { participatieplek = "Kringloopwinkel", urenPerWeekParticipatie = 16 });
            case "User_Vg":
                return p.Route == DemoRoute.AsielZRoute
                    ? Vars(new { gesprekDatum = vandaag, vgUitkomst = "voldoende", participatieUrenTotaal = Math.Min(800, state.ParticipatieUren + 200) })
                    : Vars(new { gesprekDatum = vandaag, vgUitkomst = "voldoende" });
            case "User_OzEvalueren":
                return Vars(new { ozUitkomst = "stoppen", motivering = "Financieel zelfredzaam" });
            case "User_Pvt":
                return Vars(new { datumOndertekeningPvt = vandaag });
            case "User_Map":
                return Vars(new { datumEindgesprekMap = vandaag });
            case "User_Eindgesprek":
                return Vars(new { datumAfrondingZroute = vandaag, verslag = "Z-route afgerond; zelfredzaam in de buurt" });
            case "User_Afronden":
                return Vars(new { afgerondOp = vandaag });
            case "User_Buiten":
                return Vars(new { geinformeerdOp = vandaag });
            case "User_Escalatie" or "User_Verstreken":
                return Vars(new { actie = "Intake ingepland; teamleider geïnformeerd" });
            default:
                return new JsonObject();
        }
    }

    private async Task<bool> CompleteAsync(Guid task, string user, string roles, JsonObject variables, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/tasks/{task}/complete")
        {
            Content = JsonContent.Create(new { variables }, options: Json),
        };
        request.Headers.Add("X-User", user);
        request.Headers.Add("X-Roles", roles);
        request.Headers.Add("X-Gemeenten", string.Join(',', DemoPersonas.Gemeenten));
        using var response = await Api.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        // A form the demo does not know how to fill: the task stays in the werkvoorraad for a person to do.
        var detail = await response.Content.ReadAsStringAsync(ct);
        Log.DemoTaskLeftOpen(logger, task, (int)response.StatusCode, detail);
        return false;
    }

    /// <summary>What a completed task changes in the persona's life and in the demo's memory of it.</summary>
    private async Task AfterAsync(PersonaState state, string element, JsonObject variables, DateOnly today, CancellationToken ct)
    {
        switch (element)
        {
            case "User_Huisvesting":
                // Housed: bijstand starts (the ontzorging runs from here).
                await BijstandAsync(state, today, ct);
                break;
            case "User_Intake":
                state.IntakeAttempts++;
                break;
            case "User_Vg" when variables["participatieUrenTotaal"] is { } uren:
                state.ParticipatieUren = (int)uren;
                break;
            case "User_Eindgesprek":
                state.ZRouteAfgerondInWeek = state.Age;
                break;
        }
    }

    private async Task<List<JsonObject>> OpenTasksAsync(CancellationToken ct)
    {
        var tasks = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var list = await GetAsync($"api/v1/tasks?status=open&pageSize=500&page={page}", ct);
            var items = list["items"]!.AsArray();
            tasks.AddRange(items.Select(t => t!.AsObject()));
            if (items.Count < 500)
            {
                return tasks;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ time

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.Now, _zone).DateTime);

    private async Task AdvanceAsync(string duration, CancellationToken ct)
    {
        await PostAsync("api/v1/clock/advance", new { duration }, ct);
        await SettleAsync(ct);
    }

    /// <summary>Runs the partner calls that are due and delivers DUO's queued notificaties, until nothing moves.</summary>
    private async Task SettleAsync(CancellationToken ct)
    {
        for (var round = 0; round < 20; round++)
        {
            await PostAsync("api/v1/clock/advance", new { duration = "PT1S" }, ct);
            var delivered = await PostAsync("sim/duo/v1/_sim/notificaties/bezorgen", null, ct);
            if (delivered is not JsonArray { Count: > 0 })
            {
                return;
            }
        }
    }

    private async Task<string> SummaryAsync(CancellationToken ct)
    {
        var active = (int)(await GetAsync("api/v1/instances?definitionKey=inburgeringstraject&status=active&pageSize=1", ct))["total"]!;
        var all = (int)(await GetAsync("api/v1/instances?definitionKey=inburgeringstraject&pageSize=1", ct))["total"]!;
        var tasks = (int)(await GetAsync("api/v1/tasks?status=open&pageSize=1", ct))["total"]!;
        return string.Create(CultureInfo.InvariantCulture, $"{all} trajecten ({active} lopend), {tasks} open taken");
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private HttpClient Api => _api ?? throw new InvalidOperationException("De demo is niet gestart.");

    private async Task<JsonNode?> PostAsync(string url, object? body, CancellationToken ct)
    {
        using var response = await Api.PostAsJsonAsync(url, body ?? new { }, Json, ct);
        return await ReadAsync(response, "POST " + url, ct);
    }

    private async Task<JsonNode> GetAsync(string url, CancellationToken ct)
    {
        using var response = await Api.GetAsync(url, ct);
        return await ReadAsync(response, "GET " + url, ct) ?? new JsonObject();
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static JsonObject Vars(object value) => JsonSerializer.SerializeToNode(value, Json)!.AsObject();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly LocalDate(string moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(moment, CultureInfo.InvariantCulture), _zone).DateTime);

    /// <summary>A persona while the demo runs.</summary>
    private sealed class PersonaState(DemoPersona persona, string key)
    {
        public DemoPersona Persona { get; } = persona;

        /// <summary>The PersoonReferentie: the business key of the persona's trajecten.</summary>
        public string Key { get; } = key;

        public string Gemeente { get; set; } = persona.Gemeente;

        /// <summary>Weeks since DUO's first notification.</summary>
        public int Age { get; set; }

        public int IntakeAttempts { get; set; }

        public int ParticipatieUren { get; set; }

        public int? ZRouteAfgerondInWeek { get; set; }
    }
}
