using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Inburgering.Engine.Queries;

/// <summary>
/// Where a list of tasks continues (<see cref="PagedList{T}.Next"/>, <see cref="Paging.After"/>): the sort keys of the last
/// task of a page, as an opaque text. The page after it is read from those keys on (<see cref="TaskOrder.After"/>: in the
/// sort's order, on the index the sort uses), so it costs the same at the end of a long list as at its start, and a task
/// completed or added meanwhile neither shifts the rest nor is read twice.
/// </summary>
internal static class TaskCursor
{
    private const string Version = "t1";

    /// <summary>The sort keys of the last task read, in the form <see cref="TaskOrder.After"/> takes.</summary>
    internal readonly record struct Position(TaskSort Sort, int Priority, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, Guid Id);

    /// <summary>Where the list continues after <paramref name="last"/>, as <see cref="Read"/> reads it.</summary>
    public static string Of(TaskSort sort, TaskView last)
    {
        var text = string.Join('~',
            Version,
            ((int)sort).ToString(CultureInfo.InvariantCulture),
            last.Priority.ToString(CultureInfo.InvariantCulture),
            last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            last.DueAt is { } due ? due.UtcTicks.ToString(CultureInfo.InvariantCulture) : "",
            last.Id.ToString("N"));
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>The position in <paramref name="cursor"/>; refused when it is not one, or was given under another sort.</summary>
    public static Position Read(string cursor, TaskSort sort)
    {
        string[] parts;
        try
        {
            parts = cursor.Length > 200 ? [] : Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split('~');
        }
        catch (FormatException)
        {
            parts = [];
        }

        if (parts is [Version, var sortText, var priorityText, var createdText, var dueText, var idText]
            && int.TryParse(sortText, NumberStyles.None, CultureInfo.InvariantCulture, out var sortValue) && sortValue == (int)sort
            && int.TryParse(priorityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
            && Ticks(createdText) is { } created
            && (dueText.Length == 0 ? null : Ticks(dueText)) is var due && (due is not null || dueText.Length == 0)
            && Guid.TryParseExact(idText, "N", out var id))
        {
            return new Position(sort, priority, created, due, id);
        }

        throw EngineErrors.PageAfterInvalid.Exception();
    }

    private static DateTimeOffset? Ticks(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
}
