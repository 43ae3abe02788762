namespace Inburgering.Server.Api;

/// <summary>
/// A request the service itself refuses (a query parameter with an unknown value, a missing field), thrown where returning a
/// result is awkward; <see cref="Problems.HandleExceptionAsync"/> answers it as a 400 with the code's Dutch text.
/// </summary>
public sealed class RequestException(string code, params (string Name, object? Value)[] arguments)
    : Exception(ErrorTexts.Describe(code, arguments))
{
    public string Code { get; } = code;

    public IReadOnlyList<(string Name, object? Value)> Arguments { get; } = arguments;
}
