using Inburgering.Engine.Expressions;
using Xunit.Abstractions;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

/// <summary>
/// A stack overflow ends the process. Jint 4's parser refuses input that does not fit its stack, but Jint's analysis of the
/// parsed tree and its evaluation of a deep expression recurse without a check, so the evaluator parses on a large stack
/// and runs trees deeper than <see cref="CompiledScript.InlineDepthLimit"/> there too. These tests take, per shape, the
/// largest source that still runs on the caller's thread and run it on a thread whose whole stack is 256 KB. A wrong limit
/// crashes the test run.
/// </summary>
public class ExpressionStackSafetyTests(ITestOutputHelper output)
{
    private const string Prelude = "function f(x) { return x; } var a = {}; a.b = a; ";

    public static TheoryData<string> Shapes() =>
    [
        "parentheses", "arrays", "objects", "unary", "negation", "addition", "assignment", "conditional", "blocks", "ifs",
        "members", "call arguments", "functions", "logical", "labels", "new",
    ];

    private static string Build(string shape, int k) => shape switch
    {
        "parentheses" => new string('(', k) + "1" + new string(')', k),
        "arrays" => new string('[', k) + new string(']', k),
        "objects" => "(" + string.Concat(Enumerable.Repeat("{a:", k)) + "1" + new string('}', k) + ")",
        "unary" => new string('!', k) + "true",
        "negation" => string.Concat(Enumerable.Repeat("- ", k)) + "1",
        "addition" => "'x'" + string.Concat(Enumerable.Repeat("+'x'", k)),
        "assignment" => "var z; " + string.Concat(Enumerable.Repeat("z=", k)) + "1",
        "conditional" => string.Concat(Enumerable.Repeat("1?", k)) + "1" + string.Concat(Enumerable.Repeat(":1", k)),
        "blocks" => new string('{', k) + "1" + new string('}', k),
        "ifs" => string.Concat(Enumerable.Repeat("if(1)", k)) + "1",
        "members" => "a" + string.Concat(Enumerable.Repeat(".b", k)),
        "call arguments" => string.Concat(Enumerable.Repeat("f(", k)) + "1" + new string(')', k),
        "functions" => string.Concat(Enumerable.Repeat("(function(){return ", k)) + "1" + string.Concat(Enumerable.Repeat("})()", k)),
        "logical" => "1" + string.Concat(Enumerable.Repeat("&&1", k)),
        "labels" => string.Concat(Enumerable.Range(0, k).Select(i => $"l{i}:")) + "1",
        "new" => string.Concat(Enumerable.Repeat("new ", k)) + "Object",
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static bool RunsInline(string code)
    {
        try
        {
            return CompiledScript.Compile(code).Depth <= CompiledScript.InlineDepthLimit;
        }
        catch (Jint.ScriptPreparationException)
        {
            return false;
        }
    }

    private const int MaxNesting = 2000;

    /// <summary>The largest nesting of <paramref name="shape"/> that still runs on the caller's thread (binary search; depth grows with k).</summary>
    private static int LargestInline(string shape)
    {
        int low = 1, high = MaxNesting;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (RunsInline(Prelude + Build(shape, middle)))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Evaluate_LargestInlineSource_FitsInA256KbStack(string shape)
    {
        var k = LargestInline(shape);
        var expression = Prelude + Build(shape, k);
        Assert.True(RunsInline(expression), $"{shape}: {k} levels should run inline");
        Assert.True(k == MaxNesting || !RunsInline(Prelude + Build(shape, k + 1)), $"{shape}: {k + 1} levels should not run inline");
        output.WriteLine($"{shape}: {k} levels inline, depth {CompiledScript.Compile(expression).Depth}");
        var evaluator = Evaluator();
        Exception? unexpected = null;

        var thread = new Thread(
            () =>
            {
                try
                {
                    evaluator.Evaluate(expression, NoVariables);
                    evaluator.Validate(expression, bareIsCode: true);
                }
                catch (ExpressionException)
                {
                    // failing cleanly is fine; crashing is not
                }
                catch (Exception ex)
                {
                    unexpected = ex;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(unexpected);
    }

    [Fact]
    public void TypicalCondition_RunsOnTheCallersThread()
    {
        Assert.False(CompiledScript.Compile("leerroute === 'B1' && (leeftijd >= 18 || vrijgesteld) && ['a', 'b'].indexOf(x) >= 0").NeedsLargeStack);
    }

    [Theory]
    [InlineData("if (x) /'/.test(y); ((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))) /'/")]
    [InlineData("a = {} / 2")]
    [InlineData("x = 1 \u180E + 1")]
    [InlineData("(a + b) / 2 + '((((((((((' / (((((1)))))")]
    public void AmbiguousText_ParsesOnASmallStackWithoutCrashing(string code)
    {
        // The old estimator had to guess these (regex or division); parsing now always happens on a large stack.
        var evaluator = Evaluator();
        Exception? unexpected = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    evaluator.Validate(code, bareIsCode: true);
                    evaluator.Evaluate("var x = 1, y = 'a', a = 0, b = 0; " + code, NoVariables);
                }
                catch (ExpressionException)
                {
                    // failing cleanly is fine
                }
                catch (Exception ex)
                {
                    unexpected = ex;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(unexpected);
    }
}
