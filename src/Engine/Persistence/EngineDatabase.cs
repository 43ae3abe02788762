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

internal sealed class SqliteDbContextFactory(IDbContextFactory<SqliteEngineDbContext> inner) : IEngineDbContextFactory
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public EngineDbContext Create() => inner.CreateDbContext();
}

internal sealed class PostgresDbContextFactory(IDbContextFactory<PostgresEngineDbContext> inner) : IEngineDbContextFactory
{
    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public EngineDbContext Create() => inner.CreateDbContext();
}
