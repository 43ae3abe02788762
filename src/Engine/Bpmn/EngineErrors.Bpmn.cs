namespace Inburgering.Engine;

/// <summary>The codes of problems in a BPMN file (errors refuse the file; <c>bpmn.ignored.*</c> are warnings).</summary>
public static partial class EngineErrors
{
    // ---------------------------------------------------------------- the file

    internal static readonly ErrorCode BpmnFileEmpty = new("bpmn.file.empty", Invalid, "The file is empty.");

    internal static readonly ErrorCode BpmnFileTooLarge = new("bpmn.file.too-large", Invalid,
        "The file is too large ({length} characters; the limit is {max}).");

    internal static readonly ErrorCode BpmnFileTooDeep = new("bpmn.file.too-deep", Invalid,
        "The file nests elements too deeply (line {line}); the limit is {max} levels.");

    internal static readonly ErrorCode BpmnFileDtd = new("bpmn.file.dtd", Invalid,
        "The file contains a DTD (<!DOCTYPE …>); that is not allowed for safety (no external entities or files are read).");

    internal static readonly ErrorCode BpmnXmlInvalid = new("bpmn.file.xml-invalid", Invalid,
        "Not valid XML (line {line}, position {position}): {reason}");

    internal static readonly ErrorCode BpmnWrongRoot = new("bpmn.file.wrong-root", Invalid,
        "The root element is '{element}' in namespace '{namespace}'; expected is 'definitions' in {expected}.");

    internal static readonly ErrorCode BpmnNoProcess = new("bpmn.file.no-process", Invalid, "The file contains no process.");

    internal static readonly ErrorCode BpmnDuplicateId = new("bpmn.id.duplicate", Invalid,
        "This id occurs more than once in the file; every element needs its own id.");

    internal static readonly ErrorCode BpmnElementIdMissing = new("bpmn.element.id-missing", Invalid, "A '{element}' without an id cannot be executed.");

    // ---------------------------------------------------------------- processes and scopes

    internal static readonly ErrorCode BpmnProcessIdMissing = new("bpmn.process.id-missing", Invalid, "A process without an id cannot be deployed.");

    internal static readonly ErrorCode BpmnProcessIdInvalid = new("bpmn.process.id-invalid", Invalid,
        "The process id must start with a letter or '_' and contain only letters, digits, '_', '-' and '.' (it becomes the definition's key).");

    internal static readonly ErrorCode BpmnProcessNotExecutable = new("bpmn.process.not-executable", Invalid,
        "The process has isExecutable=\"false\"; set it to \"true\" to run it.");

    internal static readonly ErrorCode BpmnProcessNoStart = new("bpmn.process.no-start-event", Invalid, "The process has no start event.");

    internal static readonly ErrorCode BpmnSubProcessEmpty = new("bpmn.sub-process.empty", Invalid,
        "The sub-process is empty; an embedded sub-process needs a start event and a path to an end event.");

    internal static readonly ErrorCode BpmnSubProcessNoStart = new("bpmn.sub-process.no-start-event", Invalid, "The sub-process has no start event.");

    internal static readonly ErrorCode BpmnSubProcessTriggeredStart = new("bpmn.sub-process.start-with-trigger", Invalid,
        "An embedded sub-process starts only with a start event without a trigger.");

    internal static readonly ErrorCode BpmnMultipleNoneStarts = new("bpmn.start.multiple-none", Invalid,
        "There is more than one start event without a trigger; the engine would not know where to begin.");

    internal static readonly ErrorCode BpmnDuplicateMessageStart = new("bpmn.start.duplicate-message", Invalid,
        "More than one start event waits for message '{name}'.");

    internal static readonly ErrorCode BpmnStartHasIncoming = new("bpmn.start.has-incoming", Invalid, "A start event cannot have an incoming flow.");

    internal static readonly ErrorCode BpmnEndHasOutgoing = new("bpmn.end.has-outgoing", Invalid, "An end event cannot have an outgoing flow.");

    internal static readonly ErrorCode BpmnBoundaryHasIncoming = new("bpmn.boundary.has-incoming", Invalid, "A boundary event cannot have an incoming flow.");

    internal static readonly ErrorCode BpmnUnreachableNoIncoming = new("bpmn.element.unreachable-no-incoming", Invalid,
        "This element is unreachable: it has no incoming flow.");

    internal static readonly ErrorCode BpmnUnreachable = new("bpmn.element.unreachable", Invalid,
        "This element is unreachable: no path from a start event arrives here.");

    internal static readonly ErrorCode BpmnGatewayNoOutgoing = new("bpmn.gateway.no-outgoing", Invalid, "A gateway needs at least one outgoing flow.");

    // ---------------------------------------------------------------- sequence flows

    internal static readonly ErrorCode BpmnFlowIdMissing = new("bpmn.flow.id-missing", Invalid, "A sequence flow has no id.");

    internal static readonly ErrorCode BpmnFlowReferenceMissing = new("bpmn.flow.reference-missing", Invalid, "The sequence flow has no {attribute}.");

    internal static readonly ErrorCode BpmnFlowReferenceNotFound = new("bpmn.flow.reference-not-found", Invalid,
        "The sequence flow's {attribute} '{reference}' does not exist.");

    internal static readonly ErrorCode BpmnFlowReferenceNotANode = new("bpmn.flow.reference-not-a-node", Invalid,
        "The sequence flow's {attribute} '{reference}' is not an event, activity or gateway.");

    internal static readonly ErrorCode BpmnFlowCrossesSubProcess = new("bpmn.flow.crosses-sub-process", Invalid,
        "The sequence flow crosses the border of a sub-process ({attribute} '{reference}' lies in another scope); connect only elements within the same (sub-)process.");

    internal static readonly ErrorCode BpmnFlowCrossesProcess = new("bpmn.flow.crosses-process", Invalid,
        "The sequence flow's {attribute} '{reference}' lies in another process; no sequence flows run between processes.");

    internal static readonly ErrorCode BpmnConditionLanguage = new("bpmn.condition.language", Invalid,
        "Conditions in the language '{language}' are not supported; write JavaScript (bare or as ${…}).");

    internal static readonly ErrorCode BpmnConditionInvalid = new("bpmn.condition.invalid", Invalid, "The condition: {cause}");

    internal static readonly ErrorCode BpmnConditionOnParallelGateway = new("bpmn.condition.on-parallel-gateway", Invalid,
        "Conditions on the outgoing flows of a parallel gateway have no effect; remove them or use an inclusive gateway.");

    internal static readonly ErrorCode BpmnConditionNotAllowed = new("bpmn.condition.not-allowed", Invalid,
        "Only flows out of an exclusive or inclusive gateway or an activity can have a condition.");

    internal static readonly ErrorCode BpmnDefaultFlowNotOutgoing = new("bpmn.default-flow.not-outgoing", Invalid,
        "The default flow '{flowId}' is not an outgoing flow of this element.");

    internal static readonly ErrorCode BpmnDefaultFlowHasCondition = new("bpmn.default-flow.has-condition", Invalid, "A default flow cannot have a condition.");

    internal static readonly ErrorCode BpmnDefaultFlowNotAllowed = new("bpmn.default-flow.not-allowed", Invalid,
        "Only exclusive and inclusive gateways and activities have a default flow.");

    // ---------------------------------------------------------------- events

    internal static readonly ErrorCode BpmnCatchNeedsDefinition = new("bpmn.event.catch-needs-definition", Invalid,
        "An intermediate catch event needs a timer or message definition.");

    internal static readonly ErrorCode BpmnBoundaryNeedsDefinition = new("bpmn.event.boundary-needs-definition", Invalid,
        "A boundary event needs a timer, message or error definition.");

    internal static readonly ErrorCode BpmnBoundaryAttachedToMissing = new("bpmn.boundary.attached-to-missing", Invalid,
        "The boundary event is attached to no activity (attachedToRef is missing).");

    internal static readonly ErrorCode BpmnBoundaryAttachedToNotFound = new("bpmn.boundary.attached-to-not-found", Invalid,
        "The boundary event is attached to '{reference}', which does not exist or lies in another scope.");

    internal static readonly ErrorCode BpmnBoundaryAttachedToNotActivity = new("bpmn.boundary.attached-to-not-activity", Invalid,
        "A boundary event can only be attached to an activity, not to '{reference}'.");

    internal static readonly ErrorCode BpmnErrorEndNeedsErrorRef = new("bpmn.error.end-needs-error-ref", Invalid,
        "An error end event must refer to an error (bpmn:error with errorCode).");

    internal static readonly ErrorCode BpmnErrorNotFound = new("bpmn.error.not-found", Invalid, "The error '{errorRef}' does not exist in this file.");

    internal static readonly ErrorCode BpmnErrorCodeMissing = new("bpmn.error.code-missing", Invalid, "The error '{errorRef}' has no errorCode.");

    internal static readonly ErrorCode BpmnErrorBoundaryNonInterrupting = new("bpmn.error.boundary-non-interrupting", Invalid,
        "An error boundary event always interrupts (cancelActivity cannot be \"false\").");

    internal static readonly ErrorCode BpmnMessageRefMissing = new("bpmn.message.ref-missing", Invalid, "No message is chosen (messageRef is missing).");

    internal static readonly ErrorCode BpmnMessageNotFound = new("bpmn.message.not-found", Invalid, "The message '{messageRef}' does not exist in this file.");

    internal static readonly ErrorCode BpmnMessageNameMissing = new("bpmn.message.name-missing", Invalid,
        "The message '{messageRef}' has no name; messages are correlated by name.");

    internal static readonly ErrorCode BpmnMessageNameExpression = new("bpmn.message.name-expression", Invalid,
        "Message names with an expression ('{name}') are not supported.");

    // ---------------------------------------------------------------- timers

    internal static readonly ErrorCode BpmnTimerDefinitionMissing = new("bpmn.timer.definition-missing", Invalid,
        "The timer has no timeDate, timeDuration or timeCycle.");

    internal static readonly ErrorCode BpmnTimerDefinitionMultiple = new("bpmn.timer.definition-multiple", Invalid,
        "The timer has more than one of timeDate, timeDuration and timeCycle.");

    internal static readonly ErrorCode BpmnTimerEmpty = new("bpmn.timer.empty", Invalid, "The timer is empty.");

    internal static readonly ErrorCode BpmnTimerExpressionInvalid = new("bpmn.timer.expression-invalid", Invalid, "The timer: {cause}");

    internal static readonly ErrorCode BpmnTimerInvalid = new("bpmn.timer.invalid", Invalid, "{cause}");

    // ---------------------------------------------------------------- tasks and their extensions

    internal static readonly ErrorCode BpmnAttributeInvalid = new("bpmn.attribute.invalid", Invalid, "{attribute}: {cause}");

    internal static readonly ErrorCode ExpressionInvalid = new("expression.invalid", Invalid, "{reason}");

    internal static readonly ErrorCode BpmnUserTaskDateInvalid = new("bpmn.user-task.date-invalid", Invalid,
        "{attribute} '{value}' is not a date (ISO 8601) and not a duration (such as P2W).");

    internal static readonly ErrorCode BpmnServiceTaskCamunda8 = new("bpmn.service-task.camunda8", Invalid,
        "This task is for Camunda 8 (zeebe:taskDefinition type=\"{type}\"); this engine runs only camunda:type=\"external\" with a camunda:topic (the activity from the catalogue).");

    internal static readonly ErrorCode BpmnServiceTaskTopicMissing = new("bpmn.service-task.topic-missing", Invalid,
        "A service or send task needs camunda:type=\"external\" and a camunda:topic (the activity from the catalogue).");

    internal static readonly ErrorCode BpmnActivityUnknown = new("bpmn.service-task.activity-unknown", Invalid,
        "There is no activity '{topic}' in the catalogue.");

    internal static readonly ErrorCode BpmnCalledElementMissing = new("bpmn.call-activity.called-element-missing", Invalid,
        "A call activity needs a calledElement (the key of the called process).");

    internal static readonly ErrorCode BpmnCalledBindingUnsupported = new("bpmn.call-activity.binding-unsupported", Invalid,
        "camunda:calledElementBinding=\"{binding}\" is not supported (supported: latest, deployment, version).");

    internal static readonly ErrorCode BpmnCalledVersionInvalid = new("bpmn.call-activity.version-invalid", Invalid,
        "With camunda:calledElementBinding=\"version\", camunda:calledElementVersion is a positive whole number.");

    internal static readonly ErrorCode BpmnCallMappingInvalid = new("bpmn.call-activity.mapping-invalid", Invalid,
        "{element} needs variables=\"all\", or exactly one of source/sourceExpression with a target.");

    internal static readonly ErrorCode BpmnCallMappingMisplaced = new("bpmn.call-activity.mapping-misplaced", Invalid, "{element} belongs only to a call activity.");

    internal static readonly ErrorCode BpmnIoParameterNameMissing = new("bpmn.io-parameter.name-missing", Invalid, "A {element} without a name.");

    internal static readonly ErrorCode BpmnIoParameterInvalid = new("bpmn.io-parameter.invalid", Invalid, "Parameter '{name}': {cause}");

    internal static readonly ErrorCode BpmnIoScriptLanguage = new("bpmn.io-parameter.script-language", Invalid,
        "Parameter '{name}': scripts in '{language}' are not supported; only JavaScript.");

    internal static readonly ErrorCode BpmnIoScriptResource = new("bpmn.io-parameter.script-resource", Invalid,
        "Parameter '{name}': external script files (resource) are not supported.");

    internal static readonly ErrorCode BpmnIoValueUnsupported = new("bpmn.io-parameter.unsupported", Invalid, "Parameter '{name}': '{element}' is not supported.");

    // ---------------------------------------------------------------- not supported

    internal static readonly ErrorCode BpmnUnsupportedElement = new("bpmn.unsupported-element", Invalid, "Element '{element}' is not supported.");

    internal static readonly ErrorCode BpmnUnsupportedScriptTask = new("bpmn.unsupported.script-task", Invalid,
        "Script tasks are not supported; use a service task with camunda:type=\"external\" and an activity from the catalogue.");

    internal static readonly ErrorCode BpmnUnsupportedBusinessRuleTask = new("bpmn.unsupported.business-rule-task", Invalid,
        "Business rule tasks (DMN) are not supported; use a service task with an activity, or a gateway with conditions.");

    internal static readonly ErrorCode BpmnUnsupportedAdHocSubProcess = new("bpmn.unsupported.ad-hoc-sub-process", Invalid, "Ad-hoc sub-processes are not supported.");

    internal static readonly ErrorCode BpmnUnsupportedTransaction = new("bpmn.unsupported.transaction", Invalid, "Transactions (with compensation) are not supported.");

    internal static readonly ErrorCode BpmnUnsupportedComplexGateway = new("bpmn.unsupported.complex-gateway", Invalid,
        "Complex gateways are not supported; use an exclusive, parallel or inclusive gateway.");

    internal static readonly ErrorCode BpmnUnsupportedEventBasedGateway = new("bpmn.unsupported.event-based-gateway", Invalid,
        "Event-based gateways are not supported; use a boundary event (timer or message) on a receive task.");

    internal static readonly ErrorCode BpmnUnsupportedChoreography = new("bpmn.unsupported.choreography", Invalid, "Choreographies are not executable.");

    internal static readonly ErrorCode BpmnUnsupportedImplicitThrowEvent = new("bpmn.unsupported.implicit-throw-event", Invalid,
        "This event type is not supported.");

    internal static readonly ErrorCode BpmnUnsupportedEventSubProcess = new("bpmn.unsupported.event-sub-process", Invalid,
        "Event sub-processes are not supported; use a boundary event on a sub-process.");

    internal static readonly ErrorCode BpmnUnsupportedMultiInstance = new("bpmn.unsupported.multi-instance", Invalid,
        "Multiple instances (multi-instance) are not supported yet.");

    internal static readonly ErrorCode BpmnUnsupportedStandardLoop = new("bpmn.unsupported.standard-loop", Invalid,
        "Loops (standardLoopCharacteristics) are not supported; model the repetition with a gateway.");

    internal static readonly ErrorCode BpmnUnsupportedCompensation = new("bpmn.unsupported.compensation", Invalid, "Compensation is not supported.");

    internal static readonly ErrorCode BpmnUnsupportedInstantiatingReceiveTask = new("bpmn.unsupported.instantiating-receive-task", Invalid,
        "A receive task that starts a process (instantiate=\"true\") is not supported; use a start event with a message.");

    internal static readonly ErrorCode BpmnUnsupportedEventDefinitionRef = new("bpmn.unsupported.event-definition-ref", Invalid,
        "References to global event definitions (eventDefinitionRef) are not supported.");

    internal static readonly ErrorCode BpmnUnsupportedMultipleEvent = new("bpmn.unsupported.multiple-event", Invalid,
        "An event with more than one definition (multiple event) is not supported.");

    internal static readonly ErrorCode BpmnUnsupportedEventType = new("bpmn.unsupported.event-type", Invalid,
        "Events with a {definition} are not supported.");

    internal static readonly ErrorCode BpmnUnsupportedMessageThrow = new("bpmn.unsupported.message-throw-event", Invalid,
        "Sending messages from an event is not supported; use a send task with camunda:type=\"external\".");

    internal static readonly ErrorCode BpmnUnsupportedEventCombination = new("bpmn.unsupported.event-combination", Invalid,
        "A {element} with {definition} is not supported.");

    internal static readonly ErrorCode BpmnUnsupportedListener = new("bpmn.unsupported.listener", Invalid,
        "Listeners are not supported: they run code outside the model.");

    internal static readonly ErrorCode BpmnUnsupportedFormRef = new("bpmn.unsupported.form-ref", Invalid,
        "camunda:formRef is not supported; use camunda:formKey with the name of a form-js form.");

    internal static readonly ErrorCode BpmnUnsupportedFormData = new("bpmn.unsupported.form-data", Invalid,
        "camunda:formData (generated forms) is not supported; use camunda:formKey with a form-js form.");

    internal static readonly ErrorCode BpmnUnsupportedConnector = new("bpmn.unsupported.connector", Invalid,
        "Connectors are not supported; use an activity from the catalogue (camunda:type=\"external\").");

    internal static readonly ErrorCode BpmnUnsupportedFieldInjection = new("bpmn.unsupported.field-injection", Invalid,
        "Field injection (camunda:field) is not supported; pass input with camunda:inputOutput.");

    internal static readonly ErrorCode BpmnUnsupportedJavaDelegate = new("bpmn.unsupported.java-delegate", Invalid,
        "{attribute} is not supported: service tasks run as an activity with camunda:type=\"external\" and camunda:topic.");

    internal static readonly ErrorCode BpmnUnsupportedCallMappingCode = new("bpmn.unsupported.call-activity-mapping-code", Invalid,
        "CMMN calls and variable mapping by code are not supported; use camunda:in and camunda:out.");

    internal static readonly ErrorCode BpmnCamundaUnknownAttribute = new("bpmn.camunda.unknown-attribute", Invalid,
        "camunda:{attribute} is not part of the Camunda 7 vocabulary (the nearest is camunda:{nearest}); a misspelt extension would silently change what the element does.");

    internal static readonly ErrorCode BpmnCamundaUnknownElement = new("bpmn.camunda.unknown-element", Invalid,
        "camunda:{element} is not part of the Camunda 7 vocabulary (the nearest is camunda:{nearest}); a misspelt extension would silently change what the element does.");

    internal static readonly ErrorCode BpmnCamundaUnknownNamespace = new("bpmn.camunda.unknown-namespace", Invalid,
        "{name} is in namespace '{namespace}', which is not Camunda 7's; the engine reads the Camunda extensions only in {expected} (as Camunda Modeler writes it), so this one would be ignored.");

    // ---------------------------------------------------------------- warnings: accepted, but without meaning here

    internal static readonly ErrorCode BpmnIgnoredGlobalTask = new("bpmn.ignored.global-task", Invalid,
        "Global task '{element}' is ignored: only calls of processes (callActivity with calledElement) are executed.");

    internal static readonly ErrorCode BpmnIgnoredCamunda8 = new("bpmn.ignored.camunda8-extensions", Invalid,
        "Camunda 8 extensions ({extensions}) are ignored; the engine reads the Camunda 7 extensions (camunda:…).");

    internal static readonly ErrorCode BpmnIgnoredMessageFlow = new("bpmn.ignored.message-flow", Invalid,
        "Message flows between pools are documentation; the engine receives messages through message events and the messages API.");

    internal static readonly ErrorCode BpmnIgnoredForeignElement = new("bpmn.ignored.foreign-element", Invalid,
        "Unknown element '{element}' ({namespace}) outside extensionElements is ignored.");

    internal static readonly ErrorCode BpmnIgnoredDataElement = new("bpmn.ignored.data-element", Invalid,
        "Data element '{element}' has no execution meaning and is ignored; data lives in process variables.");

    internal static readonly ErrorCode BpmnIgnoredFailedJobRetryTimeCycle = new("bpmn.ignored.failed-job-retry-time-cycle", Invalid,
        "camunda:failedJobRetryTimeCycle is ignored; the retry policy belongs to the activity in the catalogue.");
}
