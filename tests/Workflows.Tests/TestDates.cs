using System.Globalization;

namespace Inburgering.Workflows.Tests;

internal static class TestDates
{
    /// <summary>A date from "yyyy-MM-dd", so boundary cases read like the calendar.</summary>
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
