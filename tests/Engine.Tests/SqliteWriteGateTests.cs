using Inburgering.Engine.Persistence;
using Microsoft.Data.Sqlite;

namespace Inburgering.Engine.Tests;

/// <summary>
/// SQLite's one writer, queued in the process (<see cref="SqliteWriteGate"/>): a writer waits for the turn of the one before
/// on the same database, not for one on another; a turn ends once however often it is disposed; a writer that gives up while
/// it waits takes no turn.
/// </summary>
public sealed class SqliteWriteGateTests
{
    private static SqliteConnection Connection(string name) => new($"Data Source=gate-{name}-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_writer_waits_for_the_turn_before_it_on_the_same_database_only()
    {
        using var a = Connection("a");
        using var sameAsA = new SqliteConnection(a.ConnectionString);
        using var other = Connection("b");

        var first = await SqliteWriteGate.EnterAsync(a, CancellationToken.None);
        var second = SqliteWriteGate.EnterAsync(sameAsA, CancellationToken.None);
        using (await SqliteWriteGate.EnterAsync(other, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            // Another database's writer went ahead; this one's second writer still waits.
            Assert.False(second.IsCompleted);
        }

        first.Dispose();
        first.Dispose();
        var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(30));

        // Disposing the first turn twice gave one turn back: a third writer waits for the second.
        var third = SqliteWriteGate.EnterAsync(a, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        secondTurn.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task A_writer_that_gives_up_while_it_waits_takes_no_turn()
    {
        using var connection = Connection("c");
        var first = await SqliteWriteGate.EnterAsync(connection, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = SqliteWriteGate.EnterAsync(connection, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        first.Dispose();
        (await SqliteWriteGate.EnterAsync(connection, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }
}
