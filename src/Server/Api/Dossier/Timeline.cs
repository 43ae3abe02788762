using System.Text.Json.Nodes;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api.Dossier;

/// <summary>The journal told in plain Dutch: who did what, when, in which schakel. Engine bookkeeping is left out.</summary>
public static class Timeline
{
    /// <summary>One line of the timeline. <see cref="Kind"/> groups lines for an icon or colour: task, message, timer, partner, incident, traject.</summary>
    public sealed record Entry(long Id, DateTimeOffset At, string Kind, string Text, string? User, string? UserName, Guid InstanceId, string Schakel, string? ElementId);

    /// <summary>The journal types the timeline tells (the rest is bookkeeping: entered, left, joined, scheduled).</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "instance-started", "instance-completed", "instance-terminated", "call-started", "call-completed",
        "task-created", "task-claimed", "task-unclaimed", "task-assigned", "task-approved", "task-returned", "task-completed", "task-cancelled",
        "timer-fired", "message-correlated", "job-completed", "error-thrown", "boundary-triggered", "incident-opened", "incident-resolved",
        "variables-changed", "case-handed-over",
    ];

    public static async Task<Entry> DescribeAsync(InstanceJournalEntryView e, InstanceSummary instance, ElementNames.Names names, IReadOnlyList<InstanceSummary> tree, ElementNames all, UserDirectory directory)
    {
        var element = names.Of(e.ElementId);
        var data = e.Data as JsonObject;
        var who = e.User is null or "systeem" ? null : directory.DisplayName(e.User);
        var schakel = names.Process ?? instance.DefinitionKey;
        string kind = "traject";
        string text;
        switch (e.Type)
        {
            case "instance-started":
                text = instance.ParentInstanceId is null ? $"Traject gestart ({schakel})" : $"Schakel ‘{schakel}’ gestart";
                break;
            case "instance-completed":
                text = instance.ParentInstanceId is null ? "Traject afgerond" : $"Schakel ‘{schakel}’ afgerond";
                break;
            case "instance-terminated":
                text = $"{(instance.ParentInstanceId is null ? "Traject" : $"Schakel ‘{schakel}’")} beëindigd" + (Str(data, "reason") is { } reason ? $": {reason}" : "");
                break;
            case "call-started" or "call-completed":
                var child = Guid.TryParse(Str(data, "childInstanceId"), out var childId) ? tree.FirstOrDefault(i => i.Id == childId) : null;
                var childName = child is null ? element : (await all.ForAsync(child.DefinitionKey, child.DefinitionVersion)).Process ?? element;
                text = e.Type == "call-started" ? $"‘{childName}’ aangeroepen" : $"‘{childName}’ klaar";
                break;
            case "task-created":
                kind = "task";
                text = $"Taak ‘{element}’ klaargezet" + (data?["candidateGroups"] is JsonArray { Count: > 0 } groups ? $" voor {string.Join(" en ", groups.Select(g => (string?)g))}" : "");
                break;
            case "task-claimed":
                kind = "task";
                text = $"{who} nam ‘{element}’ in behandeling";
                break;
            case "task-unclaimed":
                kind = "task";
                text = $"{who} gaf ‘{element}’ terug aan de groep";
                break;
            case "task-assigned":
                kind = "task";
                text = $"{who} droeg ‘{element}’ over aan {directory.DisplayName(Str(data, "assignee") ?? "?")}";
                break;
            case "task-approved":
                kind = "task";
                text = $"{who} rondde ‘{element}’ af als eerste van de vier ogen";
                break;
            case "task-returned":
                kind = "task";
                text = $"{who} stuurde ‘{element}’ terug naar {directory.DisplayName(Str(data, "to") ?? "?")}: {Str(data, "reason")}";
                break;
            case "task-completed":
                kind = "task";
                text = who is null ? $"‘{element}’ afgerond" : $"{who} rondde ‘{element}’ af";
                break;
            case "task-cancelled":
                kind = "task";
                text = $"Taak ‘{element}’ vervallen";
                break;
            case "timer-fired":
                kind = "timer";
                text = $"Termijn bereikt: ‘{element}’";
                break;
            case "message-correlated":
                kind = "message";
                text = $"Bericht ontvangen: ‘{element}’" + (Str(data, "name") is { } message && message.StartsWith("duo.", StringComparison.Ordinal) ? $" (DUO {message[4..].ToUpperInvariant()})" : "");
                break;
            case "job-completed":
                kind = "partner";
                text = $"‘{element}’ uitgevoerd" + (data?["attempts"] is JsonValue a && a.TryGetValue<int>(out var attempts) && attempts > 1 ? $" (na {attempts} pogingen)" : "");
                break;
            case "error-thrown":
                kind = "incident";
                text = $"‘{element}’ gaf een fout: {Str(data, "message") ?? Str(data, "errorCode")}";
                break;
            case "boundary-triggered":
                kind = "timer";
                text = $"‘{element}’ trad in werking";
                break;
            case "incident-opened":
                kind = "incident";
                text = $"Storing bij ‘{element}’: {Str(data, "message")}";
                break;
            case "incident-resolved":
                kind = "incident";
                text = $"Storing bij ‘{element}’ opgelost";
                break;
            case "variables-changed":
                text = $"{who ?? "Het systeem"} wijzigde gegevens" + (data?["names"] is JsonArray { Count: > 0 } changed ? $": {string.Join(", ", changed.Select(n => (string?)n))}" : "")
                    + (Str(data, "reason") is { } why ? $" ({why})" : "");
                break;
            case "case-handed-over":
                text = (Str(data, "previous") is { } previous
                    ? $"{who ?? "Het systeem"} droeg het traject over van {directory.DisplayName(previous)} aan {directory.DisplayName(Str(data, "owner") ?? "?")} (casusregisseur)"
                    : $"{directory.DisplayName(Str(data, "owner") ?? "?")} is casusregisseur")
                    + (data?["tasks"] is JsonValue tasks && tasks.TryGetValue<int>(out var count) && count > 0 ? $"; {count} open {(count == 1 ? "taak" : "taken")} mee" : "");
                break;
            default:
                text = $"{e.Type} {element}";
                break;
        }

        return new Entry(e.Id, e.At, kind, text, e.User, who, e.InstanceId, schakel, e.ElementId);
    }

    private static string? Str(JsonObject? data, string name) => data?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
