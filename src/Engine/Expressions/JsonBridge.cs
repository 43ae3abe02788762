using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint.Native;
using Jint.Native.Date;
using Jint.Native.Object;
using Jint.Runtime;

namespace Inburgering.Engine.Expressions;

/// <summary>Converts between instance variables (System.Text.Json nodes) and JavaScript values.</summary>
internal static class JsonBridge
{
    private const double MinDateMilliseconds = -62_135_596_800_000;
    private const double MaxDateMilliseconds = 253_402_300_799_999;

    /// <summary>A variable as a JavaScript value: objects, arrays, strings, numbers, booleans and null, nested.</summary>
    public static JsValue ToJs(Sandbox sandbox, JsonNode? node, string path, int depth = 0)
    {
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                EnsureDepth(path, depth);
                var target = sandbox.Engine.Object.Construct(Arguments.Empty);
                foreach (var (key, child) in obj)
                {
                    target.FastAddProperty(key, ToJs(sandbox, child, path + "." + key, depth + 1), writable: true, enumerable: true, configurable: true);
                }

                return target;
            case JsonArray array:
                EnsureDepth(path, depth);
                var list = sandbox.Engine.Array.Construct(Arguments.Empty);
                for (var i = 0; i < array.Count; i++)
                {
                    list.Put(i.ToString(CultureInfo.InvariantCulture), ToJs(sandbox, array[i], $"{path}[{i}]", depth + 1), throwOnError: false);
                }

                return list;
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => new JsValue(value.TryGetValue(out string? s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!),
                    JsonValueKind.Number => new JsValue(value.TryGetValue(out double d) ? d : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
                    JsonValueKind.True => JsValue.True,
                    JsonValueKind.False => JsValue.False,
                    JsonValueKind.Null => JsValue.Null,
                    var kind => throw new ArgumentException($"Variabele '{path}' heeft een JSON-waarde van soort {kind} die expressies niet kennen."),
                };
            default:
                throw new ArgumentException($"Variabele '{path}' heeft een onbekend soort JSON-waarde.");
        }
    }

    /// <summary>
    /// A JavaScript result as JSON: undefined and functions become null, a Date becomes an ISO 8601 UTC string ("o" format),
    /// integral numbers become long, other numbers double, arrays and objects JsonArray and JsonObject (own enumerable
    /// properties, like JSON.stringify). NaN and Infinity have no JSON form and are refused.
    /// </summary>
    public static JsonNode? ToJson(Sandbox sandbox, JsValue value, int depth = 0)
    {
        switch (value.Type)
        {
            case Types.Undefined or Types.Null or Types.None:
                return null;
            case Types.Boolean:
                return JsonValue.Create(value.AsBoolean());
            case Types.String:
                return JsonValue.Create(value.AsString());
            case Types.Number:
                return Number(value.AsNumber());
        }

        var obj = value.AsObject();
        switch (obj)
        {
            case ICallable:
                return null;
            case DateInstance date:
                return JsonValue.Create(FormatDate(date));
        }

        switch (obj.Class)
        {
            case "Boolean" or "Number" or "String":
                return ToJson(sandbox, TypeConverter.ToPrimitive(value), depth);
        }

        sandbox.Budget.Check();
        if (depth >= Sandbox.MaxNesting)
        {
            throw new EvaluationFailedException($"het resultaat is dieper genest dan {Sandbox.MaxNesting} niveaus (of verwijst naar zichzelf)");
        }

        if (obj.Class == "Array")
        {
            var length = TypeConverter.ToUint32(obj.Get("length"));
            if (length > Sandbox.MaxArrayLength)
            {
                throw new EvaluationFailedException($"het resultaat is een array met meer dan {Sandbox.MaxArrayLength} elementen");
            }

            var array = new JsonArray();
            for (uint i = 0; i < length; i++)
            {
                array.Add(ToJson(sandbox, obj.Get(i.ToString(CultureInfo.InvariantCulture)), depth + 1));
            }

            return array;
        }

        var result = new JsonObject();
        foreach (var (key, descriptor) in obj.GetOwnProperties().ToList())
        {
            if (descriptor.Enumerable != true)
            {
                continue;
            }

            var property = obj.Get(key);
            if (property.IsUndefined() || (property.IsObject() && property.AsObject() is ICallable))
            {
                continue;
            }

            result[key] = ToJson(sandbox, property, depth + 1);
        }

        return result;
    }

    /// <summary>A JavaScript Date as ISO 8601 UTC text; an invalid or out-of-range date is refused.</summary>
    public static string FormatDate(DateInstance date)
    {
        var milliseconds = date.PrimitiveValue;
        if (double.IsNaN(milliseconds) || milliseconds < MinDateMilliseconds || milliseconds > MaxDateMilliseconds)
        {
            throw new EvaluationFailedException("het resultaat bevat een ongeldige datum of een datum buiten de jaren 1 tot en met 9999");
        }

        return FormatInstant(DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds));
    }

    /// <summary>An instant as ISO 8601 in UTC with seven fraction digits, e.g. 2026-01-15T09:30:00.0000000Z.</summary>
    public static string FormatInstant(DateTime utc) =>
        DateTime.SpecifyKind(utc.ToUniversalTime(), DateTimeKind.Utc).ToString("o", CultureInfo.InvariantCulture);

    public static string FormatInstant(DateTimeOffset instant) => FormatInstant(instant.UtcDateTime);

    private static JsonValue Number(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new EvaluationFailedException($"het resultaat {TypeConverter.ToString(number)} is geen getal dat in JSON past");
        }

        // Integral and exactly representable as long: 3 rather than 3.0. -0 becomes 0.
        if (number == Math.Floor(number) && number >= -9.2233720368547758E18 && number < 9.2233720368547758E18)
        {
            return JsonValue.Create((long)number);
        }

        return JsonValue.Create(number);
    }

    private static void EnsureDepth(string path, int depth)
    {
        if (depth >= Sandbox.MaxNesting)
        {
            throw new ArgumentException($"Variabele '{path}' is dieper genest dan {Sandbox.MaxNesting} niveaus.");
        }
    }
}
