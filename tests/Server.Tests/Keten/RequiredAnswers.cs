using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inburgering.Server.Tests.Keten;

/// <summary>
/// The server checks every completion against the task's form (issue 10): a scenario's answers are completed with a plain
/// value for each required field it leaves open, as a consulent who fills in the form would (a date: the service's today;
/// a number: the form's minimum or 1; a choice: its first option; an IBAN: a valid Dutch one; text: a sentence). The scenario's own answers win.
/// </summary>
public static class RequiredAnswers
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<JsonObject> WithRequiredAsync(HttpClient client, string taskId, object? variables)
    {
        var answers = variables is null ? [] : JsonSerializer.SerializeToNode(variables, Web)?.AsObject() ?? [];
        var view = await client.GetFromJsonAsync<JsonObject>($"api/v1/tasks/{taskId}/form") ?? [];
        if (view["form"] is not JsonObject form)
        {
            return answers;
        }

        var data = view["data"] as JsonObject ?? [];
        var clock = await client.GetFromJsonAsync<JsonObject>("api/v1/clock");
        var today = DateTimeOffset.Parse((string)clock!["now"]!, CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var component in Components(form))
        {
            if ((string?)component["key"] is not { } key || answers.ContainsKey(key) || !Required(component) || (component["readonly"] is JsonValue r && (bool)r) || Filled(data[key]))
            {
                continue;
            }

            answers[key] = (string?)component["type"] switch
            {
                "datetime" => today,
                "number" => component["validate"]?["min"]?.DeepClone() ?? 1,
                "select" or "radio" => (component["values"] as JsonArray)?.OfType<JsonObject>().Select(v => v["value"]).FirstOrDefault(v => v is not null && (string?)v != "")?.DeepClone(),
                "checkbox" => true,
                _ when (string?)component["validate"]?["validationType"] == "iban" => "NL91ABNA0417164300",
                _ => "Ingevuld in het scenario",
            };
        }

        return answers;
    }

    private static IEnumerable<JsonObject> Components(JsonObject container) =>
        (container["components"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(c => c["components"] is JsonArray ? Components(c) : [c]);

    private static bool Required(JsonObject component) => component["validate"]?["required"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static bool Filled(JsonNode? value) => value is not null && !(value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0);
}
