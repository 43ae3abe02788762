using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using JsEngine = Jint.Engine;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// <see cref="IExpressionEvaluator"/> on Jint 4 (JavaScript, ECMAScript 2015 and later, strict mode).
/// </summary>
/// <remarks>
/// <para><b>Variables</b> are JavaScript globals converted from JSON when a script first reads them. A variable cannot
/// replace a function or a built-in global.</para>
/// <para><b>Results</b> come back as JSON: undefined → null, Date → ISO 8601 UTC text ("o" format), integral numbers →
/// long, other numbers → double, arrays and objects → JsonArray and JsonObject. In a template, null and undefined print as
/// nothing, dates as ISO UTC text, objects and arrays as JSON.</para>
/// <para><b>Functions</b> besides the language's own: <c>now()</c>, <c>today()</c>, <c>addDuration(date, 'P1M')</c>,
/// <c>daysBetween(a, b)</c> (see <see cref="StandardFunctions"/>) and every <see cref="ExpressionFunction"/> of the
/// providers.</para>
/// <para><b>Limits</b> are Jint's own: <c>TimeoutInterval</c> (and one deadline over all segments of a template),
/// <c>MaxStatements</c>, <c>LimitMemory</c>, <c>LimitRecursion</c>, <c>MaxArraySize</c> (10,000), the regular-expression
/// timeout, the stack guard, strict mode, no string compilation (<c>eval</c>, <c>Function</c>), no CLR access.
/// <see cref="NativeGuards"/> closes what those leave open; parsing and deep trees run on a large stack
/// (<see cref="CompiledScript"/>).</para>
/// <para><b>Isolation.</b> Every evaluation gets a fresh engine (its own realm, built in a few µs because Jint creates
/// built-ins lazily), so changes to built-ins or globals never reach another evaluation, and the evaluator is safe to share
/// between threads. Parsed scripts are cached per text and shared.</para>
/// </remarks>
public sealed partial class JintExpressionEvaluator : IExpressionEvaluator
{
    private const int MaxQuotedLength = 120;
    private const int MaxCachedTexts = 10_000;

    private readonly ExpressionOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _zone;
    private readonly ProviderFunctions _functions;
    private readonly Options _jint;
    private readonly HashSet<string> _functionGlobals;
    private readonly ConcurrentDictionary<(string Text, bool BareIsCode), Compiled> _cache = new();

    public JintExpressionEvaluator(ExpressionOptions options, TimeProvider time, IEnumerable<IExpressionFunctionProvider> functionProviders)
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
        _functionGlobals = [.. StandardFunctions.Names, .. _functions.Roots];
        _jint = BuildOptions();
    }

    public IReadOnlyList<ExpressionFunctionDescriptor> Functions => _functions.Descriptors;

    /// <inheritdoc />
    public JsonNode? Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        return Run(expression, Compile(expression, bareIsCode: true), variables);
    }

    /// <inheritdoc />
    public bool EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var result = Evaluate(expression, variables);
        if (result is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValueKind() == JsonValueKind.True;
        }

        throw new ExpressionException(expression, $"Expressie '{Quote(expression)}' gaf {Describe(result)} in plaats van true of false.");
    }

    /// <inheritdoc />
    public JsonNode? EvaluateTemplate(string text, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        return ExpressionText.ContainsExpression(text) ? Run(text, Compile(text, bareIsCode: false), variables) : JsonValue.Create(text);
    }

    /// <inheritdoc />
    public string? Validate(string text, bool bareIsCode)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var compiled = Compile(text, bareIsCode);
            foreach (var script in compiled.Segments.Select(s => s.Script).OfType<CompiledScript>())
            {
                if (CheckCalls(script.Program) is { } reason)
                {
                    return $"Expressie '{Quote(text)}': {reason}.";
                }
            }

            return null;
        }
        catch (ExpressionException ex)
        {
            return ex.Message;
        }
    }

    private Options BuildOptions()
    {
        var options = new Options()
            .TimeoutInterval(_options.Timeout)
            .MaxStatements(_options.MaxStatements)
            .LimitMemory(_options.MaxAllocatedBytes)
            .LimitRecursion(_options.MaxRecursionDepth)
            .Strict()
            .DisableStringCompilation()
            .Constraint(() => new OperationDeadlineConstraint());
        options.Culture = CultureInfo.InvariantCulture;
        options.TimeZone = _zone;
        options.TimeSystem = new ProviderTimeSystem(_time, _zone);
        options.AgentCanSuspend = false;
        options.Constraints.MaxArraySize = NativeGuards.MaxArrayLength;
        options.Constraints.StackOverflowGuard = true;
        options.Constraints.RegexTimeout = _options.Timeout;
        const PropertyFlag Fixed = PropertyFlag.None; // not writable, not enumerable, not configurable
        foreach (var name in StandardFunctions.Names)
        {
            options.AddLazyGlobal(name, engine => StandardFunctions.Create(ContextOf(engine), name), Fixed);
        }

        foreach (var root in _functions.Roots)
        {
            options.AddLazyGlobal(root, engine => _functions.CreateRoot(ContextOf(engine), root), Fixed);
        }

        return options;
    }

    private static EvaluationContext ContextOf(JsEngine engine) => (EvaluationContext)engine.Advanced.HostDefined!;

    private Compiled Compile(string text, bool bareIsCode)
    {
        if (_cache.TryGetValue((text, bareIsCode), out var cached))
        {
            return cached.Failure is { } failure ? throw new ExpressionException(text, failure) : cached;
        }

        Compiled compiled;
        try
        {
            compiled = new Compiled(Segments(text, bareIsCode).Select(s => s.IsCode ? new Segment(s.Text, Parse(text, s.Text)) : new Segment(s.Text, null)).ToList(), null);
        }
        catch (ExpressionException ex)
        {
            compiled = new Compiled([], ex.Message);
        }

        if (_cache.Count >= MaxCachedTexts)
        {
            _cache.Clear();
        }

        _cache[(text, bareIsCode)] = compiled;
        return compiled.Failure is { } reason ? throw new ExpressionException(text, reason) : compiled;
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

    /// <summary>
    /// The parser's reason in Dutch for the syntax errors a designer makes (Acornima's error codes); a rarer one keeps the
    /// parser's English description rather than a vague Dutch one.
    /// </summary>
    internal static string SyntaxReason(string code, string description)
    {
        var quoted = QuotedPart().Match(description) is { Success: true } m ? m.Groups[1].Value : null;
        return code switch
        {
            "UnexpectedEOS" => "de expressie houdt onverwacht op (ontbreekt er een haakje, een aanhalingsteken of een waarde?)",
            "UnexpectedToken" when quoted is not null => $"onverwacht teken '{quoted}'",
            "UnexpectedToken" => "onverwacht teken",
            "UnexpectedTokenIdentifier" => quoted is null ? "onverwachte naam (ontbreekt er een operator of komma?)" : $"onverwachte naam '{quoted}' (ontbreekt er een operator of komma?)",
            "UnexpectedTokenNumber" => "onverwacht getal (ontbreekt er een operator of komma?)",
            "UnexpectedTokenString" => "onverwachte tekst tussen aanhalingstekens (ontbreekt er een operator of komma?)",
            "UnexpectedTemplateString" => "onverwachte tekst tussen backticks",
            "InvalidOrUnexpectedToken" => "ongeldig of onverwacht teken (is een aanhalingsteken niet gesloten?)",
            "UnterminatedRegExp" => "een reguliere expressie is niet afgesloten",
            "InvalidLhsInAssignment" => "links van '=' staat iets waaraan niets kan worden toegekend (bedoelt u '===' om te vergelijken?)",
            "UnexpectedReserved" or "UnexpectedStrictReserved" => quoted is null ? "een gereserveerd woord op een onverwachte plek" : $"het gereserveerde woord '{quoted}' op een onverwachte plek",
            _ => description,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex QuotedPart();

    private static CompiledScript Parse(string text, string code)
    {
        try
        {
            return CompiledScript.Compile(code);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parse)
        {
            var description = parse.Description;
            const string InvalidRegex = "Invalid regular expression: ";
            var reason = description.StartsWith(InvalidRegex, StringComparison.Ordinal)
                ? $"bevat een ongeldige reguliere expressie {description[InvalidRegex.Length..]}"
                : $"bevat een syntaxfout: {SyntaxReason(parse.Error.Code, description)}";
            throw new ExpressionException(text, $"Expressie '{Quote(text)}' {reason} (regel {parse.LineNumber}, kolom {parse.Column + 1}).", ex);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is InsufficientExecutionStackException || ex.Message.Contains("nesting", StringComparison.OrdinalIgnoreCase))
        {
            throw new ExpressionException(text, $"Expressie '{Quote(text)}' is te diep genest om te lezen.", ex);
        }
#pragma warning disable CA1031 // The parser can fail with other exception types on malformed input; none may escape as anything but ExpressionException.
        catch (Exception ex) when (ex is not ExpressionException)
#pragma warning restore CA1031
        {
            throw new ExpressionException(text, $"Expressie '{Quote(text)}' kan niet worden gelezen: {(ex.InnerException ?? ex).Message}", ex);
        }
    }

    /// <summary>Calls of provider functions that cannot work: an unknown function, or named arguments that are wrong.</summary>
    private string? CheckCalls(Script program)
    {
        var pending = new Stack<Node>();
        pending.Push(program);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is CallExpression call && CalleeName(call.Callee) is { } name)
            {
                var literalMembers = call.Arguments is [ObjectExpression literal] ? LiteralMembers(literal) : null;
                if (_functions.CheckCall(name, call.Arguments.Count, literalMembers) is { } reason)
                {
                    return reason;
                }
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push(child);
            }
        }

        return null;
    }

    /// <summary>"regel.pipFouten" for a call of a provider function through its namespace, else null.</summary>
    private string? CalleeName(Node callee) =>
        callee is MemberExpression { Computed: false, Object: Identifier root, Property: Identifier member } && _functions.IsNamespace(root.Name)
            ? root.Name + "." + member.Name
            : null;

    private static List<string>? LiteralMembers(ObjectExpression literal)
    {
        var names = new List<string>();
        foreach (var property in literal.Properties)
        {
            switch (property)
            {
                case Property { Computed: false, Key: Identifier key }:
                    names.Add(key.Name);
                    break;
                case Property { Computed: false, Key: StringLiteral key }:
                    names.Add(key.Value);
                    break;
                default:
                    return null;
            }
        }

        return names;
    }

    private JsonNode? Run(string text, Compiled compiled, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var deepest = compiled.Segments.Max(s => s.Script?.Depth ?? 0);
        if (compiled.Segments.Any(s => s.Script?.NeedsLargeStack == true))
        {
            return CompiledScript.OnLargeStack(CompiledScript.StackForDepth(deepest), () => Execute(text, compiled, variables));
        }

        return Execute(text, compiled, variables);
    }

    private JsonNode? Execute(string text, Compiled compiled, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        using var engine = new JsEngine(_jint);
        var deadline = engine.Constraints.Find<OperationDeadlineConstraint>();
        deadline?.Begin(_options.Timeout);
        try
        {
            var context = new EvaluationContext(engine, _time, _zone);
            engine.Advanced.HostDefined = context;
            if (compiled.Names is { } names)
            {
                // Only the variables the script names (a traject's instances hold 50 to 120; a condition reads one or two).
                foreach (var name in names)
                {
                    if (variables.TryGetValue(name, out var value))
                    {
                        Bind(engine, name, value);
                    }
                }
            }
            else
            {
                foreach (var (name, value) in variables)
                {
                    Bind(engine, name, value);
                }
            }

            if (compiled.Segments.Any(s => s.Script?.NeedsGuards == true))
            {
                var budget = new EvaluationBudget(_options.MaxAllocatedBytes);
                NativeGuards.Install(engine, budget, _options.MaxAllocatedBytes);
                budget.Start();
            }

            if (compiled.Segments is [{ Script: { } single }])
            {
                var prepared = single.Prepared;
                return JsonBridge.ToJson(engine.Evaluate(in prepared));
            }

            var result = new StringBuilder();
            foreach (var segment in compiled.Segments)
            {
                if (segment.Script is { } script)
                {
                    var prepared = script.Prepared;
                    result.Append(SegmentText(engine.Evaluate(in prepared)));
                }
                else
                {
                    result.Append(segment.Text);
                }
            }

            return JsonValue.Create(result.ToString());
        }
        catch (JavaScriptException ex) when (ex.Message == "Maximum call stack size exceeded")
        {
            throw Failure(text, "de functies roepen elkaar te diep aan (te weinig stackruimte)", ex);
        }
        catch (JavaScriptException ex) when (ex.Message == "String compilation has been disabled in engine options")
        {
            throw Failure(text, "code uit tekst (eval, Function) is in expressies niet toegestaan", ex);
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
        catch (MemoryLimitExceededException ex) when (ArraySize().Match(ex.Message) is { Success: true } match)
        {
            throw Failure(text, $"RangeError: de lengte {match.Groups[1].Value} is groter dan het maximum van {NativeGuards.MaxArrayLength} elementen", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw Failure(text, $"gebruikt meer dan {EvaluationBudget.FormatBytes(_options.MaxAllocatedBytes)} geheugen", ex);
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
        catch (JintException ex) when (Unwrap(ex) is { } inner)
        {
            throw Failure(text, inner, ex);
        }
#pragma warning disable CA1031 // Jint can surface internal failures as arbitrary exceptions; none may escape as anything but ExpressionException.
        catch (Exception ex) when (ex is not ExpressionException)
#pragma warning restore CA1031
        {
            throw Failure(text, $"interne fout in de expressie-engine ({ex.GetType().Name}: {ex.Message})", ex);
        }
        finally
        {
            deadline?.End();
        }
    }

    /// <summary>Makes a variable a global, converted when the script first reads it, unless a function or built-in has its name.</summary>
    private void Bind(JsEngine engine, string name, JsonNode? value)
    {
        if (!_functionGlobals.Contains(name) && !engine.Global.HasOwnProperty(name))
        {
            engine.Advanced.AddLazyGlobal(name, (name, value), static (e, v) => JsonBridge.ToJs(e, v.value, v.name), PropertyFlag.ConfigurableEnumerableWritable);
        }
    }

    /// <summary>An exception Jint wrapped (a lazy global or host function that failed), as its Dutch clause.</summary>
    private static string? Unwrap(Exception ex) => ex.InnerException switch
    {
        EvaluationFailedException failed => failed.Message,
        HostFunctionException host => host.Message,
        _ => null,
    };

    /// <summary>How a <c>${...}</c> value is written into a template.</summary>
    private static string SegmentText(JsValue value)
    {
        if (value.IsUndefined() || value.IsNull() || value.IsCallable())
        {
            return "";
        }

        if (value.IsString() || value.IsNumber() || value.IsBoolean())
        {
            return TypeConverter.ToString(value);
        }

        if (value.IsDate())
        {
            return JsonBridge.FormatDate(value.AsDate().DateValue);
        }

        var json = JsonBridge.ToJson(value);
        return json is JsonValue primitive && primitive.TryGetValue<string>(out var s) ? s : json?.ToJsonString() ?? "";
    }

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
            return error.IsString() || error.IsNumber() || error.IsBoolean() || error.IsNull() || error.IsUndefined()
                ? "gooide " + TypeConverter.ToString(error)
                : ex.Message;
        }

        var name = DataProperty(error, "name");
        var message = DataProperty(error, "message");
        if (name is null && message is null)
        {
            return "gooide een object dat geen Error is";
        }

        return string.IsNullOrEmpty(message) ? name ?? "Error" : $"{name ?? "Error"}: {message}";
    }

    /// <summary>A string-valued data property (own or inherited), read without calling getters.</summary>
    private static string? DataProperty(JsValue target, string name)
    {
        for (var obj = target.AsObject(); obj is not null; obj = obj.Prototype)
        {
            var descriptor = obj.GetOwnProperty(name);
            if (descriptor != PropertyDescriptor.Undefined)
            {
                return descriptor.IsDataDescriptor() && descriptor.Value is { } value && value.IsString() ? value.AsString() : null;
            }
        }

        return null;
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

    [GeneratedRegex(@"array size (\d+) is larger than maximum allowed", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ArraySize();

    private sealed record Segment(string Text, CompiledScript? Script);

    private sealed record Compiled(List<Segment> Segments, string? Failure)
    {
        /// <summary>The names the segments' scripts write (<see cref="CompiledScript.Names"/>); null when one can reach the global object.</summary>
        public IReadOnlySet<string>? Names { get; } = NamesOf(Segments);

        private static HashSet<string>? NamesOf(List<Segment> segments)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var segment in segments)
            {
                if (segment.Script is { } script)
                {
                    if (script.Names is null)
                    {
                        return null;
                    }

                    names.UnionWith(script.Names);
                }
            }

            return names;
        }
    }

    /// <summary>Jint's clock: the evaluator's <see cref="TimeProvider"/> (for <c>Date.now()</c> and <c>new Date()</c>) in the configured zone.</summary>
    private sealed class ProviderTimeSystem(TimeProvider time, TimeZoneInfo zone) : ITimeSystem
    {
        private readonly DefaultTimeSystem _default = new(zone, CultureInfo.InvariantCulture);

        public TimeZoneInfo DefaultTimeZone => _default.DefaultTimeZone;

        public DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public bool TryParse(string date, out long epochMilliseconds) => _default.TryParse(date, out epochMilliseconds);

        public TimeSpan GetUtcOffset(long epochMilliseconds) => _default.GetUtcOffset(epochMilliseconds);
    }
}
