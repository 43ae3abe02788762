using System.Text.Json.Nodes;

namespace Inburgering.Engine.Activities;

/// <summary>
/// The engine's whole contract with a custom activity (a BPMN service task of
/// <c>camunda:type="external"</c> whose <c>camunda:topic</c> is the activity's type key).
/// An activity may run more than once for the same task (at-least-once delivery):
/// it must be safe to repeat, and carries <see cref="ActivityContext.IdempotencyKey"/> to its partner.
/// It never sleeps or keeps time; waits belong to BPMN events.
/// </summary>
public interface IActivity
{
    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken);
}

/// <summary>What one execution of an activity knows about the task it runs for.</summary>
public sealed record ActivityContext(
    Guid JobId,
    Guid InstanceId,
    string DefinitionKey,
    string ElementId,
    string? BusinessKey,
    /// <summary>The tenant the instance belongs to.</summary>
    string TenantId,
    string ActivityType,
    /// <summary>The same for every attempt of one task; send it to the partner so it can drop duplicates.</summary>
    string IdempotencyKey,
    /// <summary>1 for the first attempt.</summary>
    int Attempt,
    /// <summary>The activity's input: the task's input parameters over the instance variables.</summary>
    JsonObject Input,
    DateTimeOffset Now);

/// <summary>The outcome of one attempt.</summary>
public abstract record ActivityResult
{
    private ActivityResult() { }

    /// <summary>Done; the output becomes variables (through the task's output parameters, if any).</summary>
    public sealed record Completed(JsonObject Output) : ActivityResult;

    /// <summary>A business outcome modelled in BPMN: taken by a matching error boundary event.</summary>
    public sealed record BpmnError(string ErrorCode, string Message, JsonObject? Variables = null) : ActivityResult;

    /// <summary>A transient failure (partner down, 5xx, timeout): retried under the activity's retry policy.</summary>
    public sealed record Failed(string Reason, bool Retryable = true) : ActivityResult
    {
        /// <summary>The coded reason when the engine itself failed the attempt (time-out, invalid input); null for the activity's own reason.</summary>
        internal EngineError? Error { get; init; }
    }

    public static ActivityResult Complete(JsonObject? output = null) => new Completed(output ?? []);

    public static ActivityResult Raise(string errorCode, string message) => new BpmnError(errorCode, message);

    /// <summary>A BPMN error that also hands variables to the error boundary event (e.g. the partner's messages).</summary>
    public static ActivityResult Raise(string errorCode, string message, JsonObject variables) => new BpmnError(errorCode, message, variables);

    public static ActivityResult Fail(string reason, bool retryable = true) => new Failed(reason, retryable);

    internal static ActivityResult Fail(EngineError error, bool retryable = true) => new Failed(error.Message, retryable) { Error = error };
}
