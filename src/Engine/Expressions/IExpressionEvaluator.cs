using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// Evaluates the expressions of BPMN definitions (conditions, timer and due-date expressions, I/O mappings, scripts) over
/// the variables of a process instance. The engine uses only this interface; <see cref="JintExpressionEvaluator"/> is the
/// implementation (JavaScript on Jint 4).
/// </summary>
/// <remarks>
/// Text forms: bare code (<c>leerroute === 'B1'</c>), the Camunda form (<c>${leerroute === 'B1'}</c>), or a template mixing
/// text and <c>${...}</c> (<c>Hallo ${naam}</c>), which gives a string. Every failure is an <see cref="ExpressionException"/>
/// with a Dutch message; an implementation is safe to share between threads.
/// </remarks>
public interface IExpressionEvaluator
{
    /// <summary>Bare code, one <c>${...}</c> (its value), or a template (a string).</summary>
    /// <exception cref="ExpressionException">Syntax error, runtime error, or a limit.</exception>
    JsonNode? Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> variables);

    /// <summary>Like <see cref="Evaluate"/>, but the result must be true or false.</summary>
    bool EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonNode?> variables);

    /// <summary>A literal unless the text contains <c>${...}</c> (<c>"PT5M"</c> stays <c>"PT5M"</c>).</summary>
    JsonNode? EvaluateTemplate(string text, IReadOnlyDictionary<string, JsonNode?> variables);

    /// <summary>
    /// Checks an expression at deploy time without running it: length, <c>${...}</c> structure, syntax, regular
    /// expressions, calls of unknown functions and the named arguments of a call. Null when it is fine, else a Dutch reason.
    /// </summary>
    /// <param name="text">The expression or template.</param>
    /// <param name="bareIsCode">True for conditions (text without <c>${</c> is code), false for templates (it is a literal).</param>
    string? Validate(string text, bool bareIsCode);

    /// <summary>The functions expressions can call besides the language's own (the function catalogue).</summary>
    IReadOnlyList<ExpressionFunctionDescriptor> Functions { get; }
}

/// <summary>
/// A function expressions can call, in the same shape as an activity of the activity catalogue.
/// <see cref="NamedArguments"/>: called with one object of named arguments (<c>regel.pipFouten({doelgroep: …, …})</c>),
/// described by <see cref="Inputs"/>; otherwise called with positional arguments in the order of <see cref="Inputs"/>.
/// </summary>
public sealed record ExpressionFunctionDescriptor(
    string Name,
    string Description,
    bool NamedArguments,
    IReadOnlyList<ActivityParameter> Inputs,
    string Returns);

/// <summary>Whether a text holds an expression.</summary>
public static class ExpressionSyntax
{
    /// <summary>Whether <paramref name="text"/> contains a <c>${</c>.</summary>
    public static bool ContainsExpression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ExpressionText.ContainsExpression(text);
    }
}
