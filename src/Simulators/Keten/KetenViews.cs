using System.Text.Json.Nodes;

namespace Inburgering.Simulators.Keten;

/// <summary>Someone at the gemeente who signs in (development sign-in): a user name and the roles, comma-separated.</summary>
public sealed record Medewerker(string User, string Roles);

/// <summary>
/// Who works a gemeente's tasks: the casusregisseur (role consulent) and the maatschappelijk begeleider (role begeleider).
/// Two different people, so a four-eyes task gets its two completions.
/// </summary>
public sealed record Team(Medewerker Casusregisseur, Medewerker Begeleider)
{
    /// <summary>Ferm Werk's people per gemeente in the demo; an unknown gemeente gets Woerden's.</summary>
    private static readonly Dictionary<string, Team> FermWerk = new(StringComparer.Ordinal)
    {
        ["0632"] = Of("carla", "bram"),
        ["1901"] = Of("fatima", "jeroen"),
        ["0335"] = Of("sanne", "youssef"),
        ["0589"] = Of("eva", "mohammed"),
    };

    /// <summary>A casusregisseur (consulent, also beheerder for the escalation tasks) and a maatschappelijk begeleider.</summary>
    public static Team Of(string casusregisseur, string begeleider) =>
        new(new Medewerker(casusregisseur, "consulent,beheerder"), new Medewerker(begeleider, "begeleider"));

    public static Team For(string gemeente) => FermWerk.GetValueOrDefault(gemeente) ?? FermWerk["0632"];
}

/// <summary>A user task as the werkvoorraad (GET /api/v1/tasks) shows it.</summary>
public sealed record KetenTask(
    Guid Id,
    Guid InstanceId,
    string ElementId,
    string? Name,
    string DefinitionKey,
    string? BusinessKey,
    string Gemeente,
    string Status,
    string? Assignee,
    IReadOnlyList<string> CandidateGroups,
    DateTimeOffset? DueAt,
    string? FormKey,
    int Priority,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> FourEyesRoles);

/// <summary>An instance as GET /api/v1/instances lists it.</summary>
public sealed record KetenInstanceSummary(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string Gemeente,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Guid? ParentInstanceId);

/// <summary>One instance (GET /api/v1/instances/{id}): where it stands, its variables and its scheduled timers.</summary>
public sealed record KetenInstance(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string Gemeente,
    string Status,
    IReadOnlyList<string> ActiveElements,
    JsonObject Variables,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    Guid? ParentInstanceId,
    IReadOnlyList<Guid> ChildInstanceIds,
    IReadOnlyList<KetenTimer> Timers);

/// <summary>A scheduled timer of an instance.</summary>
public sealed record KetenTimer(string ElementId, DateTimeOffset DueAt);

/// <summary>One entry of an instance's journal.</summary>
public sealed record KetenJournalEntry(long Id, DateTimeOffset At, string Type, string? ElementId, string? User);

/// <summary>An open incident: what stopped, where and why.</summary>
public sealed record KetenIncident(Guid InstanceId, string DefinitionKey, string ElementId, string Message);

/// <summary>A person at the simulated DUO (<c>POST /sim/duo/v1/_sim/personen</c>) and the gebeurtenis DUO notifies right away.</summary>
public sealed record DuoPersoon(
    string Bsn,
    string Gemeentecode,
    string Doelgroep,
    DateOnly? InburgeringsplichtStart = null,
    string? GedetailleerdeDoelgroep = null,
    string? Notificatie = "SS101");
