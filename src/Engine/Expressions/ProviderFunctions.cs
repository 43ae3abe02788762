using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Timers;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Expr = System.Linq.Expressions.Expression;
using JsEngine = Jint.Engine;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// The functions of all <see cref="IExpressionFunctionProvider"/>s, checked once and created in an evaluation when a script
/// first reads them. A name with one dot ("termijn.einde") becomes a property of a namespace object ("termijn").
/// </summary>
/// <remarks>
/// A function whose one parameter is a record takes named arguments: one object whose members bind to the record's
/// constructor parameters by camelCase name; an unknown member, a missing required member (a non-nullable property without
/// default) or a value of the wrong type is a TypeError that names the function and the member. Other functions take
/// positional arguments. Values convert to string, bool, the numeric types, DateOnly, DateTimeOffset and DateTime (from
/// ISO text or a Date), <see cref="IsoDuration"/> (from ISO text), JsonNode, and object (string, double, bool, or JsonNode),
/// each may be nullable; results go the other way, dates as ISO text. CLR objects are never handed to scripts.
/// </remarks>
internal sealed partial class ProviderFunctions
{
    private static readonly HashSet<Type> SupportedTypes =
    [
        typeof(string), typeof(bool), typeof(double), typeof(float), typeof(decimal), typeof(int), typeof(long), typeof(short),
        typeof(byte), typeof(DateOnly), typeof(DateTimeOffset), typeof(DateTime), typeof(IsoDuration), typeof(JsonNode),
        typeof(JsonObject), typeof(JsonArray), typeof(JsonValue), typeof(object),
    ];

    private static readonly HashSet<string> ReservedGlobals =
    [
        "Object", "Function", "Array", "String", "RegExp", "Number", "Boolean", "Date", "Math", "JSON", "Error", "EvalError",
        "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "NaN", "Infinity", "undefined", "parseInt",
        "parseFloat", "isNaN", "isFinite", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "eval",
        "arguments", "this", "globalThis", "Symbol", "Map", "Set", "WeakMap", "WeakSet", "Promise", "Proxy", "Reflect", "Intl",
        "BigInt", "AggregateError", "Iterator", "Temporal",
    ];

    private readonly Dictionary<string, Binding> _byName;
    private readonly Dictionary<string, List<Binding>> _byRoot;

    private ProviderFunctions(List<Binding> bindings)
    {
        _byName = bindings.ToDictionary(b => b.Name, StringComparer.Ordinal);
        _byRoot = bindings.GroupBy(b => b.Root, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Descriptors = bindings.Select(b => b.Descriptor).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Global names: plain functions and namespaces.</summary>
    public IEnumerable<string> Roots => _byRoot.Keys;

    public IReadOnlyList<ExpressionFunctionDescriptor> Descriptors { get; }

    /// <summary>Checks names and signatures; throws <see cref="ArgumentException"/> (Dutch) for a configuration error.</summary>
    public static ProviderFunctions Bind(IEnumerable<IExpressionFunctionProvider> providers)
    {
        var bindings = new List<Binding>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var plainNames = new HashSet<string>(StringComparer.Ordinal);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in providers.SelectMany(p => p.Functions))
        {
            var name = function.Name;
            if (!NamePattern().IsMatch(name))
            {
                throw new ArgumentException($"Expressiefunctie '{name}': de naam moet een JavaScript-naam zijn, eventueel met één punt (bijvoorbeeld 'termijn.einde').", nameof(providers));
            }

            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var root = dot < 0 ? name : name[..dot];
            if (StandardFunctions.Names.Contains(root) || ReservedGlobals.Contains(root))
            {
                throw new ArgumentException($"Expressiefunctie '{name}': '{root}' is al een ingebouwde naam.", nameof(providers));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"Expressiefunctie '{name}' is dubbel geregistreerd.", nameof(providers));
            }

            if (dot < 0 ? namespaces.Contains(root) : plainNames.Contains(root))
            {
                throw new ArgumentException($"Expressiefunctie '{name}': '{root}' is zowel een functie als een naamruimte.", nameof(providers));
            }

            (dot < 0 ? plainNames : namespaces).Add(root);
            bindings.Add(Binding.Create(function, root, dot < 0 ? null : name[(dot + 1)..]));
        }

        return new ProviderFunctions(bindings);
    }

    /// <summary>The value of global <paramref name="root"/> in an evaluation: a function, or a namespace object with its functions.</summary>
    public JsValue CreateRoot(EvaluationContext context, string root)
    {
        var bindings = _byRoot[root];
        if (bindings is [{ Member: null } plain])
        {
            return plain.CreateFunction(context);
        }

        var container = new JsObject(context.Engine);
        foreach (var binding in bindings)
        {
            container.FastSetProperty(binding.Member!, new PropertyDescriptor(binding.CreateFunction(context), PropertyFlag.Enumerable));
        }

        return container;
    }

    /// <summary>Whether <paramref name="root"/> is a namespace ("termijn" of "termijn.einde").</summary>
    public bool IsNamespace(string root) => _byRoot.TryGetValue(root, out var bindings) && bindings[0].Member is not null;

    /// <summary>
    /// A deploy-time check of a call of <paramref name="name"/>: the function exists, and a named-argument function gets one
    /// object whose members (when written out as a literal) are known and complete. Null when fine, else a Dutch reason.
    /// </summary>
    /// <param name="literalMembers">The member names of an object-literal argument, or null when the argument is not a plain literal.</param>
    public string? CheckCall(string name, int argumentCount, IReadOnlyCollection<string>? literalMembers)
    {
        if (!_byName.TryGetValue(name, out var binding))
        {
            return $"de functie '{name}' bestaat niet (bekende functies: GET /api/v1/expression-functions)";
        }

        if (binding.InputType is null)
        {
            return null;
        }

        if (argumentCount != 1)
        {
            return $"{name} verwacht één object met benoemde argumenten, bijvoorbeeld {name}({{{binding.Descriptor.Inputs[0].Name}: …}})";
        }

        if (literalMembers is null)
        {
            return null;
        }

        var known = binding.Descriptor.Inputs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (literalMembers.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
        {
            return $"{name}: onbekend argument '{unknown}'; bekend zijn {string.Join(", ", known)}";
        }

        return binding.Descriptor.Inputs.FirstOrDefault(p => p.Required && !literalMembers.Contains(p.Name)) is { } missing
            ? $"{name}: argument '{missing.Name}' ontbreekt"
            : null;
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamePattern();

    private sealed class Binding
    {
        private readonly ExpressionFunction _function;

        /// <summary>The function called with its arguments, compiled once (<see cref="Delegate.DynamicInvoke"/> bound them by reflection on every call).</summary>
        private readonly Func<object?[], object?> _invoke;

        /// <summary>The positional parameters, or the input record's members for a named-argument function.</summary>
        private readonly Slot[] _slots;
        private readonly Type _returnType;
        private readonly ConstructorInfo? _constructor;
        private readonly string[] _memberNames = [];
        private readonly bool[] _required = [];
        private readonly string _example = "";

        private Binding(ExpressionFunction function, string root, string? member, ParameterInfo[] parameters, Type returnType, Type? inputType)
        {
            _function = function;
            _invoke = Invoker(function.Implementation);
            Root = root;
            Member = member;
            _returnType = returnType;
            InputType = inputType;
            if (inputType is not null)
            {
                _constructor = inputType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                var members = _constructor.GetParameters();
                var described = ActivityDescriptors.Parameters(inputType);
                _memberNames = members.Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).ToArray();
                _required = _memberNames.Select(n => described.FirstOrDefault(d => d.Name == n)?.Required ?? false).ToArray();
                _slots = members.Select((p, i) => Slot.Of(p, $"argument '{_memberNames[i]}'")).ToArray();
                _example = $"{function.Name}({{{_memberNames.FirstOrDefault()}: …}})";
                Descriptor = new ExpressionFunctionDescriptor(function.Name, function.Description, true, described, ActivityDescriptors.JsonTypeName(returnType));
            }
            else
            {
                _slots = parameters.Select((p, i) => Slot.Of(p, $"argument {i + 1} ({p.Name})")).ToArray();
                Descriptor = new ExpressionFunctionDescriptor(
                    function.Name,
                    function.Description,
                    false,
                    parameters.Select(p => new ActivityParameter(
                        p.Name ?? "", ActivityDescriptors.JsonTypeName(p.ParameterType), !p.HasDefaultValue && IsRequired(p), "")).ToList(),
                    returnType == typeof(void) ? "null" : ActivityDescriptors.JsonTypeName(returnType));
            }
        }

        public string Name => _function.Name;

        public string Root { get; }

        public string? Member { get; }

        /// <summary>The input record (a C# record) of a named-argument function, else null.</summary>
        public Type? InputType { get; }

        public ExpressionFunctionDescriptor Descriptor { get; }

        public static Binding Create(ExpressionFunction function, string root, string? member)
        {
            var method = function.Implementation.Method;
            var parameters = method.GetParameters();
            Type? inputType = null;
            if (parameters is [{ ParameterType: { IsClass: true } single }] && single.GetMethod("<Clone>$") is not null)
            {
                if (single.GetConstructors().Length == 0)
                {
                    throw new ArgumentException($"Expressiefunctie '{function.Name}': het invoertype {single.Name} heeft geen publieke constructor.", nameof(function));
                }

                inputType = single;
                parameters = single.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();
            }

            foreach (var parameter in parameters)
            {
                if (parameter.ParameterType.IsByRef || parameter.IsDefined(typeof(ParamArrayAttribute)) || !SupportedTypes.Contains(Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType))
                {
                    throw new ArgumentException(
                        $"Expressiefunctie '{function.Name}': parameter '{parameter.Name}' van type {parameter.ParameterType.Name} wordt niet ondersteund.", nameof(function));
                }
            }

            var returnType = method.ReturnType;
            if (returnType != typeof(void) && !SupportedTypes.Contains(Nullable.GetUnderlyingType(returnType) ?? returnType))
            {
                throw new ArgumentException($"Expressiefunctie '{function.Name}': het resultaattype {returnType.Name} wordt niet ondersteund.", nameof(function));
            }

            return new Binding(function, root, member, inputType is null ? parameters : method.GetParameters(), returnType, inputType);
        }

        public Jint.Runtime.Interop.ClrFunction CreateFunction(EvaluationContext context) =>
            context.Function(Member ?? Root, InputType is null ? _slots.Length : 1, (_, args) => Invoke(context, args));

        private static bool IsRequired(ParameterInfo parameter) =>
            parameter.ParameterType.IsValueType
                ? Nullable.GetUnderlyingType(parameter.ParameterType) is null
                : new NullabilityInfoContext().Create(parameter).WriteState != NullabilityState.Nullable;

        private JsValue Invoke(EvaluationContext context, JsValue[] args)
        {
            object?[] values;
            if (InputType is null)
            {
                values = new object?[_slots.Length];
                for (var i = 0; i < _slots.Length; i++)
                {
                    values[i] = ToClr(context, args.At(i), _slots[i]);
                }
            }
            else
            {
                values = [BindInput(context, args)];
            }

            object? result;
            try
            {
                result = _invoke(values);
            }
#pragma warning disable CA1031 // Whatever the function throws is its failure, reported to the script as one.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                throw HostFunctionException.For(Name, ex);
            }

            return _returnType == typeof(void) ? JsValue.Undefined : ToJs(context, result);
        }

        /// <summary>
        /// <c>args => (object)implementation((T1)args[0], …)</c>, a null argument of a non-nullable value type passed as its
        /// default (as <see cref="Delegate.DynamicInvoke"/> passes it); what the function throws is not wrapped.
        /// </summary>
        private static Func<object?[], object?> Invoker(Delegate implementation)
        {
            var args = Expr.Parameter(typeof(object?[]), "args");
            var arguments = implementation.Method.GetParameters().Select((p, i) =>
            {
                var value = Expr.ArrayIndex(args, Expr.Constant(i));
                var converted = Expr.Convert(value, p.ParameterType);
                return p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null
                    ? (Expr)Expr.Condition(
                        Expr.Equal(value, Expr.Constant(null)),
                        Expr.Default(p.ParameterType),
                        converted)
                    : converted;
            });
            var call = Expr.Invoke(Expr.Constant(implementation), arguments);
            var body = implementation.Method.ReturnType == typeof(void)
                ? Expr.Block(call, Expr.Constant(null))
                : (Expr)Expr.Convert(call, typeof(object));
            return Expr.Lambda<Func<object?[], object?>>(body, args).Compile();
        }

        /// <summary>One object of named arguments to the input record.</summary>
        private object BindInput(EvaluationContext context, JsValue[] args)
        {
            if (args.Length != 1 || !args[0].IsObject() || args[0].IsArray() || args[0].IsCallable())
            {
                throw context.TypeError($"{Name}: verwacht één object met benoemde argumenten, bijvoorbeeld {_example}.");
            }

            var input = args[0].AsObject();
            foreach (var key in input.GetOwnPropertyKeys(Types.String))
            {
                var name = key.AsString();
                if (Array.IndexOf(_memberNames, name) < 0 && input.GetOwnProperty(key).Enumerable)
                {
                    throw context.TypeError($"{Name}: onbekend argument '{name}'; bekend zijn {string.Join(", ", _memberNames)}.");
                }
            }

            var values = new object?[_slots.Length];
            for (var i = 0; i < _slots.Length; i++)
            {
                var value = input.Get(_memberNames[i]);
                if ((value.IsUndefined() || value.IsNull()) && _required[i])
                {
                    throw context.TypeError($"{Name}: argument '{_memberNames[i]}' ontbreekt.");
                }

                values[i] = ToClr(context, value, _slots[i]);
            }

            return _constructor!.Invoke(values);
        }

        /// <summary>
        /// What a call needs of a parameter, read once per function: <see cref="ParameterInfo.HasDefaultValue"/> reads the
        /// metadata on every use, and the label is the same text on every call.
        /// </summary>
        private sealed record Slot(Type Declared, Type Type, bool HasDefault, object? Default, string Label)
        {
            public static Slot Of(ParameterInfo parameter, string label) => new(
                parameter.ParameterType,
                Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType,
                parameter.HasDefaultValue,
                parameter.HasDefaultValue ? parameter.DefaultValue : null,
                label);
        }

        private object? ToClr(EvaluationContext context, JsValue value, Slot slot)
        {
            var (declared, type, hasDefault, defaultValue, label) = slot;
            if (value.IsUndefined() && hasDefault)
            {
                return defaultValue;
            }

            if (value.IsUndefined() || value.IsNull())
            {
                return !declared.IsValueType || declared != type
                    ? null
                    : throw context.TypeError($"{Name}: {label} ontbreekt.");
            }

            if (type == typeof(object))
            {
                // Cast to object: otherwise JsonNode's implicit conversions make every arm a JsonNode.
                return value.Type switch
                {
                    Types.String => (object)value.AsString(),
                    Types.Number => value.AsNumber(),
                    Types.Boolean => value.AsBoolean(),
                    _ => JsonBridge.ToJson(value),
                };
            }

            if (type == typeof(string))
            {
                return value.IsString() ? value.AsString() : throw Expected(context, label, "tekst", value);
            }

            if (type == typeof(bool))
            {
                return value.IsBoolean() ? value.AsBoolean() : throw Expected(context, label, "true of false", value);
            }

            if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            {
                return value.IsNumber() && double.IsFinite(value.AsNumber())
                    ? Convert.ChangeType(value.AsNumber(), type, CultureInfo.InvariantCulture)
                    : throw Expected(context, label, "een getal", value);
            }

            if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
            {
                var number = value.IsNumber() ? value.AsNumber() : double.NaN;
                try
                {
                    return number == Math.Floor(number)
                        ? Convert.ChangeType(number, type, CultureInfo.InvariantCulture)
                        : throw Expected(context, label, "een geheel getal", value);
                }
                catch (OverflowException)
                {
                    throw Expected(context, label, "een kleiner geheel getal", value);
                }
            }

            if (type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime))
            {
                var moment = StandardFunctions.ReadMoment(context, value)
                    ?? throw context.TypeError($"{Name}: {label} moet een datum ('2026-01-31'), een datum-tijd ('2026-01-31T09:00:00Z') of een Date zijn, niet {StandardFunctions.Describe(value)}.");
                var instant = moment.Instant ?? ZonedTime.Resolve(moment.Date!.Value.ToDateTime(TimeOnly.MinValue), context.Zone);
                if (type == typeof(DateOnly))
                {
                    return moment.Date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, context.Zone).DateTime);
                }

                return type == typeof(DateTime) ? instant.UtcDateTime : instant;
            }

            if (type == typeof(IsoDuration))
            {
                string? error = null;
                if (value.IsString() && IsoDuration.TryParse(value.AsString(), out var duration, out error))
                {
                    return duration;
                }

                throw context.RangeError($"{Name}: {label} moet een ISO 8601-duur zijn. {error}".TrimEnd());
            }

            var node = JsonBridge.ToJson(value);
            return type.IsInstanceOfType(node) ? node : throw Expected(context, label, type.Name, value);
        }

        private JavaScriptException Expected(EvaluationContext context, string label, string expected, JsValue actual) =>
            context.TypeError($"{Name}: {label} moet {expected} zijn, niet {StandardFunctions.Describe(actual)}.");

        private JsValue ToJs(EvaluationContext context, object? result) => result switch
        {
            null => JsValue.Null,
            string s => s,
            bool b => b,
            double d => d,
            float f => f,
            decimal m => (double)m,
            int i => i,
            long l => l,
            short s => s,
            byte b => (int)b,
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset instant => JsonBridge.FormatInstant(instant),
            DateTime time => JsonBridge.FormatInstant(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time),
            IsoDuration duration => duration.ToString(),
            JsonNode node => JsonBridge.ToJs(context.Engine, node, Name + "()"),
            _ => throw HostFunctionException.For(Name, new InvalidOperationException($"het resultaat heeft type {result.GetType().Name}, dat expressies niet kennen")),
        };
    }
}

/// <summary>A provider function threw; the script cannot catch this, the evaluation fails.</summary>
internal sealed class HostFunctionException : Exception
{
    public HostFunctionException()
    {
    }

    public HostFunctionException(string message)
        : base(message)
    {
    }

    public HostFunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string FunctionName { get; private init; } = "";

    public static HostFunctionException For(string functionName, Exception innerException) =>
        new($"functie '{functionName}' gaf een fout: {innerException.Message}", innerException) { FunctionName = functionName };
}
