using System.Text.Json.Nodes;

namespace Inburgering.Workflows.Forms;

/// <summary>One form in the list.</summary>
public sealed record FormSummary(string Key, string? Title, string File);

/// <summary>
/// The human-task forms (form-js JSON) read from workflow-definitions/forms at start-up: key = file name without ".form"
/// (and the form's own id), as a user task's <c>camunda:formKey</c> names it.
/// </summary>
public sealed class FormCatalog
{
    private readonly Dictionary<string, (JsonObject Form, string File)> _forms = new(StringComparer.Ordinal);

    public FormCatalog(string? folder)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.form").Order(StringComparer.Ordinal))
        {
            var key = Path.GetFileNameWithoutExtension(file);
            var form = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
                ?? throw new InvalidOperationException($"workflow-definitions/forms/{Path.GetFileName(file)} is geen JSON-object.");
            _forms[key] = (form, Path.GetFileName(file));
        }
    }

    public IReadOnlyList<FormSummary> List() =>
        _forms.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new FormSummary(f.Key, Title(f.Value.Form), f.Value.File)).ToList();

    public JsonObject? Find(string key) => _forms.TryGetValue(key, out var form) ? form.Form : null;

    /// <summary>The first heading of the form's first text component, without the '#'.</summary>
    private static string? Title(JsonObject form) =>
        form["components"] is JsonArray components
        && components.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "text") is { } text
        && (string?)text["text"] is { } markdown
            ? markdown.Split('\n')[0].TrimStart('#', ' ').Trim()
            : null;
}
