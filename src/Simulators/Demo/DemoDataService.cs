using System.Globalization;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Intake;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Scheduling;
using Inburgering.Simulators.Keten;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Simulators.Demo;

/// <summary>Settings of the demo data (section <c>Inburgering:Demo</c>; switched on by <c>Inburgering:DemoData</c>).</summary>
public sealed class DemoOptions
{
    /// <summary>How far back the demo starts: its first persona is notified this many months before today.</summary>
    public int Months { get; set; } = 30;

    /// <summary>How many personas (the cast of <see cref="DemoPersonas"/> repeated with new BSNs beyond its thirty).</summary>
    public int Personas { get; set; } = 30;

    /// <summary>Over how many weeks from the demo's start their first notifications are spread; unset: up to a few weeks before today.</summary>
    public int? StartWeeks { get; set; }

    /// <summary>Only the personas on these routes (e.g. the scenarios a designer tries in the sandbox); empty: every route.</summary>
    public IList<DemoRoute> Routes { get; } = [];

    /// <summary>
    /// For how many inburgeraars at once the demo's team does the week's tasks (each inburgeraar's tasks one after another, in
    /// the order the werkvoorraad lists them). 1 does everything in one line.
    /// </summary>
    public int Parallelism { get; set; } = 4;
}

/// <summary>
/// Looks at (or acts on) the keten while the demo builds it, twice a virtual week: before the week's tasks are done, and after
/// that, before the partner calls they started are settled — when every kind of wait can be present: open tasks, timers,
/// message subscriptions, partner calls waiting out a back-off, called sub-processes. Registered in the service collection;
/// none by default (tests take partners down while the tasks are done and migrate every running instance afterwards).
/// </summary>
public interface IDemoWeekObserver
{
    Task TasksDueAsync(int week, CancellationToken cancellationToken);

    Task WeekWorkedAsync(int week, CancellationToken cancellationToken);
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
/// Builds the demo on an empty database: starts the simulation clock <see cref="DemoOptions.Months"/> months back and runs the
/// personas (<see cref="DemoPersonas"/>) through the keten week by week up to today with the <see cref="KetenDriver"/>, through
/// the service's own API and its partner simulators, as consulenten and DUO would; the forms are filled in from their answer
/// files (<see cref="FormAnswers"/>). Nothing is written to the database but through the engine, so what the demo shows is what
/// real scenarios make: trajecten finished, in every schakel, and a werkvoorraad with tasks due and overdue. On a database that
/// already holds instances it does nothing (a restart never doubles the demo).
/// </summary>
public sealed class DemoDataService(
    IHostApplicationLifetime lifetime,
    IServer server,
    ClockService clock,
    EngineQueries queries,
    PersoonReferentieGenerator referenties,
    FormAnswers answers,
    DemoStatus status,
    IOptions<DemoOptions> options,
    IOptions<EngineOptions> engineOptions,
    IEnumerable<IDemoWeekObserver> observers,
    ILogger<DemoDataService> logger,
    Inburgering.Activities.Overleg.CasuistiekoverlegStarter? overleggen = null) : BackgroundService
{
    private readonly Dictionary<string, PersonaState> _byKey = new(StringComparer.Ordinal);

    /// <summary>Trajecten whose inburgeraar the demo has recorded by name.</summary>
    private readonly HashSet<Guid> _named = [];

    /// <summary>When the newest traject the demo has looked at to name started: later weeks list only those started since.</summary>
    private DateTimeOffset? _namedSince;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> _givenUp = new();
    private KetenDriver? _driver;

    /// <summary>Where the demo's wall time went: the partners' side (new inburgeraars, DUO's meldingen), the tasks, the clock.</summary>
    private TimeSpan _inPartners, _inTasks, _inClock;

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

            var today = clock.Now;
            var start = new DateTimeOffset(today.UtcDateTime.Date.AddMonths(-options.Value.Months).AddHours(10), TimeSpan.Zero);
            await clock.StartEmptyDatabaseAtAsync(start, stoppingToken);

            // The gemeenten's periodic casuïstiekoverleg runs through the demo's months too (the server leaves it to the demo
            // on an empty database: the clock could not be set back with its instances there).
            if (overleggen is not null)
            {
                await overleggen.StartAllAsync(stoppingToken);
            }

            using var http = Client();
            _driver = new KetenDriver(http, new KetenDriverOptions
            {
                Gemeenten = DemoPersonas.Gemeenten,
                Zone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone),
                Logger = logger,
            });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var weeks = (int)((today - start).TotalDays / 7);
            var personas = DemoPersonas.For(options.Value.Personas, options.Value.StartWeeks ?? Math.Max(0, weeks - 3))
                .Where(p => options.Value.Routes.Count == 0 || options.Value.Routes.Contains(p.Route))
                .ToList();
            foreach (var persona in personas)
            {
                var state = new PersonaState(persona, referenties.For(Bsn.Parse(persona.Bsn)));
                _byKey[state.Key] = state;
            }

            Log.DemoBuilding(logger, personas.Count, weeks, start);
            for (var week = 0; week < weeks && !stoppingToken.IsCancellationRequested; week++)
            {
                status.Building($"week {week + 1} van {weeks}");
                var phase = System.Diagnostics.Stopwatch.StartNew();
                // The week's new inburgeraars become known to the partners side by side (each one's own one after another);
                // DUO then delivers their first notificaties, several persons at once.
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallelism), CancellationToken = stoppingToken };
                await Parallel.ForEachAsync(_byKey.Values.Where(p => p.Persona.StartWeek == week), parallel, (persona, ct) => new ValueTask(BeginAsync(persona, ct)));
                await Driver.SettleAsync(stoppingToken);
                await NameTrajectenAsync(stoppingToken);

                // Later events in one line: few per week, and each delivers DUO's queue at once, in the order it was queued.
                foreach (var persona in _byKey.Values.Where(p => p.Persona.StartWeek <= week))
                {
                    persona.Age = week - persona.Persona.StartWeek;
                    await EventsAsync(persona, persona.Age, stoppingToken);
                }

                _inPartners += phase.Elapsed;
                phase.Restart();
                await WorkTheTasksAsync(week, stoppingToken);
                _inTasks += phase.Elapsed;
                phase.Restart();
                await Driver.AdvanceAsync("P1W", stoppingToken);
                _inClock += phase.Elapsed;
                if ((week + 1) % 13 == 0 && logger.IsEnabled(LogLevel.Information))
                {
                    // One line per virtual quarter: where the demo is, how far along, how long it has taken.
                    Log.DemoProgress(logger, clock.Now.UtcDateTime, week + 1, weeks, watch.Elapsed.TotalSeconds);
                }
            }

            // Land on today (the demo ran whole weeks), then leave the werkvoorraad as it is.
            var rest = (long)(today - clock.Now).TotalSeconds;
            if (rest > 0)
            {
                await Driver.AdvanceAsync(string.Create(CultureInfo.InvariantCulture, $"PT{rest}S"), stoppingToken);
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

    private KetenDriver Driver => _driver ?? throw new InvalidOperationException("De demo is niet gestart.");

    private DateOnly Today => Driver.LocalDate(clock.Now);

    /// <summary>Waits until Kestrel listens (the driver and the partner activities call this process over HTTP).</summary>
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
        return new HttpClient { BaseAddress = Loopback.For(address), Timeout = TimeSpan.FromMinutes(5) };
    }

    // ------------------------------------------------------------------------------------------------ the partners

    /// <summary>The persona becomes known: the leerbaarheidstoets outcome at the intake partner, bijstand, and DUO's first notification.</summary>
    private async Task BeginAsync(PersonaState state, CancellationToken ct)
    {
        var p = state.Persona;
        var today = Today;
        var (uitslag, advies) = p.Route switch
        {
            DemoRoute.AsielZRoute => (IntakeWaarden.B1NietHaalbaar, Leerroute.ZRoute),
            DemoRoute.AsielOnderwijs => (IntakeWaarden.B1Haalbaar, Leerroute.Onderwijsroute),
            _ => (IntakeWaarden.B1Haalbaar, Leerroute.B1Route),
        };
        await Driver.LeerbaarheidstoetsUitslagAsync(state.Key, uitslag, advies.ToTaalaanbiederCode(), ct: ct);
        if (p.Route is DemoRoute.AsielZRoute or DemoRoute.AsielOnderwijs)
        {
            await Driver.BijstandAsync(p.Bsn, state.Gemeente, today.AddDays(-3), ct: ct);
        }

        var persoon = p.Route switch
        {
            DemoRoute.AsielB1 => new DuoPersoon(p.Bsn, p.Gemeente, "Asielstatushouder", today.AddDays(-30), Notificatie: "SS101"),
            DemoRoute.AsielZRoute or DemoRoute.AsielOnderwijs => new DuoPersoon(p.Bsn, p.Gemeente, "Asielstatushouder", today.AddDays(-20), Notificatie: "SS139"),
            DemoRoute.Wi2013 => new DuoPersoon(p.Bsn, p.Gemeente, "Asielstatushouder", new DateOnly(2021, 6, 1), Notificatie: "SS101"),
            _ => new DuoPersoon(p.Bsn, p.Gemeente, "Gezinsmigrant en overige migrant", today.AddDays(-5), "Gezinsvormer", "SS139"),
        };
        await Driver.SeedDuoAsync(persoon, ct);
    }

    /// <summary>What happens to a persona outside the gemeente at a given age (weeks since DUO's first notification).</summary>
    private async Task EventsAsync(PersonaState state, int age, CancellationToken ct)
    {
        var p = state.Persona;
        switch (p.Route)
        {
            case DemoRoute.AsielB1 or DemoRoute.GezinB1 or DemoRoute.NoShow or DemoRoute.PipTeLaat or DemoRoute.Verhuizing when age == 100 + (p.Number % 8) + (p.Route is DemoRoute.AsielB1 or DemoRoute.GezinB1 ? 0 : 12):
                await Driver.ExamenresultaatAsync(p.Bsn, "LE", Today.AddDays(-14), ct: ct);
                await Driver.ExamenresultaatAsync(p.Bsn, "KNM", Today.AddDays(-14), ct: ct);
                await Driver.NotifyDuoAsync(p.Bsn, "SS106", ct: ct);
                break;
            case DemoRoute.AsielOnderwijs when age == 90:
                await Driver.NotifyDuoAsync(p.Bsn, "SS106", ct: ct);
                break;
            case DemoRoute.AsielZRoute when state.ZRouteAfgerondInWeek is { } afgerond && age == afgerond + 6:
                await Driver.NotifyDuoAsync(p.Bsn, "SS141", ct: ct);
                break;
            case DemoRoute.Ontheffing when age == 30:
                await Driver.NotifyDuoAsync(p.Bsn, "SS108", ct: ct);
                break;
            case DemoRoute.Verhuizing when age == 26:
                var naar = DemoPersonas.Gemeenten[(Array.IndexOf(DemoPersonas.Gemeenten, state.Gemeente) + 1) % DemoPersonas.Gemeenten.Length];
                state.Gemeente = naar;
                await Driver.NotifyDuoAsync(p.Bsn, "SS121", naar, ct: ct);
                break;
        }
    }

    // ------------------------------------------------------------------------------------------------ the werkvoorraad

    /// <summary>
    /// Every open task of a demo persona that has waited its time (the form's answer file says how long) is done by the
    /// gemeente's team with the form's answer for the persona's route.
    /// </summary>
    private async Task WorkTheTasksAsync(int week, CancellationToken ct)
    {
        foreach (var observer in observers)
        {
            await observer.TasksDueAsync(week, ct);
        }

        var today = Today;
        var due = new List<(KetenTask Task, PersonaState State)>();
        foreach (var task in await Driver.OpenTasksAsync(ct: ct))
        {
            if (!_givenUp.ContainsKey(task.Id) && task.DefinitionKey == "casuistiekoverleg" && task.DueAt is { } overleg && Driver.LocalDate(overleg) <= today)
            {
                // The gemeente's casuïstiekoverleg is held on its day (the demo's team records it without notes per traject).
                if (!await Driver.DoTaskAsync(task, answers.Answer(task.FormKey, null, 0, today), Team.For(task.Gemeente), ct))
                {
                    _givenUp[task.Id] = true;
                }

                continue;
            }

            if (_givenUp.ContainsKey(task.Id) || task.BusinessKey is not { } key || !_byKey.TryGetValue(key, out var state))
            {
                continue;
            }

            var created = Driver.LocalDate(task.CreatedAt);
            if (today.DayNumber - created.DayNumber >= 7 * answers.WaitWeeks(task.FormKey, state.Persona.Route.ToString(), state.Persona.Tempo, state.Persona.Number))
            {
                due.Add((task, state));
            }
        }

        // Inburgeraars side by side, each one's tasks in the werkvoorraad's order: one traject's steps never race each other.
        var perInburgeraar = due.GroupBy(d => d.State.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        await Parallel.ForEachAsync(perInburgeraar, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallelism), CancellationToken = ct }, async (tasks, token) =>
        {
            foreach (var (task, state) in tasks)
            {
                var times = state.Done.GetValueOrDefault(task.FormKey ?? "");
                if (!await Driver.DoTaskAsync(task, answers.Answer(task.FormKey, state.Persona.Route.ToString(), times, today), Team.For(task.Gemeente), token))
                {
                    // A form the demo cannot fill in as the service wants: the task stays in the werkvoorraad for a person.
                    _givenUp[task.Id] = true;
                    continue;
                }

                state.Done[task.FormKey ?? ""] = times + 1;
                await AfterAsync(state, task.FormKey, today, token);
            }
        });

        foreach (var observer in observers)
        {
            await observer.WeekWorkedAsync(week, ct);
        }

        await Driver.SettleAsync(ct);
    }

    /// <summary>The gemeente records each new traject's inburgeraar by name (from the BRP, which the demo plays), as the werkvoorraad shows it.</summary>
    private async Task NameTrajectenAsync(CancellationToken ct)
    {
        // The clock only moves forward: a traject started after the last look started no earlier than the newest one seen then
        // (one started at that same moment may be new, so that moment is looked at again).
        foreach (var traject in await Driver.InstancesStartedSinceAsync(_namedSince, definitionKey: "inburgeringstraject", status: "active", ct: ct))
        {
            _namedSince = _namedSince is { } seen && seen > traject.StartedAt ? seen : traject.StartedAt;
            if (traject.BusinessKey is { } key && _byKey.TryGetValue(key, out var state) && _named.Add(traject.Id))
            {
                await Driver.SetVariablesAsync(traject.Id, new { inburgeraarNaam = DemoPersonas.NaamFor(state.Persona.Number) }, ct);
            }
        }
    }

    /// <summary>What a done task changes in the persona's life outside the service.</summary>
    private async Task AfterAsync(PersonaState state, string? formKey, DateOnly today, CancellationToken ct)
    {
        switch (formKey)
        {
            case "huisvesting":
                // Housed: bijstand starts (the ontzorging runs from here).
                await Driver.BijstandAsync(state.Persona.Bsn, state.Gemeente, today, ct: ct);
                break;
            case "eindgesprek-zroute":
                state.ZRouteAfgerondInWeek = state.Age;
                break;
        }
    }

    private async Task<string> SummaryAsync(CancellationToken ct)
    {
        var active = await Driver.CountInstancesAsync(definitionKey: "inburgeringstraject", status: "active", ct: ct);
        var all = await Driver.CountInstancesAsync(definitionKey: "inburgeringstraject", ct: ct);
        var tasks = (await Driver.OpenTasksAsync(ct: ct)).Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"{all} trajecten ({active} lopend), {tasks} open taken; opgebouwd in {_inPartners.TotalSeconds:0} s partners en meldingen, {_inTasks.TotalSeconds:0} s taken, {_inClock.TotalSeconds:0} s klok");
    }

    /// <summary>A persona while the demo runs.</summary>
    private sealed class PersonaState(DemoPersona persona, string key)
    {
        public DemoPersona Persona { get; } = persona;

        /// <summary>The PersoonReferentie: the business key of the persona's trajecten.</summary>
        public string Key { get; } = key;

        public string Gemeente { get; set; } = persona.Gemeente;

        /// <summary>Weeks since DUO's first notification.</summary>
        public int Age { get; set; }

        /// <summary>How many times each form was done for the persona (the answer files may answer the second time differently).</summary>
        public Dictionary<string, int> Done { get; } = new(StringComparer.Ordinal);

        public int? ZRouteAfgerondInWeek { get; set; }
    }
}
