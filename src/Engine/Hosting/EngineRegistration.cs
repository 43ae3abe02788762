using Inburgering.Engine.Activities;
using Inburgering.Engine.Definitions;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Engine.Hosting;

/// <summary>Where the engine keeps its state.</summary>
public sealed class EngineDatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/inburgering.sqlite";
}

public static class EngineRegistration
{
    /// <summary>
    /// Registers the engine: database, definitions, expressions, activity catalogue, commands, queries, the clock and
    /// the in-process dispatcher. Register a <see cref="TimeProvider"/> before to replace the system clock.
    /// </summary>
    public static IServiceCollection AddProcessEngine(this IServiceCollection services, EngineDatabaseOptions database, Action<EngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddOptions<EngineOptions>()
            .Configure(o => configure?.Invoke(o))
            .Validate(o => IsIdentifier(o.TenantVariable), "EngineOptions.TenantVariable must be a JavaScript identifier (letters, digits, '_', not starting with a digit).")
            .Validate(o => o.CountedVariables.Count <= CountedVariables.MaxNames && o.CountedVariables.Distinct(StringComparer.Ordinal).Count() == o.CountedVariables.Count && o.CountedVariables.All(IsIdentifier), $"EngineOptions.CountedVariables holds at most {CountedVariables.MaxNames} distinct variable names (JavaScript identifiers).")
            .Validate(o => o.TimerStartTenants.All(Tenants.IsValid), "EngineOptions.TimerStartTenants holds an invalid tenant id.")
            .ValidateOnStart();
        services.AddOptions<DispatcherOptions>();
        services.AddOptions<ExpressionOptions>();
        services.TryAddSingleton(TimeProvider.System);

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = PrepareSqlite(database.ConnectionString);
                services.AddPooledDbContextFactory<SqliteEngineDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(SqlitePragmas.Instance));
                services.AddSingleton<IEngineDbContextFactory, SqliteDbContextFactory>();
                break;
            case DatabaseProvider.PostgreSql:
                services.AddPooledDbContextFactory<PostgresEngineDbContext>(o => o.UseNpgsql(PreparePostgres(database.ConnectionString)));
                services.AddSingleton<IEngineDbContextFactory, PostgresDbContextFactory>();
                break;
        }

        services.AddSingleton<IExpressionEvaluator>(sp => new JintExpressionEvaluator(
            sp.GetRequiredService<IOptions<ExpressionOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<IExpressionFunctionProvider>()));
        services.AddSingleton<DefinitionRegistry>();
        services.TryAddSingleton<IActivityCatalog, ActivityCatalog>();
        services.AddSingleton(sp => new ProcessEngine(
            sp.GetRequiredService<IEngineDbContextFactory>(),
            sp.GetRequiredService<DefinitionRegistry>(),
            sp.GetRequiredService<IExpressionEvaluator>(),
            sp.GetRequiredService<IActivityCatalog>(),
            sp.GetRequiredService<IWorkScheduler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<EngineOptions>>(),
            sp.GetRequiredService<CountedVariables>(),
            sp.GetRequiredService<DisplayVariables>(),
            sp.GetRequiredService<ILogger<ProcessEngine>>()));
        services.AddSingleton(sp => new CountedVariables(sp.GetRequiredService<IOptions<EngineOptions>>().Value.CountedVariables));
        services.AddSingleton(sp => new DisplayVariables(sp.GetRequiredService<IOptions<EngineOptions>>().Value.TaskDisplayVariables));
        services.AddSingleton(sp => new EngineQueries(sp.GetRequiredService<IEngineDbContextFactory>(), sp.GetRequiredService<CountedVariables>(), sp.GetRequiredService<DisplayVariables>()));
        services.AddSingleton(sp => new ClockService(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ProcessEngine>(),
            sp.GetRequiredService<IEngineDbContextFactory>(),
            sp,
            sp.GetRequiredService<IOptions<EngineOptions>>(),
            sp.GetRequiredService<ILogger<ClockService>>()));
        services.AddSingleton(sp => new EngineDatabaseInitializer(
            sp.GetRequiredService<IEngineDbContextFactory>(),
            sp.GetRequiredService<ClockService>(),
            sp.GetRequiredService<ILogger<EngineDatabaseInitializer>>()));
        services.AddSingleton<WorkDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InstanceValuesBackfill>());
        services.TryAddSingleton<IWorkScheduler>(sp => sp.GetRequiredService<WorkDispatcher>());
        return services;
    }

    /// <summary>Runs the in-process dispatcher as a hosted service (the default until Quartz takes over).</summary>
    public static IServiceCollection AddWorkDispatcher(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<WorkDispatcher>());

    private static bool IsIdentifier(string? name) =>
        name is { Length: > 0 } && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');

    /// <summary>
    /// PostgreSQL: the statements a step runs are few and always the same text (compiled queries, the journal's one insert),
    /// so Npgsql prepares them on the server after their second use (<c>Max Auto Prepare</c>, unless the connection string
    /// sets it): the server parses and plans each once per connection instead of on every step.
    /// The engine's connections carry no session state (no SET, no advisory lock, no temporary table, no LISTEN), so they
    /// skip Npgsql's reset when they go back to the pool (<c>No Reset On Close</c>, unless the connection string sets it):
    /// otherwise every step, which takes a pooled connection, makes the server run RESET ALL and its friends first.
    /// </summary>
    internal static string PreparePostgres(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("ResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>SQLite: create the folder, and let writers wait for each other instead of failing.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 60, Pooling = true };
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}

/// <summary>Applies the migrations of the configured provider at start-up and restores the simulation clock.</summary>
public sealed class EngineDatabaseInitializer
{
    private readonly IEngineDbContextFactory databases;
    private readonly ClockService clock;
    private readonly ILogger<EngineDatabaseInitializer> logger;

    internal EngineDatabaseInitializer(IEngineDbContextFactory databases, ClockService clock, ILogger<EngineDatabaseInitializer> logger)
    {
        this.databases = databases;
        this.clock = clock;
        this.logger = logger;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = databases.Create())
        {
            if (databases.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers work while one writer commits; NORMAL sync is durable across process crashes. (The
                // context's connection is open already: SqliteDbContextFactory.)
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        Log.Migrated(logger, databases.Provider);
        await clock.RestoreAsync(cancellationToken);
    }
}
