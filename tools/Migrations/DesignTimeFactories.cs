using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Inburgering.Migrations;

/// <summary>Used only by `dotnet ef` to build the SQLite model.</summary>
internal sealed class SqliteFactory : IDesignTimeDbContextFactory<SqliteEngineDbContext>
{
    public SqliteEngineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEngineDbContext>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>Used only by `dotnet ef` to build the PostgreSQL model.</summary>
internal sealed class PostgresFactory : IDesignTimeDbContextFactory<PostgresEngineDbContext>
{
    public PostgresEngineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEngineDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

public static class Program
{
    public static void Main() => Console.WriteLine("Design-time host for dotnet ef; see README.");
}
