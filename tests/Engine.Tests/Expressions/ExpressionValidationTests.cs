using Inburgering.Engine.Expressions;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

public class ExpressionValidationTests
{
    private readonly JintExpressionEvaluator _evaluator = Evaluator();

    [Theory]
    [InlineData("leerroute === 'B1'", true)]
    [InlineData("${leerroute === 'B1'}", true)]
    [InlineData("Hallo ${naam}", false)]
    [InlineData("PT5M", false)]
    [InlineData("while (true) {}", true)]
    [InlineData("onbekend.diep.pad", true)]
    [InlineData(@"/^\d{4}[A-Z]{2}$/.test(postcode)", true)]
    public void Validate_ValidText_ReturnsNull(string text, bool bareIsCode)
    {
        Assert.Null(_evaluator.Validate(text, bareIsCode));
    }

    [Fact]
    public void Validate_DoesNotRunTheScript()
    {
        var called = 0;
        var evaluator = Evaluator(providers: TestFunctions.Of(new ExpressionFunction("tel", () => ++called, "")));

        Assert.Null(evaluator.Validate("tel() && tel()", bareIsCode: true));
        Assert.Equal(0, called);
    }

    [Theory]
    [InlineData("leerroute ===", true, "Expressie 'leerroute ===' bevat een syntaxfout: de expressie houdt onverwacht op (ontbreekt er een haakje, een aanhalingsteken of een waarde?) (regel 1, kolom 14).")]
    [InlineData("Hallo ${naam +}", false, "Expressie 'Hallo ${naam +}' bevat een syntaxfout: de expressie houdt onverwacht op (ontbreekt er een haakje, een aanhalingsteken of een waarde?)")]
    [InlineData("naam leerroute", true, "bevat een syntaxfout: onverwachte naam 'leerroute' (ontbreekt er een operator of komma?)")]
    [InlineData("f(1))", true, "bevat een syntaxfout: onverwacht teken ')'")]
    [InlineData("naam 3", true, "bevat een syntaxfout: onverwacht getal")]
    [InlineData("'open", true, "bevat een syntaxfout: ongeldig of onverwacht teken (is een aanhalingsteken niet gesloten?)")]
    [InlineData("a + 1 = 2", true, "bedoelt u '===' om te vergelijken?")]
    [InlineData("Hallo ${naam", false, "'${' op positie 7 heeft geen bijbehorende '}'.")]
    [InlineData("/(/.test(x)", true, "bevat een ongeldige reguliere expressie /(/")]
    [InlineData("   ", true, "Expressie is leeg.")]
    public void Validate_BrokenText_ReturnsDutchReason(string text, bool bareIsCode, string reason)
    {
        var result = _evaluator.Validate(text, bareIsCode);

        Assert.NotNull(result);
        Assert.Contains(reason, result, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BareTextAsTemplate_IsLiteralEvenIfNotJavaScript()
    {
        Assert.Null(_evaluator.Validate("dit is geen ) javascript", bareIsCode: false));
        Assert.NotNull(_evaluator.Validate("dit is geen ) javascript", bareIsCode: true));
    }

    [Fact]
    public void Validate_OverLongSource_ReturnsReason()
    {
        var result = _evaluator.Validate(new string('1', 9000), bareIsCode: true);

        Assert.Contains("is te lang: 9000 tekens, maximaal 8192", result, StringComparison.Ordinal);
    }
}
