using System.ComponentModel;
using Inburgering.Engine.Expressions;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

/// <summary>Functions with one input record are called with one object of named arguments, checked at run and deploy time.</summary>
public class ExpressionNamedArgumentTests
{
    private readonly JintExpressionEvaluator _evaluator = Evaluator(providers: TestFunctions.Of(
        ExpressionFunction.Named("regel.verschil", (VerschilInput i) => (i.Tot.DayNumber - i.Van.DayNumber) * i.Factor, "Dagen tussen twee data."),
        new ExpressionFunction("regel.dubbel", (double x) => x * 2, "Verdubbelt.")));

    [Fact]
    public void NamedCall_BindsMembersByName_AndOptionalMembersTakeTheirDefault()
    {
        Assert.Equal(3L, _evaluator.Evaluate("regel.verschil({tot: '2026-01-04', van: '2026-01-01'})", NoVariables)!.GetValue<long>());
        Assert.Equal(6L, _evaluator.Evaluate("regel.verschil({van: '2026-01-01', tot: '2026-01-04', factor: 2})", NoVariables)!.GetValue<long>());
        Assert.Equal(6L, _evaluator.Evaluate("regel.verschil({van: start, tot: '2026-01-04', factor: undefined, ...{factor: 2}})", Vars("""{"start": "2026-01-01"}"""))!.GetValue<long>());
    }

    [Theory]
    [InlineData("regel.verschil({van: '2026-01-01', tot: '2026-01-04', fator: 2})", "TypeError: regel.verschil: onbekend argument 'fator'; bekend zijn van, tot, factor.")]
    [InlineData("regel.verschil({van: '2026-01-01'})", "TypeError: regel.verschil: argument 'tot' ontbreekt.")]
    [InlineData("regel.verschil({van: '2026-01-01', tot: null})", "TypeError: regel.verschil: argument 'tot' ontbreekt.")]
    [InlineData("regel.verschil({van: '2026-01-01', tot: 5})", "TypeError: regel.verschil: argument 'tot' moet een datum ('2026-01-31')")]
    [InlineData("regel.verschil({van: '2026-01-01', tot: '2026-01-04', factor: 'twee'})", "TypeError: regel.verschil: argument 'factor' moet een geheel getal zijn, niet 'twee'.")]
    [InlineData("regel.verschil('2026-01-01', '2026-01-04')", "TypeError: regel.verschil: verwacht één object met benoemde argumenten, bijvoorbeeld regel.verschil({van: …}).")]
    public void NamedCall_BadArguments_NameTheFunctionAndTheMember(string expression, string reason)
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, NoVariables));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${regel.verschil({van: a, tot: b, fator: 2})}", "regel.verschil: onbekend argument 'fator'; bekend zijn van, tot, factor")]
    [InlineData("${regel.verschil({van: a})}", "regel.verschil: argument 'tot' ontbreekt")]
    [InlineData("${regel.verschil(a, b)}", "regel.verschil verwacht één object met benoemde argumenten")]
    [InlineData("${regel.bestaatNiet(a)}", "de functie 'regel.bestaatNiet' bestaat niet")]
    public void Validate_CatchesBadCallsAtDeployTime(string text, string reason)
    {
        Assert.Contains(reason, _evaluator.Validate(text, bareIsCode: false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${regel.verschil({van: a, tot: b})}")]
    [InlineData("${regel.verschil(invoer)}")] // not a literal: checked when it runs
    [InlineData("${regel.dubbel(2)}")]
    [InlineData("${onbekend.functie(1)}")] // not a known namespace: may be a variable's method
    public void Validate_AcceptsGoodOrUncheckableCalls(string text)
    {
        Assert.Null(_evaluator.Validate(text, bareIsCode: false));
    }

    [Fact]
    public void Functions_DescribeNamedInputsLikeActivityInputs()
    {
        var verschil = _evaluator.Functions.Single(f => f.Name == "regel.verschil");
        var dubbel = _evaluator.Functions.Single(f => f.Name == "regel.dubbel");

        Assert.True(verschil.NamedArguments);
        Assert.Equal(["van", "tot", "factor"], verschil.Inputs.Select(i => i.Name));
        Assert.Equal(["date", "date", "number"], verschil.Inputs.Select(i => i.Type));
        Assert.Equal([true, true, false], verschil.Inputs.Select(i => i.Required));
        Assert.Equal("Begin.", verschil.Inputs[0].Description);
        Assert.Equal("number", verschil.Returns);
        Assert.False(dubbel.NamedArguments);
        Assert.Equal("x", Assert.Single(dubbel.Inputs).Name);
    }

    public sealed record VerschilInput(
        [property: Description("Begin.")] DateOnly Van,
        [property: Description("Einde.")] DateOnly Tot,
        [property: Description("Vermenigvuldiging.")] int Factor = 1);
}
