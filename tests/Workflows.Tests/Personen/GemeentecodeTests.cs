using Inburgering.Workflows.Personen;

namespace Inburgering.Workflows.Tests.Personen;

public class GemeentecodeTests
{
    [Theory]
    [InlineData("0632", "0632")]
    [InlineData("GM0632", "0632")]
    [InlineData("gm1901", "1901")]
    [InlineData(" 0335 ", "0335")]
    public void Parse_FourDigitsWithOrWithoutGM_IsTheFourDigits(string text, string expected) =>
        Assert.Equal(expected, Gemeentecode.Parse(text).Value);

    [Theory]
    [InlineData("632")]
    [InlineData("06320")]
    [InlineData("GM632")]
    [InlineData("Woerden")]
    [InlineData("06 32")]
    public void TryParse_NotFourDigits_IsRefusedWithTheDutchReason(string text)
    {
        Assert.False(Gemeentecode.TryParse(text, out _, out var error));
        Assert.Contains("precies 4 cijfers", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void TryParse_Missing_SaysItIsMissing(string? text)
    {
        Assert.False(Gemeentecode.TryParse(text, out _, out var error));
        Assert.Contains("ontbreekt", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_GivesTheFourDigitsOrNull()
    {
        Assert.Equal("0589", Gemeentecode.Normalize("GM0589"));
        Assert.Null(Gemeentecode.Normalize("589"));
    }
}
