using System.Text.Json;
using Inburgering.Engine.Expressions;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

public class ExpressionTemplateTests
{
    private readonly JintExpressionEvaluator _evaluator = Evaluator();

    [Theory]
    [InlineData("PT5M")]
    [InlineData("leerroute === 'B1'")]
    [InlineData("kosten: $5 of {x}")]
    [InlineData("")]
    public void EvaluateTemplate_WithoutExpression_IsLiteral(string text)
    {
        Assert.Equal(text, _evaluator.EvaluateTemplate(text, NoVariables)!.GetValue<string>());
    }

    [Fact]
    public void EvaluateTemplate_SingleExpression_KeepsItsType()
    {
        var vars = Vars("""{"termijnEinde": "2029-01-15", "aantal": 3, "lijst": [1, 2], "leeg": null}""");

        Assert.Equal("2029-01-15", _evaluator.EvaluateTemplate("${termijnEinde}", vars)!.GetValue<string>());
        Assert.Equal(3L, _evaluator.EvaluateTemplate("${aantal}", vars)!.GetValue<long>());
        Assert.Equal("[1,2]", Json(_evaluator.EvaluateTemplate("${lijst}", vars)));
        Assert.Null(_evaluator.EvaluateTemplate("${leeg}", vars));
        Assert.Equal(JsonValueKind.True, _evaluator.EvaluateTemplate("${ aantal > 2 }", vars)!.GetValueKind());
    }

    [Fact]
    public void EvaluateTemplate_MixedText_IsString()
    {
        var vars = Vars("""{"naam": "Anna", "aantal": 2.5, "leeg": null, "ok": true, "lijst": [1, "a"], "obj": {"a": 1}}""");

        var result = _evaluator.EvaluateTemplate("Hallo ${naam}: ${aantal} ${leeg}|${ok} ${lijst} ${obj} ${new Date(Date.UTC(2026, 0, 1))}", vars);

        Assert.Equal("""Hallo Anna: 2.5 |true [1,"a"] {"a":1} 2026-01-01T00:00:00.0000000Z""", result!.GetValue<string>());
    }

    [Fact]
    public void EvaluateTemplate_TimerDuration_FromVariable()
    {
        Assert.Equal("P14D", _evaluator.EvaluateTemplate("${wachttijd}", Vars("""{"wachttijd": "P14D"}"""))!.GetValue<string>());
        Assert.Equal("R3/PT10M", _evaluator.EvaluateTemplate("R${herhalingen}/PT10M", Vars("""{"herhalingen": 3}"""))!.GetValue<string>());
    }

    [Fact]
    public void EvaluateTemplate_NestedBracesAndStrings_FindTheRightEnd()
    {
        var result = _evaluator.EvaluateTemplate("A${ {b: {c: '}'}}.b.c }Z ${ (function () { return '{'; })() }", NoVariables);

        Assert.Equal("A}Z {", result!.GetValue<string>());
    }

    [Fact]
    public void EvaluateTemplate_CommentWithBrace_IsSkipped()
    {
        Assert.Equal("1", _evaluator.EvaluateTemplate("${ 1 /* } */ }", NoVariables)!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EvaluateTemplate_SegmentsShareOneSandbox()
    {
        Assert.Equal("1-2", _evaluator.EvaluateTemplate("${ var teller = 1; teller }-${ ++teller }", NoVariables)!.GetValue<string>());
    }

    [Theory]
    [InlineData("Hallo ${naam", "'${' op positie 7 heeft geen bijbehorende '}'.")]
    [InlineData("Hallo ${}", "'${}' op positie 7 bevat geen expressie.")]
    [InlineData("${ 'niet gesloten }", "'${' op positie 1 heeft geen bijbehorende '}'.")]
    public void EvaluateTemplate_BrokenWrapper_Throws(string text, string reason)
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.EvaluateTemplate(text, NoVariables));

        Assert.EndsWith(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${x}", true)]
    [InlineData("Hallo ${naam}", true)]
    [InlineData("${", true)]
    [InlineData("PT5M", false)]
    [InlineData("$ {x}", false)]
    [InlineData("{x}", false)]
    public void ContainsExpression_DetectsWrapper(string text, bool expected)
    {
        Assert.Equal(expected, ExpressionSyntax.ContainsExpression(text));
    }
}
