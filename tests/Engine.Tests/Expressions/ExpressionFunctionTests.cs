using System.Text.Json.Nodes;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Tests.Support;
using Inburgering.Engine.Timers;
using static Inburgering.Engine.Tests.Expressions.ExpressionTestSupport;

namespace Inburgering.Engine.Tests.Expressions;

public class ExpressionFunctionTests
{
    private readonly FakeTimeProvider _time = new(Now);

    private JintExpressionEvaluator CreateEvaluator(params ExpressionFunction[] functions) =>
        Evaluator(time: _time, providers: TestFunctions.Of(functions));

    private string Text(string expression, JintExpressionEvaluator? evaluator = null) =>
        (evaluator ?? CreateEvaluator()).Evaluate(expression, NoVariables)!.GetValue<string>();

    [Fact]
    public void Now_IsTheTimeProvidersUtcNowInIsoFormat()
    {
        var evaluator = CreateEvaluator();

        Assert.Equal("2026-01-15T09:30:00.0000000Z", Text("now()", evaluator));
        _time.Advance(TimeSpan.FromMinutes(90.5));
        Assert.Equal("2026-01-15T11:00:30.0000000Z", Text("now()", evaluator));
    }

    [Fact]
    public void Today_IsTheDateInTheConfiguredZone()
    {
        _time.UtcNow = new DateTimeOffset(2026, 1, 15, 23, 30, 0, TimeSpan.Zero); // 00:30 on the 16th in Amsterdam

        Assert.Equal("2026-01-16", Text("today()"));
        Assert.Equal("2026-01-15", Text("today()", Evaluator(new ExpressionOptions { TimeZone = "UTC" }, _time)));
    }

    [Fact]
    public void Today_DoesNotDependOnTheTimeProvidersLocalZone()
    {
        _time.LocalTimeZoneOverride = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        _time.UtcNow = new DateTimeOffset(2026, 1, 15, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026-01-16", Text("today()"));
    }

    [Theory]
    [InlineData("addDuration('2026-01-31', 'P1M')", "2026-02-28")]
    [InlineData("addDuration('2028-01-31', 'P1M')", "2028-02-29")]
    [InlineData("addDuration('2026-01-15', 'P3M')", "2026-04-15")]
    [InlineData("addDuration('2026-03-01', '-P1D')", "2026-02-28")]
    [InlineData("addDuration('2026-01-01', 'P1Y2W')", "2027-01-15")]
    [InlineData("addDuration(today(), 'P14D')", "2026-01-29")]
    public void AddDuration_DateOnly_GivesDateOnly(string expression, string expected)
    {
        Assert.Equal(expected, Text(expression));
    }

    [Theory]
    [InlineData("addDuration('2026-03-28T09:00:00+01:00', 'P1D')", "2026-03-29T07:00:00.0000000Z")]
    [InlineData("addDuration('2026-03-28T09:00:00+01:00', 'PT24H')", "2026-03-29T08:00:00.0000000Z")]
    [InlineData("addDuration('2026-03-28T09:00', 'P1D')", "2026-03-29T07:00:00.0000000Z")]
    [InlineData("addDuration('2026-01-31T09:00:00Z', 'P1M')", "2026-02-28T09:00:00.0000000Z")]
    [InlineData("addDuration(now(), 'PT30M')", "2026-01-15T10:00:00.0000000Z")]
    [InlineData("addDuration(now(), '-PT30M')", "2026-01-15T09:00:00.0000000Z")]
    [InlineData("addDuration(new Date(Date.UTC(2026, 0, 15)), 'P1D')", "2026-01-16T00:00:00.0000000Z")]
    public void AddDuration_DateTime_IsCalendarCorrectInZoneAndReturnsUtc(string expression, string expected)
    {
        Assert.Equal(expected, Text(expression));
    }

    [Theory]
    [InlineData("addDuration('31-01-2026', 'P1M')", "TypeError: addDuration: argument 1 moet een datum ('2026-01-31'), een datum-tijd ('2026-01-31T09:00:00Z') of een Date zijn, niet '31-01-2026'.")]
    [InlineData("addDuration(null, 'P1M')", "argument 1 moet een datum")]
    [InlineData("addDuration('2026-01-31', 'P1H')", "RangeError: addDuration: 'P1H' is geen geldige ISO 8601-duur: uren ('H') horen na de 'T' (bijvoorbeeld PT1H).")]
    [InlineData("addDuration('2026-01-31', 3)", "TypeError: addDuration: argument 2 moet een ISO 8601-duur als tekst zijn")]
    [InlineData("addDuration('2026-01-31', 'PT5M')", "RangeError: addDuration: De duur PT5M bevat een tijdsdeel")]
    [InlineData("addDuration('9999-12-31', 'P1D')", "RangeError: addDuration: de uitkomst valt buiten de jaren 1 tot en met 9999.")]
    public void AddDuration_BadArguments_FailWithDutchReason(string expression, string reason)
    {
        var ex = Assert.Throws<ExpressionException>(() => CreateEvaluator().Evaluate(expression, NoVariables));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDuration_ErrorsCanBeCaughtByTheScript()
    {
        Assert.Equal("ongeldig", Text("try { addDuration('x', 'P1D') } catch (e) { 'ongeldig' }"));
    }

    [Theory]
    [InlineData("daysBetween('2026-01-01', '2026-03-01')", 59)]
    [InlineData("daysBetween('2026-03-01', '2026-01-01')", -59)]
    [InlineData("daysBetween('2026-03-28T23:30:00Z', '2026-03-29T00:30:00+01:00')", 0)]
    [InlineData("daysBetween('2026-01-15T22:59:00Z', '2026-01-15T23:00:00Z')", 1)]
    [InlineData("daysBetween(today(), '2026-12-25')", 344)]
    [InlineData("daysBetween(now(), addDuration(now(), 'P3M'))", 90)]
    public void DaysBetween_CountsCalendarDaysInZone(string expression, long expected)
    {
        Assert.Equal(expected, CreateEvaluator().Evaluate(expression, NoVariables)!.GetValue<long>());
    }

    [Fact]
    public void StandardFunctions_CannotBeOverwrittenByScriptsOrVariables()
    {
        var result = CreateEvaluator().Evaluate("try { now = null; } catch (e) {} today", Vars("""{"today": "gisteren"}"""));

        Assert.Null(result); // a function converts to null: the variable did not replace it
        Assert.Equal("2026-01-15T09:30:00.0000000Z", Text("try { now = null; } catch (e) {} now()"));
        Assert.StartsWith("Expressie 'now = null' faalt: TypeError", Assert.Throws<ExpressionException>(() => CreateEvaluator().Evaluate("now = null", NoVariables)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderFunction_WithNamespace_IsPropertyOfNamespaceObject()
    {
        var evaluator = CreateEvaluator(
            new ExpressionFunction("termijn.einde", (DateOnly start) => start.AddYears(3), "Einde van de inburgeringstermijn"),
            new ExpressionFunction("termijn.verlengd", (DateOnly einde, int maanden) => einde.AddMonths(maanden), "Verlengd einde"),
            new ExpressionFunction("verdubbel", (double x) => x * 2, "Verdubbelt"));

        Assert.Equal("2029-01-15", evaluator.Evaluate("termijn.einde(start)", Vars("""{"start": "2026-01-15"}"""))!.GetValue<string>());
        Assert.Equal("2029-07-15", evaluator.Evaluate("termijn.verlengd(termijn.einde('2026-01-15'), 6)", NoVariables)!.GetValue<string>());
        Assert.Equal(5L, evaluator.Evaluate("verdubbel(2.5)", NoVariables)!.GetValue<long>());
        Assert.True(evaluator.EvaluateCondition("typeof termijn === 'object' && Object.keys(termijn).join() === 'einde,verlengd'", NoVariables));
    }

    [Fact]
    public void ProviderFunction_ArgumentAndResultTypes_AreConverted()
    {
        var evaluator = CreateEvaluator(
            new ExpressionFunction("echo.tekst", (string? s) => s, ""),
            new ExpressionFunction("echo.getal", (long n) => n, ""),
            new ExpressionFunction("echo.waar", (bool b) => !b, ""),
            new ExpressionFunction("echo.moment", (DateTimeOffset t) => t.AddHours(1), ""),
            new ExpressionFunction("echo.duur", (IsoDuration d) => d.Multiply(2), ""),
            new ExpressionFunction("echo.json", (JsonNode? n) => n, ""),
            new ExpressionFunction("echo.iets", (object? o) => o?.GetType().Name ?? "null", ""),
            new ExpressionFunction("echo.optioneel", (int a, int b = 10) => a + b, ""),
            new ExpressionFunction("echo.niets", () => { }, ""));

        Assert.Null(evaluator.Evaluate("echo.tekst(null)", NoVariables));
        Assert.Equal(7L, evaluator.Evaluate("echo.getal(7)", NoVariables)!.GetValue<long>());
        Assert.True(evaluator.EvaluateCondition("echo.waar(false)", NoVariables));
        Assert.Equal("2026-01-15T10:30:00.0000000Z", evaluator.Evaluate("echo.moment(now())", NoVariables)!.GetValue<string>());
        Assert.Equal("P2M", evaluator.Evaluate("echo.duur('P1M')", NoVariables)!.GetValue<string>());
        Assert.Equal("""{"a":[1,"b"]}""", Json(evaluator.Evaluate("echo.json({a: [1, 'b']})", NoVariables)));
        Assert.Equal("String Double Boolean JsonObject null", evaluator.Evaluate("[echo.iets('x'), echo.iets(1), echo.iets(true), echo.iets({}), echo.iets(null)].join(' ')", NoVariables)!.GetValue<string>());
        Assert.Equal(11L, evaluator.Evaluate("echo.optioneel(1)", NoVariables)!.GetValue<long>());
        Assert.Null(evaluator.Evaluate("echo.niets()", NoVariables));
    }

    [Theory]
    [InlineData("getal(1.5)", "TypeError: getal: argument 1 (n) moet een geheel getal zijn, niet 1.5.")]
    [InlineData("getal('1')", "TypeError: getal: argument 1 (n) moet een geheel getal zijn, niet '1'.")]
    [InlineData("getal()", "TypeError: getal: argument 1 (n) ontbreekt.")]
    [InlineData("getal(1e300)", "TypeError: getal: argument 1 (n) moet een kleiner geheel getal zijn")]
    public void ProviderFunction_WrongArgument_IsTypeError(string expression, string reason)
    {
        var evaluator = CreateEvaluator(new ExpressionFunction("getal", (int n) => n, ""));

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(expression, NoVariables));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderFunction_Exception_SurfacesAsExpressionException()
    {
        var failure = new InvalidOperationException("geen termijn bekend");
        var evaluator = CreateEvaluator(new ExpressionFunction("termijn.einde", new Func<string, string>(_ => throw failure), ""));

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("try { termijn.einde('x') } catch (e) { 'opgevangen' }", NoVariables));

        Assert.Equal("Expressie 'try { termijn.einde('x') } catch (e) { 'opgevangen' }' faalt: functie 'termijn.einde' gaf een fout: geen termijn bekend", ex.Message);
        Assert.Same(failure, ex.InnerException);
    }

    [Fact]
    public void ProviderFunction_UnsupportedResult_SurfacesAsExpressionException()
    {
        var evaluator = CreateEvaluator(new ExpressionFunction("lek", () => (object)new Uri("https://example.org"), ""));

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("lek()", NoVariables));

        Assert.Contains("functie 'lek' gaf een fout: het resultaat heeft type Uri", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.b.c", "moet een JavaScript-naam zijn")]
    [InlineData("1abc", "moet een JavaScript-naam zijn")]
    [InlineData("now", "'now' is al een ingebouwde naam")]
    [InlineData("Math.pi", "'Math' is al een ingebouwde naam")]
    public void Constructor_BadFunctionName_Throws(string name, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => CreateEvaluator(new ExpressionFunction(name, () => 1, "")));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateOrClashingNames_Throw()
    {
        Assert.Contains("dubbel", Assert.Throws<ArgumentException>(() => CreateEvaluator(
            new ExpressionFunction("f", () => 1, ""), new ExpressionFunction("f", () => 2, ""))).Message, StringComparison.Ordinal);
        Assert.Contains("zowel een functie als een naamruimte", Assert.Throws<ArgumentException>(() => CreateEvaluator(
            new ExpressionFunction("termijn", () => 1, ""), new ExpressionFunction("termijn.einde", () => 2, ""))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnsupportedParameterType_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => CreateEvaluator(new ExpressionFunction("f", (Uri u) => 1, "")));

        Assert.Contains("parameter 'u' van type Uri wordt niet ondersteund", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownTimeZone_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Evaluator(new ExpressionOptions { TimeZone = "Europe/Atlantis" }));

        Assert.Contains("Tijdzone 'Europe/Atlantis' is onbekend", ex.Message, StringComparison.Ordinal);
    }
}
