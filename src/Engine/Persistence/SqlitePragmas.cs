using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// Per-connection SQLite settings: WAL with synchronous=NORMAL commits without an fsync per transaction and stays
/// durable when the process crashes (only an operating-system crash or power loss can lose the last commits; production
/// runs on PostgreSQL); a busy timeout for the rare writer from another process.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>The native connections already set: the pool hands the same one out again and again.</summary>
    private static readonly ConditionalWeakTable<object, object> Applied = [];

    private static void Apply(System.Data.Common.DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !Applied.TryAdd(handle, handle))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        command.ExecuteNonQuery();
    }
}
