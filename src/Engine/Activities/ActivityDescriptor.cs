namespace Inburgering.Engine.Activities;

/// <summary>
/// Describes an activity for deploy-time validation, the activity catalogue and the
/// designer's element templates.
/// </summary>
public sealed record ActivityDescriptor(
    /// <summary>Stable ASCII key bound to <c>camunda:topic</c>, e.g. <c>duo.pip-melden</c>. Never renamed.</summary>
    string Type,
    /// <summary>The name shown to people (in the host's language).</summary>
    string Name,
    string Category,
    string Description,
    IReadOnlyList<ActivityParameter> Inputs,
    IReadOnlyList<ActivityParameter> Outputs,
    IReadOnlyList<ActivityErrorCode> ErrorCodes,
    RetryPolicy Retry);

/// <summary>One input or output of an activity. <see cref="Type"/> is a JSON type name: string, number, boolean, object, array, date (yyyy-MM-dd), date-time (ISO 8601 with offset).</summary>
public sealed record ActivityParameter(string Name, string Type, bool Required, string Description);

/// <summary>A BPMN error code an activity may raise, for error boundary events.</summary>
public sealed record ActivityErrorCode(string Code, string Description);

/// <summary>
/// How transient failures of an activity are retried: exponential back-off from
/// <see cref="InitialDelay"/> by <see cref="Factor"/>, capped at <see cref="MaxDelay"/>, with
/// up to <see cref="Jitter"/> (fraction) random spread; after <see cref="MaxAttempts"/> an incident opens.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, double Factor, TimeSpan MaxDelay, double Jitter)
{
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(10), 3, TimeSpan.FromHours(6), 0.2);
}
