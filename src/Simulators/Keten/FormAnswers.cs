using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inburgering.Simulators.Keten;

/// <summary>
/// How a scripted consulent fills in the forms: data beside the forms, one file per form key in
/// <c>workflow-definitions/forms/answers/{formKey}.json</c>, not code. A file holds the form's answer (<c>antwoord</c>), how
/// many weeks the task waits in the werkvoorraad before it is done (<c>wachtWeken</c>, plus <c>wachtWekenSpreiding</c> spread
/// over the personas; default: the persona's own tempo) and named variants (<c>varianten</c>, by the persona's route) that
/// replace either. An answer is an object, or a list of objects for the first, second… time the form is done for a person
/// (the last one repeats). The string <c>{vandaag}</c> becomes today's date (yyyy-MM-dd). A form without a file is done
/// with no answer.
/// </summary>
public sealed class FormAnswers
{
    public const string Today = "{vandaag}";

    private readonly Dictionary<string, Entry> _forms;

    private FormAnswers(Dictionary<string, Entry> forms) => _forms = forms;

    /// <summary>No file: every form done with no answer, at the persona's tempo.</summary>
    public static FormAnswers None { get; } = new(new Dictionary<string, Entry>(StringComparer.Ordinal));

    /// <summary>The form keys that have an answer file.</summary>
    public IReadOnlyCollection<string> FormKeys => _forms.Keys;

    /// <summary>Reads every <c>*.json</c> in <paramref name="folder"/>; a file that breaks the format stops with every problem named.</summary>
    public static FormAnswers Load(string folder)
    {
        var forms = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return new FormAnswers(forms);
        }

        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            try
            {
                forms[Path.GetFileNameWithoutExtension(file)] = Entry.Parse(JsonNode.Parse(File.ReadAllText(file)), name, problems);
            }
            catch (JsonException ex)
            {
                problems.Add($"{name}: geen geldige JSON ({ex.Message})");
            }
        }

        return problems.Count == 0
            ? new FormAnswers(forms)
            : throw new InvalidOperationException("De antwoorden bij de formulieren kloppen niet:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
    }

    /// <summary>
    /// The answer to <paramref name="formKey"/> for a person on <paramref name="variant"/>, the <paramref name="times"/>-th time
    /// (0 for the first) it is done for that person, with <c>{vandaag}</c> filled in.
    /// </summary>
    public JsonObject Answer(string? formKey, string? variant, int times, DateOnly today)
    {
        if (formKey is null || !_forms.TryGetValue(formKey, out var entry))
        {
            return [];
        }

        var answers = entry.Variant(variant) is { Answers.Count: > 0 } v ? v.Answers : entry.Answers;
        if (answers.Count == 0)
        {
            return [];
        }

        var answer = (JsonObject)answers[Math.Min(times, answers.Count - 1)].DeepClone();
        var iso = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var (key, value) in answer.ToList())
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var s) && s == Today)
            {
                answer[key] = iso;
            }
        }

        return answer;
    }

    /// <summary>
    /// How many weeks the task waits before it is done: the variant's or the form's <c>wachtWeken</c> (plus the persona's
    /// <paramref name="number"/> modulo <c>wachtWekenSpreiding</c>), or else the persona's <paramref name="tempo"/>.
    /// </summary>
    public int WaitWeeks(string? formKey, string? variant, int tempo, int number)
    {
        if (formKey is null || !_forms.TryGetValue(formKey, out var entry))
        {
            return tempo;
        }

        var v = entry.Variant(variant);
        var weeks = v?.WaitWeeks ?? entry.WaitWeeks;
        var spread = v?.Spread ?? entry.Spread;
        return weeks is { } w ? w + (spread is > 0 ? number % spread.Value : 0) : tempo;
    }

    private sealed record Entry(IReadOnlyList<JsonObject> Answers, int? WaitWeeks, int? Spread, IReadOnlyDictionary<string, Entry> Variants)
    {
        public Entry? Variant(string? name) => name is not null && Variants.TryGetValue(name, out var v) ? v : null;

        public static Entry Parse(JsonNode? node, string where, List<string> problems)
        {
            if (node is not JsonObject o)
            {
                problems.Add($"{where}: verwacht een JSON-object.");
                return new([], null, null, new Dictionary<string, Entry>());
            }

            foreach (var key in o.Select(p => p.Key).Where(k => k is not ("antwoord" or "wachtWeken" or "wachtWekenSpreiding" or "varianten" or "toelichting")))
            {
                problems.Add($"{where}: onbekend veld '{key}' (antwoord, wachtWeken, wachtWekenSpreiding, varianten, toelichting).");
            }

            var answers = o["antwoord"] switch
            {
                null => [],
                JsonObject one => [one],
                JsonArray list when list.All(a => a is JsonObject) => list.Select(a => (JsonObject)a!).ToList(),
                _ => Invalid(problems, $"{where}: 'antwoord' is een object of een lijst van objecten."),
            };
            var variants = new Dictionary<string, Entry>(StringComparer.Ordinal);
            if (o["varianten"] is JsonObject named)
            {
                foreach (var (name, value) in named)
                {
                    variants[name] = Parse(value, $"{where} varianten.{name}", problems);
                }
            }
            else if (o["varianten"] is not null)
            {
                problems.Add($"{where}: 'varianten' is een object met een variant per naam.");
            }

            return new(answers, Number(o, "wachtWeken", where, problems), Number(o, "wachtWekenSpreiding", where, problems), variants);
        }

        private static List<JsonObject> Invalid(List<string> problems, string problem)
        {
            problems.Add(problem);
            return [];
        }

        private static int? Number(JsonObject o, string name, string where, List<string> problems)
        {
            if (o[name] is null)
            {
                return null;
            }

            if (o[name] is JsonValue v && v.TryGetValue<int>(out var n) && n >= 0)
            {
                return n;
            }

            problems.Add($"{where}: '{name}' is een heel aantal weken (0 of meer).");
            return null;
        }
    }
}
