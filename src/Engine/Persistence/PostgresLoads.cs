using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// The engine's two most frequent reads on PostgreSQL, each in one round trip where EF Core's LINQ needs one per table:
/// <list type="bullet">
/// <item>a step's load of an instance with everything that waits in it (executions, open tasks, scheduled timers, message
/// subscriptions, live jobs): one batch of six statements, read result by result; the keten's steps paid three to six
/// round trips for it. A task's completion reads the task in the same batch and the instance by the task's;</item>
/// <item>a partner call's claim: the job taken with one <c>UPDATE … RETURNING</c> (its conditions those of the EF Core
/// claim) joined to its instance, and the instance's executions for the call's input in the same command; four round trips
/// before.</item>
/// </list>
/// SQLite runs in-process, where a query per table costs no round trip; it keeps the EF Core queries.
/// </summary>
internal static class PostgresLoads
{
    private static readonly ConditionalWeakTable<IModel, Shape> Shapes = new();

    /// <summary>An instance and, when it is active, what waits in it; all tracked by the step's context.</summary>
    public sealed record LoadedInstance(
        InstanceEntity Instance,
        List<ExecutionEntity> Executions,
        List<UserTaskEntity> Tasks,
        List<TimerEntity> Timers,
        List<MessageSubscriptionEntity> Subscriptions,
        List<JobEntity> Jobs);

    /// <summary>A claimed job with its instance and executions, read only (the claim is committed).</summary>
    public sealed record ClaimedJob(JobEntity Job, InstanceEntity Instance, List<ExecutionEntity> Executions);

    private sealed record Shape(
        string[] LoadStatements,
        string[] TaskLoadStatements,
        string ClaimSql,
        string BatchClaimSql,
        PostgresRows<InstanceEntity> Instance,
        PostgresRows<ExecutionEntity> Execution,
        PostgresRows<UserTaskEntity> Task,
        PostgresRows<TimerEntity> Timer,
        PostgresRows<MessageSubscriptionEntity> Subscription,
        PostgresRows<JobEntity> Job);

    /// <summary>The instance with its waits, tracked by <paramref name="db"/>; null when there is no such instance.</summary>
    public static async Task<LoadedInstance?> InstanceAsync(EngineDbContext db, Guid instanceId, CancellationToken cancellationToken)
    {
        var shape = Shapes.GetValue(db.Model, ShapeOf);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = Batch(db, shape.LoadStatements, instanceId);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            return await ReadInstanceAsync(db, shape, reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A task (tracked; null when there is no such task) and its instance with its waits as <see cref="InstanceAsync"/> reads
    /// them, in one round trip: a completion reads no task of its own first.
    /// </summary>
    public static async Task<(UserTaskEntity? Task, LoadedInstance? Instance)> TaskAndInstanceAsync(EngineDbContext db, Guid taskId, CancellationToken cancellationToken)
    {
        var shape = Shapes.GetValue(db.Model, ShapeOf);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = Batch(db, shape.TaskLoadStatements, taskId);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (null, null);
            }

            var task = shape.Task.Track(db, shape.Task.ReadColumns(reader, 0));
            await reader.NextResultAsync(cancellationToken);
            return (task, await ReadInstanceAsync(db, shape, reader, cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The instance (the reader's current statement) and its waits (the five statements after it), tracked.</summary>
    private static async Task<LoadedInstance?> ReadInstanceAsync(EngineDbContext db, Shape shape, DbDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var instance = shape.Instance.Track(db, shape.Instance.ReadColumns(reader, 0));
        if (instance.Status != InstanceStatus.Active)
        {
            // As the EF Core path: an instance that ended has nothing waiting.
            return new LoadedInstance(instance, [], [], [], [], []);
        }

        return new LoadedInstance(
            instance,
            await NextRowsAsync(db, reader, shape.Execution, cancellationToken),
            await NextRowsAsync(db, reader, shape.Task, cancellationToken),
            await NextRowsAsync(db, reader, shape.Timer, cancellationToken),
            await NextRowsAsync(db, reader, shape.Subscription, cancellationToken),
            await NextRowsAsync(db, reader, shape.Job, cancellationToken));
    }

    /// <summary>The rows of the command's next statement, tracked.</summary>
    private static async Task<List<TEntity>> NextRowsAsync<TEntity>(EngineDbContext db, DbDataReader reader, PostgresRows<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        await reader.NextResultAsync(cancellationToken);
        var read = new List<TEntity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            read.Add(rows.Track(db, rows.ReadColumns(reader, 0)));
        }

        return read;
    }

    /// <summary>
    /// Claims a job when it is ready (pending and due, or running with an expired lease or <paramref name="takeOverLease"/>):
    /// running on <paramref name="node"/> until <paramref name="lockedUntil"/>, one attempt more, its version bumped. Null
    /// when it is not ready (or another node claimed it first).
    /// </summary>
    public static async Task<ClaimedJob?> ClaimJobAsync(EngineDbContext db, Guid jobId, DateTimeOffset now, string node, DateTimeOffset lockedUntil, bool takeOverLease, CancellationToken cancellationToken)
    {
        var shape = Shapes.GetValue(db.Model, ShapeOf);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db, shape.ClaimSql, [("id", jobId), ("now", now), ("node", node), ("until", lockedUntil), ("takeOver", takeOverLease)]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var (job, instance) = await ClaimRowAsync(shape, reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var executions = new List<ExecutionEntity>();
            while (await reader.ReadAsync(cancellationToken))
            {
                executions.Add(shape.Execution.ReadColumns(reader, 0));
            }

            return new ClaimedJob(job, instance, executions);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Claims every job of <paramref name="jobIds"/> that is ready (pending and due, or running with an expired lease), as
    /// <see cref="ClaimJobAsync"/> claims one, in one statement and one transaction; with their instances and those
    /// instances' executions in the same command. The jobs not ready (another node claimed them first) are left out.
    /// </summary>
    public static async Task<List<ClaimedJob>> ClaimJobsAsync(EngineDbContext db, Guid[] jobIds, DateTimeOffset now, string node, DateTimeOffset lockedUntil, CancellationToken cancellationToken)
    {
        var shape = Shapes.GetValue(db.Model, ShapeOf);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db, shape.BatchClaimSql, [("ids", jobIds), ("now", now), ("node", node), ("until", lockedUntil)]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var claimed = new List<(JobEntity Job, InstanceEntity Instance)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(await ClaimRowAsync(shape, reader, cancellationToken));
            }

            await reader.NextResultAsync(cancellationToken);
            var executions = new Dictionary<Guid, List<ExecutionEntity>>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var execution = shape.Execution.ReadColumns(reader, 0);
                if (!executions.TryGetValue(execution.InstanceId, out var list))
                {
                    executions[execution.InstanceId] = list = [];
                }

                list.Add(execution);
            }

            return claimed.Select(c => new ClaimedJob(c.Job, c.Instance, executions.GetValueOrDefault(c.Job.InstanceId) ?? [])).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A claim's row: the job as claimed, and its instance beside it.</summary>
    private static async Task<(JobEntity Job, InstanceEntity Instance)> ClaimRowAsync(Shape shape, DbDataReader reader, CancellationToken cancellationToken)
    {
        var job = shape.Job.ReadColumns(reader, 0);
        if (await reader.IsDBNullAsync(shape.Job.ColumnCount, cancellationToken))
        {
            throw new InvalidOperationException($"Job {job.Id} has no instance {job.InstanceId}.");
        }

        return (job, shape.Instance.ReadColumns(reader, shape.Job.ColumnCount));
    }

    /// <summary>
    /// A batch of <paramref name="statements"/> on the context's connection, in its transaction if it has one, each with
    /// <paramref name="value"/> as its one positional parameter (<c>$1</c>).
    /// </summary>
    private static DbBatch Batch(EngineDbContext db, string[] statements, object value)
    {
        var batch = db.Database.GetDbConnection().CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement;
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>A command on the context's connection, in its transaction if it has one.</summary>
    private static DbCommand Command(EngineDbContext db, string sql, (string Name, object Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static Shape ShapeOf(IModel model)
    {
        var instance = new PostgresRows<InstanceEntity>(model);
        var execution = new PostgresRows<ExecutionEntity>(model);
        var task = new PostgresRows<UserTaskEntity>(model);
        var timer = new PostgresRows<TimerEntity>(model);
        var subscription = new PostgresRows<MessageSubscriptionEntity>(model);
        var job = new PostgresRows<JobEntity>(model);
        var jobStatus = job.Column("Status");
        var pending = job.Literal("Status", JobStatus.Pending);
        var running = job.Literal("Status", JobStatus.Running);

        // What the EF Core queries of Step.LoadAsync read (open tasks, scheduled timers, pending and running jobs), as one
        // batch of six statements: one round trip, each statement prepared and answered in the binary protocol. The instance's
        // id is a positional parameter ($1), so Npgsql sends the statements as they are instead of parsing them on every load.
        // By task: the task first, then the same statements with the task's instance for the instance's id.
        var id = instance.Column("Id");
        string[] Load(string instanceId) =>
        [
            $"SELECT {instance.SelectList("x")} FROM {instance.Table} AS x WHERE x.{id} = {instanceId}",
            $"SELECT {execution.SelectList("w")} FROM {execution.Table} AS w WHERE w.{execution.Column("InstanceId")} = {instanceId}",
            $"SELECT {task.SelectList("w")} FROM {task.Table} AS w WHERE w.{task.Column("InstanceId")} = {instanceId} AND w.{task.Column("Status")} = {task.Literal("Status", UserTaskStatus.Open)}",
            $"SELECT {timer.SelectList("w")} FROM {timer.Table} AS w WHERE w.{timer.Column("InstanceId")} = {instanceId} AND w.{timer.Column("Status")} = {timer.Literal("Status", TimerStatus.Scheduled)}",
            $"SELECT {subscription.SelectList("w")} FROM {subscription.Table} AS w WHERE w.{subscription.Column("InstanceId")} = {instanceId}",
            $"SELECT {job.SelectList("w")} FROM {job.Table} AS w WHERE w.{job.Column("InstanceId")} = {instanceId} AND w.{jobStatus} IN ({pending}, {running})",
        ];
        var taskId = task.Column("Id");
        string[] taskLoad =
        [
            $"SELECT {task.SelectList("w")} FROM {task.Table} AS w WHERE w.{taskId} = $1",
            .. Load($"(SELECT t.{task.Column("InstanceId")} FROM {task.Table} AS t WHERE t.{taskId} = $1)"),
        ];

        // The claim's conditions are those of ProcessEngine.ClaimJobAsync's EF Core path; the row lock of the UPDATE makes
        // one of two claimers wait and then find the job no longer ready. The batch (the simulation clock's due partner
        // calls of one moment) claims the same way, without a take-over.
        string Claim(string which, string expiredLease) => $"""
            WITH c AS (
                UPDATE {job.Table} AS j
                SET {jobStatus} = {running}, {job.Column("LockedBy")} = @node, {job.Column("LockedUntil")} = @until,
                    {job.Column("Attempts")} = j.{job.Column("Attempts")} + 1, {job.Column("Version")} = j.{job.Column("Version")} + 1
                WHERE j.{job.Column("Id")} {which}
                  AND ((j.{jobStatus} = {pending} AND j.{job.Column("DueAt")} <= @now)
                    OR (j.{jobStatus} = {running} AND {expiredLease}))
                RETURNING j.*)
            SELECT {job.SelectList("c")}, {instance.SelectList("x")}
            FROM c LEFT JOIN {instance.Table} AS x ON x.{instance.Column("Id")} = c.{job.Column("InstanceId")};
            """;
        var expired = $"j.{job.Column("LockedUntil")} < @now";
        var claim = Claim("= @id", $"(@takeOver OR {expired})") + $"""

            SELECT {execution.SelectList("w")} FROM {execution.Table} AS w
            WHERE w.{execution.Column("InstanceId")} = (SELECT j.{job.Column("InstanceId")} FROM {job.Table} AS j WHERE j.{job.Column("Id")} = @id)
            """;
        var batchClaim = Claim("= ANY(@ids)", expired) + $"""

            SELECT {execution.SelectList("w")} FROM {execution.Table} AS w
            WHERE w.{execution.Column("InstanceId")} IN (
                SELECT j.{job.Column("InstanceId")} FROM {job.Table} AS j
                WHERE j.{job.Column("Id")} = ANY(@ids) AND j.{jobStatus} = {running} AND j.{job.Column("LockedBy")} = @node)
            """;
        return new Shape(Load("$1"), taskLoad, claim, batchClaim, instance, execution, task, timer, subscription, job);
    }
}
