using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.Tests.Support;

/// <summary>
/// A real engine on a fresh database (SQLite or PostgreSQL) with a simulation clock and the test activities.
/// No background dispatcher: tests move time and run jobs through <see cref="AdvanceAsync"/>, as the API does.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;
    private readonly Action<IServiceCollection>? _configure;
    private readonly Action<EngineOptions>? _options;

    private EngineHarness(TestDatabase database, ServiceProvider services, SimulationClock clock, Action<IServiceCollection>? configure, Action<EngineOptions>? options)
    {
        _configure = configure;
        _options = options;
        _database = database;
        Services = services;
        Clock = clock;
        Engine = services.GetRequiredService<ProcessEngine>();
        Queries = services.GetRequiredService<EngineQueries>();
        ClockService = services.GetRequiredService<ClockService>();
    }

    public static Actor Admin { get; } = new("test-beheerder", new HashSet<string> { "beheerder", "procesontwerper", "consulent", "begeleider" }, null, IsAdministrator: true);

    public ServiceProvider Services { get; }

    public SimulationClock Clock { get; }

    public ProcessEngine Engine { get; }

    public EngineQueries Queries { get; }

    public ClockService ClockService { get; }

    public DatabaseProvider Provider => _database.Provider;

    public string ConnectionString => _database.ConnectionString;

    public static async Task<EngineHarness> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null, Action<EngineOptions>? options = null) =>
        await BuildAsync(await TestDatabases.CreateAsync(provider), configure, options);

    /// <summary>
    /// Throws this runtime away (services, caches, clock, connection pools) and builds a new one on the same database,
    /// as after a restart. The returned harness owns the database.
    /// </summary>
    public async Task<EngineHarness> RestartAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        return await BuildAsync(_database, _configure, _options);
    }

    private static async Task<EngineHarness> BuildAsync(TestDatabase database, Action<IServiceCollection>? configure, Action<EngineOptions>? options)
    {
        var clock = new SimulationClock(Start);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ActivityProbe>();
        services.AddActivity<EchoActivity>();
        services.AddActivity<FlakyActivity>();
        services.AddActivity<RaiseErrorActivity>();
        configure?.Invoke(services);
        services.AddProcessEngine(database.Options, options);
        var provider2 = services.BuildServiceProvider();
        await provider2.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
        return new EngineHarness(database, provider2, clock, configure, options);
    }

    /// <summary>Deploys a BPMN file from the test's Bpmn folder (or raw XML) and fails the test on errors.</summary>
    public async Task<DeployResult> DeployAsync(string fileOrXml)
    {
        var xml = fileOrXml.TrimStart().StartsWith('<') ? fileOrXml : await File.ReadAllTextAsync(BpmnPath(fileOrXml));
        var result = await Engine.DeployAsync(xml, fileOrXml.TrimStart().StartsWith('<') ? "test" : fileOrXml, Admin);
        Assert.True(result.Succeeded, "Deploy failed: " + string.Join("; ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        return result;
    }

    public static string BpmnPath(string file) =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, file, SearchOption.AllDirectories).FirstOrDefault()
        ?? throw new FileNotFoundException($"Test BPMN file {file} not found under {AppContext.BaseDirectory}.");

    public async Task<Guid> StartAsync(string key, object? variables = null, string? businessKey = null, string gemeente = "0632")
    {
        var instance = await Engine.StartInstanceAsync(new StartInstance(key, businessKey, gemeente, ToJson(variables)), Admin);
        return instance.Id;
    }

    public async Task<InstanceView> InstanceAsync(Guid id) =>
        await Queries.InstanceAsync(id, Admin) ?? throw new InvalidOperationException($"Instance {id} not found.");

    public async Task<IReadOnlyList<string>> ActiveAsync(Guid id) => (await InstanceAsync(id)).ActiveElements.Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<TaskView>> TasksAsync(Guid instanceId) =>
        (await Queries.TasksAsync(new TaskFilter(InstanceId: instanceId), Admin, new Paging(1, 500))).Items;

    public async Task<TaskView> TaskAsync(Guid instanceId, string elementId) =>
        (await TasksAsync(instanceId)).Single(t => t.ElementId == elementId);

    public async Task CompleteAsync(Guid instanceId, string elementId, object? variables = null, Actor? actor = null)
    {
        var task = await TaskAsync(instanceId, elementId);
        await Engine.CompleteTaskAsync(task.Id, ToJson(variables), actor ?? Admin);
    }

    public Task<ClockAdvance> AdvanceAsync(string duration) => ClockService.AdvanceAsync(duration);

    /// <summary>Runs the jobs that are due now (service tasks) and what follows from them.</summary>
    public Task<ClockAdvance> RunJobsAsync() => ClockService.AdvanceAsync("PT0S");

    public async Task<IReadOnlyList<JournalEntryView>> JournalAsync(Guid instanceId) =>
        (await Queries.JournalAsync(instanceId, Admin, new Paging(1, 500)))!.Items;

    public async Task<IReadOnlyList<string>> JournalTypesAsync(Guid instanceId, string? elementId = null) =>
        (await JournalAsync(instanceId)).Where(j => elementId is null || j.ElementId == elementId).Select(j => j.Type).ToList();

    public async Task<IReadOnlyList<IncidentView>> IncidentsAsync(Guid instanceId) =>
        (await Queries.IncidentsAsync(new IncidentFilter(InstanceId: instanceId), Admin, new Paging(1, 500))).Items;

    public static JsonObject? ToJson(object? value) => value switch
    {
        null => null,
        JsonObject o => o,
        _ => System.Text.Json.JsonSerializer.SerializeToNode(value, Inburgering.Engine.Execution.Json.Options)!.AsObject(),
    };

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
