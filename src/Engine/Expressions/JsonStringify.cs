using System.Globalization;
using System.Text;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// <c>JSON.stringify</c> as in ECMAScript 5.1 §15.12.3 (replacer function or list, indentation, <c>toJSON</c>), with a
/// budget check at every level. Jint 2's own version recurses in C# without limit, so a deeply nested value overflows the
/// stack before any JavaScript statement (and so any check) runs.
/// </summary>
internal sealed class JsonStringify
{
    private readonly Sandbox _sandbox;

    public JsonStringify(Sandbox sandbox)
    {
        _sandbox = sandbox;
    }

    public JsValue Call(JsValue thisObj, JsValue[] arguments)
    {
        var state = new State(_sandbox, arguments.At(1), arguments.At(2));
        var wrapper = _sandbox.Engine.Object.Construct(Arguments.Empty);
        wrapper.FastAddProperty("", arguments.At(0), writable: true, enumerable: true, configurable: true);
        var result = state.Str("", wrapper, depth: 0);
        return result is null ? JsValue.Undefined : new JsValue(result);
    }

    internal static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private sealed class State
    {
        private readonly Sandbox _sandbox;
        private readonly ICallable? _replacer;
        private readonly List<string>? _propertyList;
        private readonly string _gap;
        private readonly HashSet<ObjectInstance> _stack = new(ReferenceEqualityComparer.Instance);
        private string _indent = "";

        public State(Sandbox sandbox, JsValue replacer, JsValue space)
        {
            _sandbox = sandbox;
            if (replacer.IsObject())
            {
                var replacerObject = replacer.AsObject();
                if (replacerObject is ICallable callable)
                {
                    _replacer = callable;
                }
                else if (replacerObject.Class == "Array")
                {
                    _propertyList = [];
                    var length = TypeConverter.ToUint32(replacerObject.Get("length"));
                    if (length > Sandbox.MaxArrayLength)
                    {
                        throw sandbox.RangeError($"JSON.stringify: de lijst met eigenschappen is langer dan {Sandbox.MaxArrayLength}.");
                    }

                    for (uint i = 0; i < length; i++)
                    {
                        var item = replacerObject.Get(i.ToString(CultureInfo.InvariantCulture));
                        string? name = null;
                        if (item.IsString() || item.IsNumber())
                        {
                            name = TypeConverter.ToString(item);
                        }
                        else if (item.IsObject() && item.AsObject().Class is "String" or "Number")
                        {
                            name = TypeConverter.ToString(item);
                        }

                        if (name is not null && !_propertyList.Contains(name))
                        {
                            _propertyList.Add(name);
                        }
                    }
                }
            }

            if (space.IsObject())
            {
                space = space.AsObject().Class switch
                {
                    "Number" => TypeConverter.ToNumber(space),
                    "String" => TypeConverter.ToString(space),
                    _ => space,
                };
            }

            _gap = space.IsNumber()
                ? new string(' ', (int)Math.Clamp(TypeConverter.ToInteger(space), 0, 10))
                : space.IsString() ? space.AsString()[..Math.Min(10, space.AsString().Length)] : "";
        }

        /// <summary>The JSON text for <c>holder[key]</c>, or null for undefined.</summary>
        public string? Str(string key, ObjectInstance holder, int depth)
        {
            _sandbox.Budget.Check();
            var value = holder.Get(key);
            if (value.IsObject() && value.AsObject().Get("toJSON") is var toJson && toJson.IsObject() && toJson.AsObject() is ICallable toJsonFunction)
            {
                value = toJsonFunction.Call(value, [key]);
            }

            if (_replacer is not null)
            {
                value = _replacer.Call(holder, [key, value]);
            }

            if (value.IsObject())
            {
                var boxed = value.AsObject();
                value = boxed.Class switch
                {
                    "Number" => TypeConverter.ToNumber(value),
                    "String" => TypeConverter.ToString(value),
                    "Boolean" => TypeConverter.ToBoolean(TypeConverter.ToPrimitive(value)),
                    _ => value,
                };
            }

            if (value.IsNull())
            {
                return "null";
            }

            if (value.IsBoolean())
            {
                return value.AsBoolean() ? "true" : "false";
            }

            if (value.IsString())
            {
                return Quote(value.AsString());
            }

            if (value.IsNumber())
            {
                var number = value.AsNumber();
                return double.IsFinite(number) ? TypeConverter.ToString(value) : "null";
            }

            if (value.IsObject() && value.AsObject() is not ICallable)
            {
                if (depth >= Sandbox.MaxNesting)
                {
                    throw _sandbox.RangeError($"JSON.stringify: de waarde is dieper genest dan {Sandbox.MaxNesting} niveaus.");
                }

                var target = value.AsObject();
                return target.Class == "Array" ? SerializeArray(target, depth + 1) : SerializeObject(target, depth + 1);
            }

            return null;
        }

        private string SerializeObject(ObjectInstance value, int depth)
        {
            Enter(value);
            var stepBack = _indent;
            _indent += _gap;
            var keys = _propertyList ?? value.GetOwnProperties()
                .Where(p => p.Value.Enumerable == true)
                .Select(p => p.Key)
                .ToList();
            var members = new List<string>();
            foreach (var key in keys)
            {
                var member = Str(key, value, depth);
                if (member is not null)
                {
                    members.Add(Quote(key) + (_gap.Length == 0 ? ":" : ": ") + member);
                }
            }

            var result = Wrap('{', '}', members, stepBack);
            _indent = stepBack;
            _stack.Remove(value);
            return result;
        }

        private string SerializeArray(ObjectInstance value, int depth)
        {
            Enter(value);
            var stepBack = _indent;
            _indent += _gap;
            var length = TypeConverter.ToUint32(value.Get("length"));
            if (length > Sandbox.MaxArrayLength)
            {
                throw _sandbox.RangeError($"JSON.stringify: de array is langer dan {Sandbox.MaxArrayLength} elementen.");
            }

            var items = new List<string>((int)length);
            for (uint i = 0; i < length; i++)
            {
                items.Add(Str(i.ToString(CultureInfo.InvariantCulture), value, depth) ?? "null");
            }

            var result = Wrap('[', ']', items, stepBack);
            _indent = stepBack;
            _stack.Remove(value);
            return result;
        }

        private void Enter(ObjectInstance value)
        {
            if (!_stack.Add(value))
            {
                throw _sandbox.TypeError("JSON.stringify: de waarde verwijst naar zichzelf.");
            }
        }

        private string Wrap(char open, char close, List<string> parts, string stepBack)
        {
            if (parts.Count == 0)
            {
                return $"{open}{close}";
            }

            if (_gap.Length == 0)
            {
                return open + string.Join(',', parts) + close;
            }

            var separator = ",\n" + _indent;
            return open + "\n" + _indent + string.Join(separator, parts) + "\n" + stepBack + close;
        }
    }
}
