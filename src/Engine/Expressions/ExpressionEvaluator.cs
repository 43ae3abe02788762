using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint.Native;
using Jint.Native.Date;
using Jint.Native.Function;
using Jint.Parser;
using Jint.Parser.Ast;
using Jint.Runtime;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// Evaluates JavaScript (ECMAScript 5, Jint 2) expressions over the variables of a process instance, in a sandbox.
/// </summary>
/// <remarks>
/// <para><b>Text forms.</b> Bare code (<c>leerroute === 'B1'</c>), the Camunda form (<c>${leerroute === 'B1'}</c>), or a
/// template mixing text and <c>${...}</c> (<c>Hallo ${naam}</c>), which yields a string. Inside <c>${...}</c> braces may nest
/// (<c>${ {a: 1} }</c>); a <c>}</c> inside a regular-expression literal is not recognised there.</para>
/// <para><b>Variables</b> are JavaScript globals converted from JSON. A variable cannot replace a function below.</para>
/// <para><b>Results</b> come back as JSON: undefined → null, Date → ISO 8601 UTC text ("o" format), integral numbers → long,
/// other numbers → double, arrays and objects → JsonArray and JsonObject. In a template, null and undefined print as
/// nothing, dates as ISO UTC text, objects and arrays as JSON.</para>
/// <para><b>Functions</b> (besides the ECMAScript 5 built-ins):
/// <list type="bullet">
/// <item><c>now()</c>: the current instant from the <see cref="TimeProvider"/>, ISO 8601 UTC text (<c>"2026-01-15T09:30:00.0000000Z"</c>).</item>
/// <item><c>today()</c>: the current date in <see cref="ExpressionOptions.TimeZone"/>, <c>"yyyy-MM-dd"</c>.</item>
/// <item><c>addDuration(dateOrDateTime, isoDuration)</c>: <c>addDuration('2026-01-31', 'P1M')</c> is <c>'2026-02-28'</c>; a date-time
/// input gives UTC date-time text; months and days are counted on the wall clock of the zone; <c>'-P1D'</c> goes back.</item>
/// <item><c>daysBetween(a, b)</c>: calendar days from a to b in the zone (dates, date-times or Dates; negative when b is earlier).</item>
/// <item>every <see cref="ExpressionFunction"/> of the providers; <c>termijn.einde</c> is property <c>einde</c> of object <c>termijn</c>.</item>
/// </list></para>
/// <para><b>Sandbox.</b> No CLR access; no <c>eval</c> or <c>Function</c> constructor; <see cref="ExpressionOptions"/> limits time,
/// statements, recursion, allocated memory and source length; regular expressions time out; array built-ins refuse more than
/// 10,000 elements. Each evaluation runs in its own engine, so evaluations never see each other's variables and the
/// evaluator is safe to share between threads. Every failure is an <see cref="ExpressionException"/> with a Dutch message.</para>
/// <para><b>No program cache.</b> Jint 2 stores values in the parsed tree while it runs (literal values, call arguments,
/// and the RegExp object of a literal, which belongs to one engine), without synchronisation; a parsed program is therefore
/// not reused across engines or threads. Parsing a typical condition costs a few µs; most of an evaluation (~60–90 µs) is
/// building the Jint engine and its hardened built-ins.</para>
/// </remarks>
public sealed class ExpressionEvaluator
{
    private const int MaxQuotedLength = 120;

    private readonly ExpressionOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;
    private readonly ProviderFunctions _functions;

    public ExpressionEvaluator(ExpressionOptions options, TimeProvider time, IEnumerable<IExpressionFunctionProvider> functionProviders)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(functionProviders);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxStatements, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRecursionDepth, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxAllocatedBytes, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxLength, 0, nameof(options));
        _options = new ExpressionOptions
        {
            Timeout = options.Timeout,
            MaxStatements = options.MaxStatements,
            MaxRecursionDepth = options.MaxRecursionDepth,
            MaxAllocatedBytes = options.MaxAllocatedBytes,
            MaxLength = options.MaxLength,
            TimeZone = options.TimeZone,
        };
        _time = time;
        try
        {
            _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Tijdzone '{options.TimeZone}' is onbekend.", nameof(options), ex);
        }

        _functions = ProviderFunctions.Bind(functionProviders);
    }

    /// <summary>
    /// Evaluates bare code (<c>leerroute === 'B1'</c>), one <c>${...}</c> (its value), or a template mixing text and
    /// <c>${...}</c> (a string).
    /// </summary>
    /// <exception cref="ExpressionException">Syntax error, runtime error, or a sandbox limit.</exception>
    public JsonNode? Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        return Run(expression, Segments(expression, bareIsCode: true), variables);
    }

    /// <summary>Like <see cref="Evaluate"/>, but the result must be true or false.</summary>
    /// <exception cref="ExpressionException">Also when the result is not a boolean ("... gaf 'abc' in plaats van true of false").</exception>
    public bool EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var result = Evaluate(expression, variables);
        if (result is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValueKind() == JsonValueKind.True;
        }

        throw new ExpressionException(expression, $"Expressie '{Quote(expression)}' gaf {Describe(result)} in plaats van true of false.");
    }

    /// <summary>
    /// A literal unless the text contains <c>${...}</c>: <c>"PT5M"</c> stays <c>"PT5M"</c>; <c>"${termijnEinde}"</c> is the
    /// value of <c>termijnEinde</c>; <c>"Hallo ${naam}"</c> is a string.
    /// </summary>
    public JsonNode? EvaluateTemplate(string text, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        return ContainsExpression(text) ? Run(text, Segments(text, bareIsCode: false), variables) : JsonValue.Create(text);
    }

    /// <summary>Whether <paramref name="text"/> contains a <c>${</c>.</summary>
    public static bool ContainsExpression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ExpressionText.ContainsExpression(text);
    }

    /// <summary>
    /// Checks an expression at deploy time without running it: length, <c>${...}</c> structure, syntax and regular
    /// expressions. Returns null when it is fine, else a Dutch reason.
    /// </summary>
    /// <param name="text">The expression or template.</param>
    /// <param name="bareIsCode">True for conditions (text without <c>${</c> is JavaScript), false for templates (it is a literal).</param>
    public string? Validate(string text, bool bareIsCode)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var segments = Segments(text, bareIsCode);
            foreach (var segment in segments.Where(s => s.IsCode))
            {
                var program = ScriptParser.NeedsLargeStack(segment.Text)
                    ? ScriptParser.OnLargeStack(ScriptParser.StackFor(segment.Text.Length), () => Parse(text, segment.Text))
                    : Parse(text, segment.Text);
                CheckRegexLiterals(text, program);
            }

            return null;
        }
        catch (ExpressionException ex)
        {
            return ex.Message;
        }
    }

    private List<TextSegment> Segments(string text, bool bareIsCode)
    {
        if (text.Length > _options.MaxLength)
        {
            throw new ExpressionException(text, $"Expressie '{Quote(text)}' is te lang: {text.Length} tekens, maximaal {_options.MaxLength}.");
        }

        if (!ExpressionText.ContainsExpression(text))
        {
            if (bareIsCode && text.Trim().Length == 0)
            {
                throw new ExpressionException(text, "Expressie is leeg.");
            }

            return [new TextSegment(IsCode: bareIsCode, text)];
        }

        return ExpressionText.Split(text, out var error)
            ?? throw new ExpressionException(text, $"Expressie '{Quote(text)}' is ongeldig: {error}");
    }

    private JsonNode? Run(string text, List<TextSegment> segments, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        if (segments.Any(s => s.IsCode && ScriptParser.NeedsLargeStack(s.Text)))
        {
            return ScriptParser.OnLargeStack(ScriptParser.StackFor(text.Length), () => ParseAndExecute(text, segments, variables, onLargeStack: true));
        }

        return ParseAndExecute(text, segments, variables, onLargeStack: false);
    }

    private JsonNode? ParseAndExecute(string text, List<TextSegment> segments, IReadOnlyDictionary<string, JsonNode?> variables, bool onLargeStack)
    {
        var programs = new Program?[segments.Count];
        var depth = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].IsCode)
            {
                programs[i] = Parse(text, segments[i].Text);
                depth = Math.Max(depth, SyntaxTree.Depth(programs[i]!));
            }
        }

        if (!onLargeStack && depth > ScriptParser.InlineDepthLimit)
        {
            return ScriptParser.OnLargeStack(ScriptParser.StackForDepth(depth), () => Execute(text, segments, programs, variables));
        }

        return Execute(text, segments, programs, variables);
    }

    private JsonNode? Execute(string text, List<TextSegment> segments, Program?[] programs, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var budget = new EvaluationBudget(_options);
        try
        {
            var sandbox = Sandbox.Create(_options, _zone, _time, budget);
            StandardFunctions.Install(sandbox, _time, _zone);
            _functions.Install(sandbox, _zone);
            foreach (var (name, value) in variables)
            {
                sandbox.Engine.Global.Put(name, JsonBridge.ToJs(sandbox, value, name), throwOnError: false);
            }

            foreach (var program in programs)
            {
                if (program is not null)
                {
                    ScriptInstrumenter.Instrument(program, sandbox);
                }
            }

            budget.Start();
            if (segments.Count == 1 && programs[0] is { } single)
            {
                return JsonBridge.ToJson(sandbox, sandbox.Engine.Execute(single).GetCompletionValue());
            }

            var result = new StringBuilder();
            for (var i = 0; i < segments.Count; i++)
            {
                if (programs[i] is { } program)
                {
                    result.Append(SegmentText(sandbox, sandbox.Engine.Execute(program).GetCompletionValue()));
                }
                else
                {
                    result.Append(segments[i].Text);
                }
            }

            return JsonValue.Create(result.ToString());
        }
        catch (JavaScriptException ex)
        {
            throw Failure(text, DescribeJavaScriptError(ex), ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw Failure(text, $"voert meer dan {_options.MaxStatements} statements uit", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw Failure(text, $"roept een functie meer dan {_options.MaxRecursionDepth} keer in zichzelf aan", ex);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw Failure(text, $"een reguliere expressie duurt langer dan {EvaluationBudget.FormatTime(_options.Timeout)}", ex);
        }
        catch (TimeoutException ex)
        {
            throw Failure(text, $"duurt langer dan {EvaluationBudget.FormatTime(_options.Timeout)}", ex);
        }
        catch (EvaluationFailedException ex)
        {
            throw Failure(text, ex.Message, ex);
        }
        catch (HostFunctionException ex)
        {
            throw Failure(text, ex.Message, ex.InnerException ?? ex);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw Failure(text, "de functies roepen elkaar te diep aan (te weinig stackruimte)", ex);
        }
        catch (OutOfMemoryException ex)
        {
            throw Failure(text, $"heeft meer geheugen nodig dan er is (maximaal {EvaluationBudget.FormatBytes(_options.MaxAllocatedBytes)})", ex);
        }
        catch (ArgumentException ex) when (ThrownByJavaScriptException(ex))
        {
            // Jint 2 cannot build its exception for a thrown object without a string "message".
            throw Failure(text, "gooide een object dat geen Error is", ex);
        }
        catch (ArgumentException ex) when (ex.Message.StartsWith("Variabele ", StringComparison.Ordinal))
        {
            throw Failure(text, ex.Message, ex);
        }
#pragma warning disable CA1031 // Jint 2 has internal bugs that surface as arbitrary exceptions; none may escape as anything but ExpressionException.
        catch (Exception ex) when (ex is not ExpressionException)
#pragma warning restore CA1031
        {
            throw Failure(text, $"interne fout in de expressie-engine ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    private static Program Parse(string text, string code)
    {
        try
        {
            return ScriptParser.Parse(code);
        }
        catch (ParserException ex)
        {
            throw new ExpressionException(
                text,
                $"Expressie '{Quote(text)}' bevat een syntaxfout: {ex.Description} (regel {ex.LineNumber}, kolom {ex.Column}).",
                ex);
        }
#pragma warning disable CA1031 // Jint 2's parser can fail with other exception types on malformed input.
        catch (Exception ex) when (ex is not ExpressionException)
#pragma warning restore CA1031
        {
            throw new ExpressionException(text, $"Expressie '{Quote(text)}' kan niet worden gelezen: {ex.Message}", ex);
        }
    }

    private static void CheckRegexLiterals(string text, Program program)
    {
        var literals = SyntaxTree.Descendants(program).Where(SyntaxTree.IsRegexLiteral).Cast<Literal>().ToList();
        if (literals.Count == 0)
        {
            return;
        }

        var engine = new Jint.Engine();
        foreach (var literal in literals)
        {
            try
            {
                engine.RegExp.Construct(literal.Raw);
            }
            catch (Exception ex) when (ex is JavaScriptException or ArgumentException)
            {
                throw new ExpressionException(text, $"Expressie '{Quote(text)}' bevat een ongeldige reguliere expressie {literal.Raw}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>How a <c>${...}</c> value is written into a template.</summary>
    private static string SegmentText(Sandbox sandbox, JsValue value) => value.Type switch
    {
        Types.Undefined or Types.Null or Types.None => "",
        Types.String => value.AsString(),
        Types.Number or Types.Boolean => TypeConverter.ToString(value),
        _ when value.AsObject() is DateInstance date => JsonBridge.FormatDate(date),
        _ when value.AsObject() is FunctionInstance => "",
        _ when value.AsObject().Class is "String" or "Number" or "Boolean" => TypeConverter.ToString(value),
        _ => JsonBridge.ToJson(sandbox, value)?.ToJsonString() ?? "",
    };

    /// <summary>"TypeError: x is not a function" for an Error; the text of any other thrown primitive. Never runs script code.</summary>
    private static string DescribeJavaScriptError(JavaScriptException ex)
    {
        var error = ex.Error;
        if (error is null)
        {
            return ex.Message;
        }

        if (!error.IsObject())
        {
            return error.Type is Types.String or Types.Number or Types.Boolean or Types.Null or Types.Undefined
                ? "gooide " + (error.IsString() ? error.AsString() : TypeConverter.ToString(error))
                : ex.Message;
        }

        var name = DataProperty(error, "name");
        var message = DataProperty(error, "message");
        if (name is null && message is null)
        {
            return "gooide een object";
        }

        return string.IsNullOrEmpty(message) ? name ?? "Error" : $"{name ?? "Error"}: {message}";
    }

    private static bool ThrownByJavaScriptException(Exception ex) =>
        new System.Diagnostics.StackTrace(ex).GetFrames().Any(f => f.GetMethod()?.DeclaringType == typeof(JavaScriptException));

    /// <summary>A string-valued data property, read without calling getters.</summary>
    private static string? DataProperty(JsValue target, string name)
    {
        var descriptor = target.AsObject().GetProperty(name);
        return descriptor.Value is { } value && value.IsString() ? value.AsString() : null;
    }

    private static ExpressionException Failure(string text, string reason, Exception inner) =>
        new(text, $"Expressie '{Quote(text)}' faalt: {reason}", inner);

    private static string Describe(JsonNode? result) => result switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => $"'{Quote(value.GetValue<string>())}'",
        _ => Quote(result.ToJsonString()),
    };

    private static string Quote(string text) =>
        text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "…";
}
