namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>BSNs that pass the elfproef (the partner simulators refuse others).</summary>
public static class TestBsn
{
    public static string For(int n)
    {
        for (var candidate = 10_000_000 + (n * 3); ; candidate++)
        {
            var prefix = candidate.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (9 - i) * (prefix[i] - '0');
            }

            if (sum % 11 < 10)
            {
                return prefix + (sum % 11).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
