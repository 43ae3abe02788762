using System.Collections.Frozen;
using System.Reflection;

namespace Inburgering.Engine;

/// <summary>
/// Every error code of the engine, with its kind and English default text. A host words each code for its users
/// (see <see cref="EngineError.Render"/>); <see cref="All"/> lets it check that it has a text for every one.
/// The BPMN file's codes (<c>bpmn.*</c>) and the timer texts' codes (<c>timer.*</c>, <c>duration.*</c>) are in the other parts
/// of this class.
/// </summary>
public static partial class EngineErrors
{
    private const EngineErrorKind Invalid = EngineErrorKind.Invalid;
    private const EngineErrorKind NotFound = EngineErrorKind.NotFound;
    private const EngineErrorKind Conflict = EngineErrorKind.Conflict;
    private const EngineErrorKind Forbidden = EngineErrorKind.Forbidden;
    private const EngineErrorKind Incident = EngineErrorKind.Incident;

    private static readonly Lazy<FrozenDictionary<string, ErrorCode>> ByCode = new(() =>
        typeof(EngineErrors).GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.FieldType == typeof(ErrorCode))
            .Select(f => (ErrorCode)f.GetValue(null)!)
            .ToFrozenDictionary(c => c.Code, StringComparer.Ordinal));

    /// <summary>Every code the engine can report, ordered by code.</summary>
    public static IReadOnlyList<ErrorCode> All => ByCode.Value.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();

    /// <summary>The definition of a code, or null when the engine has no such code.</summary>
    public static ErrorCode? Find(string code) => ByCode.Value.GetValueOrDefault(code);

    // ---------------------------------------------------------------- tenants

    internal static readonly ErrorCode TenantInvalid = new("tenant.invalid", Invalid,
        "'{tenantId}' is not a valid tenant id (1 to {maxLength} characters, no commas or spaces).");

    internal static readonly ErrorCode TenantForbidden = new("tenant.forbidden", Forbidden, "You do not work for tenant {tenantId}.");

    internal static readonly ErrorCode TenantRequired = new("tenant.required", Invalid,
        "Message '{name}' starts a process; say for which tenant.");

    // ---------------------------------------------------------------- definitions

    internal static readonly ErrorCode DefinitionNotFound = new("definition.not-found", NotFound, "There is no definition with key '{key}'.");

    internal static readonly ErrorCode DefinitionVersionNotFound = new("definition.version-not-found", NotFound,
        "Definition '{key}' has no version {version}.");

    internal static readonly ErrorCode DefinitionNoNoneStart = new("definition.no-none-start", Invalid,
        "Process '{key}' starts only by a message or a timer, not through this call.");

    // ---------------------------------------------------------------- instances

    internal static readonly ErrorCode InstanceNotFound = new("instance.not-found", NotFound, "Instance {instanceId} does not exist.");

    internal static readonly ErrorCode InstanceEnded = new("instance.ended", Conflict, "Instance {instanceId} has already ended.");

    internal static readonly ErrorCode InstanceIsCalled = new("instance.is-called", Conflict,
        "Instance {instanceId} was started by a call activity; cancel the instance that called it.");

    internal static readonly ErrorCode InstanceConcurrencyConflict = new("instance.concurrency-conflict", Conflict,
        "Too many changes to this instance at the same moment; try again.");

    internal static readonly ErrorCode BusinessKeyTooLong = new("instance.business-key-too-long", Invalid,
        "The businessKey is longer than {maxLength} characters.");

    internal static readonly ErrorCode VariablesTooLarge = new("instance.variables-too-large", Invalid,
        "The instance's variables would take {length} characters; an instance keeps at most {max}.");

    // ---------------------------------------------------------------- tasks

    internal static readonly ErrorCode TaskNotFound = new("task.not-found", NotFound, "Task {taskId} does not exist.");

    internal static readonly ErrorCode TaskCompleted = new("task.completed", Conflict, "This task has already been completed.");

    internal static readonly ErrorCode TaskCancelled = new("task.cancelled", Conflict, "This task has been cancelled.");

    internal static readonly ErrorCode TaskNotOpen = new("task.not-open", Conflict, "This task is no longer open.");

    internal static readonly ErrorCode TaskClaimedByOther = new("task.claimed-by-other", Conflict, "This task is claimed by {assignee}.");

    internal static readonly ErrorCode TaskUnclaimForbidden = new("task.unclaim-forbidden", Forbidden,
        "Only {assignee} or an administrator can give this task back.");

    internal static readonly ErrorCode TaskForGroups = new("task.for-groups", Forbidden, "This task is for the group(s) {groups}.");

    internal static readonly ErrorCode TaskForOthers = new("task.for-others", Forbidden, "This task is for other people.");

    internal static readonly ErrorCode TaskConcurrencyConflict = new("task.concurrency-conflict", Conflict,
        "Someone else changed the task at the same moment; try again.");

    internal static readonly ErrorCode FourEyesAlreadyApproved = new("task.four-eyes.already-approved", Conflict,
        "Four eyes: you have already completed this task; now a second person ({missing}) must do so.");

    internal static readonly ErrorCode FourEyesNotInGroup = new("task.four-eyes.not-in-group", Forbidden,
        "Four eyes: this task still waits for {missing}; you are not in that group.");

    internal static readonly ErrorCode TaskAssigneeInvalid = new("task.assignee-invalid", Invalid,
        "Say who gets the task (at most {maxLength} characters).");

    internal static readonly ErrorCode TaskAssignForbidden = new("task.assign-forbidden", Conflict,
        "This task is claimed by {assignee}; only that person or an administrator can hand it over.");

    internal static readonly ErrorCode FourEyesAssigneeAlreadyApproved = new("task.four-eyes.assignee-already-approved", Conflict,
        "Four eyes: {assignee} has already completed this task; a second person must do it.");

    internal static readonly ErrorCode TaskReturnReasonInvalid = new("task.return-reason-invalid", Invalid,
        "Give a reason (at most {maxLength} characters) why you send the task back.");

    internal static readonly ErrorCode TaskReturnNothingDone = new("task.return-nothing-done", Conflict,
        "Nothing has been completed yet: only a four-eyes task that the first person has completed can go back.");

    internal static readonly ErrorCode TaskReturnOwn = new("task.return-own", Conflict,
        "Four eyes: you completed this task yourself; the second person reviews it.");

    // ---------------------------------------------------------------- messages

    internal static readonly ErrorCode MessageNameInvalid = new("message.name-invalid", Invalid,
        "A message needs a name (at most {maxLength} characters).");

    internal static readonly ErrorCode MessageCorrelationKeyTooLong = new("message.correlation-key-too-long", Invalid,
        "The correlationKey is longer than {maxLength} characters.");

    internal static readonly ErrorCode MessageNotCorrelated = new("message.not-correlated", NotFound,
        "Nothing waits for message '{name}', and without a correlationKey it cannot be kept.");

    // ---------------------------------------------------------------- incidents

    internal static readonly ErrorCode IncidentNotFound = new("incident.not-found", NotFound, "Incident {incidentId} does not exist.");

    internal static readonly ErrorCode IncidentResolved = new("incident.resolved", Conflict, "This incident has already been resolved.");

    // ---------------------------------------------------------------- partner calls

    internal static readonly ErrorCode PartnerCallNotFound = new("partner-call.not-found", NotFound, "Partner call {partnerCallId} does not exist.");

    internal static readonly ErrorCode PartnerCallNotWaiting = new("partner-call.not-waiting", Conflict,
        "This partner call is not waiting out a back-off (it is {status}); only a call that failed and waits for its next attempt can be tried now.");

    // ---------------------------------------------------------------- lists

    internal static readonly ErrorCode PageInvalid = new("paging.page-invalid", Invalid, "page starts at 1.");

    internal static readonly ErrorCode PageTooFar = new("paging.page-too-far", Invalid, "page {page} lies beyond the last one that can be read ({max}); narrow the filter.");

    internal static readonly ErrorCode PageSizeInvalid = new("paging.page-size-invalid", Invalid, "pageSize lies between 1 and {max}.");

    internal static readonly ErrorCode PageAfterInvalid = new("paging.after-invalid", Invalid,
        "after is not where this list continues; pass the next of the page before, with the same sort.");

    internal static readonly ErrorCode PageAfterWithPage = new("paging.after-with-page", Invalid, "after continues a list by position; leave out page.");

    internal static readonly ErrorCode PageAfterUnsupported = new("paging.after-unsupported", Invalid, "this list is read by page; after is not supported here.");

    internal static readonly ErrorCode FilterValueUnknown = new("filter.value-unknown", Invalid,
        "{name} '{value}' is unknown; choose from {allowed}.");

    // ---------------------------------------------------------------- the simulation clock

    internal static readonly ErrorCode ClockNotSimulated = new("clock.not-simulated", Conflict, "The simulation clock is off.");

    internal static readonly ErrorCode ClockDatabaseNotEmpty = new("clock.database-not-empty", Conflict,
        "The clock can only go back on a database without instances.");

    internal static readonly ErrorCode ClockDurationInvalid = new("clock.duration-invalid", Invalid,
        "'{duration}' is not an ISO 8601 duration (such as P3M or PT10M): {cause}");

    internal static readonly ErrorCode ClockBackwards = new("clock.backwards", Invalid, "The clock cannot go back.");

    internal static readonly ErrorCode ClockAdvanceTooFar = new("clock.advance-too-far", Invalid,
        "'{duration}' is further than one advance may go ({max}); advance in steps.");

    // ---------------------------------------------------------------- run time: becomes an incident on the path

    internal static readonly ErrorCode StepLimit = new("model.step-limit", Incident,
        "More than {limit} operations without a wait state: is there an endless loop in the model?");

    internal static readonly ErrorCode ElementNotExecutable = new("model.element-not-executable", Incident,
        "Element '{elementId}' of kind {kind} cannot be executed here.");

    internal static readonly ErrorCode SubProcessWithoutStart = new("model.sub-process-without-start", Incident,
        "Sub-process '{elementId}' has no start event.");

    internal static readonly ErrorCode NoFlowApplies = new("model.no-flow-applies", Incident,
        "No outgoing flow of '{elementId}' applies and there is no default flow.");

    internal static readonly ErrorCode GatewayNoConditionTrue = new("model.gateway-no-condition-true", Incident,
        "No condition of gateway '{elementId}' is true and there is no default flow.");

    internal static readonly ErrorCode TimerInvalidAtRunTime = new("model.timer-invalid", Incident, "Timer '{spec}': {cause}");

    internal static readonly ErrorCode DateInvalid = new("model.date-invalid", Incident,
        "{attribute} '{value}' is not a date (ISO 8601) and not a duration.");

    internal static readonly ErrorCode PriorityInvalid = new("model.priority-invalid", Incident, "camunda:priority '{value}' is not a whole number.");

    internal static readonly ErrorCode FourEyesOneGroup = new("model.four-eyes-one-group", Incident,
        "fourEyes on '{elementId}' names one group; name two (e.g. \"groupA,groupB\", or \"groupA,groupA\" for two people of one group).");

    internal static readonly ErrorCode CalledProcessNotDeployed = new("model.called-process-not-deployed", Incident,
        "The called process '{key}' is not deployed.");

    internal static readonly ErrorCode CalledVersionNotDeployed = new("model.called-version-not-deployed", Incident,
        "Version {version} of the called process '{key}' is not deployed.");

    internal static readonly ErrorCode CalledProcessWithoutStart = new("model.called-process-without-start", Incident,
        "The called process '{key}' has no start event without a trigger.");

    internal static readonly ErrorCode CalledInstanceNotFound = new("model.called-instance-not-found", Conflict,
        "The instance called by this activity was not found.");

    internal static readonly ErrorCode PathGone = new("model.path-gone", Conflict, "The path that waited here no longer exists.");

    internal static readonly ErrorCode UnhandledBpmnError = new("model.unhandled-bpmn-error", Incident,
        "Error '{errorCode}' is caught by no error boundary event ({message}).");

    internal static readonly ErrorCode ErrorEndEvent = new("model.error-end-event", Incident, "Error end event '{elementId}'");

    internal static readonly ErrorCode ExpressionFailed = new("expression.failed", Incident, "{reason}");

    // ---------------------------------------------------------------- activities (partner calls)

    internal static readonly ErrorCode ActivityFailed = new("activity.failed", Incident, "{reason}");

    internal static readonly ErrorCode ActivityAttemptsExhausted = new("activity.attempts-exhausted", Incident,
        "{cause} (after {attempts} attempts)");

    internal static readonly ErrorCode ActivityUnknown = new("activity.unknown", Incident,
        "There is no activity '{activityType}' in the catalogue (any more).");

    internal static readonly ErrorCode ActivityTimeout = new("activity.timeout", Incident,
        "Time-out: the activity took longer than {seconds} s.");

    internal static readonly ErrorCode ActivityThrew = new("activity.threw", Incident, "{exception}: {message}");

    internal static readonly ErrorCode ActivityInputInvalid = new("activity.input-invalid", Incident,
        "The input for {activityType} is invalid: {reason}");

    internal static readonly ErrorCode ActivityInputMissing = new("activity.input-missing", Incident, "The input for {activityType} is missing.");

    internal static readonly ErrorCode ActivityInputRequiredMissing = new("activity.input-required-missing", Incident,
        "The input for {activityType} lacks required fields: {fields}.");
}
