namespace Inburgering.Engine.Expressions;

/// <summary>
/// Supplies named functions that BPMN expressions may call (e.g. domain deadline calculations).
/// Functions take and return JSON-friendly values: string (ISO dates as "yyyy-MM-dd" or ISO 8601 date-times),
/// double, bool, or null. They must be pure: no I/O, no clock other than what is passed in.
/// </summary>
public interface IExpressionFunctionProvider
{
    IEnumerable<ExpressionFunction> Functions { get; }
}

/// <summary>A function exposed to expressions under <see cref="Name"/> (a JavaScript identifier, may contain one dot for a namespace, e.g. "termijn.einde").</summary>
public sealed record ExpressionFunction(string Name, Delegate Implementation, string Description);
