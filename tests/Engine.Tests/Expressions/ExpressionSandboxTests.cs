using System.Diagnostics;
using Inburgering.Engine.Expressions;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

/// <summary>
/// Hostile scripts fail fast with an <see cref="ExpressionException"/> and never take the process down.
/// Each of these would, without the sandbox, exhaust memory, hang, or end the test run with a stack overflow.
/// </summary>
public class ExpressionSandboxTests
{
    /// <summary>
    /// A generous bound for a busy CI machine: the refusals these tests prove stop work that would otherwise run for many
    /// minutes or exhaust memory; they are not speed claims (the expression benchmark measures speed).
    /// </summary>
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(60);

    /// <summary>Only the time limit applies (the interpreter's own garbage would otherwise hit the memory limit first).</summary>
    private static readonly ExpressionOptions TimeLimitOnly = new()
    {
        MaxStatements = int.MaxValue,
        MaxAllocatedBytes = long.MaxValue,
        Timeout = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>Only the stack check applies (the recursion limit is far beyond what the stack holds).</summary>
    private static readonly ExpressionOptions StackLimitOnly = new()
    {
        MaxStatements = int.MaxValue,
        MaxAllocatedBytes = long.MaxValue,
        MaxRecursionDepth = 1_000_000,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly JintExpressionEvaluator _evaluator = Evaluator();

    private static ExpressionException Fails(JintExpressionEvaluator evaluator, string expression, string reason)
    {
        var stopwatch = Stopwatch.StartNew();
        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(expression, NoVariables));
        stopwatch.Stop();

        Assert.True(ex.Message.Contains(reason, StringComparison.Ordinal), $"expected '{reason}' in: {ex.Message}");
        Assert.StartsWith("Expressie '", ex.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < Fast, $"took {stopwatch.Elapsed}");
        return ex;
    }

    private ExpressionException Fails(string expression, string reason) => Fails(_evaluator, expression, reason);

    [Fact]
    public void Evaluate_StringDoublingLoop_HitsMemoryLimit()
    {
        var evaluator = Evaluator(new ExpressionOptions { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(30) });

        Fails(evaluator, "var s = 'x'; while (true) { s = s + s; }", "gebruikt meer dan 32 MB geheugen");

        Assert.True(evaluator.EvaluateCondition("1 === 1", NoVariables));
    }

    [Fact]
    public void Evaluate_StringDoublingInOneStatement_HitsMemoryLimit()
    {
        var evaluator = Evaluator(new ExpressionOptions { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(30) });
        // 100 copies of 4 M characters: within the language's longest string, far beyond the memory limit.
        var doublings = string.Join(" + ", Enumerable.Repeat("s", 100));

        Fails(evaluator, $"var s = 'x'; for (var i = 0; i < 22; i++) s += s; s = {doublings};", "gebruikt meer dan 32 MB geheugen");
    }

    [Fact]
    public void Evaluate_GrowingArray_HitsArrayLimit()
    {
        // Jint 4 refuses arrays longer than 10,000 elements (MaxArraySize) before memory runs out.
        var evaluator = Evaluator(new ExpressionOptions { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(30) });

        Fails(evaluator, Doubled("x", 16) + "var keep = []; while (true) { keep.push(s + keep.length); }", "is groter dan het maximum van 10000 elementen");
    }

    [Fact]
    public void Evaluate_GrowingObject_HitsMemoryLimit()
    {
        var evaluator = Evaluator(new ExpressionOptions { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(30) });

        Fails(evaluator, Doubled("x", 16) + "var keep = {}; var n = 0; while (true) { keep['k' + n] = s + n; n++; }", "gebruikt meer dan 32 MB geheugen");
    }

    [Fact]
    public void Evaluate_MemoryLimit_IsConfigurable()
    {
        var evaluator = Evaluator(new ExpressionOptions { MaxAllocatedBytes = 1024 * 1024 });

        Fails(evaluator, "var s = 'x'; for (var i = 0; i < 20; i++) s += s; s.length", "gebruikt meer dan 1 MB geheugen");
        Assert.Equal(999L, evaluator.Evaluate("new Array(1000).join('x').length", NoVariables)!.GetValue<long>());
    }

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;);")]
    [InlineData("var i = 0; while (true) { i++; }")]
    public void Evaluate_InfiniteLoop_HitsStatementLimit(string expression)
    {
        Fails(expression, "voert meer dan 10000 statements uit");
    }

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;);")]
    [InlineData("do {} while (true)")] // Jint 2 does not count a do-while body as a statement
    [InlineData("function f() { while (true) {} } f()")]
    [InlineData("[1].forEach(function () { for (;;) {} })")]
    public void Evaluate_InfiniteLoop_HitsTimeout(string expression)
    {
        var evaluator = Evaluator(TimeLimitOnly);

        Fails(evaluator, expression, "duurt langer dan 100 ms");
    }

    [Fact]
    public void Evaluate_Timeout_CoversAllSegmentsOfATemplate()
    {
        var evaluator = Evaluator(TimeLimitOnly);
        var segment = "${(function () { var t = now(); for (var i = 0; i < 40000; i++) {} return 1; })()}";

        Fails(evaluator, string.Concat(Enumerable.Repeat(segment, 90)), "duurt langer dan 100 ms");
    }

    [Fact]
    public void Evaluate_SelfRecursion_HitsRecursionLimit()
    {
        Fails("function f(n) { return f(n + 1); } f(0)", "roept een functie meer dan 64 keer in zichzelf aan");
    }

    [Fact]
    public void Evaluate_RecursionThroughFreshClosures_HitsRecursionLimit()
    {
        // Jint 2 counted recursion per function, so fresh closures escaped the limit; Jint 4 counts the call depth.
        Fails("function make() { return function (n) { return make()(n + 1); }; } make()(0)", "roept een functie meer dan 64 keer in zichzelf aan");
    }

    [Theory]
    [InlineData("var o = {get x() { return this.x; }}; o.x")]
    [InlineData("var o = {}; Object.defineProperty(o, 'x', {get: function () { return this.x; }}); o.x")]
    [InlineData("var o = {valueOf: function () { return +this; }}; +o")]
    public void Evaluate_RecursionThroughAccessors_HitsStackCheck(string expression)
    {
        var evaluator = Evaluator(StackLimitOnly);

        Fails(evaluator, expression, "te weinig stackruimte");
    }

    [Theory]
    [InlineData("var e = new Error(); e.name = e; '' + e")]
    [InlineData("var o = {}; o.toString = String.prototype.concat; '' + o")]
    [InlineData("var o = {}; o.toString = Object.prototype.toLocaleString; '' + o")]
    [InlineData("var o = {}; o.toISOString = Date.prototype.toJSON; o.toJSON = Date.prototype.toJSON; o.toJSON()")]
    [InlineData("var o = {}; o.valueOf = Number.prototype.toFixed; o.toString = Number.prototype.toFixed; +o")]
    public void Evaluate_RecursionInsideBuiltIns_HitsStackCheckInsteadOfCrashing(string expression)
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, NoVariables));

        Assert.StartsWith("Expressie '", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var o = 1; for (var i = 0; i < 4000; i++) o = [[[o]]]; String(o).length")]
    [InlineData("var o = 1; for (var i = 0; i < 4000; i++) o = [[[o]]]; JSON.stringify(o).length")]
    [InlineData("var o = 1; for (var i = 0; i < 4000; i++) o = {a: {a: {a: o}}}; JSON.stringify(o).length")]
    [InlineData("var s = '1'; for (var i = 0; i < 4000; i++) s = '[[[' + s + ']]]'; JSON.parse(s)")]
    [InlineData("var f = function () { return 1; }; for (var i = 0; i < 4000; i++) f = f.bind(null).bind(null).bind(null); f()")]
    [InlineData("var o = {}; for (var i = 0; i < 4000; i++) o = Object.create(Object.create(Object.create(o))); o.missing")]
    public void Evaluate_DeeplyNestedValues_FailOrFinishWithoutCrashing(string expression)
    {
        try
        {
            _evaluator.Evaluate(expression, NoVariables);
        }
        catch (ExpressionException ex)
        {
            Assert.StartsWith("Expressie '", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_ArrayContainingItself_JoinsAsEmpty()
    {
        Assert.Equal("1,,2", _evaluator.Evaluate("var a = [1]; a.push(a); a.push(2); a.join()", NoVariables)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_OverLongSource_IsRejectedBeforeParsing()
    {
        var expression = "x === '" + new string('a', 8200) + "'";

        var ex = Fails(expression, $"is te lang: {expression.Length} tekens, maximaal 8192");

        Assert.Equal(expression, ex.Expression);
    }

    [Fact]
    public void Evaluate_MaxLength_IsConfigurable()
    {
        Fails(Evaluator(new ExpressionOptions { MaxLength = 10 }), "1 + 2 + 3 + 4", "is te lang: 13 tekens, maximaal 10");
    }

    public static TheoryData<string, string> DeepSources() => new()
    {
        { "parentheses", new string('(', 4000) + "1" + new string(')', 4000) },
        { "arrays", new string('[', 4000) + new string(']', 4000) + ".length" },
        { "objects", "(" + string.Concat(Enumerable.Repeat("{a:", 2000)) + "1" + new string('}', 2000) + ")" },
        { "unary", new string('!', 8000) + "true" },
        { "negation", string.Concat(Enumerable.Repeat("- ", 4000)) + "1" },
        { "addition", "1" + string.Concat(Enumerable.Repeat("+1", 4000)) },
        { "assignment", "var a; " + string.Concat(Enumerable.Repeat("a=", 3000)) + "1" },
        { "conditional", string.Concat(Enumerable.Repeat("1?", 2000)) + "1" + string.Concat(Enumerable.Repeat(":1", 2000)) },
        { "blocks", new string('{', 4000) + new string('}', 4000) },
        { "ifs", string.Concat(Enumerable.Repeat("if(1)", 1600)) + "1" },
        { "members", "var a = {}; a.b = a; a" + string.Concat(Enumerable.Repeat(".b", 3900)) + " === a" },
        { "calls", "function f() { return f; } f" + string.Concat(Enumerable.Repeat("()", 4000)) + " === f" },
        { "call arguments", "function f(x) { return x; } " + string.Concat(Enumerable.Repeat("f(", 2500)) + "1" + new string(')', 2500) },
        { "functions", string.Concat(Enumerable.Repeat("(function(){return ", 350)) + "1" + string.Concat(Enumerable.Repeat("})()", 350)) },
        { "template", string.Concat(Enumerable.Repeat("${" + new string('(', 300) + "1" + new string(')', 300) + "}", 13)) },
    };

    [Theory]
    [MemberData(nameof(DeepSources))]
    public void Evaluate_DeeplyNestedSource_FinishesOrFailsCleanly(string shape, string expression)
    {
        Assert.True(expression.Length <= 8192, shape);

        try
        {
            _evaluator.Evaluate(expression, NoVariables);
        }
        catch (ExpressionException ex)
        {
            Assert.StartsWith("Expressie '", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(DeepSources))]
    public void Validate_DeeplyNestedSource_DoesNotCrash(string shape, string expression)
    {
        Assert.Null(_evaluator.Validate(expression, bareIsCode: true) is { } reason && !reason.StartsWith("Expressie", StringComparison.Ordinal) ? shape + ": " + reason : null);
    }

    [Fact]
    public void Evaluate_DeepSourceOnSmallStack_StillDoesNotCrash()
    {
        // 256 KB is what is left after ~1.3 MB of a thread-pool thread's stack is in use; the inline limits must fit in it.
        var expressions = DeepSources().Select(row => (string)row[1])
            .Concat([new string('(', 20) + "1" + new string(')', 20), "f(f(f(f(f(f(f(f(f(f(f(f(f(f(f(f(1))))))))))))))))"])
            .ToList();
        var failures = new List<string>();
        var thread = new Thread(
            () =>
            {
                foreach (var expression in expressions)
                {
                    try
                    {
                        _evaluator.Evaluate("function f(x) { return x; } " + expression, NoVariables);
                    }
                    catch (ExpressionException)
                    {
                        // failing cleanly is fine
                    }
                    catch (Exception ex)
                    {
                        failures.Add(ex.GetType().Name);
                    }
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("typeof System === 'undefined'")]
    [InlineData("typeof importNamespace === 'undefined'")]
    [InlineData("typeof clrHelper === 'undefined'")]
    [InlineData("typeof require === 'undefined' && typeof process === 'undefined' && typeof window === 'undefined'")]
    [InlineData("typeof host === 'undefined' && typeof setTimeout === 'undefined' && typeof XMLHttpRequest === 'undefined'")]
    public void Evaluate_NoHostAccess(string condition)
    {
        Assert.True(_evaluator.EvaluateCondition(condition, NoVariables));
    }

    [Theory]
    [InlineData("System.IO.File", "ReferenceError: System is not defined")]
    [InlineData("importNamespace('System.IO')", "ReferenceError: importNamespace is not defined")]
    [InlineData("eval('1 + 1')", "code uit tekst (eval, Function) is in expressies niet toegestaan")]
    [InlineData("(0, eval)('1')", "code uit tekst (eval, Function) is in expressies niet toegestaan")]
    [InlineData("Function('return 1')()", "code uit tekst (eval, Function) is in expressies niet toegestaan")]
    [InlineData("new Function('return 1')", "code uit tekst (eval, Function) is in expressies niet toegestaan")]
    [InlineData("(function () {}).constructor('while (true) {}')()", "code uit tekst (eval, Function) is in expressies niet toegestaan")]
    [InlineData("Object.getPrototypeOf(function () {}).constructor('return 1')()", "code uit tekst (eval, Function) is in expressies niet toegestaan")]
    [InlineData("now.constructor('return 1')()", "code uit tekst (eval, Function) is in expressies niet toegestaan")]
    public void Evaluate_CodeFromStringsAndHostAccess_AreRefused(string expression, string reason)
    {
        Fails(expression, reason);
    }

    [Fact]
    public void Evaluate_FunctionStillWorksForInstanceof()
    {
        Assert.True(_evaluator.EvaluateCondition("(function () {}) instanceof Function && now instanceof Function", NoVariables));
    }

    [Theory]
    [InlineData("/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')")]
    [InlineData("new RegExp('(a+)+$').test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')")]
    [InlineData("RegExp('(a+)+$').exec('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')")]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.match('(a+)+$')")]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.search('(a+)+$')")]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.replace(/(a+)+$/, '')")]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.split(/(a+)+$/)")]
    [InlineData("new (/x/.constructor)('(a+)+$').test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')")]
    public void Evaluate_CatastrophicRegex_TimesOut(string expression)
    {
        var evaluator = Evaluator(TimeLimitOnly);

        Fails(evaluator, expression, "een reguliere expressie duurt langer dan 100 ms");
    }

    /// <summary>Refused by Jint's MaxArraySize (10,000) or, for the join guard, before the first element.</summary>
    [Theory]
    [InlineData("new Array(1e9).join('x')", "RangeError: de lengte 1000000000 is groter dan het maximum van 10000 elementen")]
    [InlineData("Array.prototype.join.call({length: 1e9}, 'x')", "RangeError: Array.prototype.join: de lengte 1000000000 is groter dan het maximum van 10000 elementen.")]
    [InlineData("String(new Array(4294967295))", "RangeError: de lengte 4294967295 is groter dan het maximum van 10000 elementen")]
    [InlineData("new Array(1e9).forEach(function () {})", "RangeError: de lengte 1000000000 is groter dan het maximum")]
    [InlineData("var a = []; a[4294967294] = 1; a.lastIndexOf(2)", "gebruikt meer dan 32 MB geheugen")]
    [InlineData("[].concat(new Array(1e9))", "RangeError: de lengte 1000000000 is groter dan het maximum")]
    [InlineData("Math.max.apply(null, {length: 1e9})", "RangeError: de lengte 1000000000 is groter dan het maximum")]
    [InlineData("String.fromCharCode.apply(null, new Array(1e8))", "RangeError: de lengte 100000000 is groter dan het maximum")]
    [InlineData("JSON.stringify(new Array(1e9))", "RangeError: de lengte 1000000000 is groter dan het maximum van 10000 elementen")]
    [InlineData("new Array(1e9).toLocaleString()", "RangeError: de lengte 1000000000 is groter dan het maximum")]
    [InlineData("Array.prototype.toLocaleString.call({length: 1e9})", "RangeError: Array.prototype.toLocaleString: de lengte 1000000000")]
    public void Evaluate_HugeArrayInBuiltIn_IsRefusedInsteadOfRunningForever(string expression, string reason)
    {
        Fails(expression, reason);
    }

    [Fact]
    public void Evaluate_HugeArrayLikeSearch_FinishesQuickly()
    {
        // Jint 4 walks only the properties an array-like has, so a huge length no longer means a long loop.
        var stopwatch = Stopwatch.StartNew();

        Assert.Equal(-1L, _evaluator.Evaluate("Array.prototype.indexOf.call({length: 4294967295}, 1)", NoVariables)!.GetValue<long>());
        Assert.True(stopwatch.Elapsed < Fast, $"took {stopwatch.Elapsed}");
    }

    /// <summary>A string of 2^n characters, built without array methods (which refuse more than 10,000 elements).</summary>
    private static string Doubled(string seed, int n) => $"var s = '{seed}'; for (var i = 0; i < {n}; i++) s += s; ";

    [Theory]
    [InlineData(14, "s.replace(/x/g, s)", "RangeError: String.prototype.replace: het resultaat kan tot 268468224 tekens lang worden en past niet in het geheugenbudget.")]
    [InlineData(18, "s.replace(/x/g, '$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&')", "RangeError: String.prototype.replace")]
    [InlineData(18, "s.split('')", "RangeError: de lengte 262144 is groter dan het maximum van 10000 elementen")]
    [InlineData(14, "(s + s).split('x')", "RangeError: de lengte 32769 is groter dan het maximum van 10000 elementen")]
    [InlineData(18, "s.split(/x/)", "RangeError: de lengte 262145 is groter dan het maximum van 10000 elementen")]
    [InlineData(15, "s.match(/x/g)", "RangeError: de lengte 32768 is groter dan het maximum van 10000 elementen")]
    [InlineData(4, "s.repeat(1e8)", "RangeError: String.prototype.repeat: het resultaat kan tot 1600000000 tekens lang worden")]
    [InlineData(4, "s.padStart(2e8)", "RangeError: String.prototype.padStart: het resultaat kan tot 200000000 tekens lang worden")]
    [InlineData(14, "s.replaceAll('x', s)", "RangeError: String.prototype.replaceAll: het resultaat kan tot")]
    [InlineData(20, "s.concat(s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s)", "RangeError: String.prototype.concat: het resultaat kan tot 18874368 tekens lang worden")]
    public void Evaluate_StringMethodWithHugeResult_IsRefusedBeforeItAllocates(int doublings, string expression, string reason)
    {
        Fails(Doubled("x", doublings) + expression, reason);
    }

    [Fact]
    public void Evaluate_StringMethodsOnLargeInputWithSmallResult_Work()
    {
        Assert.Equal(2L, _evaluator.Evaluate(Doubled("x", 18) + "(s + ',y').split(/,/).length", NoVariables)!.GetValue<long>());
        Assert.Equal(2L, _evaluator.Evaluate(Doubled("x", 18) + "(s + ',y').split(',').length", NoVariables)!.GetValue<long>());
        Assert.Equal("ab", _evaluator.Evaluate("'a'.concat('b')", NoVariables)!.GetValue<string>());
        Assert.Equal("a-b-c", _evaluator.Evaluate("'a b c'.replace(/ /g, '-')", NoVariables)!.GetValue<string>());
        Assert.Equal("[\"a\",\"b\"]", Json(_evaluator.Evaluate("'a,b,c'.split(',', 2)", NoVariables)));
    }

    [Fact]
    public void Evaluate_JoinOfHugeElements_HitsMemoryLimitInsideJoin()
    {
        Fails(Doubled("x", 20) + "var a = []; for (var j = 0; j < 100; j++) a.push(s); a.join('').length", "gebruikt meer dan 32 MB geheugen");
    }

    [Fact]
    public void Evaluate_JoinOfManyElements_IsLinear()
    {
        Assert.Equal(9_999L, _evaluator.Evaluate("new Array(10000).join('x').length", NoVariables)!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_ResultArrayTooLong_IsRefused()
    {
        Fails("var a = []; a.length = 20000; a", "meer dan 10000 elementen");
    }

    [Fact]
    public void Evaluate_DateNow_ReadsTheTimeProvider()
    {
        Assert.Equal(Now.ToUnixTimeMilliseconds(), _evaluator.Evaluate("Date.now()", NoVariables)!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_ChangesToBuiltInsDoNotReachTheNextEvaluation()
    {
        // Strict mode: an undeclared assignment is a ReferenceError, so the global is set explicitly.
        _evaluator.Evaluate("Object.prototype.besmet = 1; Array.prototype.join = null; Math.max = null; var lek = 1; globalThis.gat = 2; true", NoVariables);

        Assert.True(_evaluator.EvaluateCondition(
            "({}).besmet === undefined && [1, 2].join() === '1,2' && Math.max(1, 2) === 2 && typeof lek === 'undefined' && typeof gat === 'undefined'",
            NoVariables));
    }

    [Fact]
    public void Evaluate_ScriptCannotReplaceTheChecks()
    {
        var evaluator = Evaluator(TimeLimitOnly);

        // Strict mode: assigning the read-only now throws, which the script catches and carries on.
        Fails(evaluator, "Function.prototype.call = null; Function.prototype.apply = null; this.check = null; try { now = null; } catch (e) {} while (true) {}", "duurt langer dan 100 ms");
    }
}
