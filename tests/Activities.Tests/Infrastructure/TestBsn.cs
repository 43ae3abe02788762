namespace Inburgering.Activities.Tests.Infrastructure;

/// <summary>Fresh BSNs that pass the elfproef, so tests never share a person.</summary>
public static class TestBsn
{
    private static int _counter = 10_000_000;

    public static string Next()
    {
        while (true)
        {
            var prefix = Interlocked.Increment(ref _counter).ToString("D8");
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (9 - i) * (prefix[i] - '0');
            }

            var check = sum % 11;
            if (check < 10)
            {
                return prefix + check;
            }
        }
    }
}
