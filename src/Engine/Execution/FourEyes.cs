using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Execution;

/// <summary>
/// Four eyes: a task that needs a completion per listed group, each by a different person (e.g. a case manager and a
/// social worker holding an intake together). The first completions are recorded as approvals and give the task back to
/// the group; the last one completes it with the variables of all of them. (The stored field names say "role".)
/// </summary>
internal static class FourEyes
{
    public sealed record Approval(string User, string Role, DateTimeOffset At, JsonObject? Variables);

    /// <summary>Records the actor's completion. True when every role is now covered (<paramref name="merged"/> then holds the variables).</summary>
    public static bool Approve(UserTaskEntity task, Actor actor, JsonObject? variables, DateTimeOffset now, out JsonObject merged, out IReadOnlyList<string> remaining)
    {
        var required = task.FourEyesRoles.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var approvals = Read(task);
        if (approvals.Any(a => a.User == actor.Name))
        {
            throw EngineErrors.FourEyesAlreadyApproved.Exception(("missing", Missing(required, approvals)));
        }

        var missing = Missing(required, approvals);
        var role = missing.FirstOrDefault(actor.IsMemberOf)
            ?? throw EngineErrors.FourEyesNotInGroup.Exception(("missing", missing));
        approvals.Add(new Approval(actor.Name, role, now, variables?.DeepClone().AsObject()));
        task.Approvals = JsonSerializer.Serialize(approvals, Json.Options);
        remaining = Missing(required, approvals);
        merged = [];
        if (remaining.Count > 0)
        {
            // Back to the group for the second pair of eyes.
            task.Assignee = null;
            task.ClaimedAt = null;
            return false;
        }

        EnteredOnto(merged, approvals);
        return true;
    }

    /// <summary>Puts what the completers entered, in the order they completed, on top of <paramref name="variables"/>.</summary>
    public static void EnteredOnto(JsonObject variables, IEnumerable<Approval> approvals)
    {
        foreach (var approval in approvals)
        {
            foreach (var (name, value) in approval.Variables ?? [])
            {
                variables[name] = value?.DeepClone();
            }
        }
    }

    public static string Completers(UserTaskEntity task) => string.Join(" + ", Read(task).Select(a => a.User));

    public static List<Approval> Read(UserTaskEntity task) =>
        task.Approvals is null ? [] : JsonSerializer.Deserialize<List<Approval>>(task.Approvals, Json.Options) ?? [];

    private static List<string> Missing(List<string> required, List<Approval> approvals)
    {
        var missing = new List<string>(required);
        foreach (var approval in approvals)
        {
            missing.Remove(approval.Role);
        }

        return missing;
    }
}
