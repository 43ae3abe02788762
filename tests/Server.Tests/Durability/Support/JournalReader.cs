using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>One timer firing as the journal records it.</summary>
public sealed record TimerFiring(Guid InstanceId, long JournalId, DateTimeOffset At, DateTimeOffset DueAt, int Count);

public static class JournalReader
{
    /// <summary>Every <c>timer-fired</c> entry of <paramref name="elementId"/>, in journal order.</summary>
    public static async Task<List<TimerFiring>> TimerFiringsAsync(TestDatabase database, string elementId)
    {
        await using var db = database.Context();
        var entries = await db.Journal.AsNoTracking()
            .Where(j => j.Type == "timer-fired" && j.ElementId == elementId)
            .OrderBy(j => j.Id)
            .Select(j => new { j.InstanceId, j.Id, j.At, j.Data })
            .ToListAsync();
        return entries.Select(e =>
        {
            var data = JsonNode.Parse(e.Data!)!;
            return new TimerFiring(e.InstanceId, e.Id, e.At, data["dueAt"]!.GetValue<DateTimeOffset>(), data["count"]!.GetValue<int>());
        }).ToList();
    }
}
