using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Api;

namespace Inburgering.Server.Api.Werkvoorraad;

/// <summary>
/// The werkvoorraad's view of <c>GET /tasks</c>: <c>view</c> (mine, groups, all), <c>due</c> (overdue: due before now;
/// this-week: due from now until the end of this week, Sunday midnight, Amsterdam time) and <c>sort</c> (due, -due, created,
/// priority). "Now" is the service's clock, so the simulation clock moves these views too.
/// </summary>
public static class TaskListParameters
{
    public static TaskFilter Apply(TaskFilter filter, Actor actor, string? view, string? due, string? sort, TimeProvider time)
    {
        filter = (view?.ToLowerInvariant()) switch
        {
            null or "" or "all" => filter,
            "mine" => filter with { Assignee = actor.Name },
            "groups" => filter with { AnyCandidateGroup = actor.Groups.ToList() },
            _ => throw Unknown("view", view, "mine, groups of all"),
        };

        var now = time.GetUtcNow();
        filter = (due?.ToLowerInvariant()) switch
        {
            null or "" => filter,
            "overdue" => filter with { DueBefore = now },
            "this-week" => filter with { DueFrom = now, DueBefore = EndOfWeek(now) },
            _ => throw Unknown("due", due, "overdue of this-week"),
        };

        return filter with
        {
            Sort = (sort?.ToLowerInvariant()) switch
            {
                null or "" or "priority" => TaskSort.Priority,
                "due" => TaskSort.DueAscending,
                "-due" => TaskSort.DueDescending,
                "created" or "-created" => TaskSort.CreatedDescending,
                _ => throw Unknown("sort", sort, "due, -due, created of priority"),
            },
        };
    }

    private static RequestException Unknown(string parameter, string value, string allowed) =>
        new(ServerErrors.ParameterValueUnknown, ("parameter", parameter), ("value", value), ("allowed", allowed));

    /// <summary>The first moment of next Monday in Amsterdam: the end of the week that holds <paramref name="now"/>.</summary>
    public static DateTimeOffset EndOfWeek(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)local.DayOfWeek + 7) % 7;
        var monday = local.Date.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
        return new DateTimeOffset(monday, zone.GetUtcOffset(monday));
    }
}
