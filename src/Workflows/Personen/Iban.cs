using System.Diagnostics.CodeAnalysis;

namespace Inburgering.Workflows.Personen;

/// <summary>
/// A Dutch IBAN (ISO 13616): <c>NL</c>, two check digits, a four-letter bank code and a ten-digit account number, eighteen
/// characters; spaces are allowed between groups. The check digits are valid when the number, with the first four characters
/// moved to the end and letters as 10..35, leaves remainder 1 modulo 97. Used for the creditors of financieel ontzorgen.
/// </summary>
public static class Iban
{
    public static bool IsValid(string? text) => TryNormalize(text, out _, out _);

    /// <summary>The IBAN without spaces, in capitals, or a Dutch error (without repeating the value).</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? iban, [NotNullWhen(false)] out string? error)
    {
        iban = null;
        var value = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (value.Length == 0)
        {
            error = "Het IBAN ontbreekt.";
            return false;
        }

        if (value.Length != 18 || !value.StartsWith("NL", StringComparison.Ordinal)
            || !value.AsSpan(2, 2).ContainsOnlyDigits() || !value.AsSpan(4, 4).ContainsOnlyLetters() || !value.AsSpan(8).ContainsOnlyDigits())
        {
            error = "Een Nederlands IBAN heeft 18 tekens: NL, twee controlecijfers, vier letters van de bank en tien cijfers (bijvoorbeeld NL91 ABNA 0417 1643 00).";
            return false;
        }

        if (Mod97(value[4..] + value[..4]) != 1)
        {
            error = "Het IBAN klopt niet: de controlecijfers passen niet bij het rekeningnummer (modulus 97). Controleer het nummer.";
            return false;
        }

        iban = value;
        error = null;
        return true;
    }

    private static int Mod97(string rearranged)
    {
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var digits = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits < 10 ? ((remainder * 10) + digits) % 97 : ((remainder * 100) + digits) % 97;
        }

        return remainder;
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsOnlyLetters(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < 'A' or > 'Z')
            {
                return false;
            }
        }

        return true;
    }
}
