using System.Globalization;
using System.Text.RegularExpressions;

namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>The Prometheus text format as a scraper reads it: every sample line parsed (series with labels → value).</summary>
public static partial class PrometheusText
{
    /// <summary>Every sample of <paramref name="text"/>; a line that is neither a comment nor a valid sample fails the test.</summary>
    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, $"Not a Prometheus sample line: {line}");
            samples[match.Groups["series"].Value] = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    [GeneratedRegex(@"^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*\})?) (?<value>[^ ]+)( -?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Sample();
}
