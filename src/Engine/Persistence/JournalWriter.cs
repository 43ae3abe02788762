using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// Writes a step's journal entries as one statement in the step's transaction, without change tracking and without reading
/// the generated ids back: on PostgreSQL one <c>INSERT … SELECT FROM unnest(arrays)</c> in the step's batch
/// (<see cref="StepSave"/>; one statement text for every step, the rows in the step's order); on SQLite one multi-row
/// <c>INSERT … VALUES</c>. The rows are the same as EF Core would write; only the way there is cheaper (a straight-through
/// instance writes ~27 entries, which were about a third of its CPU through the change tracker).
/// </summary>
internal static class JournalWriter
{
    private const int SqliteRowsPerStatement = 500;

    private static readonly string[] Columns = [nameof(JournalEntity.InstanceId), nameof(JournalEntity.At), nameof(JournalEntity.Type), nameof(JournalEntity.ElementId), nameof(JournalEntity.User), nameof(JournalEntity.Data)];

    /// <summary>The statement's parts, read from EF Core's model once per model (tests hold two models in one process).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Shape> Shapes = new();

    /// <summary>Parameter names of the SQLite statement, made once: @p{row}_{column}.</summary>
    private static readonly string[][] ParameterNames = Enumerable.Range(0, SqliteRowsPerStatement)
        .Select(row => Enumerable.Range(0, Columns.Length).Select(column => $"@p{row}_{column}").ToArray())
        .ToArray();

    private sealed record Shape(string PostgresInsert, string SqliteInsertPrefix, RelationalTypeMapping[] Mappings, bool[] Nullable);

    /// <summary>Writes <paramref name="entries"/> on SQLite, in the context's transaction (PostgreSQL: <see cref="PostgresCommand"/>).</summary>
    public static async Task WriteAsync(EngineDbContext db, IReadOnlyList<JournalEntity> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var shape = Shapes.GetValue(db.Model, ShapeOf);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var chunk in entries.Chunk(SqliteRowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(shape.SqliteInsertPrefix, shape.SqliteInsertPrefix.Length + (chunk.Length * 48));
            for (var row = 0; row < chunk.Length; row++)
            {
                var e = chunk[row];
                var names = ParameterNames[row];
                object?[] values = [e.InstanceId, e.At, e.Type, e.ElementId, e.User, e.Data];
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < values.Length; column++)
                {
                    if (column > 0)
                    {
                        sql.Append(", ");
                    }

                    sql.Append(names[column]);
                    command.Parameters.Add(shape.Mappings[column].CreateParameter(command, names[column], values[column], nullable: shape.Nullable[column]));
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The journal's insert on PostgreSQL as a statement of <paramref name="batch"/> (<see cref="StepSave"/> puts it in the
    /// step's batch, after the state it describes): one round trip for the state and its journal, in one transaction.
    /// </summary>
    public static DbBatchCommand PostgresCommand(DbBatch batch, IModel model, IReadOnlyList<JournalEntity> entries)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = Shapes.GetValue(model, ShapeOf).PostgresInsert;
        Add(command, entries.Select(e => e.InstanceId).ToArray());
        Add(command, entries.Select(e => e.At.ToUniversalTime()).ToArray());
        Add(command, entries.Select(e => e.Type).ToArray());
        Add(command, entries.Select(e => e.ElementId).ToArray());
        Add(command, entries.Select(e => e.User).ToArray());
        Add(command, entries.Select(e => e.Data).ToArray());
        return command;
    }

    private static Shape ShapeOf(IModel model)
    {
        var entity = model.FindEntityType(typeof(JournalEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var sqlTable = Quote(entity.GetTableName()!);
        var sqlColumns = string.Join(", ", properties.Select(p => Quote(p.GetColumnName(table)!)));
        return new Shape(
            $"INSERT INTO {sqlTable} ({sqlColumns}) SELECT i, a, t, e, u, d FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS j(i, a, t, e, u, d, n) ORDER BY n",
            $"INSERT INTO {sqlTable} ({sqlColumns}) VALUES ",
            properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray(),
            properties.Select(p => p.IsNullable).ToArray());
    }

    /// <summary>An SQL identifier, quoted (both providers take double quotes).</summary>
    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A positional parameter (<c>$n</c> in the order added).</summary>
    private static void Add(DbBatchCommand command, object value)
    {
        var parameter = command.CreateParameter();
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
