using System.Data.Common;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.Tests.Regressions;

/// <summary>
/// Issue 9: message ids were unique across tenants, so one gemeente could suppress (and, by the "duplicate" answer, detect)
/// another gemeente's message by sending its id first. A message id is now unique per tenant scope.
/// </summary>
public sealed class Issue_9_MessageIdsPerGemeente
{
    private static readonly Actor Woerden = new("w", new HashSet<string> { "consulent" }, new HashSet<string> { "0632" });
    private static readonly Actor Bodegraven = new("b", new HashSet<string> { "consulent" }, new HashSet<string> { "1901" });

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OneGemeentesMessageId_DoesNotSuppressAnothersMessage_ButStillDropsItsOwnRepeat(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync("message-start.bpmn");

        // Bodegraven sends first, with the id Woerden's real message will carry.
        var bodegraven = await h.Engine.CorrelateMessageAsync(new CorrelateMessage("duo.nieuw", "P-1", null, "1901", "duo:bericht-1"), Bodegraven);
        var woerden = await h.Engine.CorrelateMessageAsync(new CorrelateMessage("duo.nieuw", "P-2", null, "0632", "duo:bericht-1"), Woerden);
        var repeat = await h.Engine.CorrelateMessageAsync(new CorrelateMessage("duo.nieuw", "P-2", null, "0632", "duo:bericht-1"), Woerden);

        Assert.False(bodegraven.Duplicate);
        Assert.Single(bodegraven.StartedInstances);
        Assert.False(woerden.Duplicate);
        Assert.Equal("0632", (await h.InstanceAsync(Assert.Single(woerden.StartedInstances))).TenantId);
        Assert.True(repeat.Duplicate);
        Assert.Empty(repeat.StartedInstances);

        // A message that names no tenant is its sender's: scoped by the gemeenten the sender works for.
        Assert.False((await h.Engine.CorrelateMessageAsync(new CorrelateMessage("duo.elders", "P-3", null, "1901", "duo:bericht-2"), Bodegraven)).Duplicate);
        var unnamed = await h.Engine.CorrelateMessageAsync(new CorrelateMessage("duo.elders", "P-3", null, null, "duo:bericht-2"), Woerden);
        Assert.False(unnamed.Duplicate);
        var unnamedRepeat = await h.Engine.CorrelateMessageAsync(new CorrelateMessage("duo.elders", "P-3", null, null, "duo:bericht-2"), Woerden);
        Assert.True(unnamedRepeat.Duplicate);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migration_KeepsTheMessageLedger_AndMakesTheIdUniquePerTenant(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateEmptyAsync(provider);
        var sqlite = provider == DatabaseProvider.Sqlite;
        await using (var db = database.Context())
        {
            await db.GetService<IMigrator>().MigrateAsync("MigrationBatches");
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO buffered_messages (id, name, correlation_key, tenants, variables, message_id, received_at, expires_at, consumed_at, version) " +
                "VALUES (@id, 'duo.nieuw', 'P-1', ',0632,', '{}', 'duo:oud', @at, @expires, @at, 0)";
            var now = DateTimeOffset.UtcNow;
            Add(command, "@id", sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid());
            Add(command, "@at", sqlite ? now.UtcTicks : now);
            Add(command, "@expires", sqlite ? now.AddDays(30).UtcTicks : now.AddDays(30));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddProcessEngine(database.Options);
        await using var built = services.BuildServiceProvider();
        await built.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();

        await using (var db = database.Context())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var kept = await db.BufferedMessages.SingleAsync();
            Assert.Equal((",0632,", "duo:oud"), (kept.Tenants, kept.MessageId));
        }

        // The kept id still drops Woerden's repeat and no longer blocks Bodegraven's message of the same id.
        var engine = built.GetRequiredService<ProcessEngine>();
        Assert.True((await engine.CorrelateMessageAsync(new CorrelateMessage("duo.nieuw", "P-1", null, "0632", "duo:oud"), Woerden)).Duplicate);
        Assert.False((await engine.CorrelateMessageAsync(new CorrelateMessage("duo.nieuw", "P-9", null, "1901", "duo:oud"), Bodegraven)).Duplicate);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
