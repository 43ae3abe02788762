using System.Text;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Workflows.Personen;

namespace Inburgering.Activities.Tests.Duo;

public sealed class PersoonReferentieTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("persoonreferentie-test-secret-0123");

    [Fact]
    public void Compute_TheSameBsnAndSecret_GiveTheSameReference() =>
        Assert.Equal(PersoonReferentie.Compute(Secret, "111222333"), PersoonReferentie.Compute(Secret, "111222333"));

    [Fact]
    public void Compute_IsPPlusTwentyBase32Characters()
    {
        var reference = PersoonReferentie.Compute(Secret, "111222333");
        Assert.Matches("^P-[A-Z2-7]{20}$", reference);
        Assert.True(PersoonReferentie.LooksValid(reference));
    }

    [Fact]
    public void Compute_NeverContainsTheBsnOrItsDigits()
    {
        for (var i = 0; i < 200; i++)
        {
            var bsn = TestBsn.Next();
            var reference = PersoonReferentie.Compute(Secret, bsn);
            Assert.DoesNotContain(bsn, reference, StringComparison.Ordinal);
            Assert.DoesNotContain(reference, c => char.IsAsciiDigit(c) && c is '0' or '1' or '8' or '9');
        }
    }

    [Fact]
    public void Compute_DifferentBsns_GiveDifferentReferences() =>
        Assert.NotEqual(PersoonReferentie.Compute(Secret, "111222333"), PersoonReferentie.Compute(Secret, "123456782"));

    [Fact]
    public void Compute_AnotherSecret_GivesAnotherReference() =>
        Assert.NotEqual(
            PersoonReferentie.Compute(Secret, "111222333"),
            PersoonReferentie.Compute(Encoding.UTF8.GetBytes("another-secret-of-sufficient-length"), "111222333"));

    [Fact]
    public void Compute_WithoutASecret_RefusesToWork() =>
        Assert.Throws<InvalidOperationException>(() => PersoonReferentie.Compute([], "111222333"));

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_MatchesRfc4648WithoutPadding(string input, string expected) =>
        Assert.Equal(expected, PersoonReferentie.Base32(Encoding.ASCII.GetBytes(input)));

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("123456789", false)]
    [InlineData("000000000", false)]
    [InlineData("12345678", false)]
    [InlineData("1234567820", false)]
    [InlineData("12345678a", false)]
    [InlineData(null, false)]
    public void Bsn_IsValid_AppliesTheElfproef(string? bsn, bool valid) =>
        Assert.Equal(valid, Bsn.IsValid(bsn));

    [Fact]
    public void BerichtId_IsDeterministicPerKeyAndOperation_AndAVersion8Uuid()
    {
        var a = DuoBerichtId.Derive("job-1", "postPipByBsn");
        Assert.Equal(a, DuoBerichtId.Derive("job-1", "postPipByBsn"));
        Assert.NotEqual(a, DuoBerichtId.Derive("job-1", "updateMapByBsn"));
        Assert.NotEqual(a, DuoBerichtId.Derive("job-2", "postPipByBsn"));
        var text = a.ToString("D");
        Assert.Equal('8', text[14]);
        Assert.Contains(text[19], "89ab");
    }
}
