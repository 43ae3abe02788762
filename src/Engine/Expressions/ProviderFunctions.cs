using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inburgering.Engine.Timers;
using Jint.Native;
using Jint.Native.Date;
using Jint.Native.Object;
using Jint.Runtime;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// The functions of all <see cref="IExpressionFunctionProvider"/>s, checked once and installed into every sandbox.
/// A name with one dot ("termijn.einde") becomes a property of a namespace object ("termijn").
/// </summary>
/// <remarks>
/// Arguments are converted from JavaScript to the delegate's parameter types: string, bool, the numeric types, DateOnly,
/// DateTimeOffset and DateTime (from ISO text or a Date), <see cref="IsoDuration"/> (from ISO text), JsonNode, and object
/// (string, double, bool, or JsonNode for objects and arrays); each may be nullable. A missing argument takes the
/// parameter's default value, or null. Return values go the other way; dates become ISO text. CLR objects are never
/// handed to scripts.
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
        "arguments", "this",
    ];

    private readonly List<Binding> _bindings;

    private ProviderFunctions(List<Binding> bindings)
    {
        _bindings = bindings;
    }

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

    public void Install(Sandbox sandbox, TimeZoneInfo zone)
    {
        var namespaceObjects = new Dictionary<string, ObjectInstance>(StringComparer.Ordinal);
        foreach (var binding in _bindings)
        {
            var function = sandbox.Function(binding.Parameters.Length, (_, args) => binding.Invoke(sandbox, zone, args));
            if (binding.Member is null)
            {
                StandardFunctions.Define(sandbox, binding.Root, function);
                continue;
            }

            if (!namespaceObjects.TryGetValue(binding.Root, out var container))
            {
                container = sandbox.Engine.Object.Construct(Arguments.Empty);
                namespaceObjects.Add(binding.Root, container);
                StandardFunctions.Define(sandbox, binding.Root, container);
            }

            container.FastAddProperty(binding.Member, function, writable: false, enumerable: true, configurable: false);
        }
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamePattern();

    private sealed class Binding
    {
        private readonly ExpressionFunction _function;

        private Binding(ExpressionFunction function, string root, string? member, ParameterInfo[] parameters, Type returnType)
        {
            _function = function;
            Root = root;
            Member = member;
            Parameters = parameters;
            ReturnType = returnType;
        }

        public string Name => _function.Name;

        public string Root { get; }

        public string? Member { get; }

        public ParameterInfo[] Parameters { get; }

        public Type ReturnType { get; }

        public static Binding Create(ExpressionFunction function, string root, string? member)
        {
            var method = function.Implementation.Method;
            var parameters = method.GetParameters();
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

            return new Binding(function, root, member, parameters, returnType);
        }

        public JsValue Invoke(Sandbox sandbox, TimeZoneInfo zone, JsValue[] args)
        {
            var values = new object?[Parameters.Length];
            for (var i = 0; i < Parameters.Length; i++)
            {
                values[i] = ToClr(sandbox, zone, args.At(i), Parameters[i], i + 1);
            }

            object? result;
            try
            {
                result = _function.Implementation.DynamicInvoke(values);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw HostFunctionException.For(Name, ex.InnerException);
            }

            return ReturnType == typeof(void) ? JsValue.Undefined : ToJs(sandbox, result);
        }

        private object? ToClr(Sandbox sandbox, TimeZoneInfo zone, JsValue value, ParameterInfo parameter, int position)
        {
            var declared = parameter.ParameterType;
            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            if (value.IsUndefined() && parameter.HasDefaultValue)
            {
                return parameter.DefaultValue;
            }

            if (value.IsUndefined() || value.IsNull())
            {
                return !declared.IsValueType || declared != type
                    ? null
                    : throw sandbox.TypeError($"{Name}: argument {position} ({parameter.Name}) ontbreekt.");
            }

            if (type == typeof(object))
            {
                // Cast to object: otherwise JsonNode's implicit conversions make every arm a JsonNode.
                return value.Type switch
                {
                    Types.String => (object)value.AsString(),
                    Types.Number => value.AsNumber(),
                    Types.Boolean => value.AsBoolean(),
                    _ => JsonBridge.ToJson(sandbox, value),
                };
            }

            if (type == typeof(string))
            {
                return value.IsString() ? value.AsString() : throw Expected(sandbox, position, parameter, "tekst", value);
            }

            if (type == typeof(bool))
            {
                return value.IsBoolean() ? value.AsBoolean() : throw Expected(sandbox, position, parameter, "true of false", value);
            }

            if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            {
                return value.IsNumber() && double.IsFinite(value.AsNumber())
                    ? Convert.ChangeType(value.AsNumber(), type, CultureInfo.InvariantCulture)
                    : throw Expected(sandbox, position, parameter, "een getal", value);
            }

            if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
            {
                var number = value.IsNumber() ? value.AsNumber() : double.NaN;
                try
                {
                    return number == Math.Floor(number)
                        ? Convert.ChangeType(number, type, CultureInfo.InvariantCulture)
                        : throw Expected(sandbox, position, parameter, "een geheel getal", value);
                }
                catch (OverflowException)
                {
                    throw Expected(sandbox, position, parameter, "een kleiner geheel getal", value);
                }
            }

            if (type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime))
            {
                var moment = StandardFunctions.ReadMoment(sandbox, zone, value, Name, position);
                var instant = moment.Instant ?? ZonedTime.Resolve(moment.Date!.Value.ToDateTime(TimeOnly.MinValue), zone);
                if (type == typeof(DateOnly))
                {
                    return moment.Date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
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

                throw sandbox.RangeError($"{Name}: argument {position} ({parameter.Name}) moet een ISO 8601-duur zijn. {error}".TrimEnd());
            }

            var node = JsonBridge.ToJson(sandbox, value);
            return type.IsInstanceOfType(node) ? node : throw Expected(sandbox, position, parameter, type.Name, value);
        }

        private JavaScriptException Expected(Sandbox sandbox, int position, ParameterInfo parameter, string expected, JsValue actual) =>
            sandbox.TypeError($"{Name}: argument {position} ({parameter.Name}) moet {expected} zijn, niet {StandardFunctions.Describe(actual)}.");

        private JsValue ToJs(Sandbox sandbox, object? result) => result switch
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
            byte b => b,
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset instant => JsonBridge.FormatInstant(instant),
            DateTime time => JsonBridge.FormatInstant(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time),
            IsoDuration duration => duration.ToString(),
            JsonNode node => JsonBridge.ToJs(sandbox, node, Name + "()"),
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
