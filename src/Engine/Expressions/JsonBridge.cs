using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using JsEngine = Jint.Engine;

namespace Inburgering.Engine.Expressions;

/// <summary>Converts between instance variables (System.Text.Json nodes) and JavaScript values.</summary>
internal static class JsonBridge
{
    /// <summary>Deepest nesting of values converted to and from JSON.</summary>
    public const int MaxNesting = 64;

    private const double MinDateMilliseconds = -62_135_596_800_000;
    private const double MaxDateMilliseconds = 253_402_300_799_999;

    /// <summary>A variable as a JavaScript value: objects, arrays, strings, numbers, booleans and null, nested.</summary>
    public static JsValue ToJs(JsEngine engine, JsonNode? node, string path, int depth = 0)
    {
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                EnsureDepth(path, depth);
                var target = new JsObject(engine);
                foreach (var (key, child) in obj)
                {
                    target.FastSetDataProperty(key, ToJs(engine, child, path + "." + key, depth + 1));
                }

                return target;
            case JsonArray array:
                EnsureDepth(path, depth);
                var items = new JsValue[array.Count];
                for (var i = 0; i < array.Count; i++)
                {
                    items[i] = ToJs(engine, array[i], $"{path}[{i}]", depth + 1);
                }

                return new JsArray(engine, items);
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => JsString.Create(value.TryGetValue(out string? s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!),
                    JsonValueKind.Number => JsNumber.Create(value.TryGetValue(out double d) ? d : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    JsonValueKind.Null => JsValue.Null,
                    var kind => throw new EvaluationFailedException($"variabele '{path}' heeft een JSON-waarde van soort {kind} die expressies niet kennen"),
                };
            default:
                throw new EvaluationFailedException($"variabele '{path}' heeft een onbekend soort JSON-waarde");
        }
    }

    /// <summary>
    /// A JavaScript result as JSON: undefined and functions become null, a Date an ISO 8601 UTC string ("o" format),
    /// integral numbers long, other numbers double, arrays and objects JsonArray and JsonObject (own enumerable string-keyed
    /// properties, like JSON.stringify). NaN and Infinity have no JSON form and are refused.
    /// </summary>
    public static JsonNode? ToJson(JsValue value, int depth = 0)
    {
        switch (value.Type)
        {
            case Types.Undefined or Types.Null or Types.Empty:
                return null;
            case Types.Boolean:
                return JsonValue.Create(value.AsBoolean());
            case Types.String:
                return JsonValue.Create(value.AsString());
            case Types.Number:
                return Number(value.AsNumber());
            case Types.BigInt:
                return JsonValue.Create(value.ToString());
            case Types.Symbol:
                return null;
        }

        if (value.IsCallable())
        {
            return null;
        }

        if (value.IsDate())
        {
            return JsonValue.Create(FormatDate(value.AsDate().DateValue));
        }

        var obj = value.AsObject();
        if (obj.GetType().Name is "NumberInstance" or "StringInstance" or "BooleanInstance") // new Number(5): Jint keeps these types internal
        {
            return ToJson(TypeConverter.ToPrimitive(value), depth);
        }

        if (depth >= MaxNesting)
        {
            throw new EvaluationFailedException($"het resultaat is dieper genest dan {MaxNesting} niveaus (of verwijst naar zichzelf)");
        }

        if (value.IsArray())
        {
            var length = TypeConverter.ToNumber(obj.Get("length"));
            if (length > NativeGuards.MaxArrayLength)
            {
                throw new EvaluationFailedException($"het resultaat is een array met meer dan {NativeGuards.MaxArrayLength} elementen");
            }

            var array = new JsonArray();
            for (var i = 0; i < (int)length; i++)
            {
                array.Add(ToJson(obj.Get(i), depth + 1));
            }

            return array;
        }

        var result = new JsonObject();
        foreach (var (key, descriptor) in obj.GetOwnProperties().ToList())
        {
            if (!key.IsString() || !descriptor.Enumerable)
            {
                continue;
            }

            var property = obj.Get(key);
            if (property.IsUndefined() || property.IsCallable() || property.IsSymbol())
            {
                continue;
            }

            result[key.AsString()] = ToJson(property, depth + 1);
        }

        return result;
    }

    /// <summary>A JavaScript time value as ISO 8601 UTC text; an invalid or out-of-range date is refused.</summary>
    public static string FormatDate(double milliseconds)
    {
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
        if (depth >= MaxNesting)
        {
            throw new EvaluationFailedException($"variabele '{path}' is dieper genest dan {MaxNesting} niveaus");
        }
    }
}
