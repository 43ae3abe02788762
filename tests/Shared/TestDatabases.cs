using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace Inburgering.Tests;

/// <summary>
/// Fresh databases for tests: a SQLite file, or a PostgreSQL database on the throwaway cluster the test command starts
/// (connection string in INBURGERING_TEST_POSTGRES). Each database is copied from a migrated template, so every test
/// starts empty and migrations run once per test run.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "INBURGERING_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _sqliteTemplate;
    private static string? _postgresTemplate;

    public static IEnumerable<object[]> Providers =>
    [
        [DatabaseProvider.Sqlite],
        [DatabaseProvider.PostgreSql],
    ];

    /// <summary>Set by tests/run.sh (and so CI): every test must run, a missing PostgreSQL fails instead of skipping.</summary>
    public const string CompleteVariable = "INBURGERING_TEST_COMPLETE";

    /// <summary>
    /// The throwaway cluster's connection string. Without one, a plain <c>dotnet test</c> (the fast inner loop) skips the
    /// PostgreSQL half of each test with this reason; under tests/run.sh (<see cref="CompleteVariable"/>) it fails.
    /// </summary>
    public static string PostgresServer
    {
        get
        {
            if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value)
            {
                return value;
            }

            const string reason = $"{PostgresVariable} is not set: PostgreSQL tests run with the README's test command (tests/run.sh), which starts a throwaway PostgreSQL 15.";
            if (Environment.GetEnvironmentVariable(CompleteVariable) == "1")
            {
                throw new InvalidOperationException(reason);
            }

            throw new SkipException("Skipped: " + reason);
        }
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => await CreateSqliteAsync(),
        _ => await CreatePostgresAsync(),
    };

    /// <summary>A database with no tables at all (to migrate step by step, as an old installation would have been).</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "inburgering-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{Guid.NewGuid():N}.sqlite");
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    TryDelete(file + suffix);
                }

                return Task.CompletedTask;
            });
        }

        var name = $"ib_empty_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(Admin()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ToString(), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Admin());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    private static async Task<TestDatabase> CreateSqliteAsync()
    {
        var template = await SqliteTemplateAsync();
        var file = Path.Combine(Path.GetTempPath(), "inburgering-tests", $"{Guid.NewGuid():N}.sqlite");
        File.Copy(template, file);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                TryDelete(file + suffix);
            }

            return Task.CompletedTask;
        });
    }

    private static async Task<string> SqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplate is not null)
            {
                return _sqliteTemplate;
            }

            var folder = Path.Combine(Path.GetTempPath(), "inburgering-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"template-{Environment.ProcessId}-{Guid.NewGuid():N}.sqlite");
            var options = new DbContextOptionsBuilder<SqliteEngineDbContext>().UseSqlite($"Data Source={file};Pooling=false").Options;
            await using (var db = new SqliteEngineDbContext(options))
            {
                await db.Database.MigrateAsync();
            }

            _sqliteTemplate = file;
            return file;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var template = await PostgresTemplateAsync();
        var name = $"ib_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(Admin()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ToString();
        return new TestDatabase(DatabaseProvider.PostgreSql, connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Admin());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    private static async Task<string> PostgresTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_postgresTemplate is not null)
            {
                return _postgresTemplate;
            }

            var name = $"ib_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
            await using (var connection = new NpgsqlConnection(Admin()))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = false }.ToString();
            var options = new DbContextOptionsBuilder<PostgresEngineDbContext>().UseNpgsql(connectionString).Options;
            await using (var db = new PostgresEngineDbContext(options))
            {
                await db.Database.MigrateAsync();
            }

            _postgresTemplate = name;
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static string Admin() => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString();

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A database made for one test; dropped when disposed.</summary>
public sealed class TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public EngineDatabaseOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString };

    /// <summary>A context on this database, for tests that read the engine's rows directly (e.g. while a server process runs).</summary>
    internal EngineDbContext Context() => Provider == DatabaseProvider.Sqlite
        ? new SqliteEngineDbContext(new DbContextOptionsBuilder<SqliteEngineDbContext>().UseSqlite(ConnectionString).Options)
        : new PostgresEngineDbContext(new DbContextOptionsBuilder<PostgresEngineDbContext>().UseNpgsql(ConnectionString).Options);

    public ValueTask DisposeAsync() => new(drop());
}
