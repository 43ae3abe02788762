using Inburgering.Engine.Expressions;
using Xunit.Abstractions;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

/// <summary>
/// Jint 2 parses and executes recursively without a depth limit, and a stack overflow ends the process. Sources that
/// the estimator lets run on the caller's thread must therefore fit in what <c>TryEnsureSufficientExecutionStack</c>
/// guarantees. These tests take, per shape, the largest source that still runs inline and run it on a thread whose
/// whole stack is 256 KB. A wrong estimate crashes the test run.
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
        if (ScriptParser.NeedsLargeStack(code))
        {
            return false;
        }

        return SyntaxTree.Depth(ScriptParser.Parse(code)) <= ScriptParser.InlineDepthLimit;
    }

    /// <summary>The largest nesting of <paramref name="shape"/> that still parses and runs on the caller's thread.</summary>
    private static int LargestInline(string shape)
    {
        var k = 1;
        while (k < 5000 && RunsInline(Prelude + Build(shape, k + 1)))
        {
            k++;
        }

        return k;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Evaluate_LargestInlineSource_FitsInA256KbStack(string shape)
    {
        var k = LargestInline(shape);
        var expression = Prelude + Build(shape, k);
        Assert.True(RunsInline(expression), $"{shape}: {k} levels should run inline");
        Assert.False(RunsInline(Prelude + Build(shape, k + 1)), $"{shape}: {k + 1} levels should not run inline");
        output.WriteLine($"{shape}: {k} levels inline, depth {SyntaxTree.Depth(ScriptParser.Parse(expression))}, estimate {ParseStackEstimator.Estimate(expression)} bytes");
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
    public void NeedsLargeStack_TypicalCondition_IsFalse()
    {
        Assert.False(ScriptParser.NeedsLargeStack("leerroute === 'B1' && (leeftijd >= 18 || vrijgesteld) && ['a', 'b'].indexOf(x) >= 0"));
    }

    [Theory]
    [InlineData("if (x) /'/.test(y); ((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))) /'/")]
    [InlineData("a = {} / 2")]
    [InlineData("x = 1 \u180E + 1")]
    public void Estimate_AmbiguousOrUnknownText_IsUnknown(string code)
    {
        Assert.True(ScriptParser.NeedsLargeStack(code));
    }

    [Fact]
    public void Estimate_RegexAfterControlParenthesis_IsSkippedAsRegex()
    {
        // The quote inside the regex must not start a string that hides the parentheses after it.
        var code = "if (x) /'/.test(y); " + new string('(', 60) + "1" + new string(')', 60);

        Assert.True(ParseStackEstimator.Estimate(code) >= 60 * ParseStackEstimator.BytesPerBracketLevel);
    }

    [Fact]
    public void Estimate_DivisionAfterParenthesis_IsNotARegex()
    {
        var code = "(a + b) / 2 + '" + new string('(', 10) + "' / (" + new string('(', 5) + "1" + new string(')', 5) + ")";

        Assert.Equal(
            ParseStackEstimator.BaseBytes + (6 * ParseStackEstimator.BytesPerBracketLevel) + (2 * ParseStackEstimator.BytesPerRecursiveToken),
            ParseStackEstimator.Estimate(code));
    }
}
