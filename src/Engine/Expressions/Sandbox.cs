using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Native.RegExp;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// Builds the Jint engine for one evaluation: no CLR access (AllowClr is never called), Jint's own limits, and every
/// way Jint 2 could run away inside its C# code closed off.
/// </summary>
/// <remarks>
/// What is changed compared with a plain Jint 2 engine:
/// <list type="bullet">
/// <item>Every method on the built-in prototypes (except the Date getters and setters) is wrapped in a
/// <see cref="HostFunction"/> that checks stack, memory and time.</item>
/// <item><c>eval</c> and the <c>Function</c> constructor throw: code created from strings would escape the instrumentation.</item>
/// <item>Regular expressions get a match timeout (literals, <c>new RegExp</c>, and strings given to <c>match</c>/<c>search</c>).</item>
/// <item>Array methods refuse arrays (or array-likes) longer than <see cref="MaxArrayLength"/>; <c>join</c> is linear
/// (Jint's is quadratic) and returns "" for an array that contains itself.</item>
/// <item><c>replace</c>, <c>split</c>, <c>concat</c> and <c>match</c> on strings refuse results that cannot fit in the
/// memory budget or have more than <see cref="MaxArrayLength"/> elements, before they allocate.</item>
/// <item><c>Function.prototype.bind</c> returns a checked function (bound functions cannot be used with <c>new</c>).</item>
/// <item><c>JSON.stringify</c> is reimplemented with checks; <c>JSON.parse</c> refuses text nested deeper than <see cref="MaxNesting"/>.</item>
/// <item><c>Date.now()</c> reads the evaluator's <see cref="TimeProvider"/> (<c>new Date()</c> still reads the system clock).</item>
/// </list>
/// </remarks>
internal sealed class Sandbox
{
    /// <summary>
    /// Longest array (or array-like) a built-in array method accepts, and most elements a string method may produce.
    /// Jint 2 needs 1–15 µs per element inside its built-ins (sort, indexOf, split, match), where no check can interrupt it;
    /// 10,000 elements keep such a call within the default time limit.
    /// </summary>
    public const int MaxArrayLength = 10_000;

    /// <summary>Deepest nesting of JSON text and of values converted to and from JSON.</summary>
    public const int MaxNesting = 64;

    private readonly HashSet<ObjectInstance> _joining = new(ReferenceEqualityComparer.Instance);
    private SafeRegExpConstructor _regExp = null!;

    private Sandbox(Jint.Engine engine, EvaluationBudget budget)
    {
        Engine = engine;
        Budget = budget;
    }

    public Jint.Engine Engine { get; }

    public EvaluationBudget Budget { get; }

    public static Sandbox Create(ExpressionOptions options, TimeZoneInfo zone, TimeProvider time, EvaluationBudget budget)
    {
        var engine = new Jint.Engine(o => o
            .TimeoutInterval(options.Timeout)
            .MaxStatements(options.MaxStatements)
            .LimitRecursion(options.MaxRecursionDepth)
            .LocalTimeZone(zone)
            .Culture(CultureInfo.InvariantCulture));
        var sandbox = new Sandbox(engine, budget);
        sandbox.Harden(time);
        return sandbox;
    }

    /// <summary>A function object bound to this sandbox's budget.</summary>
    public HostFunction Function(int length, Func<JsValue, JsValue[], JsValue> body) => new(Engine, Budget, length, body);

    /// <summary>A fresh RegExp with a match timeout, for a regular-expression literal such as <c>/^\d{4}[A-Z]{2}$/</c>.</summary>
    public RegExpInstance RegExpFromLiteral(string raw) => _regExp.FromLiteral(raw);

    public JavaScriptException TypeError(string message) => new(Engine.TypeError, message);

    public JavaScriptException RangeError(string message) => new(Engine.RangeError, message);

    public JavaScriptException SyntaxError(string message) => new(Engine.SyntaxError, message);

    private void Harden(TimeProvider time)
    {
        var engine = Engine;

        // Date.prototype is left out except toJSON: its other methods throw unless `this` is a Date and never convert
        // `this` to a primitive, so they cannot be re-entered from their own conversions (and wrapping 45 of them
        // would cost ~10 µs per evaluation). Methods replaced further down by versions with their own checks are skipped.
        WrapMethods(engine.Object.PrototypeObject);
        WrapMethods(engine.Function.PrototypeObject, except: ["apply", "bind"]);
        WrapMethods(engine.Array.PrototypeObject, checkLength: true, except: ["join", "toLocaleString"]);
        WrapMethods(engine.String.PrototypeObject, except: ["match", "search", "replace", "split", "concat"]);
        WrapMethods(engine.Number.PrototypeObject);
        WrapMethods(engine.Boolean.PrototypeObject);
        WrapMethods(engine.RegExp.PrototypeObject);
        WrapMethods(engine.Error.PrototypeObject);

        var toJson = Original(engine.Date.PrototypeObject, "toJSON");
        Replace(engine.Date.PrototypeObject, "toJSON", Function(1, toJson.Call));
        Replace(engine.Date, "now", Function(0, (_, _) => time.GetUtcNow().ToUnixTimeMilliseconds()));

        GuardArrayMethods(engine.Array.PrototypeObject);
        GuardFunctionMethods(engine.Function.PrototypeObject);
        GuardRegularExpressions(engine.String.PrototypeObject);
        GuardStringMethods(engine.String.PrototypeObject);
        GuardJson(engine.Json);
        ForbidCodeFromStrings();
    }

    private void GuardArrayMethods(ObjectInstance array)
    {
        Replace(array, "join", Function(1, (thisObj, args) => Join(thisObj, args.At(0), locale: false)));
        Replace(array, "toLocaleString", Function(0, (thisObj, _) => Join(thisObj, JsValue.Undefined, locale: true)));
    }

    private void GuardFunctionMethods(ObjectInstance function)
    {
        Replace(function, "bind", Function(1, Bind));
        var apply = Original(function, "apply");
        Replace(function, "apply", Function(2, (thisObj, args) =>
        {
            CheckLength(args.At(1), "Function.prototype.apply");
            return apply.Call(thisObj, args);
        }));
    }

    /// <summary>Every RegExp the script can make gets a match timeout: <c>RegExp</c>, literals, and strings given to match/search.</summary>
    private void GuardRegularExpressions(ObjectInstance text)
    {
        _regExp = new SafeRegExpConstructor(Engine, Budget, Engine.RegExp);
        Replace(Engine.Global, "RegExp", _regExp);
        Replace(Engine.RegExp.PrototypeObject, "constructor", _regExp);
        foreach (var name in new[] { "match", "search" })
        {
            var original = Original(text, name);
            Replace(text, name, Function(1, (thisObj, args) =>
            {
                if (thisObj.IsNull() || thisObj.IsUndefined())
                {
                    return original.Call(thisObj, args);
                }

                var subject = TypeConverter.ToString(thisObj);
                var pattern = args.At(0);
                if (!pattern.IsRegExp())
                {
                    pattern = _regExp.Construct([pattern]);
                }

                // Jint builds a global match result slowly and cannot be interrupted; count first (with the match timeout).
                if (name == "match" && pattern.AsRegExp().Global && pattern.AsRegExp().Value.Count(subject) > MaxArrayLength)
                {
                    throw RangeError($"String.prototype.match: het resultaat zou meer dan {MaxArrayLength} elementen hebben.");
                }

                return original.Call(subject, [pattern]);
            }));
        }
    }

    private void GuardJson(ObjectInstance json)
    {
        var parse = Original(json, "parse");
        Replace(json, "parse", Function(2, (thisObj, args) =>
        {
            var source = TypeConverter.ToString(args.At(0));
            if (JsonNestingExceeds(source, MaxNesting))
            {
                throw SyntaxError($"JSON.parse: de tekst is dieper genest dan {MaxNesting} niveaus.");
            }

            return parse.Call(thisObj, [source, args.At(1)]);
        }));
        Replace(json, "stringify", Function(3, new JsonStringify(this).Call));
    }

    /// <summary>eval and the Function constructor would run code that was never instrumented.</summary>
    private void ForbidCodeFromStrings()
    {
        var function = Engine.Function.PrototypeObject;
        var forbiddenFunction = Function(1, (_, _) => throw TypeError("De Function-constructor is in expressies niet toegestaan."));
        forbiddenFunction.FastAddProperty("prototype", function, writable: false, enumerable: false, configurable: false);
        Replace(Engine.Global, "Function", forbiddenFunction);
        Replace(function, "constructor", forbiddenFunction);
        Replace(Engine.Global, "eval", Function(1, (_, _) => throw new JavaScriptException(Engine.EvalError, "eval is in expressies niet toegestaan.")));
    }

    private static ICallable Original(ObjectInstance target, string name) => (ICallable)target.Get(name).AsObject();

    /// <summary>
    /// String methods whose result can be far larger than their input get a size check before they run: the memory
    /// budget is otherwise only checked after the call, when the allocation has already happened.
    /// <c>this</c> and the arguments are converted once here and passed on as primitives, so a script's toString runs once.
    /// </summary>
    private void GuardStringMethods(ObjectInstance text)
    {
        var replace = Original(text, "replace");
        Replace(text, "replace", Function(2, (thisObj, args) =>
        {
            if (thisObj.IsNull() || thisObj.IsUndefined())
            {
                return replace.Call(thisObj, args);
            }

            var subject = TypeConverter.ToString(thisObj);
            var pattern = args.At(0).IsRegExp() ? args.At(0) : TypeConverter.ToString(args.At(0));
            var replacement = args.At(1).IsObject() && args.At(1).AsObject() is ICallable ? args.At(1) : TypeConverter.ToString(args.At(1));
            if (replacement.IsString())
            {
                // Every match adds the replacement; every $-reference can add at most the whole subject once.
                var replacementText = replacement.AsString();
                var global = pattern.IsRegExp() && pattern.AsRegExp().Global;
                var matches = global ? subject.Length + 1L : 1L;
                var references = replacementText.Count(c => c == '$');
                EnsureRoom("String.prototype.replace", subject.Length + (matches * replacementText.Length) + (references * (long)subject.Length));
            }

            return replace.Call(subject, [pattern, replacement]);
        }));

        var split = Original(text, "split");
        Replace(text, "split", Function(2, (thisObj, args) =>
        {
            if (thisObj.IsNull() || thisObj.IsUndefined())
            {
                return split.Call(thisObj, args);
            }

            var subject = TypeConverter.ToString(thisObj);
            var limit = args.At(1).IsUndefined() ? uint.MaxValue : TypeConverter.ToUint32(args.At(1));
            var separator = args.At(0);
            if (separator.IsUndefined() || limit <= MaxArrayLength)
            {
                return split.Call(subject, [separator, limit]);
            }

            if (separator.IsRegExp())
            {
                var parts = split.Call(subject, [separator, MaxArrayLength + 1]);
                CheckLength(parts, "String.prototype.split");
                return parts;
            }

            var separatorText = TypeConverter.ToString(separator);
            var pieces = separatorText.Length == 0 ? subject.Length : CountOccurrences(subject, separatorText) + 1;
            if (pieces > MaxArrayLength)
            {
                throw RangeError($"String.prototype.split: het resultaat zou meer dan {MaxArrayLength} elementen hebben.");
            }

            return split.Call(subject, [separatorText, limit]);
        }));

        var concat = Original(text, "concat");
        Replace(text, "concat", Function(1, (thisObj, args) =>
        {
            if (thisObj.IsNull() || thisObj.IsUndefined())
            {
                return concat.Call(thisObj, args);
            }

            var subject = TypeConverter.ToString(thisObj);
            var parts = new JsValue[args.Length];
            long length = subject.Length;
            for (var i = 0; i < args.Length; i++)
            {
                var part = TypeConverter.ToString(args[i]);
                length += part.Length;
                parts[i] = part;
            }

            EnsureRoom("String.prototype.concat", length);
            return concat.Call(subject, parts);
        }));
    }

    /// <summary>Refuses a result of <paramref name="characters"/> characters that would not fit in what is left of the memory budget.</summary>
    private void EnsureRoom(string method, long characters)
    {
        if (characters * sizeof(char) > Budget.RemainingBytes)
        {
            throw RangeError($"{method}: het resultaat kan tot {characters.ToString(CultureInfo.InvariantCulture)} tekens lang worden en past niet in het geheugenbudget.");
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private void WrapMethods(ObjectInstance prototype, bool checkLength = false, params string[] except)
    {
        foreach (var (name, descriptor) in prototype.GetOwnProperties().ToList())
        {
            if (name == "constructor" || except.Contains(name) || descriptor.Value is not { } value || !value.IsObject() || value.AsObject() is not FunctionInstance original)
            {
                continue;
            }

            var length = (int)TypeConverter.ToInteger(original.Get("length"));
            var wrapper = checkLength
                ? Function(length, (thisObj, args) =>
                {
                    CheckLength(thisObj, "Array.prototype." + name);
                    if (name == "concat")
                    {
                        foreach (var argument in args)
                        {
                            CheckLength(argument, "Array.prototype.concat");
                        }
                    }

                    return original.Call(thisObj, args);
                })
                : Function(length, original.Call);
            prototype.FastSetProperty(name, new PropertyDescriptor(wrapper, descriptor.Writable, descriptor.Enumerable, descriptor.Configurable));
        }
    }

    private static void Replace(ObjectInstance target, string name, JsValue value)
    {
        var existing = target.GetOwnProperty(name);
        var found = existing != PropertyDescriptor.Undefined;
        target.FastSetProperty(name, new PropertyDescriptor(
            value,
            found ? existing.Writable : true,
            found ? existing.Enumerable : false,
            found ? existing.Configurable : true));
    }

    /// <summary>Refuses objects whose <c>length</c> would make a built-in loop run uninterruptibly long.</summary>
    private void CheckLength(JsValue value, string method)
    {
        if (!value.IsObject())
        {
            return;
        }

        var length = TypeConverter.ToNumber(value.AsObject().Get("length"));
        if (length > MaxArrayLength)
        {
            throw RangeError($"{method}: de lengte {length.ToString(CultureInfo.InvariantCulture)} is groter dan het maximum van {MaxArrayLength} elementen.");
        }
    }

    private JsValue Join(JsValue thisObj, JsValue separator, bool locale)
    {
        var target = TypeConverter.ToObject(Engine, thisObj);
        CheckLength(target, locale ? "Array.prototype.toLocaleString" : "Array.prototype.join");
        var length = TypeConverter.ToUint32(target.Get("length"));
        var glue = separator.IsUndefined() ? "," : TypeConverter.ToString(separator);
        if (!_joining.Add(target))
        {
            return ""; // the array contains itself, like browsers
        }

        try
        {
            var result = new StringBuilder();
            for (uint i = 0; i < length; i++)
            {
                if (i > 0)
                {
                    result.Append(glue);
                }

                Budget.Check();

                var element = target.Get(i.ToString(CultureInfo.InvariantCulture));
                if (element.IsUndefined() || element.IsNull())
                {
                    continue;
                }

                if (locale)
                {
                    var elementObject = TypeConverter.ToObject(Engine, element);
                    if (elementObject.Get("toLocaleString") is var toLocale && toLocale.IsObject() && toLocale.AsObject() is ICallable callable)
                    {
                        result.Append(TypeConverter.ToString(callable.Call(elementObject, Arguments.Empty)));
                        continue;
                    }

                    throw TypeError("Array.prototype.toLocaleString: element heeft geen toLocaleString-functie.");
                }

                result.Append(TypeConverter.ToString(element));
            }

            return result.ToString();
        }
        finally
        {
            _joining.Remove(target);
        }
    }

    private JsValue Bind(JsValue thisObj, JsValue[] args)
    {
        if (!thisObj.IsObject() || thisObj.AsObject() is not ICallable target)
        {
            throw TypeError("Function.prototype.bind: kan alleen op een functie worden aangeroepen.");
        }

        var boundThis = args.At(0);
        var boundArgs = args.Length > 1 ? args[1..] : [];
        var targetLength = (int)TypeConverter.ToInteger(thisObj.AsObject().Get("length"));
        return Function(Math.Max(0, targetLength - boundArgs.Length), (_, callArgs) =>
            target.Call(boundThis, boundArgs.Length == 0 ? callArgs : [.. boundArgs, .. callArgs]));
    }

    /// <summary>Whether JSON text nests objects or arrays deeper than <paramref name="maxDepth"/> (strings skipped).</summary>
    internal static bool JsonNestingExceeds(string json, int maxDepth)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '[' or '{':
                    if (++depth > maxDepth)
                    {
                        return true;
                    }

                    break;
                case ']' or '}':
                    depth--;
                    break;
            }
        }

        return false;
    }

    /// <summary>The RegExp constructor, producing regular expressions with a match timeout.</summary>
    private sealed class SafeRegExpConstructor : FunctionInstance, IConstructor
    {
        private readonly EvaluationBudget _budget;
        private readonly RegExpConstructor _original;

        public SafeRegExpConstructor(Jint.Engine engine, EvaluationBudget budget, RegExpConstructor original)
            : base(engine, null, null, strict: false)
        {
            _budget = budget;
            _original = original;
            Prototype = engine.Function.PrototypeObject;
            FastAddProperty("prototype", original.PrototypeObject, writable: false, enumerable: false, configurable: false);
            FastAddProperty("length", 2, writable: false, enumerable: false, configurable: false);
            Extensible = true;
        }

        public override JsValue Call(JsValue thisObject, JsValue[] arguments)
        {
            var pattern = arguments.At(0);
            return pattern.IsRegExp() && arguments.At(1).IsUndefined() ? pattern : Construct(arguments);
        }

        public ObjectInstance Construct(JsValue[] arguments)
        {
            _budget.Check();
            return WithTimeout((RegExpInstance)_original.Construct(arguments));
        }

        public RegExpInstance FromLiteral(string raw) => WithTimeout(_original.Construct(raw));

        private RegExpInstance WithTimeout(RegExpInstance instance)
        {
            instance.Value = new Regex(instance.Value.ToString(), instance.Value.Options, _budget.Remaining);
            return instance;
        }
    }
}
