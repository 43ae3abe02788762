using Npgsql;

namespace Inburgering.Web.Tests.Support;

/// <summary>An empty database for one server: a SQLite file, or a new database on the test command's PostgreSQL cluster.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private TestDatabase(string provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "Sqlite")
        {
            var folder = Directory.CreateTempSubdirectory("inburgering-web-").FullName;
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "web.sqlite")}", () =>
            {
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            });
        }

        var server = Environment.GetEnvironmentVariable("INBURGERING_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("INBURGERING_TEST_POSTGRES is not set: run the tests with tests/run.sh, which starts a throwaway PostgreSQL 15.");
        var name = $"web_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _drop();
        }
        catch (IOException)
        {
            // A file the server process still held: the temp folder is cleaned by the OS.
        }
    }
}
