using Inburgering.Workflows.Policy;

namespace Inburgering.Workflows.Tests.Policy;

public class VierOgenTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.LoadOrThrow(RepoRoot.GemeentenFolder);

    [Fact]
    public void CheckVierOgen_TwoDifferentPeopleInWoerden_IsAllowed() =>
        Assert.True(Catalog.For("0632").CheckVierOgen("consulent-17", "begeleider-4").IsAllowed);

    [Fact]
    public void CheckVierOgen_SamePersonTwice_IsRefused()
    {
        var decision = Catalog.For("0632").CheckVierOgen("consulent-17", " Consulent-17 ");

        Assert.False(decision.IsAllowed);
        Assert.Equal("VIER-OGEN-ZELFDE-PERSOON", decision.Code);
    }

    [Fact]
    public void CheckVierOgen_NoMaatschappelijkBegeleider_IsRefused() =>
        Assert.Equal("VIER-OGEN-GEEN-BEGELEIDER", Catalog.For("0335").CheckVierOgen("consulent-17", null).Code);

    [Fact]
    public void CheckVierOgen_NoCasusregisseur_IsRefused() =>
        Assert.Equal("VIER-OGEN-GEEN-CASUSREGISSEUR", Catalog.For("0589").CheckVierOgen("", "begeleider-4").Code);

    [Fact]
    public void CheckVierOgen_WhenThePolicyIsOff_OnePersonIsEnough() =>
        Assert.True(Catalog.For("0505").CheckVierOgen("regisseur-2", null).IsAllowed);
}
