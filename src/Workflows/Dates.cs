using System.Globalization;

namespace Inburgering.Workflows;

/// <summary>Date formatting shared by reasons and expression functions: ISO for machines, dd-MM-yyyy for people.</summary>
internal static class Dates
{
    /// <summary>Dutch number formatting for reasons people read (decimal comma).</summary>
    public static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Dutch(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    public static DateOnly ParseIso(string value, string what)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new FormatException($"{what}: '{value}' is geen datum in de vorm jjjj-mm-dd.");
    }
}
