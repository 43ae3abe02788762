using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// Writes a step's journal entries as one statement in the step's transaction, without change tracking and without reading
/// the generated ids back, and with one statement text for every step: on PostgreSQL one
/// <c>INSERT … SELECT FROM unnest(arrays)</c> in the step's batch (<see cref="StepSave"/>), on SQLite one
/// <c>INSERT … SELECT FROM json_each($rows)</c> whose one parameter holds the rows as a JSON array (a multi-row
/// <c>VALUES</c> had six parameters a row to bind and a text to parse that grew with the rows); the rows in the step's
/// order. The rows are the same as EF Core would write (each value through the model's converter, a <see cref="Guid"/> as
/// SQLite's text of it); only the way there is cheaper (a straight-through instance writes ~27 entries, which were about a
/// third of its CPU through the change tracker).
/// </summary>
internal static class JournalWriter
{
    private static readonly string[] Columns = [nameof(JournalEntity.InstanceId), nameof(JournalEntity.At), nameof(JournalEntity.Type), nameof(JournalEntity.ElementId), nameof(JournalEntity.User), nameof(JournalEntity.Data)];

    /// <summary>The statement's parts, read from EF Core's model once per model (tests hold two models in one process).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Shape> Shapes = new();

    private sealed record Shape(string PostgresInsert, string SqliteInsert, RelationalTypeMapping[] Mappings);

    /// <summary>Writes <paramref name="entries"/> on SQLite, in the context's transaction (PostgreSQL: <see cref="PostgresCommand"/>).</summary>
    public static async Task WriteAsync(EngineDbContext db, IReadOnlyList<JournalEntity> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var shape = Shapes.GetValue(db.Model, ShapeOf);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = shape.SqliteInsert;
        var rows = command.CreateParameter();
        rows.ParameterName = "$rows";
        rows.Value = SqliteRows(shape, entries);
        command.Parameters.Add(rows);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The rows as SQLite's statement reads them: a JSON array of arrays, each value as EF Core would store it.</summary>
    private static string SqliteRows(Shape shape, IReadOnlyList<JournalEntity> entries)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(entries.Count * 192);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var e in entries)
            {
                json.WriteStartArray();
                Write(json, shape.Mappings[0], e.InstanceId);
                Write(json, shape.Mappings[1], e.At);
                Write(json, shape.Mappings[2], e.Type);
                Write(json, shape.Mappings[3], e.ElementId);
                Write(json, shape.Mappings[4], e.User);
                Write(json, shape.Mappings[5], e.Data);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(System.Text.Json.Utf8JsonWriter json, RelationalTypeMapping mapping, object? value)
    {
        switch (value is null || mapping.Converter is null ? value : mapping.Converter.ConvertToProvider(value))
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case Guid id:
                // As Microsoft.Data.Sqlite binds a Guid to a TEXT column.
                json.WriteStringValue(id.ToString("D").ToUpperInvariant());
                break;
            case var other:
                throw new InvalidOperationException($"The journal's writer for SQLite cannot store a {other.GetType().Name}: the model changed.");
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
            $"INSERT INTO {sqlTable} ({sqlColumns}) SELECT {string.Join(", ", properties.Select((_, n) => $"json_extract(value, '$[{n}]')"))} FROM json_each($rows) ORDER BY key",
            properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray());
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
