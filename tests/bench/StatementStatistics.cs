using System.Globalization;
using System.Text;
using Npgsql;

/// <summary>
/// What the server asked PostgreSQL during a bench run, from <c>pg_stat_statements</c> (the bench's PostgreSQL loads it,
/// tests/postgres.sh with PG_STATEMENTS=1): statements and transactions per traject, the most frequent statements and those that took the longest in all.
/// Every statement is a round trip unless it shares a command (a save's batch) with others; every transaction without
/// BEGIN is a single statement. Null when the extension is not loaded (a PostgreSQL started otherwise).
/// </summary>
internal sealed class StatementStatistics
{
    private readonly string _connectionString;

    private StatementStatistics(string connectionString) => _connectionString = connectionString;

    public static async Task<StatementStatistics?> StartAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        try
        {
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
            await create.ExecuteNonQueryAsync();
            return new StatementStatistics(connectionString);
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine($"  (no statement statistics: {e.MessageText})");
            return null;
        }
    }

    public async Task<string> ReportAsync(string provider, int trajecten)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        const string OwnDatabase = "dbid = (SELECT oid FROM pg_database WHERE datname = current_database())";
        await using var totals = new NpgsqlCommand(
            $"SELECT (SELECT sum(calls)::bigint FROM pg_stat_statements WHERE {OwnDatabase}), (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database())",
            connection);
        long calls, transactions;
        await using (var reader = await totals.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (calls, transactions) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: PostgreSQL ran {calls / (double)Math.Max(1, trajecten):N0} statements in {transactions / (double)Math.Max(1, trajecten):N0} transactions per traject (pg_stat_statements); the most frequent, per traject, with their execution time:"));
        await AppendAsync("calls DESC", 12);
        text.Append("\nthe longest in total, with their share of all statements' execution time:");
        await AppendAsync("total_exec_time DESC", 8);

        async Task AppendAsync(string order, int count)
        {
            await using var top = new NpgsqlCommand(
                $"SELECT calls, total_exec_time, total_exec_time / nullif(sum(total_exec_time) OVER (), 0), regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements WHERE {OwnDatabase} ORDER BY {order} LIMIT {count}",
                connection);
            await using var reader = await top.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var query = reader.GetString(3);
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"\n  {reader.GetInt64(0) / (double)Math.Max(1, trajecten),6:N1} × {1000 * reader.GetDouble(1) / Math.Max(1, reader.GetInt64(0)),5:0} µs {(reader.IsDBNull(2) ? 0 : reader.GetDouble(2)),4:P0}  {(query.Length > 110 ? query[..110] + "…" : query)}"));
            }
        }

        // A lookup without its index shows here first: a table read whole, over and over, as it grows.
        text.Append("\nsequential scans (rows read per traject; a large figure that grows with the run is a missing index):");
        await using (var scans = new NpgsqlCommand(
            "SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup FROM pg_stat_user_tables WHERE seq_tup_read > 0 ORDER BY seq_tup_read DESC LIMIT 5",
            connection))
        await using (var reader = await scans.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"\n  {reader.GetString(0),-24} {reader.GetInt64(1),10:N0} scans {reader.GetInt64(2) / (double)Math.Max(1, trajecten),14:N0} rows/traject {reader.GetInt64(3),12:N0} index scans {reader.GetInt64(4),10:N0} rows now"));
            }
        }

        return text.ToString();
    }
}
