namespace Inburgering.Engine.Expressions;

/// <summary>
/// Supplies named functions that BPMN expressions may call (e.g. domain deadline calculations). They must be pure: no I/O,
/// no clock other than what is passed in.
/// </summary>
/// <remarks>
/// A function takes either one input record (a C# record whose properties carry a <see cref="System.ComponentModel.DescriptionAttribute"/>,
/// like an activity's <c>Input</c>) and is called with one object of named arguments —
/// <c>regel.pipFouten({doelgroep: doelgroepCode, dagtekening: pipDagtekening, …})</c> — or, for one or two obvious
/// arguments, positional JSON-friendly parameters (<c>termijn.einde(dagtekeningEerstePip)</c>). Values: string (ISO dates as
/// "yyyy-MM-dd", date-times as ISO 8601), numbers, bool, DateOnly, DateTimeOffset, IsoDuration, JSON nodes, or null.
/// </remarks>
public interface IExpressionFunctionProvider
{
    IEnumerable<ExpressionFunction> Functions { get; }
}

/// <summary>A function exposed to expressions under <see cref="Name"/> (a JavaScript identifier, may contain one dot for a namespace, e.g. "termijn.einde").</summary>
public sealed record ExpressionFunction(string Name, Delegate Implementation, string Description)
{
    /// <summary>
    /// A function called with one object of named arguments, bound to <typeparamref name="TInput"/> (a record; its
    /// properties are the argument names in camelCase, described with <see cref="System.ComponentModel.DescriptionAttribute"/>).
    /// </summary>
    public static ExpressionFunction Named<TInput, TResult>(string name, Func<TInput, TResult> implementation, string description)
        where TInput : class =>
        new(name, implementation, description);
}
