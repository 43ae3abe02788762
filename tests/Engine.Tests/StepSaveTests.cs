using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Inburgering.Engine.Tests;

/// <summary>
/// A step's save without EF Core's update pipeline (<see cref="StepSave"/>), on PostgreSQL and on SQLite, writes what EF Core
/// would (inserts, changed columns, deletes; the journal; identity keys read back), keeps optimistic concurrency, and on any
/// failure writes nothing and fails as EF Core's save fails.
/// </summary>
public sealed class StepSaveTests
{
    private static readonly DateTimeOffset At = new(2027, 3, 1, 10, 30, 0, TimeSpan.FromHours(1));

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Save_WritesInsertsChangedColumnsAndDeletes_AsTracked(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var instance = Instance();
        var timer = new TimerEntity { Id = Guid.NewGuid(), InstanceId = instance.Id, ElementId = "wacht", Spec = "P3M", Kind = "duration", Status = TimerStatus.Scheduled, DueAt = At.AddMonths(3), FirstDueAt = At.AddMonths(3), CreatedAt = At, TenantId = "0632" };
        var task = new UserTaskEntity { Id = Guid.NewGuid(), InstanceId = instance.Id, ExecutionId = Guid.NewGuid(), ElementId = "intake", DefinitionKey = "traject", TenantId = "0632", Name = "Intake", CreatedAt = At, DueAt = null };
        var outbox = new[] { Outbox("timer", timer.Id), Outbox("job", Guid.NewGuid()) };
        await using (var db = Context(h))
        {
            db.AddRange(instance, timer, task);
            db.Outbox.AddRange(outbox);
            db.Journal.Add(new JournalEntity { InstanceId = instance.Id, At = At, Type = "tracked", ElementId = "start" });
            await StepSave.SaveAsync(db, [new JournalEntity { InstanceId = instance.Id, At = At, Type = "step", Data = "{\"a\":1}" }], default);

            // The outbox's identity keys are read back, as EF Core reads them; everything is saved and unchanged now.
            Assert.All(outbox, o => Assert.True(o.Id > 0));
            Assert.NotEqual(outbox[0].Id, outbox[1].Id);
            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
        }

        await AssertStoredAsync(h, instance, timer, task);
        await using (var db = Context(h))
        {
            Assert.Equal(outbox.Select(o => o.Id).Order(), await db.Outbox.Select(o => o.Id).OrderBy(i => i).ToListAsync());
            Assert.Equal(new[] { "tracked", "step" }.Order(), (await db.Journal.Where(j => j.InstanceId == instance.Id).Select(j => j.Type).ToListAsync()).Order());
        }

        // Changed columns only (a null among them), a delete, an insert, in one save.
        await using (var db = Context(h))
        {
            db.Attach(instance);
            db.Attach(timer);
            db.Attach(task);
            instance.Variables = "{\"naam\":\"Amina\"}";
            instance.BusinessKey = null;
            instance.EndedAt = At.AddDays(1);
            instance.Version++;
            task.Assignee = "consulent-1";
            task.Version++;
            db.Remove(timer);
            var later = new TimerEntity { Id = Guid.NewGuid(), InstanceId = instance.Id, ElementId = "later", Spec = "P1M", Kind = "duration", DueAt = At.AddMonths(1), FirstDueAt = At.AddMonths(1), CreatedAt = At };
            db.Timers.Add(later);
            await StepSave.SaveAsync(db, [], default);
            timer = later;
        }

        await AssertStoredAsync(h, instance, timer, task);
        await using (var db = Context(h))
        {
            Assert.Equal(1, await db.Timers.CountAsync(t => t.InstanceId == instance.Id));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Save_OfAStaleRow_FailsAsAConcurrencyConflict_AndWritesNothing(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var instance = Instance();
        await using (var db = Context(h))
        {
            db.Add(instance);
            await StepSave.SaveAsync(db, [], default);
        }

        await using var first = Context(h);
        await using var second = Context(h);
        var mine = await first.Instances.SingleAsync(i => i.Id == instance.Id);
        var theirs = await second.Instances.SingleAsync(i => i.Id == instance.Id);
        mine.Variables = "{\"eerste\":true}";
        mine.Version++;
        await StepSave.SaveAsync(first, [new JournalEntity { InstanceId = instance.Id, At = At, Type = "first" }], default);

        // The second read the same version: its update finds no row and the whole save is rolled back, what ran before the
        // update (the new execution: its table comes first) as well as what would have come after it (timer, journal).
        theirs.Variables = "{\"tweede\":true}";
        theirs.Version++;
        second.Executions.Add(new ExecutionEntity { Id = Guid.NewGuid(), InstanceId = instance.Id, ElementId = "t", CreatedAt = At });
        second.Timers.Add(new TimerEntity { Id = Guid.NewGuid(), InstanceId = instance.Id, ElementId = "t", Spec = "P1D", DueAt = At, FirstDueAt = At, CreatedAt = At });
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => StepSave.SaveAsync(second, [new JournalEntity { InstanceId = instance.Id, At = At, Type = "second" }], default));
        Assert.Same(theirs, Assert.Single(conflict.Entries).Entity);

        await using var check = Context(h);
        var stored = await check.Instances.AsNoTracking().SingleAsync(i => i.Id == instance.Id);
        Assert.Equal(("{\"eerste\":true}", 1), (stored.Variables, stored.Version));
        Assert.Equal(0, await check.Executions.CountAsync(e => e.InstanceId == instance.Id));
        Assert.Equal(0, await check.Timers.CountAsync(t => t.InstanceId == instance.Id));
        Assert.Equal(["first"], await check.Journal.Where(j => j.InstanceId == instance.Id).Select(j => j.Type).ToListAsync());

        // A stale delete (of the version the second read) fails the same way.
        await using var third = Context(h);
        theirs.Version = 0;
        third.Attach(theirs);
        third.Remove(theirs);
        var deleted = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => StepSave.SaveAsync(third, [], default));
        Assert.Same(theirs, Assert.Single(deleted.Entries).Entity);
        Assert.True(await check.Instances.AnyAsync(i => i.Id == instance.Id));

        // The context whose save failed saves again once it has read the row anew: no transaction was left open on it.
        second.ChangeTracker.Clear();
        var reread = await second.Instances.SingleAsync(i => i.Id == instance.Id);
        reread.Variables = "{\"derde\":true}";
        reread.Version++;
        await StepSave.SaveAsync(second, [], default);
        var saved = await check.Instances.AsNoTracking().SingleAsync(i => i.Id == instance.Id);
        Assert.Equal(("{\"derde\":true}", 2), (saved.Variables, saved.Version));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Save_GivesADatabaseErrorAsEfCoreDoes_AndDeletesComeBeforeInsertsOfTheSameKey(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var kept = Message("m-1");
        await using (var db = Context(h))
        {
            db.Add(kept);
            await StepSave.SaveAsync(db, [], default);
        }

        // The same message id again (unique per tenant scope): the error EF Core gives, with the database's inside it,
        // as the engine's duplicate detection reads it; the journal of that save is not written.
        var instanceId = Guid.NewGuid();
        await using (var db = Context(h))
        {
            db.Add(Message("m-1"));
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => StepSave.SaveAsync(db, [new JournalEntity { InstanceId = instanceId, At = At, Type = "lost" }], default));
            if (provider == DatabaseProvider.PostgreSql)
            {
                Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
            }
            else
            {
                Assert.Equal(19, Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(error.InnerException).SqliteErrorCode);
            }

            Assert.True(ProcessEngine.IsUniqueViolation(error));
        }

        // Removing the kept message and adding one with its id in one save: the delete runs first.
        var replacement = Message("m-1");
        await using (var db = Context(h))
        {
            db.Add(replacement);
            db.Attach(kept);
            db.Remove(kept);
            await StepSave.SaveAsync(db, [], default);
        }

        await using var check = Context(h);
        Assert.Equal(replacement.Id, (await check.BufferedMessages.SingleAsync(m => m.MessageId == "m-1")).Id);
        Assert.False(await check.Journal.AnyAsync(j => j.InstanceId == instanceId));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Journal_IsStoredAsEfCoreStoresIt_ValueForValue_InTheStepsOrder(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        var efCore = Guid.NewGuid();
        var writer = Guid.NewGuid();
        JournalEntity[] Entries(Guid instanceId) =>
        [
            new() { InstanceId = instanceId, At = At, Type = "instance-started", User = "consulent-1", Data = "{\"naam\":\"Zoë d'Éclair <&> \\\"x\\\"\\n\"}" },
            new() { InstanceId = instanceId, At = At.AddTicks(1), Type = "element-entered", ElementId = "Intake" },
            new() { InstanceId = instanceId, At = new DateTimeOffset(2027, 3, 1, 23, 59, 59, TimeSpan.FromHours(-5)), Type = "element-left", ElementId = "Intake", User = "Ünïcode 漢字" },
            .. Enumerable.Range(0, 40).Select(n => new JournalEntity { InstanceId = instanceId, At = At.AddSeconds(n), Type = $"entry-{n:00}" }),
        ];

        await using (var db = Context(h))
        {
            db.Journal.AddRange(Entries(efCore));
            await db.SaveChangesAsync();
        }

        await using (var db = Context(h))
        {
            await StepSave.SaveAsync(db, Entries(writer), default);
        }

        // The columns as the database holds them (SQLite: each value's storage class too), in id order.
        await using var check = Context(h);
        var connection = check.Database.GetDbConnection();
        await check.Database.OpenConnectionAsync();
        async Task<List<string>> StoredAsync(Guid instanceId)
        {
            await using var command = connection.CreateCommand();
            var sqlite = provider == DatabaseProvider.Sqlite;
            command.CommandText = sqlite
                ? "SELECT typeof(at) || ':' || at, type, coalesce(element_id, '<null>'), coalesce(\"user\", '<null>'), coalesce(data, '<null>'), typeof(instance_id) || ':' || instance_id FROM journal WHERE instance_id = $1 ORDER BY id"
                : "SELECT at::text, type, coalesce(element_id, '<null>'), coalesce(\"user\", '<null>'), coalesce(data, '<null>'), instance_id::text FROM journal WHERE instance_id = $1 ORDER BY id";
            var parameter = command.CreateParameter();
            parameter.ParameterName = sqlite ? "$1" : string.Empty;
            parameter.Value = sqlite ? instanceId.ToString("D").ToUpperInvariant() : instanceId;
            command.Parameters.Add(parameter);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, 6).Select(reader.GetString)).Replace(instanceId.ToString("D"), "<id>", StringComparison.OrdinalIgnoreCase));
            }

            return rows;
        }

        var expected = await StoredAsync(efCore);
        Assert.Equal(43, expected.Count);
        Assert.Equal(expected, await StoredAsync(writer));
        Assert.Equal(Entries(writer).Select(e => e.Type), (await check.Journal.Where(j => j.InstanceId == writer).OrderBy(j => j.Id).ToListAsync()).Select(j => j.Type));
    }

    private static InstanceEntity Instance()
    {
        var id = Guid.NewGuid();
        return new InstanceEntity
        {
            Id = id,
            RootInstanceId = id,
            DefinitionId = Guid.NewGuid(),
            DefinitionKey = "traject",
            DefinitionVersion = 3,
            BusinessKey = "P-1",
            TenantId = "0632",
            Status = InstanceStatus.Active,
            Variables = "{}",
            CountedValues = "{\"leerroute\":\"B1\"}",
            StartedAt = At,
            StartedBy = "consulent-1",
        };
    }

    private static OutboxEntity Outbox(string kind, Guid target) => new() { Kind = kind, TargetId = target, DueAt = At.AddMonths(3), CreatedAt = At };

    private static BufferedMessageEntity Message(string messageId) => new() { Id = Guid.NewGuid(), Name = "besluit", CorrelationKey = "P-1", Tenants = ",0632,", MessageId = messageId, ReceivedAt = At, ExpiresAt = At.AddDays(30) };

    private static EngineDbContext Context(EngineHarness h) => h.Services.GetRequiredService<IEngineDbContextFactory>().Create();

    private static async Task AssertStoredAsync(EngineHarness h, InstanceEntity instance, TimerEntity timer, UserTaskEntity task)
    {
        await using var db = Context(h);
        Assert.Equal(Row(instance), Row(await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instance.Id)));
        Assert.Equal(Row(timer), Row(await db.Timers.AsNoTracking().SingleAsync(t => t.Id == timer.Id)));
        Assert.Equal(Row(task), Row(await db.UserTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id)));
    }

    /// <summary>Every property of a row, instants as UTC ticks (PostgreSQL keeps the instant, not the offset).</summary>
    private static string Row<T>(T row) => string.Join("|", typeof(T).GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.GetValue(row) switch
    {
        DateTimeOffset d => $"{p.Name}={d.UtcTicks}",
        null => $"{p.Name}=null",
        var v => $"{p.Name}={System.Text.Json.JsonSerializer.Serialize(v)}",
    }));
}
