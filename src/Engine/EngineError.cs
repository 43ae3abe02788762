using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inburgering.Engine;

/// <summary>
/// What the engine reports when it refuses a command, rejects a BPMN file or stops a path with an incident: a stable
/// <see cref="Code"/> (one of <see cref="EngineErrors.All"/>), the arguments that fill its text, and the error it follows
/// from, if any (a timer that fails because its duration does). <see cref="Message"/> is the engine's neutral English
/// default; a host words the code in its users' language with <see cref="Render"/>.
/// </summary>
public sealed partial class EngineError
{
    private static readonly IReadOnlyDictionary<string, string> NoArguments = new Dictionary<string, string>(StringComparer.Ordinal);

    internal EngineError(ErrorCode definition, IReadOnlyDictionary<string, string> arguments, EngineError? cause)
    {
        Definition = definition;
        Arguments = arguments;
        Cause = cause;
    }

    /// <summary>The stable code, e.g. <c>task.claimed-by-other</c>. Never changes meaning; a new meaning gets a new code.</summary>
    public string Code => Definition.Code;

    /// <summary>What kind of refusal it is (a host maps it to a status code).</summary>
    public EngineErrorKind Kind => Definition.Kind;

    /// <summary>The values that fill the text's placeholders, by name (invariant culture).</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; }

    /// <summary>The error this one follows from (its text fills the <c>{cause}</c> placeholder), or null.</summary>
    public EngineError? Cause { get; }

    /// <summary>The engine's English default text.</summary>
    public string Message => Render(static _ => null);

    internal ErrorCode Definition { get; }

    /// <summary>
    /// The text of this error from the host's own <paramref name="templates"/> (code → template with <c>{name}</c>
    /// placeholders and <c>{cause}</c> for the cause's text, rendered the same way); the English default for a code the
    /// host has no template for.
    /// </summary>
    public string Render(Func<string, string?> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var template = templates(Code) ?? Definition.Text;
        return Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (name == ErrorCode.CauseName)
            {
                return Cause?.Render(templates) ?? "";
            }

            return Arguments.TryGetValue(name, out var value) ? value : match.Value;
        });
    }

    public override string ToString() => $"{Code}: {Message}";

    /// <summary>The error as JSON (code, arguments, cause), e.g. to keep it with an incident.</summary>
    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["code"] = Code };
        if (Arguments.Count > 0)
        {
            json["arguments"] = new JsonObject(Arguments.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        if (Cause is not null)
        {
            json["cause"] = Cause.ToJson();
        }

        return json;
    }

    /// <summary>Reads an error the engine recorded as JSON (<c>{code, arguments, cause}</c>, e.g. in the journal), or null.</summary>
    public static EngineError? Parse(JsonNode? json) => FromJson(json);

    /// <summary>Reads an error written by <see cref="ToJson"/>; a code this version no longer knows keeps its stored text.</summary>
    internal static EngineError? FromJson(JsonNode? node, string? fallbackText = null)
    {
        if (node is not JsonObject json || (string?)json["code"] is not { Length: > 0 } code)
        {
            return null;
        }

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json["arguments"] is JsonObject stored)
        {
            foreach (var (name, value) in stored)
            {
                arguments[name] = value?.ToString() ?? "";
            }
        }

        var definition = EngineErrors.Find(code) ?? new ErrorCode(code, EngineErrorKind.Incident, fallbackText ?? code);
        return new EngineError(definition, arguments, FromJson(json["cause"]));
    }

    internal static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        Guid g => g.ToString("D"),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? "",
    };

    internal static IReadOnlyDictionary<string, string> ArgumentsOf((string Name, object? Value)[] arguments) =>
        arguments.Length == 0
            ? NoArguments
            : arguments.ToDictionary(a => a.Name, a => Format(a.Value), StringComparer.Ordinal);

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    internal static partial Regex Placeholder();
}

/// <summary>
/// One code of the engine's error list (<see cref="EngineErrors.All"/>): the stable code, its kind, and the English default
/// text with <c>{name}</c> placeholders (and <c>{cause}</c> where the text of a causing error goes).
/// </summary>
public sealed class ErrorCode
{
    internal const string CauseName = "cause";

    internal ErrorCode(string code, EngineErrorKind kind, string text)
    {
        Code = code;
        Kind = kind;
        Text = text;
        var names = EngineError.Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Parameters = names.Where(n => n != CauseName).Distinct(StringComparer.Ordinal).ToList();
        HasCause = names.Contains(CauseName);
    }

    public string Code { get; }

    public EngineErrorKind Kind { get; }

    /// <summary>The English default text.</summary>
    public string Text { get; }

    /// <summary>The names of the arguments the text uses, in order of appearance.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Whether the text includes the text of a causing error (<c>{cause}</c>).</summary>
    public bool HasCause { get; }

    public override string ToString() => Code;

    internal EngineError With(params (string Name, object? Value)[] arguments) => new(this, EngineError.ArgumentsOf(arguments), null);

    internal EngineError Because(EngineError cause, params (string Name, object? Value)[] arguments) => new(this, EngineError.ArgumentsOf(arguments), cause);

    internal EngineException Exception(params (string Name, object? Value)[] arguments) => new(With(arguments));
}
