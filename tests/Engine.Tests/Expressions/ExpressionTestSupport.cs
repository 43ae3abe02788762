using System.Text.Json.Nodes;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Tests.Support;

namespace Inburgering.Engine.Tests.Expressions;

internal static class ExpressionTestSupport
{
    /// <summary>Thursday 15 January 2026, 09:30 UTC (10:30 in Amsterdam).</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    /// <summary>
    /// An evaluator with the default limits, except a time limit of 10 s instead of 250 ms: the test machine may be busy,
    /// and tests about time limits set their own.
    /// </summary>
    public static JintExpressionEvaluator Evaluator(ExpressionOptions? options = null, TimeProvider? time = null, params IExpressionFunctionProvider[] providers) =>
        new(options ?? new ExpressionOptions { Timeout = TimeSpan.FromSeconds(10) }, time ?? new FakeTimeProvider(Now), providers);

    public static IReadOnlyDictionary<string, JsonNode?> NoVariables { get; } = new Dictionary<string, JsonNode?>();

    /// <summary>Variables from a JSON object: <c>Vars("""{"leerroute": "B1"}""")</c>.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> Vars(string json)
    {
        var result = new Dictionary<string, JsonNode?>();
        foreach (var (key, value) in JsonNode.Parse(json)!.AsObject())
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    public static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";
}

internal sealed class TestFunctions : IExpressionFunctionProvider
{
    public IEnumerable<ExpressionFunction> Functions { get; init; } = [];

    public static TestFunctions Of(params ExpressionFunction[] functions) => new() { Functions = functions };
}
