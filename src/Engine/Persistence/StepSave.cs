using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// A step's save without EF Core's update pipeline: the changes EF Core's change tracker found, written as statements whose
/// texts are made once per table and set of changed columns, with the step's journal after them; then the changes accepted
/// as <see cref="DbContext.SaveChangesAsync(CancellationToken)"/> accepts them. EF Core's update pipeline built and sorted
/// its commands and generated their SQL anew on every save: on PostgreSQL EF Core's share of the service's CPU on the keten
/// fell from about 22 % to 15 % without it, and a step allocates a third to a half less.
/// <list type="bullet">
/// <item>On PostgreSQL the statements are one batch: one round trip and, without a transaction of the caller's,
/// PostgreSQL's implicit transaction of one batch (no <c>BEGIN</c>, no <c>COMMIT</c> to wait for): a statement that fails
/// rolls back everything the batch did before it. An update or delete that finds no row raises in the database
/// (<c>engine_expect_row</c>).</item>
/// <item>On SQLite (in the process, no round trips) the statements run one after the other in one transaction, the
/// caller's or one begun here when there is more than one; an update or delete that changed no row ends the save there,
/// and the transaction is rolled back. A save in a transaction of its own first waits its turn for SQLite's one writer
/// (<see cref="SqliteWriteGate"/>); a caller's transaction is not queued, as it may hold the write lock already.</item>
/// </list>
/// <para>
/// What a save guarantees stays: one transaction; optimistic concurrency (an update or delete names the key's and the
/// concurrency tokens' original values, and one that finds no row fails the save with
/// <see cref="DbUpdateConcurrencyException"/>, nothing written); a database error surfaces as
/// <see cref="DbUpdateException"/> with the <see cref="DbException"/> inside, as EF Core's does; a table's identity key (the
/// outbox's) is read back. Statements run in EF Core's order (by table, deletes before updates before inserts, by key), so
/// two saves lock rows in one order.
/// </para>
/// The engine's model has plain tables only (one key column, scalar properties, no relationships); a model with anything
/// else is refused when first used, not written half.
/// </summary>
internal static partial class StepSave
{
    /// <summary>The SQLSTATE of <c>engine_expect_row</c> (migration <c>SaveRowCheck</c>): an update or delete found no row.</summary>
    private const string RowNotFound = "IB409";

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<IEntityType, Table>> Tables = new();

    /// <summary>
    /// Saves the tracked changes of <paramref name="db"/> and <paramref name="journal"/> in one transaction (on PostgreSQL
    /// one round trip): a step's commit, and the engine's other writes of its own rows (a job's or a task's claim, a kept
    /// message).
    /// </summary>
    public static async Task SaveAsync(EngineDbContext db, IReadOnlyList<JournalEntity> journal, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
#pragma warning disable EF1001 // EF Core's internal state manager: the version is pinned (Directory.Packages.props).
        var entries = ((IDbContextDependencies)db).StateManager.GetEntriesToSave(cascadeChanges: true);
#pragma warning restore EF1001
        var tables = Tables.GetValue(db.Model, _ => new ConcurrentDictionary<IEntityType, Table>());
        var writes = new List<Write>(entries.Count);
        foreach (var entry in entries)
        {
            var table = tables.GetOrAdd(entry.EntityType, type => new Table(type, db is PostgresEngineDbContext));
            var modified = entry.EntityState == EntityState.Modified ? table.ModifiedMask(entry) : 0;
            if (entry.EntityState == EntityState.Modified && modified == 0)
            {
                continue;
            }

            writes.Add(new Write(entry, table, modified));
        }

        if (writes.Count == 0 && journal.Count == 0)
        {
            return;
        }

        writes.Sort();
        if (db is PostgresEngineDbContext)
        {
            await PostgresAsync(db, writes, journal, cancellationToken);
        }
        else
        {
            using var turn = db.Database.CurrentTransaction is null ? await SqliteWriteGate.EnterAsync(db.Database.GetDbConnection(), cancellationToken) : null;
            await SqliteAsync(db, writes, journal, cancellationToken);
        }

        db.ChangeTracker.AcceptAllChanges();
    }

    private static async Task PostgresAsync(EngineDbContext db, List<Write> writes, IReadOnlyList<JournalEntity> journal, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // No transaction begun here: the statements of one batch are one implicit transaction (Npgsql sends a single
            // Sync after the last), committed when the last succeeds and rolled back whole when one fails. That saves the
            // round trip of a COMMIT on every step, and BEGIN.
            await using var batch = db.Database.GetDbConnection().CreateBatch();
            batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var factory = db.Database.GetDbConnection().CreateCommand();
            for (var i = 0; i < writes.Count; i++)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = writes[i].Table.Fill(command.Parameters, factory, writes[i], i);
                batch.BatchCommands.Add(command);
            }

            if (journal.Count > 0)
            {
                batch.BatchCommands.Add(JournalWriter.PostgresCommand(batch, db.Model, journal));
            }

            await ExecuteAsync(batch, writes, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task SqliteAsync(EngineDbContext db, List<Write> writes, IReadOnlyList<JournalEntity> journal, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One statement commits alone; more run in one transaction, rolled back (disposed uncommitted) when one fails.
            var statements = writes.Count + (journal.Count > 0 ? 1 : 0);
            await using var own = db.Database.CurrentTransaction is null && statements > 1 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            try
            {
                foreach (var write in writes)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = write.Table.Fill(command.Parameters, command, write, 0);
                    if (write.Entry.EntityState == EntityState.Added && write.Table.Identity is { } identity)
                    {
                        write.Entry.SetStoreGeneratedValue(identity, await command.ExecuteScalarAsync(cancellationToken));
                    }
                    else if (await command.ExecuteNonQueryAsync(cancellationToken) != 1 && write.Entry.EntityState != EntityState.Added)
                    {
                        throw Conflict(write);
                    }
                }

                await JournalWriter.WriteAsync(db, journal, cancellationToken);
            }
            catch (DbException ex)
            {
                throw Failed(ex, writes);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(DbBatch batch, List<Write> writes, CancellationToken cancellationToken)
    {
        try
        {
            // An insert into a table with an identity key returns a row (the key), an update or delete the row of its check;
            // read them in the statements' order.
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                var next = 0;
                do
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        while (!writes[next].ReturnsRow)
                        {
                            next++;
                        }

                        var write = writes[next++];
                        if (write.Entry.EntityState == EntityState.Added)
                        {
                            write.Entry.SetStoreGeneratedValue(write.Table.Identity!, reader.GetValue(0));
                        }
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }
        }
        catch (DbException ex) when (ex.SqlState == RowNotFound && StatementOf(ex) is { } statement && statement < writes.Count)
        {
            throw Conflict(writes[statement]);
        }
        catch (DbException ex)
        {
            throw Failed(ex, writes);
        }
    }

    private static DbUpdateException Failed(DbException exception, List<Write> writes) =>
        new("An error occurred while saving the step's changes. See the inner exception for details.", exception, writes.Select(w => w.Entry).ToList());

    /// <summary>The position in the save of the statement whose check raised (<c>engine_expect_row</c>'s message names it).</summary>
    private static int? StatementOf(DbException exception) =>
        CheckMessage().Match(exception.Message) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"save statement (\d+) found")]
    private static partial System.Text.RegularExpressions.Regex CheckMessage();

    private static DbUpdateConcurrencyException Conflict(Write write) => new(
        $"The {write.Entry.EntityState.ToString().ToLowerInvariant()} {write.Entry.EntityType.DisplayName()} row was changed or deleted since it was read (optimistic concurrency).",
        [write.Entry]);

    /// <summary>One row to write, in EF Core's order: by table, then deletes, updates, inserts, then by key.</summary>
    private readonly record struct Write(IUpdateEntry Entry, Table Table, ulong Modified) : IComparable<Write>
    {
        /// <summary>Whether the statement returns a row: an identity key inserted, or the check of an update or delete.</summary>
        public bool ReturnsRow => Entry.EntityState != EntityState.Added || Table.Identity is not null;

        public int CompareTo(Write other)
        {
            var byTable = string.CompareOrdinal(Table.Name, other.Table.Name);
            if (byTable != 0)
            {
                return byTable;
            }

            var byState = Order(Entry.EntityState).CompareTo(Order(other.Entry.EntityState));
            return byState != 0 ? byState : Table.CompareKeys(Entry, other.Entry);
        }

        private static int Order(EntityState state) => state switch
        {
            EntityState.Deleted => 0,
            EntityState.Modified => 1,
            _ => 2,
        };
    }

    private static readonly string[] SqliteNames = Enumerable.Range(0, 80).Select(n => "$" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>How one table is written: its columns, key, concurrency tokens and statement texts.</summary>
    private sealed class Table
    {
        private readonly IProperty[] _properties;
        private readonly string[] _columns;
        private readonly RelationalTypeMapping[] _mappings;
        private readonly IProperty _key;

        /// <summary>The properties a row is found by when updated or deleted: the key, then the concurrency tokens.</summary>
        private readonly int[] _conditions;
        private readonly string _insert;
        private readonly string _delete;
        private readonly ConcurrentDictionary<ulong, string> _updates = new();

        /// <summary>PostgreSQL: positional parameters, and each update or delete checked in the database; SQLite: parameters named <c>$1</c>, <c>$2</c>…, the count of changed rows checked here.</summary>
        private readonly bool _postgres;

        public Table(IEntityType entity, bool postgres)
        {
            _postgres = postgres;
            var name = entity.GetTableName();
            var key = entity.FindPrimaryKey();
            var properties = entity.GetProperties().ToArray();
            if (name is null || entity.BaseType is not null || entity.GetDerivedTypes().Any() || entity.IsOwned()
                || entity.GetNavigations().Any() || entity.GetSkipNavigations().Any() || entity.GetComplexProperties().Any()
                || key is null || key.Properties.Count != 1 || properties.Length > 64
                || properties.Any(p => p.GetComputedColumnSql() is not null || p.GetDefaultValueSql() is not null || p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate)
                    || (p.IsConcurrencyToken && p.IsNullable)))
            {
                throw new InvalidOperationException($"{entity.DisplayName()}: only a table with one key column and plain columns can be saved by {nameof(StepSave)}.");
            }

            var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
            Name = JournalWriter.Quote(name);
            _properties = properties;
            _columns = properties.Select(p => JournalWriter.Quote(p.GetColumnName(store)!)).ToArray();
            _mappings = properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
            _key = key.Properties[0];
            _conditions = [Array.IndexOf(properties, _key), .. Enumerable.Range(0, properties.Length).Where(i => properties[i].IsConcurrencyToken)];

            // A numeric key generated on add is the table's identity: the database gives it and the insert returns it.
            Identity = _key.ValueGenerated == ValueGenerated.OnAdd && _key.ClrType is var type && (type == typeof(long) || type == typeof(int)) ? _key : null;
            var inserted = Enumerable.Range(0, properties.Length).Where(i => properties[i] != Identity).ToArray();
            _insert = $"INSERT INTO {Name} ({string.Join(", ", inserted.Select(i => _columns[i]))}) VALUES ({string.Join(", ", inserted.Select((_, n) => "$" + (n + 1)))})"
                + (Identity is null ? string.Empty : $" RETURNING {_columns[Array.IndexOf(properties, Identity)]}");
            _delete = Checked($"DELETE FROM {Name} WHERE {Conditions(1)}", _conditions.Length + 1);

        }

        /// <summary>The table's name, quoted.</summary>
        public string Name { get; }

        /// <summary>The key the database generates (and an insert returns), or null.</summary>
        public IProperty? Identity { get; }

        /// <summary>Which columns of a modified row changed, one bit per property.</summary>
        public ulong ModifiedMask(IUpdateEntry entry)
        {
            ulong mask = 0;
            for (var i = 0; i < _properties.Length; i++)
            {
                if (entry.IsModified(_properties[i]))
                {
                    mask |= 1UL << i;
                }
            }

            return mask;
        }

        public int CompareKeys(IUpdateEntry a, IUpdateEntry b) =>
            Comparer<object>.Default.Compare(a.GetOriginalValue(_key), b.GetOriginalValue(_key));

        /// <summary>
        /// The statement text of <paramref name="write"/>, its values added to <paramref name="parameters"/> (made by
        /// <paramref name="factory"/>); <paramref name="position"/> its place in the save (PostgreSQL's check names it).
        /// </summary>
        public string Fill(DbParameterCollection parameters, DbCommand factory, Write write, int position)
        {
            var entry = write.Entry;
            string text;
            void Add(int property, object? value) =>
                parameters.Add(_mappings[property].CreateParameter(factory, _postgres ? string.Empty : SqliteName(parameters.Count + 1), value, _properties[property].IsNullable));

            switch (entry.EntityState)
            {
                case EntityState.Added:
                    text = _insert;
                    for (var i = 0; i < _properties.Length; i++)
                    {
                        if (_properties[i] != Identity)
                        {
                            Add(i, entry.GetCurrentValue(_properties[i]));
                        }
                    }

                    break;
                case EntityState.Modified:
                    var mask = write.Modified;
                    text = _updates.GetOrAdd(mask, Update);
                    for (var i = 0; i < _properties.Length; i++)
                    {
                        if ((mask & (1UL << i)) != 0)
                        {
                            Add(i, entry.GetCurrentValue(_properties[i]));
                        }
                    }

                    AddConditions(entry, Add);
                    AddPosition(parameters, factory, position);
                    break;
                case EntityState.Deleted:
                    text = _delete;
                    AddConditions(entry, Add);
                    AddPosition(parameters, factory, position);
                    break;
                default:
                    throw new InvalidOperationException($"{entry.EntityType.DisplayName()}: nothing to save for a row in state {entry.EntityState}.");
            }

            return text;
        }

        /// <summary>The key's and the concurrency tokens' original values, in the order of <see cref="Conditions"/>.</summary>
        private void AddConditions(IUpdateEntry entry, Action<int, object?> add)
        {
            foreach (var i in _conditions)
            {
                add(i, entry.GetOriginalValue(_properties[i]));
            }
        }

        private string Update(ulong mask)
        {
            var set = new StringBuilder();
            var n = 0;
            for (var i = 0; i < _properties.Length; i++)
            {
                if ((mask & (1UL << i)) != 0)
                {
                    set.Append(n == 0 ? string.Empty : ", ").Append(_columns[i]).Append(" = $").Append(++n);
                }
            }

            return Checked($"UPDATE {Name} SET {set} WHERE {Conditions(n + 1)}", n + _conditions.Length + 1);
        }

        /// <summary>
        /// On PostgreSQL an update or delete that raises in the database when it finds no row (<c>engine_expect_row</c>), so
        /// the save's transaction is rolled back before it commits; its position in the save is parameter
        /// <paramref name="position"/>. On SQLite the statement as it is: the save reads how many rows it changed.
        /// </summary>
        private string Checked(string statement, int position) =>
            _postgres ? $"WITH w AS ({statement} RETURNING 1) SELECT engine_expect_row(count(*), ${position}) FROM w" : statement;

        private void AddPosition(DbParameterCollection parameters, DbCommand factory, int position)
        {
            if (!_postgres)
            {
                return;
            }

            var parameter = factory.CreateParameter();
            parameter.Value = position;
            parameters.Add(parameter);
        }

        /// <summary>SQLite's name of the parameter written <c>$n</c> in the statement texts (PostgreSQL's are positional).</summary>
        private static string SqliteName(int n) => n < SqliteNames.Length ? SqliteNames[n] : "$" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The key and the concurrency tokens (never null) matched, their parameters numbered from <paramref name="first"/>.</summary>
        private string Conditions(int first) => string.Join(" AND ", _conditions.Select((i, n) => $"{_columns[i]} = ${first + n}"));
    }
}
