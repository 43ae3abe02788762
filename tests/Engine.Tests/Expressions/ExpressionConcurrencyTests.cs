using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Inburgering.Engine.Expressions;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

public class ExpressionConcurrencyTests
{
    [Fact]
    public void Evaluate_ManyThreadsOneEvaluator_EachSeesOnlyItsOwnVariables()
    {
        var evaluator = Evaluator();
        var wrong = new ConcurrentBag<string>();

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var vars = new Dictionary<string, JsonNode?> { ["id"] = i, ["naam"] = $"persoon-{i}" };
            var script = i % 2 == 0
                ? "var gezien = typeof vorige === 'undefined' ? 'schoon' : 'lek'; globalThis.vorige = id; naam + ':' + id + ':' + gezien"
                : "${naam}:${id}:${typeof vorige === 'undefined' ? 'schoon' : 'lek'}${(function () { globalThis.vorige = id; return ''; })()}";
            var result = evaluator.Evaluate(script, vars)!.GetValue<string>();
            if (result != $"persoon-{i}:{i}:schoon")
            {
                wrong.Add(result);
            }
        });

        Assert.Empty(wrong);
    }

    [Fact]
    public void Evaluate_FailingAndPassingEvaluationsInParallel_DoNotDisturbEachOther()
    {
        // A generous time limit: on a loaded machine the memory limit must still be what stops the hostile scripts.
        var evaluator = Evaluator(new ExpressionOptions { Timeout = TimeSpan.FromSeconds(30) });
        var wrong = new ConcurrentBag<string>();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i % 4 == 0)
            {
                var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("var s = 'x'; while (true) { s = s + s; }", NoVariables));
                if (!ex.Message.Contains("geheugen", StringComparison.Ordinal) && !ex.Message.Contains("statements", StringComparison.Ordinal))
                {
                    wrong.Add(ex.Message);
                }
            }
            else if (!evaluator.EvaluateCondition("x * 2 === " + (i * 2), new Dictionary<string, JsonNode?> { ["x"] = i }))
            {
                wrong.Add("condition " + i);
            }
        });

        Assert.Empty(wrong);
    }
}
