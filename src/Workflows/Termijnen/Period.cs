using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Inburgering.Workflows.Termijnen;

/// <summary>
/// A calendar period (years, months, weeks, days) as the law counts it: "drie jaar", "tien weken", "zes maanden".
/// Adding follows <see cref="DateOnly.AddMonths"/>: a day that does not exist in the target month clamps to its
/// last day (31 August + 6 months = 28/29 February). Renders as an ISO 8601 duration for BPMN timers.
/// </summary>
public readonly partial record struct Period(int Years = 0, int Months = 0, int Weeks = 0, int Days = 0)
{
    public static Period OfYears(int years) => new(Years: years);

    public static Period OfMonths(int months) => new(Months: months);

    public static Period OfWeeks(int weeks) => new(Weeks: weeks);

    public static Period OfDays(int days) => new(Days: days);

    public bool IsZero => Years == 0 && Months == 0 && Weeks == 0 && Days == 0;

    public bool IsNegative => Years < 0 || Months < 0 || Weeks < 0 || Days < 0;

    /// <summary>Years and months first (as one month count, so no double clamping), then weeks and days.</summary>
    public DateOnly AddTo(DateOnly date) => date.AddMonths((Years * 12) + Months).AddDays((Weeks * 7) + Days);

    /// <summary>The date this period before <paramref name="date"/>.</summary>
    public DateOnly SubtractFrom(DateOnly date) => date.AddMonths(-((Years * 12) + Months)).AddDays(-((Weeks * 7) + Days));

    /// <summary>ISO 8601 duration, e.g. P3Y, P1Y6M, P10W, P16W, P2M14D. Weeks mixed with other parts are written as days.</summary>
    public string ToIso8601()
    {
        if (IsNegative)
            throw new InvalidOperationException("Een negatieve periode heeft geen ISO 8601-weergave.");
        if (IsZero)
            return "P0D";
        if (Weeks != 0 && Years == 0 && Months == 0 && Days == 0)
            return string.Create(CultureInfo.InvariantCulture, $"P{Weeks}W");

        var text = new StringBuilder("P");
        if (Years != 0) text.Append(CultureInfo.InvariantCulture, $"{Years}Y");
        if (Months != 0) text.Append(CultureInfo.InvariantCulture, $"{Months}M");
        var days = (Weeks * 7) + Days;
        if (days != 0) text.Append(CultureInfo.InvariantCulture, $"{days}D");
        return text.ToString();
    }

    public override string ToString() => ToIso8601();

    /// <summary>Parses the date part of an ISO 8601 duration (PnYnMnWnD); time parts are not used for legal terms.</summary>
    public static Period ParseIso8601(string text)
    {
        var match = IsoPattern().Match(text ?? string.Empty);
        if (!match.Success || text == "P")
            throw new FormatException($"'{text}' is geen ISO 8601-periode in de vorm PnYnMnWnD.");
        return new Period(Part(match, "y"), Part(match, "m"), Part(match, "w"), Part(match, "d"));

        static int Part(Match m, string name) =>
            m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<m>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();
}
