using System.Data;
using System.Data.Common;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Engine.Tests;

/// <summary>
/// SQLite's connections (<see cref="SqliteDbContextFactory"/>, <see cref="SqlitePragmas"/>): a context comes with its
/// connection open and keeps it through its queries and saves, and gives it back when it is disposed; every native
/// connection the pool hands out has the engine's settings, however often it is handed out.
/// </summary>
public sealed class SqliteConnectionTests
{
    [Fact]
    public async Task A_context_keeps_one_open_connection_through_its_queries_and_saves_and_gives_it_back()
    {
        await using var harness = await EngineHarness.CreateAsync(DatabaseProvider.Sqlite);
        var factory = harness.Services.GetRequiredService<IEngineDbContextFactory>();
        DbConnection connection;
        await using (var db = factory.Create())
        {
            connection = db.Database.GetDbConnection();
            var states = new List<ConnectionState> { connection.State };
            connection.StateChange += (_, e) => states.Add(e.CurrentState);

            await db.Instances.CountAsync();
            await db.Timers.AnyAsync();
            var clock = new SimulationClockEntity { Id = 1, Now = EngineHarness.Start };
            db.SimulationClock.Add(clock);
            await db.SaveChangesAsync();
            clock.Now = clock.Now.AddMinutes(1);
            await db.SaveChangesAsync();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await db.Jobs.CountAsync();
                await transaction.CommitAsync();
            }

            // Open from the start, and never closed and opened again in between.
            Assert.Equal([ConnectionState.Open], states);
        }

        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task Every_native_connection_has_the_settings_however_often_the_pool_hands_it_out()
    {
        await using var harness = await EngineHarness.CreateAsync(DatabaseProvider.Sqlite);
        var factory = harness.Services.GetRequiredService<IEngineDbContextFactory>();
        for (var round = 0; round < 3; round++)
        {
            // Two at once: two native connections; one at a time: the pool's same connection again.
            await using (var first = factory.Create())
            await using (var second = factory.Create())
            {
                AssertSettings(first);
                AssertSettings(second);
            }

            await using (var again = factory.Create())
            {
                AssertSettings(again);
            }

            if (round == 1)
            {
                // New native connections after the pool was emptied.
                SqliteConnection.ClearAllPools();
            }
        }
    }

    private static void AssertSettings(EngineDbContext db)
    {
        Assert.Equal(1L, Pragma(db, "synchronous"));
        Assert.Equal(60_000L, Pragma(db, "busy_timeout"));
    }

    private static long Pragma(EngineDbContext db, string name)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
