namespace Inburgering.Engine.Expressions;

/// <summary>
/// An expression could not be validated or evaluated. <see cref="Exception.Message"/> is a Dutch sentence for the person who
/// wrote the expression, e.g. "Expressie 'x === 1' faalt: ReferenceError: x is not defined".
/// </summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException()
        : this("", "Expressie faalt.")
    {
    }

    public ExpressionException(string message)
        : this("", message)
    {
    }

    public ExpressionException(string message, Exception? innerException)
        : this("", message, innerException)
    {
    }

    public ExpressionException(string expression, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Expression = expression;
    }

    /// <summary>The full expression text that failed.</summary>
    public string Expression { get; }
}
