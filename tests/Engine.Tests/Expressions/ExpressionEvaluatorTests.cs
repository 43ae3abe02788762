using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Expressions;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

public class ExpressionEvaluatorTests
{
    private readonly JintExpressionEvaluator _evaluator = Evaluator();

    [Fact]
    public void Evaluate_BareCondition_ReturnsBoolean()
    {
        var result = _evaluator.Evaluate("leerroute === 'B1' && leeftijd >= 18", Vars("""{"leerroute": "B1", "leeftijd": 30}"""));

        Assert.Equal(JsonValueKind.True, result!.GetValueKind());
    }

    [Fact]
    public void Evaluate_CamundaWrapper_ReturnsValueOfInnerExpression()
    {
        Assert.Equal(42L, _evaluator.Evaluate("${x * 2}", Vars("""{"x": 21}"""))!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_TextMixedWithExpressions_ReturnsString()
    {
        var result = _evaluator.Evaluate("Hallo ${naam}, u bent ${leeftijd} jaar", Vars("""{"naam": "Fatima", "leeftijd": 31}"""));

        Assert.Equal("Hallo Fatima, u bent 31 jaar", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_BindsTheVariablesItNames_AmongMany()
    {
        var variables = Enumerable.Range(0, 200).ToDictionary(i => $"v{i}", i => (JsonNode?)JsonValue.Create(i));
        variables["persoon"] = new JsonObject { ["naam"] = "Fatima" };
        variables["naam"] = "Amina";

        Assert.Equal(397L, _evaluator.Evaluate("v199 + v198", variables)!.GetValue<long>());
        Assert.Equal("Fatima/Amina", _evaluator.Evaluate("persoon.naam + '/' + naam", variables)!.GetValue<string>());
        Assert.Equal("Fatima en 7", _evaluator.EvaluateTemplate("${persoon.naam} en ${v7}", variables)!.GetValue<string>());
        Assert.Equal("function", _evaluator.Evaluate("typeof (() => v3)", variables)!.GetValue<string>());
        Assert.Equal(3L, _evaluator.Evaluate("(() => { const { naam } = persoon; return v3; })()", variables)!.GetValue<long>());
        Assert.Equal("undefined", _evaluator.Evaluate("typeof v200", variables)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ReadsVariablesByComputedName_ThroughTheGlobalObject()
    {
        var variables = Vars("""{"naam": "Fatima", "leeftijd": 31, "woonplaats": "Woerden"}""");

        Assert.Equal("Fatima", _evaluator.Evaluate("globalThis['na' + 'am']", variables)!.GetValue<string>());
        Assert.Equal("Woerden", _evaluator.Evaluate("this['woon' + 'plaats']", variables)!.GetValue<string>());
        Assert.Equal(31L, _evaluator.Evaluate("(() => this['leef' + 'tijd'])()", variables)!.GetValue<long>());
        Assert.Equal(
            "leeftijd,naam,woonplaats",
            _evaluator.Evaluate("Object.keys(globalThis).filter(k => ['naam', 'leeftijd', 'woonplaats'].includes(k)).sort().join()", variables)!.GetValue<string>());
        Assert.Equal("Fatima uit Woerden", _evaluator.EvaluateTemplate("${naam} uit ${globalThis['woon' + 'plaats']}", variables)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ObjectLiteralInsideWrapper_ReturnsObject()
    {
        var result = _evaluator.Evaluate("${ {route: leerroute, nested: {ok: true}} }", Vars("""{"leerroute": "B1"}"""));

        Assert.Equal("""{"route":"B1","nested":{"ok":true}}""", Json(result));
    }

    [Fact]
    public void Evaluate_BracesInStringsInsideWrapper_AreNotMistakenForTheEnd()
    {
        Assert.Equal("a}b{c", _evaluator.Evaluate("${'a}' + 'b{c'}", NoVariables)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_Statements_ReturnsCompletionValue()
    {
        Assert.Equal(6L, _evaluator.Evaluate("var total = 0; for (var i = 1; i <= 3; i++) { total += i; } total", NoVariables)!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_BlockWithStatements_IsNotTreatedAsObject()
    {
        Assert.Equal(2L, _evaluator.Evaluate("{ var a = 1; a + 1 }", NoVariables)!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_NestedVariables_AreConvertedFaithfully()
    {
        var vars = Vars("""
            {"persoon": {"naam": "Ada", "kinderen": [{"leeftijd": 3}, {"leeftijd": 7.5}], "actief": true, "partner": null},
             "lijst": [1, "twee", false, null, [3]]}
            """);

        Assert.Equal("Ada", _evaluator.Evaluate("persoon.naam", vars)!.GetValue<string>());
        Assert.Equal(7.5, _evaluator.Evaluate("persoon.kinderen[1].leeftijd", vars)!.GetValue<double>());
        Assert.True(_evaluator.EvaluateCondition("persoon.actief === true && persoon.partner === null", vars));
        Assert.True(_evaluator.EvaluateCondition("lijst.length === 5 && lijst[1] === 'twee' && lijst[4][0] === 3", vars));
        Assert.True(_evaluator.EvaluateCondition("Array.isArray(lijst) && typeof persoon === 'object'", vars));
    }

    [Fact]
    public void Evaluate_VariableRoundTrip_IsUnchanged()
    {
        var json = """{"a":1,"b":[1,2.5,"x",true,null,{"c":{}}],"d":"tekst","e":false,"f":null}""";

        Assert.Equal(json, Json(_evaluator.Evaluate("v", new Dictionary<string, JsonNode?> { ["v"] = JsonNode.Parse(json) })));
    }

    [Fact]
    public void Evaluate_VariablesFromClrValues_AreConverted()
    {
        var vars = new Dictionary<string, JsonNode?>
        {
            ["aantal"] = JsonValue.Create(3L),
            ["bedrag"] = JsonValue.Create(12.5m),
            ["id"] = JsonValue.Create(Guid.Empty),
            ["klein"] = JsonValue.Create((short)2),
        };

        Assert.Equal(17.5, _evaluator.Evaluate("aantal + bedrag + klein", vars)!.GetValue<double>());
        Assert.Equal("00000000-0000-0000-0000-000000000000", _evaluator.Evaluate("id", vars)!.GetValue<string>());
    }

    [Theory]
    [InlineData("undefined", "null")]
    [InlineData("null", "null")]
    [InlineData("3", "3")]
    [InlineData("3.0", "3")]
    [InlineData("-0", "0")]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("1e20", "1E+20")]
    [InlineData("1e300", "1E+300")]
    [InlineData("'tekst'", "\"tekst\"")]
    [InlineData("[1, undefined, function () {}, 'a']", "[1,null,null,\"a\"]")]
    [InlineData("({a: 1, b: undefined, c: function () {}})", "{\"a\":1}")]
    [InlineData("new Date(Date.UTC(2026, 0, 31, 9, 0, 0))", "\"2026-01-31T09:00:00.0000000Z\"")]
    [InlineData("new Number(5)", "5")]
    [InlineData("(function () {})", "null")]
    public void Evaluate_Results_AreConvertedToJson(string expression, string expectedJson)
    {
        Assert.Equal(expectedJson, Json(_evaluator.Evaluate(expression, NoVariables)));
    }

    [Fact]
    public void Evaluate_IntegralNumber_IsLongAndFractionIsDouble()
    {
        Assert.Equal(4L, _evaluator.Evaluate("2 + 2", NoVariables)!.GetValue<long>());
        Assert.Equal(2.5, _evaluator.Evaluate("5 / 2", NoVariables)!.GetValue<double>());
        Assert.False(_evaluator.Evaluate("5 / 2", NoVariables)!.AsValue().TryGetValue<long>(out _));
    }

    [Fact]
    public void Evaluate_NaN_FailsBecauseJsonCannotHoldIt()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("0 / 0", NoVariables));

        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ResultThatContainsItself_Fails()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("var a = {}; a.self = a; a", NoVariables));

        Assert.Contains("verwijst naar zichzelf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateCondition_True_And_False()
    {
        Assert.True(_evaluator.EvaluateCondition("${x > 1}", Vars("""{"x": 2}""")));
        Assert.False(_evaluator.EvaluateCondition("x > 1", Vars("""{"x": 0}""")));
    }

    [Theory]
    [InlineData("'abc'", "gaf 'abc' in plaats van true of false")]
    [InlineData("1", "gaf 1 in plaats van true of false")]
    [InlineData("undefined", "gaf null in plaats van true of false")]
    [InlineData("[true]", "gaf [true] in plaats van true of false")]
    public void EvaluateCondition_NonBoolean_Throws(string expression, string message)
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.EvaluateCondition(expression, NoVariables));

        Assert.Equal($"Expressie '{expression}' {message}.", ex.Message);
        Assert.Equal(expression, ex.Expression);
    }

    [Fact]
    public void Evaluate_UnknownVariable_ThrowsReferenceErrorInDutchFrame()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("x === 1", NoVariables));

        Assert.Equal("Expressie 'x === 1' faalt: ReferenceError: x is not defined", ex.Message);
        Assert.Equal("x === 1", ex.Expression);
    }

    [Fact]
    public void Evaluate_TypeError_IsExpressionException()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("persoon.adres.straat", Vars("""{"persoon": {}}""")));

        Assert.StartsWith("Expressie 'persoon.adres.straat' faalt: TypeError", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SyntaxError_NamesPosition()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("leerroute ===", NoVariables));

        Assert.Equal("Expressie 'leerroute ===' bevat een syntaxfout: de expressie houdt onverwacht op (ontbreekt er een haakje, een aanhalingsteken of een waarde?) (regel 1, kolom 14).", ex.Message);
    }

    [Fact]
    public void Evaluate_ThrownStringAndThrownError_AreReported()
    {
        Assert.Equal("Expressie 'throw \"stop\"' faalt: gooide stop", Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("throw \"stop\"", NoVariables)).Message);
        Assert.EndsWith("faalt: RangeError: te groot", Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("throw new RangeError('te groot')", NoVariables)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThrownObjectWithEvilToString_IsNotRun()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("throw {toString: function () { while (true) {} }}", NoVariables));

        Assert.EndsWith("faalt: gooide een object dat geen Error is", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ErrorsCanBeCaughtInsideTheScript()
    {
        Assert.Equal("opgevangen", _evaluator.Evaluate("try { onbekend.x } catch (e) { 'opgevangen' }", NoVariables)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_EmptyExpression_Throws()
    {
        Assert.Equal("Expressie is leeg.", Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("  ", NoVariables)).Message);
    }

    [Fact]
    public void Evaluate_UnclosedWrapper_Throws()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("Hallo ${naam", NoVariables));

        Assert.Equal("Expressie 'Hallo ${naam' is ongeldig: '${' op positie 7 heeft geen bijbehorende '}'.", ex.Message);
    }

    [Fact]
    public void Evaluate_LongExpressionInMessage_IsShortened()
    {
        var expression = "onbekend + " + new string('1', 300);

        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, NoVariables));

        Assert.Contains("…' faalt: ReferenceError", ex.Message, StringComparison.Ordinal);
        Assert.Equal(expression, ex.Expression);
    }

    [Fact]
    public void Evaluate_JavaScriptDatesUseConfiguredZone()
    {
        Assert.Equal(10L, _evaluator.Evaluate("new Date(Date.UTC(2026, 0, 15, 9, 0, 0)).getHours()", NoVariables)!.GetValue<long>());
        Assert.Equal(11L, _evaluator.Evaluate("new Date(Date.UTC(2026, 6, 15, 9, 0, 0)).getHours()", NoVariables)!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_RegularExpressions_Work()
    {
        var vars = Vars("""{"postcode": "1234 AB"}""");

        Assert.True(_evaluator.EvaluateCondition(@"/^\d{4} ?[A-Z]{2}$/.test(postcode)", vars));
        Assert.True(_evaluator.EvaluateCondition(@"new RegExp('^[0-9]{4}').test(postcode) && postcode.search('AB') === 5", vars));
        Assert.Equal("1234-AB", _evaluator.Evaluate("postcode.replace(/ /g, '-')", vars)!.GetValue<string>());
        Assert.Equal("""["1234","AB"]""", Json(_evaluator.Evaluate(@"postcode.match(/(\d+) (\w+)/).slice(1)", vars)));
        Assert.True(_evaluator.EvaluateCondition("/a/ instanceof RegExp && /a/.constructor === RegExp", vars));
    }

    [Fact]
    public void Evaluate_SameExpressionTwice_SharesNoStateThroughTheRegexLiteral()
    {
        // Jint 2 stores the RegExp object of a literal in the parsed tree; reusing a parsed program would leak it.
        const string expression = "var r = /a/; var seen = r.merk; r.merk = 'gezien'; r.lastIndex = 5; seen === undefined && r.lastIndex === 5";

        Assert.True(_evaluator.EvaluateCondition(expression, NoVariables));
        Assert.True(_evaluator.EvaluateCondition(expression, NoVariables));
    }

    [Fact]
    public void Evaluate_GlobalRegexLiteralInLoop_IsFreshEachTime()
    {
        Assert.Equal(3L, _evaluator.Evaluate("var n = 0; for (var i = 0; i < 3; i++) { if (/a/g.test('a')) n++; } n", NoVariables)!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_JsonBuiltins_Work()
    {
        Assert.Equal("""{"a":[1,{"b":"x"}]}""", _evaluator.Evaluate("JSON.stringify({a: [1, {b: 'x'}], c: undefined})", NoVariables)!.GetValue<string>());
        Assert.Equal("{\n  \"a\": [\n    1\n  ]\n}", _evaluator.Evaluate("JSON.stringify({a: [1]}, null, 2)", NoVariables)!.GetValue<string>());
        Assert.Equal("""{"a":2}""", _evaluator.Evaluate("JSON.stringify({a: 1, b: 2}, function (k, v) { return k === 'b' ? undefined : (k === 'a' ? 2 : v); })", NoVariables)!.GetValue<string>());
        Assert.Equal("""{"b":2}""", _evaluator.Evaluate("JSON.stringify({a: 1, b: 2}, ['b'])", NoVariables)!.GetValue<string>());
        Assert.Equal("\"2026-01-31T09:00:00.000Z\"", _evaluator.Evaluate("JSON.stringify(new Date(Date.UTC(2026, 0, 31, 9)))", NoVariables)!.GetValue<string>());
        Assert.Equal(3L, _evaluator.Evaluate("JSON.parse('{\"a\": [1, 2, 3]}').a.length", NoVariables)!.GetValue<long>());
        Assert.Equal("\"\\u0001\\n\\\"\"", _evaluator.Evaluate("JSON.stringify('\\u0001\\n\"')", NoVariables)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ArrayBuiltins_Work()
    {
        Assert.Equal("1-2-3", _evaluator.Evaluate("[1, 2, 3].join('-')", NoVariables)!.GetValue<string>());
        Assert.Equal("1,,3", _evaluator.Evaluate("String([1, null, 3])", NoVariables)!.GetValue<string>());
        Assert.Equal("[2,4]", Json(_evaluator.Evaluate("[1, 2, 3, 4].filter(function (x) { return x % 2 === 0; })", NoVariables)));
        Assert.Equal(10L, _evaluator.Evaluate("[1, 2, 3, 4].reduce(function (a, b) { return a + b; }, 0)", NoVariables)!.GetValue<long>());
        Assert.Equal(7L, _evaluator.Evaluate("Math.max.apply(null, [3, 7, 5])", NoVariables)!.GetValue<long>());
        Assert.Equal(5L, _evaluator.Evaluate("(function (a, b) { return a + b; }).bind(null, 2)(3)", NoVariables)!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_Functions_And_Closures_Work()
    {
        Assert.Equal(120L, _evaluator.Evaluate("function f(n) { return n <= 1 ? 1 : n * f(n - 1); } f(5)", NoVariables)!.GetValue<long>());
        Assert.Equal(3L, _evaluator.Evaluate("var c = (function () { var n = 0; return function () { return ++n; }; })(); c(); c(); c()", NoVariables)!.GetValue<long>());
        Assert.Equal("x", _evaluator.Evaluate("var o = {get v() { return 'x'; }}; o.v", NoVariables)!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_Es2015AndLaterSyntax_Works()
    {
        // Jint 4: arrow functions, let/const, destructuring, spread, optional chaining, ?? and includes. (Template
        // literals cannot be written: "${" starts an expression of the BPMN text itself.)
        var vars = Vars("""{"persoon": {"naam": "Ada", "adres": null}, "lijst": [3, 1, 2]}""");

        Assert.Equal("Ada: 1,2,3", _evaluator.Evaluate("const { naam } = persoon; naam + ': ' + [...lijst].sort((a, b) => a - b)", vars)!.GetValue<string>());
        Assert.Equal("onbekend", _evaluator.Evaluate("persoon.adres?.straat ?? 'onbekend'", vars)!.GetValue<string>());
        Assert.True(_evaluator.EvaluateCondition("lijst.includes(2) && Object.entries(persoon).length === 2", vars));
    }

    [Fact]
    public void Evaluate_StrictMode_RefusesUndeclaredAssignment()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("vergeten = 1", NoVariables));

        Assert.Equal("Expressie 'vergeten = 1' faalt: ReferenceError: vergeten is not defined", ex.Message);
        Assert.True(_evaluator.EvaluateCondition("(function () { return this; })() === undefined", NoVariables));
    }
}
