using System.Linq.Expressions;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore.Query;

namespace Inburgering.Engine.Queries;

/// <summary>
/// The order of a list of tasks under each <see cref="TaskSort"/>, and where a page of it continues: the two read together,
/// as the "after" of one must be the order of the other (dated tasks before undated ones; ties broken by created, then id).
/// </summary>
internal static class TaskOrder
{
    /// <summary>The tasks in <paramref name="sort"/>'s order.</summary>
    public static IOrderedQueryable<UserTaskEntity> Sorted(IQueryable<UserTaskEntity> query, TaskSort sort) => Sorted(query, t => t, sort);

    /// <summary>Rows holding a task (<paramref name="task"/>), in its <paramref name="sort"/>'s order.</summary>
    public static IOrderedQueryable<T> Sorted<T>(IQueryable<T> query, Expression<Func<T, UserTaskEntity>> task, TaskSort sort) => sort switch
    {
        TaskSort.DueAscending => query.OrderBy(Key(task, t => t.DueAt == null)).ThenBy(Key(task, t => t.DueAt)).ThenBy(Key(task, t => t.CreatedAt)).ThenBy(Key(task, t => t.Id)),
        TaskSort.DueDescending => query.OrderBy(Key(task, t => t.DueAt == null)).ThenByDescending(Key(task, t => t.DueAt)).ThenBy(Key(task, t => t.CreatedAt)).ThenBy(Key(task, t => t.Id)),
        TaskSort.CreatedDescending => query.OrderByDescending(Key(task, t => t.CreatedAt)).ThenBy(Key(task, t => t.Id)),
        _ => query.OrderByDescending(Key(task, t => t.Priority)).ThenBy(Key(task, t => t.CreatedAt)).ThenBy(Key(task, t => t.Id)),
    };

    /// <summary>The tasks after <paramref name="position"/> in the order <see cref="Sorted(IQueryable{UserTaskEntity}, TaskSort)"/> gives.</summary>
    public static IQueryable<UserTaskEntity> After(IQueryable<UserTaskEntity> query, TaskCursor.Position position)
    {
        var (_, priority, created, due, id) = position;
        return position.Sort switch
        {
            // Dated tasks first, by date; then those without one. Within a date (or among the undated): created, then id.
            TaskSort.DueAscending when due is { } d => query.Where(t => t.DueAt == null || t.DueAt > d
                || (t.DueAt == d && (t.CreatedAt > created || (t.CreatedAt == created && t.Id.CompareTo(id) > 0)))),
            TaskSort.DueDescending when due is { } d => query.Where(t => t.DueAt == null || t.DueAt < d
                || (t.DueAt == d && (t.CreatedAt > created || (t.CreatedAt == created && t.Id.CompareTo(id) > 0)))),
            TaskSort.DueAscending or TaskSort.DueDescending => query.Where(t => t.DueAt == null
                && (t.CreatedAt > created || (t.CreatedAt == created && t.Id.CompareTo(id) > 0))),
            TaskSort.CreatedDescending => query.Where(t => t.CreatedAt < created || (t.CreatedAt == created && t.Id.CompareTo(id) > 0)),
            _ => query.Where(t => t.Priority < priority
                || (t.Priority == priority && (t.CreatedAt > created || (t.CreatedAt == created && t.Id.CompareTo(id) > 0)))),
        };
    }

    /// <summary>A task's sort key read from a row that holds the task (the key itself when the row is the task).</summary>
    private static Expression<Func<T, TKey>> Key<T, TKey>(Expression<Func<T, UserTaskEntity>> task, Expression<Func<UserTaskEntity, TKey>> key) =>
        Expression.Lambda<Func<T, TKey>>(ReplacingExpressionVisitor.Replace(key.Parameters[0], task.Body, key.Body), task.Parameters);
}
