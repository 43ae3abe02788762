using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Creates the engine's DbContext for the configured provider.</summary>
internal interface IEngineDbContextFactory
{
    DatabaseProvider Provider { get; }

    EngineDbContext Create();
}

/// <summary>
/// SQLite's contexts come with their connection open, and keep it until they are disposed. EF Core otherwise opens and
/// closes the connection around every query and every save, and each open of a <c>SqliteConnection</c> registers EF Core's
/// dozen SQL functions on the native connection again (each close removes them): a step that loads an instance and saves
/// it opened it three to six times.
/// </summary>
internal sealed class SqliteDbContextFactory(IDbContextFactory<SqliteEngineDbContext> inner) : IEngineDbContextFactory
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public EngineDbContext Create()
    {
        var db = inner.CreateDbContext();
        db.Database.OpenConnection();
        return db;
    }
}

internal sealed class PostgresDbContextFactory(IDbContextFactory<PostgresEngineDbContext> inner) : IEngineDbContextFactory
{
    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public EngineDbContext Create() => inner.CreateDbContext();
}
