namespace Inburgering.Workflows.Tests.Expressions;

internal static class ExpressionCalls
{
    /// <summary>
    /// Invokes an expression function's delegate. A function with one input record gets the record built from
    /// <paramref name="args"/> in the order of its constructor (what the engine binds from the named arguments).
    /// </summary>
    public static object? Call(Delegate function, params object?[] args)
    {
        var parameters = function.Method.GetParameters();
        if (parameters is [{ ParameterType: { IsClass: true } input }] && input.GetMethod("<Clone>$") is not null)
        {
            var constructor = input.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            var values = constructor.GetParameters().Select((p, i) => i < args.Length ? Convert(args[i], p.ParameterType) : p.DefaultValue).ToArray();
            try
            {
                return function.DynamicInvoke(constructor.Invoke(values));
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        try
        {
            return function.DynamicInvoke(args.Select((a, i) => Convert(a, parameters[i].ParameterType)).ToArray());
        }
        catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static object? Convert(object? value, Type type) =>
        value is null ? null : System.Convert.ChangeType(value, Nullable.GetUnderlyingType(type) ?? type, System.Globalization.CultureInfo.InvariantCulture);
}
