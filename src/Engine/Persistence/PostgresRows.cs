using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// Rows of one entity type read as EF Core maps them (its columns and value converters) from a statement's columns, for the
/// commands that read several tables in one round trip (<see cref="PostgresLoads"/>), which EF Core's LINQ cannot express.
/// What they read is attached to the context as a tracking query would have, so change tracking and optimistic concurrency
/// work as ever.
/// </summary>
internal sealed class PostgresRows<TEntity>
    where TEntity : class
{
    private static readonly Func<TEntity> Create = Expression.Lambda<Func<TEntity>>(Expression.New(typeof(TEntity))).Compile();

    private readonly Field[] _columns;
    private readonly Func<TEntity, Guid> _key;
    private readonly IKey _primaryKey;
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _table;

    public PostgresRows(IModel model)
    {
        _entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        _table = StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema());
        Table = JournalWriter.Quote(_entity.GetTableName()!);
        _columns = _entity.GetProperties().Select(p => new Field(p.GetColumnName(_table)!, p)).ToArray();
        _primaryKey = _entity.FindPrimaryKey()!;
        var key = _primaryKey.Properties.Single();
        var entity = Expression.Parameter(typeof(TEntity));
        _key = Expression.Lambda<Func<TEntity, Guid>>(Expression.Property(entity, key.PropertyInfo!), entity).Compile();
    }

    /// <summary>The table, quoted.</summary>
    public string Table { get; }

    /// <summary>Every column, quoted and prefixed with <paramref name="alias"/>, in the order <see cref="ReadColumns"/> reads them.</summary>
    public string SelectList(string alias) => string.Join(", ", _columns.Select(c => alias + "." + JournalWriter.Quote(c.Name)));

    /// <summary>How many columns <see cref="SelectList"/> names.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The column of a property, quoted.</summary>
    public string Column(string property) => JournalWriter.Quote(_entity.FindProperty(property)!.GetColumnName(_table)!);

    /// <summary>A stored value of a property as SQL text (a status as the database holds it), for constant conditions.</summary>
    public string Literal(string property, object value) =>
        "'" + Convert.ToString(_entity.FindProperty(property)!.GetTypeMapping().Converter?.ConvertToProvider(value) ?? value, System.Globalization.CultureInfo.InvariantCulture)!.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The row whose columns (<see cref="SelectList"/>) start at <paramref name="first"/>.</summary>
    public TEntity ReadColumns(DbDataReader reader, int first)
    {
        var entity = Create();
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            column.Set(entity, reader.IsDBNull(first + i) ? null : column.FromColumn(reader, first + i));
        }

        return entity;
    }

    /// <summary>Attaches a row as unchanged, or gives the entity the context already tracks with its key (as a tracking query does).</summary>
    public TEntity Track(DbContext db, TEntity row)
    {
        // The state manager's own lookup by key, as a tracking query's identity resolution does. The public ways there cost
        // more than the load: DbSet.Local registers a view that every later state change of the context then updates, and
        // ChangeTracker.Entries enumerates everything tracked. The context holds its state manager (GetService would resolve it
        // through the context's service scope, under its lock, for every row).
#pragma warning disable EF1001 // EF Core's internal state manager: the version is pinned (Directory.Packages.props).
        if (((IDbContextDependencies)db).StateManager.TryGetEntry(_primaryKey, [_key(row)]) is { } tracked)
        {
            return (TEntity)tracked.Entity;
        }
#pragma warning restore EF1001

        db.Attach(row);
        return row;
    }

    /// <summary>One column: how to read its stored value and set its property.</summary>
    private sealed class Field
    {
        public Field(string name, IProperty property)
        {
            if (property.PropertyInfo is null)
            {
                throw new InvalidOperationException($"{typeof(TEntity).Name}.{property.Name} has no CLR property to set.");
            }

            Name = name;
            var converter = property.GetTypeMapping().Converter;
            var stored = converter?.ProviderClrType ?? property.ClrType;
            stored = Nullable.GetUnderlyingType(stored) ?? stored;
            FromColumn = Reader(stored, $"{typeof(TEntity).Name}.{property.Name}");
            var fromProvider = converter?.ConvertFromProvider;
            var entity = Expression.Parameter(typeof(TEntity));
            var value = Expression.Parameter(typeof(object));
            var assign = Expression.Lambda<Action<TEntity, object?>>(
                Expression.Assign(Expression.Property(entity, property.PropertyInfo), Expression.Convert(value, property.ClrType)),
                entity,
                value).Compile();
            Set = fromProvider is null ? assign : (target, stored) => assign(target, stored is null ? null : fromProvider(stored));
        }

        public string Name { get; }

        public Func<DbDataReader, int, object> FromColumn { get; }

        /// <summary>Sets the property from the stored value (null for NULL).</summary>
        public Action<TEntity, object?> Set { get; }

        /// <summary>A stored value as Npgsql returns it for the provider type.</summary>
        private static Func<DbDataReader, int, object> Reader(Type type, string name) => type switch
        {
            _ when type == typeof(string) => (r, i) => r.GetString(i),
            _ when type == typeof(Guid) => (r, i) => r.GetGuid(i),
            _ when type == typeof(int) => (r, i) => r.GetInt32(i),
            _ when type == typeof(long) => (r, i) => r.GetInt64(i),
            _ when type == typeof(bool) => (r, i) => r.GetBoolean(i),
            _ when type == typeof(double) => (r, i) => r.GetDouble(i),
            _ when type == typeof(decimal) => (r, i) => r.GetDecimal(i),
            _ when type == typeof(DateTimeOffset) => (r, i) => r.GetFieldValue<DateTimeOffset>(i),
            _ => throw new InvalidOperationException($"{name}: a column of type {type.Name} cannot be read here."),
        };
    }
}
