using Inburgering.Engine.Activities;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Timers;

namespace Inburgering.Engine.Execution;

/// <summary>The stateless services a step needs, gathered once.</summary>
internal sealed class EngineServices(IExpressionEvaluator expressions, EngineOptions options)
{
    public IExpressionEvaluator Expressions { get; } = expressions;

    public EngineOptions Options { get; } = options;

    public TimeZoneInfo Zone { get; } = options.Zone;
}

/// <summary>Deploy-time checks backed by the expression engine, the timer parser and the activity catalogue.</summary>
internal sealed class EngineValidationHooks(IExpressionEvaluator expressions, IActivityCatalog activities) : IBpmnValidationHooks
{
    public EngineError? ValidateExpression(string text, bool bareIsCode) =>
        expressions.Validate(text, bareIsCode) is { } reason ? EngineErrors.ExpressionInvalid.With(("reason", reason)) : null;

    public EngineError? ValidateTimer(TimerDefinitionKind kind, string literal) =>
        TimerSchedule.TryParse((TimerKind)(int)kind, literal, out _, out var error) ? null : error;

    public EngineError? ValidateActivityType(string topic) =>
        activities.Find(topic) is null ? EngineErrors.BpmnActivityUnknown.With(("topic", topic)) : null;
}
