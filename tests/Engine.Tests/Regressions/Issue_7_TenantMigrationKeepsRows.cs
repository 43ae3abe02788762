using System.Data.Common;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.Tests.Regressions;

/// <summary>
/// Issue 7: the engine's tenant was the column <c>gemeente</c>. A database of an installation that has run for years (made
/// by the first migration, with rows in every table that has the column) is migrated in place at start-up: every row
/// keeps its gemeente as its tenant, and the engine finds them by tenant through the renamed columns and indexes.
/// </summary>
public sealed class Issue_7_TenantMigrationKeepsRows
{
    private static readonly DateTimeOffset Then = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StartUp_OnADatabaseOfTheFirstSchema_MigratesInPlace_AndKeepsEveryRowsGemeenteAsItsTenant(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateEmptyAsync(provider);
        var ids = new Ids();
        await using (var db = database.Context())
        {
            await db.GetService<IMigrator>().MigrateAsync("Initial");
            await SeedOldRowsAsync(db, provider, ids);
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddProcessEngine(database.Options);
        await using var built = services.BuildServiceProvider();
        await built.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();

        await using (var db = database.Context())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal("0632", (await db.Instances.SingleAsync()).TenantId);
            Assert.Equal("0632", (await db.UserTasks.SingleAsync()).TenantId);
            Assert.Equal("0632", (await db.Timers.SingleAsync()).TenantId);
            Assert.Equal("0632", (await db.MessageSubscriptions.SingleAsync()).TenantId);
            Assert.Equal("0632", (await db.Jobs.SingleAsync()).TenantId);
            var incident = await db.Incidents.SingleAsync();
            Assert.Equal(("0632", "Oude melding", (string?)null), (incident.TenantId, incident.Message, incident.Error));
            Assert.Equal(",0632,", (await db.BufferedMessages.SingleAsync()).Tenants);
            Assert.Equal(3, await CountIndexesAsync(db, provider, ["ix_instances_tenant_id_status_started_at", "ix_user_tasks_tenant_id_status_created_at", "ix_incidents_status_tenant_id"]));
            Assert.Equal(0, await CountIndexesAsync(db, provider, ["ix_instances_gemeente_status_started_at", "ix_user_tasks_gemeente_status_created_at", "ix_incidents_status_gemeente"]));
        }

        var queries = built.GetRequiredService<EngineQueries>();
        var woerden = new Actor("w", new HashSet<string>(), new HashSet<string> { "0632" });
        var montfoort = new Actor("m", new HashSet<string>(), new HashSet<string> { "0335" });
        Assert.Equal("0632", (await queries.InstanceAsync(ids.Instance, woerden))?.TenantId);
        Assert.Null(await queries.InstanceAsync(ids.Instance, montfoort));
        Assert.Equal([ids.Task], (await queries.TasksAsync(new TaskFilter(TenantId: "0632"), woerden, new Paging())).Items.Select(t => t.Id));
        Assert.Empty((await queries.TasksAsync(new TaskFilter(), montfoort, new Paging())).Items);
        var incidentView = Assert.Single((await queries.IncidentsAsync(new IncidentFilter(TenantId: "0632"), woerden, new Paging())).Items);
        Assert.Equal(("Oude melding", (string?)null), (incidentView.Message, incidentView.Code));
    }

    private sealed class Ids
    {
        public Guid Definition { get; } = Guid.NewGuid();

        public Guid Instance { get; } = Guid.NewGuid();

        public Guid Execution { get; } = Guid.NewGuid();

        public Guid Task { get; } = Guid.NewGuid();
    }

    /// <summary>One row in every table with a gemeente column, written as the first schema stored them.</summary>
    private static async Task SeedOldRowsAsync(EngineDbContext db, DatabaseProvider provider, Ids ids)
    {
        var sqlite = provider == DatabaseProvider.Sqlite;
        object Id(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;
        object At(DateTimeOffset at) => sqlite ? at.UtcTicks : at;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();

        async Task InsertAsync(string table, params (string Column, object? Value)[] values)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", values.Select(v => v.Column))}) VALUES ({string.Join(", ", values.Select((_, i) => $"@p{i}"))})";
            for (var i = 0; i < values.Length; i++)
            {
                DbParameter parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                parameter.Value = values[i].Value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await InsertAsync("instances",
            ("id", Id(ids.Instance)), ("definition_id", Id(ids.Definition)), ("definition_key", "oud"), ("definition_version", 1), ("business_key", "P-1"),
            ("gemeente", "0632"), ("status", "Active"), ("variables", "{}"), ("root_instance_id", Id(ids.Instance)), ("started_at", At(Then)),
            ("open_incidents", 1), ("version", 3));
        await InsertAsync("user_tasks",
            ("id", Id(ids.Task)), ("instance_id", Id(ids.Instance)), ("execution_id", Id(ids.Execution)), ("element_id", "taak"), ("definition_key", "oud"),
            ("gemeente", "0632"), ("status", "Open"), ("candidate_groups", ",consulent,"), ("candidate_users", ""), ("priority", 50),
            ("four_eyes_roles", ""), ("created_at", At(Then)), ("version", 0));
        await InsertAsync("timers",
            ("id", Id(Guid.NewGuid())), ("instance_id", Id(ids.Instance)), ("element_id", "wacht"), ("gemeente", "0632"), ("status", "Scheduled"),
            ("due_at", At(Then.AddYears(3))), ("spec", "P3Y"), ("kind", "Duration"), ("fired_count", 0), ("first_due_at", At(Then.AddYears(3))),
            ("created_at", At(Then)), ("version", 0));
        await InsertAsync("message_subscriptions",
            ("id", Id(Guid.NewGuid())), ("instance_id", Id(ids.Instance)), ("execution_id", Id(ids.Execution)), ("element_id", "ontvang"),
            ("message_name", "bericht"), ("correlation_key", "P-1"), ("gemeente", "0632"), ("created_at", At(Then)));
        await InsertAsync("buffered_messages",
            ("id", Id(Guid.NewGuid())), ("name", "later"), ("correlation_key", "P-1"), ("gemeenten", ",0632,"), ("variables", "{}"),
            ("received_at", At(Then)), ("expires_at", At(Then.AddDays(30))), ("version", 0));
        await InsertAsync("jobs",
            ("id", Id(Guid.NewGuid())), ("instance_id", Id(ids.Instance)), ("execution_id", Id(ids.Execution)), ("element_id", "roep"),
            ("activity_type", "test.echo"), ("definition_key", "oud"), ("gemeente", "0632"), ("idempotency_key", "k"), ("status", "Failed"),
            ("attempts", 5), ("due_at", At(Then)), ("created_at", At(Then)), ("version", 0));
        await InsertAsync("incidents",
            ("id", Id(Guid.NewGuid())), ("instance_id", Id(ids.Instance)), ("element_id", "roep"), ("type", "activity"), ("message", "Oude melding"),
            ("attempts", 5), ("definition_key", "oud"), ("gemeente", "0632"), ("status", "Open"), ("created_at", At(Then)), ("version", 0));
    }

    private static async Task<int> CountIndexesAsync(EngineDbContext db, DatabaseProvider provider, string[] names)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        var list = string.Join(", ", names.Select(n => $"'{n}'"));
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ({list})"
            : $"SELECT COUNT(*) FROM pg_indexes WHERE indexname IN ({list})";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
