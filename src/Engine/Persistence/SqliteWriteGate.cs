using System.Collections.Concurrent;
using System.Data.Common;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// The queue of a process's writers for SQLite's one writer. A transaction that finds the write lock taken waits in
/// SQLite's busy handler, which sleeps 1, 2, 5, 10, 15, 20, 25… ms between tries whatever the other writer needs (in the
/// keten bench about 170 such sleeps a second, 2.5 of every 4 seconds slept by some writer); writers that queue here
/// instead each begin the moment the one before has committed (the engine bench's straight-through workload on SQLite:
/// 1,047–1,183 instances/s instead of 811–824; the keten's 1,000 trajecten 197–207 s instead of 218–239). One gate per
/// connection string, for every engine of the process that uses it; <see cref="StepSave"/> takes the turn for a save in a
/// transaction of its own (a transaction begun by a caller is not queued, as it may hold the lock already).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the turn to write to <paramref name="connection"/>'s database; disposing the answer ends it.</summary>
    public static async Task<Turn> EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(connection.ConnectionString, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    /// <summary>One writer's turn.</summary>
    public sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
