using System.Text.Json.Nodes;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine;

/// <summary>
/// What a host's check of a task completion sees, inside the step that completes the task (see
/// <see cref="ProcessEngine.CompleteTaskAsync(Guid, JsonObject?, Actor, Action{TaskCompletionCheck}?, CancellationToken)"/>).
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="ElementId">Its element in the process.</param>
/// <param name="FormKey">Its form, if it has one.</param>
/// <param name="Current">
/// The variables the completion is judged against: the instance's, with what the earlier completers of a four-eyes task
/// entered on top. A copy: the check may keep or change it without touching the instance.
/// </param>
public sealed record TaskCompletionCheck(Guid TaskId, string ElementId, string? FormKey, JsonObject Current)
{
    internal static TaskCompletionCheck Of(UserTaskEntity task, JsonObject variables)
    {
        var current = variables.DeepClone().AsObject();
        FourEyes.EnteredOnto(current, FourEyes.Read(task));
        return new TaskCompletionCheck(task.Id, task.ElementId, task.FormKey, current);
    }
}
