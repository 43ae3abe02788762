using Inburgering.Workflows.Personen;

namespace Inburgering.Workflows.Tests.Personen;

/// <summary>The creditors of financieel ontzorgen (Participatiewet art. 56a) are paid on a Dutch IBAN: ISO 13616 check digits, mod 97.</summary>
public class IbanTests
{
    [Theory]
    [InlineData("NL91ABNA0417164300", "NL91ABNA0417164300")]
    [InlineData("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300")]
    [InlineData("nl20ingb0001234567", "NL20INGB0001234567")]
    [InlineData(" NL18RABO0123459876 ", "NL18RABO0123459876")]
    public void TryNormalize_ValidDutchIban_GivesItWithoutSpacesInCapitals(string text, string expected)
    {
        Assert.True(Iban.TryNormalize(text, out var iban, out _));
        Assert.Equal(expected, iban);
    }

    [Theory]
    [InlineData(null, "ontbreekt")]
    [InlineData("", "ontbreekt")]
    [InlineData("NL91ABNA041716430", "18 tekens")]
    [InlineData("DE89370400440532013000", "18 tekens")]
    [InlineData("NL91AB1A0417164300", "18 tekens")]
    [InlineData("NL91ABNA0417164301", "modulus 97")]
    [InlineData("NL19ABNA0417164300", "modulus 97")]
    public void TryNormalize_NotADutchIban_SaysWhyInDutch_WithoutRepeatingTheValue(string? text, string reason)
    {
        Assert.False(Iban.TryNormalize(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(text))
        {
            Assert.DoesNotContain(text, error, StringComparison.Ordinal);
        }
    }
}
