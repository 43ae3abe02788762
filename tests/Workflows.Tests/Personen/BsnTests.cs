using Inburgering.Workflows.Personen;

namespace Inburgering.Workflows.Tests.Personen;

public class BsnTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData(" 123456782 ")]
    public void Parse_NineDigitsPassingTheElfproef_IsABsn(string text) =>
        Assert.Equal(text.Trim(), Bsn.Parse(text).Value);

    [Theory]
    [InlineData(null, "ontbreekt")]
    [InlineData("", "ontbreekt")]
    [InlineData("12345678", "9 cijfers")]
    [InlineData("1234567890", "9 cijfers")]
    [InlineData("12345678a", "9 cijfers")]
    [InlineData("123456789", "elfproef")]
    [InlineData("000000000", "elfproef")]
    public void TryParse_NotABsn_SaysWhyInDutch_WithoutRepeatingTheValue(string? text, string reason)
    {
        Assert.False(Bsn.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(text))
        {
            Assert.DoesNotContain(text, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_NotABsn_ThrowsAFormatExceptionWithTheReason() =>
        Assert.Contains("elfproef", Assert.Throws<FormatException>(() => Bsn.Parse("123456789")).Message, StringComparison.Ordinal);

    [Fact]
    public void ToString_NeverShowsTheNumber()
    {
        var bsn = Bsn.Parse("111222333");

        Assert.DoesNotContain("111222333", bsn.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("111222333", $"{bsn}", StringComparison.Ordinal);
    }

    [Fact]
    public void TwoParsesOfTheSameNumber_AreEqual() => Assert.Equal(Bsn.Parse("111222333"), Bsn.Parse(" 111222333"));
}
