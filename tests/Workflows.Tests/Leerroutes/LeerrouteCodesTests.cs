using Inburgering.Workflows.Doelgroepen;
using Inburgering.Workflows.Leerroutes;

namespace Inburgering.Workflows.Tests.Leerroutes;

/// <summary>The one mapping between the leerroutes and the keten's codes (DUO, taalaanbieder and toetsafnemer, forms).</summary>
public class LeerrouteCodesTests
{
    [Theory]
    [InlineData("B", Leerroute.B1Route)]
    [InlineData("B1", Leerroute.B1Route)]
    [InlineData("b1-route", Leerroute.B1Route)]
    [InlineData("B1Route", Leerroute.B1Route)]
    [InlineData("Z", Leerroute.ZRoute)]
    [InlineData("Z-route", Leerroute.ZRoute)]
    [InlineData("ZRoute", Leerroute.ZRoute)]
    [InlineData("Zelfredzaamheidsroute", Leerroute.ZRoute)]
    [InlineData("O", Leerroute.Onderwijsroute)]
    [InlineData(" Onderwijsroute ", Leerroute.Onderwijsroute)]
    [InlineData("onderwijs", Leerroute.Onderwijsroute)]
    public void Parse_EverySpellingOfTheKeten(string text, Leerroute expected) => Assert.Equal(expected, Leerroute.Parse(text));

    [Theory]
    [InlineData(Leerroute.B1Route, "B", "B1")]
    [InlineData(Leerroute.ZRoute, "Z", "Z-route")]
    [InlineData(Leerroute.Onderwijsroute, "O", "Onderwijsroute")]
    public void Codes_ForDuoAndTheTaalaanbieder_RoundTrip(Leerroute leerroute, string duo, string taalaanbieder)
    {
        Assert.Equal(duo, leerroute.ToDuoCode());
        Assert.Equal(taalaanbieder, leerroute.ToTaalaanbiederCode());
        Assert.Equal(leerroute, Leerroute.FromDuoCode(duo));
        Assert.Equal(leerroute, Leerroute.Parse(taalaanbieder));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A2")]
    [InlineData("B1 plus")]
    public void TryParse_NotALeerroute_SaysWhichOnesThereAre(string? text)
    {
        Assert.False(Leerroute.TryParse(text, out _, out var error));
        Assert.Contains("B1-route (B), Z-route (Z) of onderwijsroute (O)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDuoCode_OnlyDuosCodes() => Assert.Throws<FormatException>(() => Leerroute.FromDuoCode("B1"));

    [Theory]
    [InlineData("a2", Niveau.A2)]
    [InlineData(" B1", Niveau.B1)]
    public void Niveau_Parse_IgnoresCaseAndWhiteSpace(string text, Niveau expected) => Assert.Equal(expected, Niveau.Parse(text));

    [Fact]
    public void Niveau_TryParse_NotALevel_IsRefusedInDutch()
    {
        Assert.False(Niveau.TryParse("C1", out _, out var error));
        Assert.Contains("geen taalniveau", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Asielstatushouder", Doelgroep.Asielstatushouder)]
    [InlineData("Gezinsmigrant", Doelgroep.Gezinsmigrant)]
    [InlineData("OverigeMigrant", Doelgroep.OverigeMigrant)]
    [InlineData("Gezinsmigrant en overige migrant", Doelgroep.OverigeMigrant)]
    public void Doelgroep_Parse_OursAndDuosIndeling(string text, Doelgroep expected) => Assert.Equal(expected, Doelgroep.Parse(text));

    [Fact]
    public void Doelgroep_TryParse_Unknown_IsRefusedInDutch()
    {
        Assert.False(Doelgroep.TryParse("Kennismigrant", out _, out var error));
        Assert.Contains("geen doelgroep", error, StringComparison.Ordinal);
    }
}
