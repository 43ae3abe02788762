using System.Diagnostics.CodeAnalysis;

namespace Inburgering.Workflows.Personen;

/// <summary>
/// The burgerservicenummer: nine digits that pass the elfproef (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, not all
/// zero). The key at DUO and at the uitkering; never in a log line, a URL of our own UI or an error message: <see cref="ToString"/>
/// hides it and the parse errors do not repeat it. <see cref="Value"/> is for the wire to a partner.
/// </summary>
public readonly record struct Bsn
{
    private Bsn(string value) => Value = value;

    /// <summary>The nine digits, for a partner's request.</summary>
    public string Value { get; }

    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    public static bool TryParse(string? text, out Bsn bsn) => TryParse(text, out bsn, out _);

    /// <summary>Parses a BSN (surrounding white space allowed). The error says what is wrong in Dutch, without the value.</summary>
    public static bool TryParse(string? text, out Bsn bsn, [NotNullWhen(false)] out string? error)
    {
        bsn = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            error = "Het burgerservicenummer ontbreekt.";
            return false;
        }

        if (value.Length != 9 || !value.All(char.IsAsciiDigit))
        {
            error = "Een burgerservicenummer bestaat uit precies 9 cijfers.";
            return false;
        }

        if (!Elfproef.Holds(value))
        {
            error = "Het burgerservicenummer voldoet niet aan de elfproef.";
            return false;
        }

        bsn = new Bsn(value);
        error = null;
        return true;
    }

    /// <summary>Parses a BSN or throws a <see cref="FormatException"/> with the Dutch reason.</summary>
    public static Bsn Parse(string? text) => TryParse(text, out var bsn, out var error) ? bsn : throw new FormatException(error);

    /// <summary>Never the number itself (AVG): a BSN that reaches a log or a message by accident says only that it is one.</summary>
    public override string ToString() => "BSN (verborgen)";
}

/// <summary>The elfproef shared by the BSN and the RSIN (in a gemeente's OIN).</summary>
internal static class Elfproef
{
    /// <summary>Nine ASCII digits, not all zero, with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11.</summary>
    public static bool Holds(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != 9)
        {
            return false;
        }

        var sum = 0;
        var allZero = true;
        for (var i = 0; i < 9; i++)
        {
            var c = nineDigits[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            allZero &= c == '0';
            sum += (i < 8 ? 9 - i : -1) * (c - '0');
        }

        return !allZero && sum % 11 == 0;
    }
}
