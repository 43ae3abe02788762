using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inburgering.Server.Forms;

/// <summary>One refused field of a form: its key, its label as the form shows it, a stable code and a Dutch message.</summary>
public sealed record FieldError(string Field, string? Label, string Code, string Message);

/// <summary>
/// Checks submitted variables against a form-js form, the same rules the browser applies while the consulent types:
/// required fields, the type per component (text, number, yes/no, date, time), the options of selects, radios and
/// checklists, <c>min</c>/<c>max</c>, <c>minLength</c>/<c>maxLength</c>, <c>pattern</c> and e-mail/phone validation types, and
/// (beyond form-js) <c>validationType: "iban"</c>: a Dutch IBAN with valid mod-97 check digits. A required checkbox must be ticked.
/// Read-only fields may not be changed, and keys the form does not have are refused, so an API caller cannot set process
/// variables the form does not offer. A required field counts as filled when the submission or the task's current
/// variables hold a value. Components with a <c>conditional</c> (FEEL, evaluated only in the browser) are not required here.
/// </summary>
public static partial class FormValidator
{
    private const int MaxPatternMilliseconds = 100;

    public static IReadOnlyList<FieldError> Validate(JsonObject form, JsonObject submitted, JsonObject current)
    {
        var errors = new List<FieldError>();
        var fields = Fields(form).ToList();
        var byKey = fields.GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (key, _) in submitted)
        {
            if (!byKey.ContainsKey(key))
            {
                errors.Add(new FieldError(key, null, "form.unknown-field", $"Het formulier heeft geen veld '{key}'."));
            }
        }

        foreach (var field in fields)
        {
            var present = submitted.TryGetPropertyValue(field.Key, out var value);
            if (field.Type == "dynamiclist")
            {
                errors.AddRange(CheckList(field, present ? value : null, current[field.Key]));
                continue;
            }

            if (field.ReadOnly)
            {
                if (present && !JsonNode.DeepEquals(Normalise(value), Normalise(current[field.Key])))
                {
                    errors.Add(field.Error("form.read-only", $"{field.Name} kan niet worden gewijzigd."));
                }

                continue;
            }

            if (!present || IsEmpty(value))
            {
                if (field.Type == "checkbox" && field.Required && !field.Conditional)
                {
                    // Left out: the task's current value must already be ticked.
                    if (!(current[field.Key] is JsonValue c && c.TryGetValue<bool>(out var ticked) && ticked))
                    {
                        errors.Add(field.Error("form.required-true", field.RequiredMessage ?? $"{field.Name} moet aangevinkt zijn."));
                    }

                    continue;
                }

                if (field.Required && !field.Conditional && IsEmpty(current[field.Key]) && !(present && value is JsonValue v && v.TryGetValue<bool>(out _)))
                {
                    errors.Add(field.Error("form.required", field.RequiredMessage ?? $"{field.Name} is verplicht."));
                }

                continue;
            }

            if (Check(field, value!) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>The variables of <paramref name="data"/> that <paramref name="form"/> shows (to fill the form in).</summary>
    public static JsonObject DataFor(JsonObject form, JsonObject data)
    {
        var result = new JsonObject();
        foreach (var field in Fields(form))
        {
            if (data[field.Key] is { } value)
            {
                result[field.Key] = value.DeepClone();
            }
        }

        return result;
    }

    private static FieldError? Check(Field field, JsonNode value)
    {
        switch (field.Type)
        {
            case "textfield" or "textarea":
                if (!TryString(value, out var text))
                {
                    return field.Error("form.type", $"{field.Name} moet tekst zijn.");
                }

                return CheckText(field, text);
            case "number":
                if (!TryNumber(value, out var number))
                {
                    return field.Error("form.type", $"{field.Name} moet een getal zijn.");
                }

                if (field.Min is { } min && number < min)
                {
                    return field.Error("form.min", $"{field.Name} moet minstens {Format(min)} zijn.");
                }

                if (field.Max is { } max && number > max)
                {
                    return field.Error("form.max", $"{field.Name} mag hoogstens {Format(max)} zijn.");
                }

                return null;
            case "checkbox":
                if (value is not JsonValue b || !b.TryGetValue<bool>(out var ticked))
                {
                    return field.Error("form.type", $"{field.Name} moet ja of nee zijn.");
                }

                // A required checkbox is a declaration (such as a signed machtiging): it must be ticked, as in form-js.
                return field.Required && !field.Conditional && !ticked
                    ? field.Error("form.required-true", field.RequiredMessage ?? $"{field.Name} moet aangevinkt zijn.")
                    : null;
            case "radio" or "select":
                return field.Options is { } options && !options.Any(o => JsonNode.DeepEquals(o, value))
                    ? field.Error("form.option", $"{field.Name}: kies een van de mogelijkheden.")
                    : null;
            case "checklist" or "taglist":
                if (value is not JsonArray items)
                {
                    return field.Error("form.type", $"{field.Name} moet een lijst zijn.");
                }

                return field.Options is { } allowed && items.Any(i => !allowed.Any(o => JsonNode.DeepEquals(o, i)))
                    ? field.Error("form.option", $"{field.Name}: kies alleen uit de mogelijkheden.")
                    : null;
            case "datetime":
                if (!TryString(value, out var when))
                {
                    return field.Error("form.type", $"{field.Name} moet een datum zijn.");
                }

                return field.Subtype switch
                {
                    "time" => TimeOnly.TryParseExact(when, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : field.Error("form.time", $"{field.Name} moet een tijd zijn (uu:mm)."),
                    "datetime" => DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : field.Error("form.datetime", $"{field.Name} moet een datum en tijd zijn."),
                    _ => DateOnly.TryParseExact(when, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : field.Error("form.date", $"{field.Name} moet een datum zijn (jjjj-mm-dd)."),
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// A repeating list (form-js <c>dynamiclist</c> with a <c>path</c>), e.g. the agenda of the casuïstiekoverleg: an array of
    /// rows, each checked against the list's own fields. Without <c>allowAddRemove</c> the rows are the process's: as many as
    /// it gave, and in each row a read-only field, or data the form does not show, must come back unchanged.
    /// </summary>
    private static IEnumerable<FieldError> CheckList(Field field, JsonNode? value, JsonNode? current)
    {
        if (value is null)
        {
            yield break;
        }

        if (value is not JsonArray rows || rows.Any(r => r is not JsonObject))
        {
            yield return field.Error("form.type", $"{field.Name} moet een lijst zijn.");
            yield break;
        }

        var given = current as JsonArray;
        if (!field.AllowAddRemove && given is not null && rows.Count != given.Count)
        {
            yield return field.Error("form.list-rows", $"{field.Name}: rijen kunnen niet worden toegevoegd of verwijderd ({given.Count} rijen).");
            yield break;
        }

        var inner = Fields(field.Component).GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = (JsonObject)rows[i]!;
            var was = given is not null && i < given.Count ? given[i] as JsonObject : null;
            var at = $"{field.Key}[{i}]";
            foreach (var (key, cell) in row)
            {
                if (inner.TryGetValue(key, out var f) && !f.ReadOnly)
                {
                    if (!IsEmpty(cell) && Check(f, cell!) is { } error)
                    {
                        yield return error with { Field = $"{at}.{key}", Message = $"{field.Name}, rij {i + 1}: {error.Message}" };
                    }
                }
                else if (!field.AllowAddRemove && !JsonNode.DeepEquals(Normalise(cell), Normalise(was?[key])))
                {
                    yield return new FieldError($"{at}.{key}", f?.Name ?? key, "form.read-only", $"{field.Name}, rij {i + 1}: {f?.Name ?? key} kan niet worden gewijzigd.");
                }
            }

            foreach (var f in inner.Values.Where(f => f.Required && !f.ReadOnly && !f.Conditional))
            {
                if (IsEmpty(row[f.Key]) && IsEmpty(was?[f.Key]))
                {
                    yield return new FieldError($"{at}.{f.Key}", f.Name, "form.required", $"{field.Name}, rij {i + 1}: {f.RequiredMessage ?? $"{f.Name} is verplicht."}");
                }
            }
        }
    }

    private static FieldError? CheckText(Field field, string text)
    {
        if (field.MinLength is { } minLength && text.Length < minLength)
        {
            return field.Error("form.min-length", $"{field.Name} moet minstens {minLength} tekens hebben.");
        }

        if (field.MaxLength is { } maxLength && text.Length > maxLength)
        {
            return field.Error("form.max-length", $"{field.Name} mag hoogstens {maxLength} tekens hebben.");
        }

        if (field.Pattern is { } pattern)
        {
            bool matches;
            try
            {
                // form-js tests the whole value against the pattern.
                matches = Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromMilliseconds(MaxPatternMilliseconds));
            }
            catch (RegexMatchTimeoutException)
            {
                matches = false;
            }

            if (!matches)
            {
                return field.Error("form.pattern", field.PatternMessage ?? $"{field.Name} heeft niet de juiste vorm.");
            }
        }

        return field.ValidationType switch
        {
            "email" when !EmailPattern().IsMatch(text) => field.Error("form.email", $"{field.Name} moet een e-mailadres zijn."),
            "phone" when !PhonePattern().IsMatch(text) => field.Error("form.phone", $"{field.Name} moet een telefoonnummer zijn."),
            "iban" when !Inburgering.Workflows.Personen.Iban.TryNormalize(text, out _, out var ibanError) => field.Error("form.iban", $"{field.Name}: {ibanError}"),
            _ => null,
        };
    }

    private static IEnumerable<Field> Fields(JsonObject container)
    {
        foreach (var component in (container["components"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = (string?)component["type"] ?? "";
            if (type == "dynamiclist" && (string?)component["path"] is { Length: > 0 } path
                && !(component["isRepeating"] is JsonValue r && r.TryGetValue<bool>(out var repeating) && !repeating))
            {
                // A repeating list is one variable (an array of rows) under its path.
                yield return new Field(component, path, type);
                continue;
            }

            if (component["components"] is JsonArray && type is "group" or "dynamiclist" or "default")
            {
                foreach (var inner in Fields(component))
                {
                    yield return inner;
                }

                continue;
            }

            if ((string?)component["key"] is not { Length: > 0 } key || type is "text" or "html" or "image" or "button" or "separator" or "spacer")
            {
                continue;
            }

            yield return new Field(component, key, type);
        }
    }

    private static bool IsEmpty(JsonNode? value) =>
        value is null
        || (value is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s))
        || (value is JsonArray a && a.Count == 0);

    private static JsonNode? Normalise(JsonNode? value) => IsEmpty(value) ? null : value;

    private static bool TryString(JsonNode value, out string text)
    {
        text = "";
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            text = v.GetValue<string>();
            return true;
        }

        return false;
    }

    private static bool TryNumber(JsonNode value, out double number)
    {
        number = 0;
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out number) && double.IsFinite(number);
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.GetCultureInfo("nl-NL"));

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+\.[^\s@]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-]{6,20}$")]
    private static partial Regex PhonePattern();

    private sealed class Field(JsonObject component, string key, string type)
    {
        private readonly JsonObject? _validate = component["validate"] as JsonObject;

        public string Key { get; } = key;

        public JsonObject Component => component;

        /// <summary>A repeating list whose rows the user may add and remove (<c>allowAddRemove</c>).</summary>
        public bool AllowAddRemove => component["allowAddRemove"] is JsonValue a && a.TryGetValue<bool>(out var b) && b;

        public string Type { get; } = type;

        public string Name { get; } = Label(component) ?? key;

        public string? Subtype => (string?)component["subtype"];

        public bool ReadOnly => component["readonly"] is JsonValue r && r.TryGetValue<bool>(out var b) && b;

        public bool Conditional => component["conditional"] is JsonObject;

        public bool Required => _validate?["required"] is JsonValue r && r.TryGetValue<bool>(out var b) && b;

        public double? Min => Number("min");

        public double? Max => Number("max");

        public int? MinLength => (int?)Number("minLength");

        public int? MaxLength => (int?)Number("maxLength");

        public string? Pattern => (string?)_validate?["pattern"] is { Length: > 0 } p ? p : null;

        public string? PatternMessage => (string?)_validate?["patternErrorMessage"];

        /// <summary>The form's own text for an empty required field or an unticked required checkbox (<c>validate.requiredErrorMessage</c>).</summary>
        public string? RequiredMessage => (string?)_validate?["requiredErrorMessage"];

        public string? ValidationType => (string?)_validate?["validationType"];

        public IReadOnlyList<JsonNode?>? Options => component["values"] is JsonArray values
            ? values.OfType<JsonObject>().Select(v => v["value"]?.DeepClone()).ToList()
            : null;

        public FieldError Error(string code, string message) => new(Key, Name, code, message);

        private double? Number(string name) => _validate?[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

        private static string? Label(JsonObject component) =>
            ((string?)component["label"] ?? (string?)component["dateLabel"] ?? (string?)component["timeLabel"]) is { Length: > 0 } label ? label : null;
    }
}
