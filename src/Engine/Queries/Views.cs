using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Inburgering.Engine.Queries;

/// <summary>
/// One page of a list, with the total number of matches. A list that can be continued by position (the tasks) also carries
/// <see cref="Next"/>: where the page after this one starts (<see cref="Paging.After"/>), null on the last page.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Next { get; init; }
}

/// <summary>
/// Which page of a list: 1-based page number and its size (1–500); or, for a list that gives <see cref="PagedList{T}.Next"/>,
/// <see cref="After"/>: the page that follows the one that gave it, whatever was added or taken away before it since (an
/// offset would skip or repeat a row then, and reads every row before it again).
/// </summary>
public sealed record Paging(int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 500;

    /// <summary>The furthest page one may ask for: (page - 1) × pageSize must stay far from int.MaxValue (a negative OFFSET is a 500 on PostgreSQL).</summary>
    public const int MaxPage = 100_000;

    /// <summary>The <see cref="PagedList{T}.Next"/> of the page before (with the same filter and sort); page stays 1.</summary>
    public string? After { get; init; }

    /// <param name="continuable">Whether the list reads <see cref="After"/>; the others refuse it rather than ignore it.</param>
    internal void Validate(bool continuable = false)
    {
        if (After is not null && !continuable)
        {
            throw EngineErrors.PageAfterUnsupported.Exception();
        }

        if (After is not null && Page != 1)
        {
            throw EngineErrors.PageAfterWithPage.Exception();
        }

        if (Page < 1)
        {
            throw EngineErrors.PageInvalid.Exception();
        }

        if (Page > MaxPage)
        {
            throw EngineErrors.PageTooFar.Exception(("page", Page), ("max", MaxPage));
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            throw EngineErrors.PageSizeInvalid.Exception(("max", MaxPageSize));
        }
    }

    internal int Skip => (Page - 1) * PageSize;
}

public sealed record DefinitionView(Guid Id, string Key, int Version, string? Name, string ContentHash, DateTimeOffset DeployedAt, string? DeployedBy, string? Source, bool IsLatest);

/// <summary>How many instances of one definition version are active, and how many started in all.</summary>
public sealed record DefinitionVersionCount(int Version, int Active, int Total);

public sealed record InstanceSummary(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string TenantId,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Guid? ParentInstanceId,
    int OpenIncidents);

public sealed record InstanceView(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string TenantId,
    string Status,
    IReadOnlyList<string> ActiveElements,
    JsonObject Variables,
    DateTimeOffset StartedAt,
    string? StartedBy,
    DateTimeOffset? EndedAt,
    string? EndReason,
    Guid? ParentInstanceId,
    Guid RootInstanceId,
    IReadOnlyList<Guid> ChildInstanceIds,
    int OpenIncidents,
    IReadOnlyList<TimerView> Timers);

public sealed record TimerView(Guid Id, string ElementId, DateTimeOffset DueAt, string Spec, int FiredCount);

public sealed record JournalEntryView(long Id, DateTimeOffset At, string Type, string? ElementId, string? User, JsonNode? Data);

public sealed record TaskView(
    Guid Id,
    Guid InstanceId,
    string ElementId,
    string? Name,
    string? Documentation,
    string DefinitionKey,
    string? BusinessKey,
    string TenantId,
    string Status,
    string? Assignee,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt,
    string? FormKey,
    int Priority,
    JsonObject? Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    IReadOnlyList<string> FourEyesRoles,
    IReadOnlyList<TaskApprovalView> Approvals,
    JsonObject? Display = null);

/// <summary>One completion of a four-eyes task so far.</summary>
public sealed record TaskApprovalView(string User, string Role, DateTimeOffset At, JsonObject? Variables = null);

/// <summary>
/// An incident. <see cref="Message"/> is the engine's English text of <see cref="Error"/> (for incidents from before errors
/// had codes, the text as it was recorded, and <see cref="Error"/> null); a host words <see cref="Error"/> itself.
/// <see cref="Exchange"/> is what the failed call sent and got back (activity incidents; personal data): only a beheerder
/// (<see cref="Actor.IsAdministrator"/>) of the incident's gemeente gets it, for anyone else it is null.
/// </summary>
public sealed record IncidentView(
    Guid Id,
    Guid InstanceId,
    string ElementId,
    string Type,
    string Message,
    string? ActivityType,
    int Attempts,
    string DefinitionKey,
    string TenantId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    [property: JsonIgnore] EngineError? Error,
    Activities.PartnerExchange? Exchange = null)
{
    /// <summary>The stable code of the incident's error, or null for incidents recorded before errors had codes.</summary>
    public string? Code => Error?.Code;
}

/// <summary>
/// Which tasks a list shows. Status: open (default), completed, cancelled or all. <see cref="DueBefore"/> (exclusive) and
/// <see cref="DueFrom"/> (inclusive) keep tasks with a due date in that span; <see cref="AnyCandidateGroup"/> keeps tasks
/// with at least one of these candidate groups (none when empty).
/// </summary>
public sealed record TaskFilter(
    Guid? InstanceId = null,
    string? CandidateGroup = null,
    string? Assignee = null,
    string? TenantId = null,
    string? Status = "open",
    string? DefinitionKey = null,
    string? ElementId = null,
    string? BusinessKey = null,
    bool? Unassigned = null,
    DateTimeOffset? DueBefore = null,
    DateTimeOffset? DueFrom = null,
    IReadOnlyCollection<string>? AnyCandidateGroup = null,
    TaskSort Sort = TaskSort.Priority);

/// <summary>Which instances a list shows. Status: active, completed, terminated or null for all.</summary>
public sealed record InstanceFilter(
    string? DefinitionKey = null,
    string? BusinessKey = null,
    string? TenantId = null,
    string? Status = null,
    Guid? ParentInstanceId = null,
    bool? WithIncidents = null);

/// <summary>The order of a task list: priority then age (default), or due date (tasks without one last).</summary>
public enum TaskSort
{
    Priority,
    DueAscending,
    DueDescending,
    CreatedDescending,
}
