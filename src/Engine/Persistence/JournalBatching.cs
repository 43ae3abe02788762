using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// On PostgreSQL, puts a step's journal in the same command as the step's state: the first command of the step's save
/// (<see cref="CommandSource.SaveChanges"/>) gets the journal's insert appended (<see cref="JournalWriter.AppendTo"/>), so
/// the journal costs no round trip of its own. The step's transaction holds both, as before.
/// </summary>
internal sealed class JournalBatching : DbCommandInterceptor
{
    public static readonly JournalBatching Instance = new();

    private JournalBatching()
    {
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Append(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Append(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Append(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Append(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Append(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource == CommandSource.SaveChanges && eventData.Context is EngineDbContext { PendingJournal: { Count: > 0 } journal } db)
        {
            db.PendingJournal = null;
            JournalWriter.AppendTo(command, db.Model, journal);
        }
    }
}
