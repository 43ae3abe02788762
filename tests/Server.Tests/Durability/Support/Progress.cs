using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>How far the work of a durability test has come, read from the engine's rows.</summary>
public sealed record Progress(int TimersFired, int CallsCompleted, int TimersScheduled, int JobsOpen, int JobsRunning, int OpenIncidents)
{
    public static async Task<Progress> ReadAsync(TestDatabase database, string timerElement = "wacht", string callElement = "meldAan")
    {
        await using var db = database.Context();
        var fired = await db.Journal.CountAsync(j => j.Type == "timer-fired" && j.ElementId == timerElement);
        var completed = await db.Journal.CountAsync(j => j.Type == "job-completed" && j.ElementId == callElement);
        var scheduled = await db.Timers.CountAsync(t => t.Status == TimerStatus.Scheduled);
        var open = await db.Jobs.CountAsync(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Running);
        var running = await db.Jobs.CountAsync(j => j.Status == JobStatus.Running);
        var incidents = await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open);
        return new Progress(fired, completed, scheduled, open, running, incidents);
    }
}
