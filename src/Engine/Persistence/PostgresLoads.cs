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
/// subscriptions, live jobs: each kind as one <c>json_agg</c> column beside the instance's row); the keten's steps paid three
/// to six round trips for it;</item>
/// <item>a partner call's claim: the job taken with one <c>UPDATE … RETURNING</c> (its conditions those of the EF Core
/// claim), with its instance and executions for the call's input in the same statement; four round trips before.</item>
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
        string LoadSql,
        string ClaimSql,
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
        return await ReadAsync(db, shape.LoadSql, [("id", instanceId)], reader =>
        {
            var instance = shape.Instance.Track(db, shape.Instance.ReadColumns(reader, 0));
            if (instance.Status != InstanceStatus.Active)
            {
                // As the EF Core path: an instance that ended has nothing waiting.
                return new LoadedInstance(instance, [], [], [], [], []);
            }

            var at = shape.Instance.ColumnCount;
            return new LoadedInstance(
                instance,
                shape.Execution.TrackAll(db, shape.Execution.ReadJson(Json(reader, at))),
                shape.Task.TrackAll(db, shape.Task.ReadJson(Json(reader, at + 1))),
                shape.Timer.TrackAll(db, shape.Timer.ReadJson(Json(reader, at + 2))),
                shape.Subscription.TrackAll(db, shape.Subscription.ReadJson(Json(reader, at + 3))),
                shape.Job.TrackAll(db, shape.Job.ReadJson(Json(reader, at + 4))));
        }, cancellationToken);
    }

    /// <summary>
    /// Claims a job when it is ready (pending and due, or running with an expired lease or <paramref name="takeOverLease"/>):
    /// running on <paramref name="node"/> until <paramref name="lockedUntil"/>, one attempt more, its version bumped. Null
    /// when it is not ready (or another node claimed it first).
    /// </summary>
    public static async Task<ClaimedJob?> ClaimJobAsync(EngineDbContext db, Guid jobId, DateTimeOffset now, string node, DateTimeOffset lockedUntil, bool takeOverLease, CancellationToken cancellationToken)
    {
        var shape = Shapes.GetValue(db.Model, ShapeOf);
        return await ReadAsync(db, shape.ClaimSql, [("id", jobId), ("now", now), ("node", node), ("until", lockedUntil), ("takeOver", takeOverLease)], reader =>
        {
            var job = shape.Job.ReadColumns(reader, 0);
            var at = shape.Job.ColumnCount;
            if (reader.IsDBNull(at))
            {
                throw new InvalidOperationException($"Job {job.Id} has no instance {job.InstanceId}.");
            }

            return new ClaimedJob(job, shape.Instance.ReadColumns(reader, at), shape.Execution.ReadJson(Json(reader, at + shape.Instance.ColumnCount)));
        }, cancellationToken);
    }

    private static string? Json(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Runs one statement on the context's connection (in its transaction, if any) and reads its one row.</summary>
    private static async Task<T?> ReadAsync<T>(EngineDbContext db, string sql, (string Name, object Value)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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

        // What the EF Core queries of Step.LoadAsync read: open tasks, scheduled timers, pending and running jobs.
        var load = $"""
            SELECT {instance.SelectList("x")},
                   (SELECT json_agg(w) FROM {execution.Table} AS w WHERE w.{execution.Column("InstanceId")} = x.{instance.Column("Id")}),
                   (SELECT json_agg(w) FROM {task.Table} AS w WHERE w.{task.Column("InstanceId")} = x.{instance.Column("Id")} AND w.{task.Column("Status")} = {task.Literal("Status", UserTaskStatus.Open)}),
                   (SELECT json_agg(w) FROM {timer.Table} AS w WHERE w.{timer.Column("InstanceId")} = x.{instance.Column("Id")} AND w.{timer.Column("Status")} = {timer.Literal("Status", TimerStatus.Scheduled)}),
                   (SELECT json_agg(w) FROM {subscription.Table} AS w WHERE w.{subscription.Column("InstanceId")} = x.{instance.Column("Id")}),
                   (SELECT json_agg(w) FROM {job.Table} AS w WHERE w.{job.Column("InstanceId")} = x.{instance.Column("Id")} AND w.{jobStatus} IN ({pending}, {running}))
            FROM {instance.Table} AS x
            WHERE x.{instance.Column("Id")} = @id
            """;

        // The claim's conditions are those of ProcessEngine.ClaimJobAsync's EF Core path; the row lock of the UPDATE makes
        // one of two claimers wait and then find the job no longer ready.
        var claim = $"""
            WITH c AS (
                UPDATE {job.Table} AS j
                SET {jobStatus} = {running}, {job.Column("LockedBy")} = @node, {job.Column("LockedUntil")} = @until,
                    {job.Column("Attempts")} = j.{job.Column("Attempts")} + 1, {job.Column("Version")} = j.{job.Column("Version")} + 1
                WHERE j.{job.Column("Id")} = @id
                  AND ((j.{jobStatus} = {pending} AND j.{job.Column("DueAt")} <= @now)
                    OR (j.{jobStatus} = {running} AND (@takeOver OR j.{job.Column("LockedUntil")} < @now)))
                RETURNING j.*)
            SELECT {job.SelectList("c")}, {instance.SelectList("x")},
                   (SELECT json_agg(w) FROM {execution.Table} AS w WHERE w.{execution.Column("InstanceId")} = c.{job.Column("InstanceId")})
            FROM c LEFT JOIN {instance.Table} AS x ON x.{instance.Column("Id")} = c.{job.Column("InstanceId")}
            """;
        return new Shape(load, claim, instance, execution, task, timer, subscription, job);
    }
}
