namespace Inburgering.Activities.Duo.Notificaties;

/// <summary>The burgerservicenummer: nine digits that pass the elfproef.</summary>
public static class Bsn
{
    /// <summary>
    /// Nine ASCII digits, not all zero, with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11 (the BSN variant of the elfproef).
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (value is not { Length: 9 } || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (value[i] - '0');
        }

        sum -= value[8] - '0';
        return sum % 11 == 0 && value.Any(c => c != '0');
    }
}
