using System.Diagnostics.CodeAnalysis;

namespace Inburgering.Workflows.Personen;

/// <summary>
/// A CBS gemeentecode: four digits ("0632" is Woerden). CBS also writes it with the prefix "GM" ("GM0632"); both parse to
/// the four digits, which is how the service stores, compares and sends it. The one check of a gemeentecode in the keten.
/// </summary>
public readonly record struct Gemeentecode
{
    private Gemeentecode(string value) => Value = value;

    /// <summary>The four digits.</summary>
    public string Value { get; }

    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    public static bool TryParse(string? text, out Gemeentecode code) => TryParse(text, out code, out _);

    /// <summary>Parses "0632" or "GM0632" (any case, surrounding white space allowed); the error is Dutch.</summary>
    public static bool TryParse(string? text, out Gemeentecode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        var value = text?.Trim() ?? "";
        if (value.StartsWith("GM", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..];
        }

        if (value.Length != 4 || !value.All(char.IsAsciiDigit))
        {
            error = string.IsNullOrWhiteSpace(text)
                ? "De gemeentecode ontbreekt: een CBS-gemeentecode bestaat uit 4 cijfers (bijvoorbeeld 0632 voor Woerden)."
                : $"Gemeentecode '{text!.Trim()}' is ongeldig: een CBS-gemeentecode bestaat uit precies 4 cijfers (bijvoorbeeld 0632 voor Woerden).";
            return false;
        }

        code = new Gemeentecode(value);
        error = null;
        return true;
    }

    /// <summary>Parses a gemeentecode or throws a <see cref="FormatException"/> with the Dutch reason.</summary>
    public static Gemeentecode Parse(string? text) => TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    /// <summary>The four digits of a valid code, or null: for partner input that may carry "GM0632".</summary>
    public static string? Normalize(string? text) => TryParse(text, out var code) ? code.Value : null;

    public override string ToString() => Value ?? "";
}
