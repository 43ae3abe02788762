using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Policy;

namespace Inburgering.Workflows.Tests.Policy;

/// <summary>The policy files shipped in workflow-definitions/gemeenten load, validate and say what the seeds say.</summary>
public class RepoPolicyFilesTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.LoadOrThrow(RepoRoot.GemeentenFolder);

    [Fact]
    public void Load_TheRepoFiles_HaveNoProblems()
    {
        var result = PolicyCatalog.Load(RepoRoot.GemeentenFolder);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(["fermwerk", "sdd", "werksaam"], result.Catalog!.Organisaties.Select(o => o.Id));
    }

    [Fact]
    public void Load_TheRepoFiles_HoldAllFifteenGemeentenWithCbsCodes()
    {
        var codes = Catalog.Gemeenten.ToDictionary(g => g.Code, g => g.Naam);

        Assert.Equal(15, codes.Count);
        Assert.Equal("Woerden", codes["0632"]);
        Assert.Equal("Bodegraven-Reeuwijk", codes["1901"]);
        Assert.Equal("Montfoort", codes["0335"]);
        Assert.Equal("Oudewater", codes["0589"]);
        Assert.Equal("Dordrecht", codes["0505"]);
        Assert.Equal("Zwijndrecht", codes["0642"]);
        Assert.Equal("Papendrecht", codes["0590"]);
        Assert.Equal("Hendrik-Ido-Ambacht", codes["0531"]);
        Assert.Equal("Drechterland", codes["0498"]);
        Assert.Equal("Enkhuizen", codes["0388"]);
        Assert.Equal("Hoorn", codes["0405"]);
        Assert.Equal("Koggenland", codes["1598"]);
        Assert.Equal("Medemblik", codes["0420"]);
        Assert.Equal("Opmeer", codes["0417"]);
        Assert.Equal("Stede Broec", codes["0532"]);
    }

    [Theory]
    [InlineData("0632", Casuistiekoverlegvorm.Periodiek)]
    [InlineData("1901", Casuistiekoverlegvorm.Periodiek)]
    [InlineData("0335", Casuistiekoverlegvorm.AdHoc)]
    [InlineData("0589", Casuistiekoverlegvorm.AdHoc)]
    public void FermWerk_CasuistiekoverlegAsInTheMemo(string code, Casuistiekoverlegvorm vorm)
    {
        var beleid = Catalog.For(code);

        Assert.Equal(vorm, beleid.Casuistiekoverleg.Vorm);
        Assert.Equal(vorm == Casuistiekoverlegvorm.Periodiek, beleid.Casuistiekoverleg.IntervalWeken is not null);
    }

    [Theory]
    [InlineData("0632", "Utrecht Midden")]
    [InlineData("0335", "Utrecht Midden")]
    [InlineData("0589", "Utrecht Midden")]
    [InlineData("1901", "Midden-Holland")]
    public void FermWerk_ArbeidsmarktregioAsInTheMemo(string code, string regio) =>
        Assert.Equal(regio, Catalog.For(code).Arbeidsmarktregio);

    [Fact]
    public void FermWerk_BodegravenReeuwijkHasItsOwnTaalaanbieder_TheOthersShareTheDefault()
    {
        var bodegraven = Catalog.For("1901").TaalaanbiederFor(Leerroute.B1Route);
        var woerden = Catalog.For("0632").TaalaanbiederFor(Leerroute.B1Route);

        Assert.Equal("taal-midden-holland", bodegraven.PartnerId);
        Assert.Equal("taal-utrecht-midden", woerden.PartnerId);
        Assert.Equal(woerden, Catalog.For("0589").TaalaanbiederFor(Leerroute.B1Route));
    }

    [Fact]
    public void FermWerk_VierOgenAndOntzorgingForAllFour()
    {
        foreach (var code in new[] { "0632", "1901", "0335", "0589" })
        {
            var beleid = Catalog.For(code);
            Assert.True(beleid.VierOgen, code);
            Assert.Equal(6, beleid.Ontzorging.DuurMaanden);
            Assert.Equal(["huur", "energie", "water", "zorgverzekering"], beleid.Ontzorging.Kostenposten);
            Assert.Equal(4, beleid.Ontzorging.EvaluatieVoorlooptijdWeken);
            Assert.Equal("Ferm Werk", beleid.OrganisatieNaam);
        }
    }

    [Fact]
    public void Sdd_VluchtelingenwerkBevordertFinancieleZelfredzaamheid()
    {
        var partner = Catalog.For("0505").FinancieleZelfredzaamheid;

        Assert.Equal("vluchtelingenwerk", partner.PartnerId);
        Assert.True(partner.IsBevestigd);
    }

    [Fact]
    public void AllGemeenten_HaveA20DigitOinMarkedAsPlaceholder()
    {
        Assert.All(Catalog.Gemeenten, g =>
        {
            Assert.Matches("^[0-9]{20}$", g.Oin.Waarde);
            Assert.True(g.Oin.IsPlaceholder, $"{g.Naam}: the OINs in the repo are placeholders until the real ones are filled in");
        });
    }

    [Fact]
    public void AllGemeenten_HaveATaalaanbiederForEveryLeerroute() =>
        Assert.All(Catalog.Gemeenten, g => Assert.Equal(3, g.Taalaanbieders.Count));

    [Fact]
    public void AllGemeenten_DuoResultaatboeteForAsielIsOff() =>
        Assert.All(Catalog.Gemeenten, g => Assert.False(g.Handhaving.DuoResultaatboeteAsielstatushouders));

    [Fact]
    public void For_UnknownCode_ThrowsWithTheKnownCodes()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Catalog.For("0363"));

        Assert.Contains("0363", ex.Message);
        Assert.Contains("0632", ex.Message);
    }
}
