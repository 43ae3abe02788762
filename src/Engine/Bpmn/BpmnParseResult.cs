namespace Inburgering.Engine.Bpmn;

/// <summary>One finding about a BPMN file: the element it concerns (null for the file as a whole) and the coded problem.</summary>
public sealed record BpmnProblem(string? ElementId, EngineError Error)
{
    /// <summary>The stable code of the problem (e.g. <c>bpmn.unsupported.script-task</c>).</summary>
    public string Code => Error.Code;

    /// <summary>The engine's English default text (a host words <see cref="Code"/> itself).</summary>
    public string Message => Error.Message;
}

/// <summary>The outcome of reading a BPMN file: the executable processes, or the reasons it cannot run.</summary>
internal sealed class BpmnParseResult
{
    internal BpmnParseResult(IReadOnlyList<ProcessModel> processes, IReadOnlyList<BpmnProblem> errors, IReadOnlyList<BpmnProblem> warnings)
    {
        Processes = processes;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The processes of the file, in document order (empty when the file is refused).</summary>
    public IReadOnlyList<ProcessModel> Processes { get; }

    /// <summary>Why the file cannot be deployed; empty when it can.</summary>
    public IReadOnlyList<BpmnProblem> Errors { get; }

    /// <summary>Parts of the file that carry no execution meaning here and are ignored on purpose (data objects, message flows…).</summary>
    public IReadOnlyList<BpmnProblem> Warnings { get; }

    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks the parser delegates to the rest of the engine, so that the model stays free of
/// the expression engine, timer parsing and the activity catalogue.
/// </summary>
internal interface IBpmnValidationHooks
{
    /// <summary>Null when <paramref name="text"/> is a valid expression; else why not. <paramref name="bareIsCode"/>: bare text is JavaScript (conditions, scripts) rather than a literal (templates).</summary>
    EngineError? ValidateExpression(string text, bool bareIsCode);

    /// <summary>Null when the literal timer text is valid for its kind; else why not.</summary>
    EngineError? ValidateTimer(TimerDefinitionKind kind, string literal);

    /// <summary>Null when an activity with this type key (<c>camunda:topic</c>) is registered; else why not.</summary>
    EngineError? ValidateActivityType(string topic);
}
