using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// What Jint 4's own limits leave open, closed for scripts that can reach it (<see cref="CompiledScript.NeedsGuards"/>):
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Native re-entry.</b> A built-in used as a coercion hook re-enters itself without any interpreted frame in
/// between (<c>o.toString = String.prototype.trim; '' + o</c>, <c>e.name = e; '' + e</c>); Jint's stack guard only
/// checks interpreted function entries, and the stack overflow would end the process. The String methods,
/// <c>Error.prototype.toString</c>, <c>Object.prototype.toLocaleString</c>, <c>Date.prototype.toJSON</c> and
/// <c>RegExp.prototype.toString</c> check the stack first.</item>
/// <item><b>One call, huge result.</b> Jint checks the memory limit between statements; <c>replace</c>, <c>replaceAll</c>,
/// <c>concat</c>, <c>repeat</c>, <c>padStart</c>/<c>padEnd</c> and <c>Array.prototype.join</c> can allocate up to a
/// gigabyte in one call. They refuse a result that cannot fit in what is left of the budget before they allocate; join is
/// linear, checks as it goes and gives "" for an array that contains itself.</item>
/// <item><b>Binary buffers.</b> <c>new Uint8Array(1e9)</c> allocates a gigabyte at once: ArrayBuffer, the typed arrays,
/// DataView, Atomics, WeakRef, FinalizationRegistry and ShadowRealm are removed (expressions have no use for them).</item>
/// </list>
/// Installing this costs ~40 µs per evaluation (Jint builds the prototypes lazily), which is why plain expressions skip it.
/// </remarks>
internal sealed class NativeGuards
{
    public const int MaxArrayLength = 10_000;

    private static readonly string[] RemovedGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array",
        "Uint16Array", "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array", "Float16Array", "Float32Array",
        "Float64Array", "WeakRef", "FinalizationRegistry", "ShadowRealm",
    ];

    private readonly JsEngine _engine;
    private readonly EvaluationBudget _budget;
    private readonly long _maxBytes;
    private readonly ErrorConstructor _rangeError;
    private readonly HashSet<ObjectInstance> _joining = new(ReferenceEqualityComparer.Instance);

    private NativeGuards(JsEngine engine, EvaluationBudget budget, long maxBytes)
    {
        _engine = engine;
        _budget = budget;
        _maxBytes = maxBytes;
        _rangeError = (ErrorConstructor)engine.Global.Get("RangeError");
    }

    public static void Install(JsEngine engine, EvaluationBudget budget, long maxBytes)
    {
        var guards = new NativeGuards(engine, budget, maxBytes);
        foreach (var name in RemovedGlobals)
        {
            engine.Global.RemoveOwnProperty(name);
        }

        var text = Prototype(engine, "String");
        foreach (var (key, descriptor) in text.GetOwnProperties().ToList())
        {
            if (key.IsString() && key.AsString() is var name && name != "constructor" && descriptor.Value is Function original)
            {
                guards.Replace(text, name, descriptor, name switch
                {
                    "replace" or "replaceAll" => guards.Replace(original, name),
                    "concat" => guards.Concat(original),
                    "repeat" => guards.Repeat(original),
                    "padStart" or "padEnd" => guards.Pad(original, name),
                    _ => guards.StackChecked(original),
                });
            }
        }

        guards.Wrap(Prototype(engine, "Error"), "toString");
        guards.Wrap(Prototype(engine, "Object"), "toLocaleString");
        guards.Wrap(Prototype(engine, "Date"), "toJSON");
        guards.Wrap(Prototype(engine, "RegExp"), "toString");
        var array = Prototype(engine, "Array");
        guards.Replace(array, "join", array.GetOwnProperty("join"), (thisObj, args) => guards.Join(thisObj, args.At(0), "Array.prototype.join", locale: false));
        guards.Replace(array, "toString", array.GetOwnProperty("toString"), (thisObj, _) => guards.Join(thisObj, JsValue.Undefined, "Array.prototype.toString", locale: false));
        guards.Replace(array, "toLocaleString", array.GetOwnProperty("toLocaleString"), (thisObj, _) => guards.Join(thisObj, JsValue.Undefined, "Array.prototype.toLocaleString", locale: true));
    }

    private static ObjectInstance Prototype(JsEngine engine, string constructor) =>
        engine.Global.Get(constructor).AsObject().Get("prototype").AsObject();

    private static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new EvaluationFailedException("de functies roepen elkaar te diep aan (te weinig stackruimte)");
        }
    }

    private void Wrap(ObjectInstance target, string name)
    {
        var descriptor = target.GetOwnProperty(name);
        if (descriptor.Value is Function original)
        {
            Replace(target, name, descriptor, StackChecked(original));
        }
    }

    private void Replace(ObjectInstance target, string name, PropertyDescriptor existing, Func<JsValue, JsValue[], JsValue> body)
    {
        var length = existing.Value is ObjectInstance function ? (int)TypeConverter.ToNumber(function.Get("length")) : 0;
        var replacement = new ClrFunction(_engine, name, body, length, PropertyFlag.Configurable);
        target.FastSetProperty(name, new PropertyDescriptor(replacement, existing.Writable, existing.Enumerable, existing.Configurable));
    }

    private Func<JsValue, JsValue[], JsValue> StackChecked(Function original) => (thisObj, args) =>
    {
        EnsureStack();
        return _engine.Call(original, thisObj, args);
    };

    /// <summary>Every match adds the replacement; every $-reference can add at most the whole subject once.</summary>
    private Func<JsValue, JsValue[], JsValue> Replace(Function original, string name) => (thisObj, args) =>
    {
        EnsureStack();
        if (thisObj.IsNull() || thisObj.IsUndefined())
        {
            return _engine.Call(original, thisObj, args);
        }

        var subject = TypeConverter.ToString(thisObj);
        var pattern = args.At(0).IsRegExp() ? args.At(0) : TypeConverter.ToString(args.At(0));
        var replacement = args.At(1).IsCallable() ? args.At(1) : TypeConverter.ToString(args.At(1));
        if (replacement.IsString())
        {
            var replacementText = replacement.AsString();
            var global = name == "replaceAll" || (pattern.IsRegExp() && pattern.AsRegExp().Flags.Contains('g', StringComparison.Ordinal));
            var matches = global ? subject.Length + 1L : 1L;
            var references = replacementText.Count(c => c == '$');
            EnsureRoom("String.prototype." + name, subject.Length + (matches * replacementText.Length) + (references * (long)subject.Length));
        }

        return _engine.Call(original, subject, [pattern, replacement]);
    };

    private Func<JsValue, JsValue[], JsValue> Concat(Function original) => (thisObj, args) =>
    {
        EnsureStack();
        if (thisObj.IsNull() || thisObj.IsUndefined())
        {
            return _engine.Call(original, thisObj, args);
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
        return _engine.Call(original, subject, parts);
    };

    private Func<JsValue, JsValue[], JsValue> Repeat(Function original) => (thisObj, args) =>
    {
        EnsureStack();
        if (thisObj.IsNull() || thisObj.IsUndefined())
        {
            return _engine.Call(original, thisObj, args);
        }

        var subject = TypeConverter.ToString(thisObj);
        var count = TypeConverter.ToNumber(args.At(0));
        if (double.IsFinite(count) && count > 0)
        {
            EnsureRoom("String.prototype.repeat", (long)Math.Min(subject.Length * Math.Floor(count), long.MaxValue / 4));
        }

        return _engine.Call(original, subject, [count]);
    };

    private Func<JsValue, JsValue[], JsValue> Pad(Function original, string name) => (thisObj, args) =>
    {
        EnsureStack();
        if (thisObj.IsNull() || thisObj.IsUndefined())
        {
            return _engine.Call(original, thisObj, args);
        }

        var subject = TypeConverter.ToString(thisObj);
        var maxLength = TypeConverter.ToNumber(args.At(0));
        if (double.IsFinite(maxLength) && maxLength > subject.Length)
        {
            EnsureRoom("String.prototype." + name, (long)Math.Min(maxLength, long.MaxValue / 4));
        }

        return _engine.Call(original, subject, [maxLength, args.At(1).IsUndefined() ? JsValue.Undefined : TypeConverter.ToString(args.At(1))]);
    };

    /// <summary>Refuses a result of <paramref name="characters"/> characters that would not fit in what is left of the memory budget.</summary>
    private void EnsureRoom(string method, long characters)
    {
        if (characters * sizeof(char) > _budget.RemainingBytes)
        {
            throw new JavaScriptException(_rangeError, $"{method}: het resultaat kan tot {characters.ToString(CultureInfo.InvariantCulture)} tekens lang worden en past niet in het geheugenbudget.");
        }
    }

    private ObjectInstance ToObject(JsValue value, string method) =>
        value.IsObject() ? value.AsObject()
        : value.IsNull() || value.IsUndefined() ? throw new JavaScriptException(_engine.Intrinsics.TypeError, $"{method} kan niet op null of undefined worden aangeroepen.")
        : _engine.Construct(_engine.Intrinsics.Object, [value]);

    private JsValue Join(JsValue thisObj, JsValue separator, string method, bool locale)
    {
        EnsureStack();
        var target = ToObject(thisObj, method);
        var length = TypeConverter.ToNumber(target.Get("length"));
        if (length > MaxArrayLength)
        {
            throw new JavaScriptException(_rangeError, $"{method}: de lengte {length.ToString(CultureInfo.InvariantCulture)} is groter dan het maximum van {MaxArrayLength} elementen.");
        }

        var count = double.IsNaN(length) || length < 0 ? 0 : (int)length;
        var glue = separator.IsUndefined() ? "," : TypeConverter.ToString(separator);
        if (!_joining.Add(target))
        {
            return ""; // the array contains itself, like browsers
        }

        try
        {
            var result = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    result.Append(glue);
                }

                var element = target.Get(i);
                if (!element.IsUndefined() && !element.IsNull())
                {
                    if (locale)
                    {
                        var elementObject = ToObject(element, method);
                        result.Append(TypeConverter.ToString(_engine.Call(elementObject.Get("toLocaleString"), elementObject, [])));
                    }
                    else
                    {
                        result.Append(TypeConverter.ToString(element));
                    }
                }

                if ((long)result.Length * sizeof(char) * 2 > _budget.RemainingBytes)
                {
                    throw new EvaluationFailedException($"gebruikt meer dan {EvaluationBudget.FormatBytes(_maxBytes)} geheugen");
                }
            }

            return result.ToString();
        }
        finally
        {
            _joining.Remove(target);
        }
    }
}
