namespace Inburgering.Engine.Persistence;

// The engine's tables. Times are UTC. Enums are stored as text so the tables read well in psql.

/// <summary>One deployed version of a process (key = BPMN process id).</summary>
internal sealed class DefinitionEntity
{
    public Guid Id { get; set; }

    public required string Key { get; set; }

    public int Version { get; set; }

    public string? Name { get; set; }

    /// <summary>SHA-256 of the process's XML file; identical XML does not make a new version.</summary>
    public required string ContentHash { get; set; }

    public required string Xml { get; set; }

    /// <summary>Groups the processes deployed together from one file (for <c>calledElementBinding="deployment"</c>).</summary>
    public Guid DeploymentId { get; set; }

    /// <summary>Where it came from: a file name of workflow-definitions/, or "api".</summary>
    public string? Source { get; set; }

    public string? DeployedBy { get; set; }

    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>Message names of its message start events, comma-separated with leading and trailing comma.</summary>
    public string MessageStarts { get; set; } = "";
}

internal enum InstanceStatus
{
    Active,
    Completed,
    Terminated,
}

/// <summary>A running or ended process instance. <see cref="Version"/> is the optimistic-concurrency token of every step.</summary>
internal sealed class InstanceEntity : NotifyingEntity
{
    public Guid Id { get; set => Set(ref field, value); }

    public Guid DefinitionId { get; set => Set(ref field, value); }

    public required string DefinitionKey { get; set => Set(ref field, value); }

    public int DefinitionVersion { get; set => Set(ref field, value); }

    public string? BusinessKey { get; set => Set(ref field, value); }

    /// <summary>The tenant the instance belongs to (the host decides what a tenant is, e.g. an organisation's code).</summary>
    public required string TenantId { get; set => Set(ref field, value); }

    public InstanceStatus Status { get; set => Set(ref field, value); }

    /// <summary>The instance's variables as a JSON object.</summary>
    public string Variables { get; set => Set(ref field, value); } = "{}";

    /// <summary>The values of the counted variables (<see cref="CountedVariables"/>), kept with every change of <see cref="Variables"/>.</summary>
    public string? CountedValues { get; set => Set(ref field, value); }

    /// <summary>The values of the display variables (<see cref="DisplayVariables"/>), kept with every change of <see cref="Variables"/>.</summary>
    public string? DisplayValues { get; set => Set(ref field, value); }

    public Guid? ParentInstanceId { get; set => Set(ref field, value); }

    /// <summary>The call-activity execution in the parent that waits for this instance.</summary>
    public Guid? ParentExecutionId { get; set => Set(ref field, value); }

    public Guid RootInstanceId { get; set => Set(ref field, value); }

    public DateTimeOffset StartedAt { get; set => Set(ref field, value); }

    public string? StartedBy { get; set => Set(ref field, value); }

    public DateTimeOffset? EndedAt { get; set => Set(ref field, value); }

    /// <summary>The end event, or why it was terminated.</summary>
    public string? EndReason { get; set => Set(ref field, value); }

    /// <summary>When the personal variables of this instance were erased (retention period over), or null.</summary>
    public DateTimeOffset? PersonalDataErasedAt { get; set => Set(ref field, value); }

    public int OpenIncidents { get; set => Set(ref field, value); }

    public int Version { get; set => Set(ref field, value); }
}

internal enum ExecutionState
{
    /// <summary>Waiting at an activity or event for a task, timer, message or job.</summary>
    Waiting,

    /// <summary>A sub-process or call activity whose inner work runs.</summary>
    Scope,

    /// <summary>Arrived at a joining gateway, waiting for the other branches.</summary>
    Joining,

    /// <summary>Stopped by an incident at its element until retried.</summary>
    Failed,
}

/// <summary>A token: where one path of an instance stands.</summary>
internal sealed class ExecutionEntity : NotifyingEntity
{
    public Guid Id { get; set => Set(ref field, value); }

    public Guid InstanceId { get; set => Set(ref field, value); }

    /// <summary>The sub-process execution this one runs inside; null at the process level.</summary>
    public Guid? ParentId { get; set => Set(ref field, value); }

    public required string ElementId { get; set => Set(ref field, value); }

    public ExecutionState State { get; set => Set(ref field, value); }

    /// <summary>The sequence flow it arrived by (joins count branches by it).</summary>
    public string? ArrivedBy { get; set => Set(ref field, value); }

    /// <summary>Local variables (input parameters) as a JSON object, or null.</summary>
    public string? LocalVariables { get; set => Set(ref field, value); }

    public DateTimeOffset CreatedAt { get; set => Set(ref field, value); }

    /// <summary>For a failed execution: what to redo on retry (enter or leave its element).</summary>
    public string? FailedOperation { get; set => Set(ref field, value); }
}

internal enum UserTaskStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>A human task in somebody's werkvoorraad.</summary>
internal sealed class UserTaskEntity : NotifyingEntity
{
    public Guid Id { get; set => Set(ref field, value); }

    public Guid InstanceId { get; set => Set(ref field, value); }

    public Guid ExecutionId { get; set => Set(ref field, value); }

    public required string ElementId { get; set => Set(ref field, value); }

    public string? Name { get; set => Set(ref field, value); }

    public string? Documentation { get; set => Set(ref field, value); }

    public required string DefinitionKey { get; set => Set(ref field, value); }

    public string? BusinessKey { get; set => Set(ref field, value); }

    public required string TenantId { get; set => Set(ref field, value); }

    public UserTaskStatus Status { get; set => Set(ref field, value); }

    public string? Assignee { get; set => Set(ref field, value); }

    /// <summary>Comma-separated with a leading and trailing comma, so ",consulent,begeleider," matches LIKE '%,consulent,%'.</summary>
    public string CandidateGroups { get; set => Set(ref field, value); } = "";

    public string CandidateUsers { get; set => Set(ref field, value); } = "";

    public DateTimeOffset? DueAt { get; set => Set(ref field, value); }

    public DateTimeOffset? FollowUpAt { get; set => Set(ref field, value); }

    public string? FormKey { get; set => Set(ref field, value); }

    public int Priority { get; set => Set(ref field, value); } = 50;

    /// <summary>The element's camunda:properties as JSON.</summary>
    public string? Properties { get; set => Set(ref field, value); }

    /// <summary>
    /// Four eyes: the roles that must each complete the task, by different people (",consulent,begeleider,"); empty for an
    /// ordinary task. Set from the task's <c>fourEyes</c> property (which may be an expression, e.g. a policy of the tenant).
    /// </summary>
    public string FourEyesRoles { get; set => Set(ref field, value); } = "";

    /// <summary>The completions so far of a four-eyes task, as a JSON array of {user, role, at, variables}.</summary>
    public string? Approvals { get; set => Set(ref field, value); }

    public DateTimeOffset CreatedAt { get; set => Set(ref field, value); }

    public DateTimeOffset? ClaimedAt { get; set => Set(ref field, value); }

    public DateTimeOffset? CompletedAt { get; set => Set(ref field, value); }

    public string? CompletedBy { get; set => Set(ref field, value); }

    public int Version { get; set => Set(ref field, value); }
}

internal enum TimerStatus
{
    Scheduled,
    Fired,
    Cancelled,
}

/// <summary>A timer waiting to fall due. The rows are the truth; schedulers only wake the dispatcher.</summary>
internal sealed class TimerEntity : NotifyingEntity
{
    public Guid Id { get; set => Set(ref field, value); }

    /// <summary>Null for a timer start event (it belongs to a definition).</summary>
    public Guid? InstanceId { get; set => Set(ref field, value); }

    /// <summary>The waiting execution (catch event) or the activity execution (boundary event).</summary>
    public Guid? ExecutionId { get; set => Set(ref field, value); }

    public Guid? DefinitionId { get; set => Set(ref field, value); }

    public required string ElementId { get; set => Set(ref field, value); }

    public string? TenantId { get; set => Set(ref field, value); }

    public TimerStatus Status { get; set => Set(ref field, value); }

    public DateTimeOffset DueAt { get; set => Set(ref field, value); }

    /// <summary>The evaluated timer text (after expressions), for cycles the whole cycle.</summary>
    public required string Spec { get; set => Set(ref field, value); }

    public string Kind { get; set => Set(ref field, value); } = "";

    public int FiredCount { get; set => Set(ref field, value); }

    /// <summary>When a cycle first fell due: later firings are counted from it, so months do not drift.</summary>
    public DateTimeOffset FirstDueAt { get; set => Set(ref field, value); }

    public DateTimeOffset CreatedAt { get; set => Set(ref field, value); }

    public DateTimeOffset? FiredAt { get; set => Set(ref field, value); }

    /// <summary>
    /// Until when a node's timer pump holds this due timer (claimed with <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), so
    /// pumps on other nodes take other timers; a pump that died lets its claims run out. Not a guard: the firing step is.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set => Set(ref field, value); }

    public int Version { get; set => Set(ref field, value); }
}

/// <summary>An execution waiting for a message by name and correlation key.</summary>
internal sealed class MessageSubscriptionEntity : NotifyingEntity
{
    public Guid Id { get; set => Set(ref field, value); }

    public Guid InstanceId { get; set => Set(ref field, value); }

    public Guid ExecutionId { get; set => Set(ref field, value); }

    public required string ElementId { get; set => Set(ref field, value); }

    public required string MessageName { get; set => Set(ref field, value); }

    public string? CorrelationKey { get; set => Set(ref field, value); }

    public required string TenantId { get; set => Set(ref field, value); }

    public DateTimeOffset CreatedAt { get; set => Set(ref field, value); }
}

/// <summary>A message that arrived before anything waited for it; kept until it expires.</summary>
internal sealed class BufferedMessageEntity
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? CorrelationKey { get; set; }

    /// <summary>The tenants the sender may reach, comma-separated with leading and trailing comma; "*" for all.</summary>
    public string Tenants { get; set; } = "*";

    public string Variables { get; set; } = "{}";

    /// <summary>The sender's id for the message, to drop duplicates.</summary>
    public string? MessageId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }

    public Guid? ConsumedByInstanceId { get; set; }

    public int Version { get; set; }
}

internal enum JobStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>One service task's call to its activity, retried until it completes or opens an incident.</summary>
internal sealed class JobEntity : NotifyingEntity
{
    public Guid Id { get; set => Set(ref field, value); }

    public Guid InstanceId { get; set => Set(ref field, value); }

    public Guid ExecutionId { get; set => Set(ref field, value); }

    public required string ElementId { get; set => Set(ref field, value); }

    public required string ActivityType { get; set => Set(ref field, value); }

    public required string DefinitionKey { get; set => Set(ref field, value); }

    public required string TenantId { get; set => Set(ref field, value); }

    public string? BusinessKey { get; set => Set(ref field, value); }

    /// <summary>Stays the same across every attempt of this task.</summary>
    public required string IdempotencyKey { get; set => Set(ref field, value); }

    public JobStatus Status { get; set => Set(ref field, value); }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set => Set(ref field, value); }

    public DateTimeOffset DueAt { get; set => Set(ref field, value); }

    public string? LockedBy { get; set => Set(ref field, value); }

    public DateTimeOffset? LockedUntil { get; set => Set(ref field, value); }

    public string? LastError { get; set => Set(ref field, value); }

    /// <summary>
    /// The W3C <c>traceparent</c> of the step that scheduled this call (or of the incident retry that restarted it): each
    /// attempt's span is its child, so the trace runs from the API call through the step to the partner. No personal data.
    /// </summary>
    public string? TraceParent { get; set => Set(ref field, value); }

    public DateTimeOffset CreatedAt { get; set => Set(ref field, value); }

    public DateTimeOffset? CompletedAt { get; set => Set(ref field, value); }

    public int Version { get; set => Set(ref field, value); }
}

internal enum IncidentStatus
{
    Open,
    Resolved,
}

/// <summary>Something an operator must look at: a failed expression, an activity out of attempts, an uncaught error.</summary>
internal sealed class IncidentEntity
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public Guid? ExecutionId { get; set; }

    public Guid? JobId { get; set; }

    public required string ElementId { get; set; }

    /// <summary>expression, activity, unhandled-error, model.</summary>
    public required string Type { get; set; }

    /// <summary>The engine's English default text of <see cref="Error"/> (or, for incidents from before codes, the text as it was).</summary>
    public required string Message { get; set; }

    /// <summary>The coded error as JSON ({code, arguments, cause}); null for incidents recorded before errors had codes.</summary>
    public string? Error { get; set; }

    public string? ActivityType { get; set; }

    /// <summary>
    /// For an activity incident: what the last attempt sent and got back, as JSON (<see cref="Activities.PartnerExchange"/>:
    /// the activity's resolved inputs, HTTP method, URL and status, an excerpt of the answer), bounded to a few KB. Holds
    /// personal data (a BSN): shown to beheerders only, removed with the instance's personal data by the retention job.
    /// </summary>
    public string? Exchange { get; set; }

    public int Attempts { get; set; }

    public required string DefinitionKey { get; set; }

    public required string TenantId { get; set; }

    public IncidentStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public int Version { get; set; }
}

/// <summary>The append-only history of an instance: also the audit trail the AVG asks for.</summary>
internal sealed class JournalEntity
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Type { get; set; }

    public string? ElementId { get; set; }

    public string? User { get; set; }

    /// <summary>Details as a JSON object, or null.</summary>
    public string? Data { get; set; }
}

/// <summary>One read (or export, or erasure) of personal data: who, what, when, of which instance and tree (AVG access log).</summary>
internal sealed class AccessLogEntity
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string User { get; set; }

    /// <summary>What was done, e.g. <c>instance.read</c>, <c>journal.read</c>, <c>task.read</c>, <c>export</c>, <c>erased</c>.</summary>
    public required string Action { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>The root of the instance's tree (for the host: the traject).</summary>
    public Guid RootInstanceId { get; set; }

    public required string TenantId { get; set; }

    /// <summary>What else identifies the read (a task id, a page), never personal data itself.</summary>
    public string? Detail { get; set; }
}

/// <summary>The simulation clock's virtual "now", kept across restarts (one row).</summary>
internal sealed class SimulationClockEntity
{
    public int Id { get; set; }

    public DateTimeOffset Now { get; set; }
}

/// <summary>
/// A schedule change written in the same transaction as the step that made it (timer or job attempt to schedule or cancel),
/// deleted once the scheduler has it. Rows left behind by a crash are handed over by the reconciler.
/// </summary>
internal sealed class OutboxEntity
{
    public long Id { get; set; }

    /// <summary>timer, job or job-cancel (timer-cancel in rows an older version wrote).</summary>
    public required string Kind { get; set; }

    public Guid TargetId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
