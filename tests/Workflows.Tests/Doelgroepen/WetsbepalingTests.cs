using Inburgering.Workflows.Doelgroepen;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Doelgroepen;

public class WetsbepalingTests
{
    [Fact]
    public void Determine_ObligationStartedOn2022_01_01_IsWi2021AndInScope()
    {
        var result = Wetsbepaling.Determine(new InburgeringsplichtFeiten(true, D("2022-01-01")));

        Assert.Equal(Wet.Wi2021, result.Wet);
        Assert.True(result.InScope);
        Assert.Equal("WET-WI2021", result.Code);
    }

    [Fact]
    public void Determine_ObligationStartedOn2021_12_31_IsWi2013AndRefusedWithDutchReason()
    {
        var result = Wetsbepaling.Determine(new InburgeringsplichtFeiten(true, D("2021-12-31")));

        Assert.Equal(Wet.Wi2013, result.Wet);
        Assert.False(result.InScope);
        Assert.Equal("WET-WI2013", result.Code);
        Assert.Contains("31-12-2021", result.Reason);
        Assert.Contains("Wet inburgering 2013", result.Reason);
    }

    [Fact]
    public void Determine_ObligedWithoutBegindatum_IsRefusedBecauseTheLawCannotBeDecided()
    {
        var result = Wetsbepaling.Determine(new InburgeringsplichtFeiten(true, null));

        Assert.False(result.InScope);
        Assert.Null(result.Wet);
        Assert.Equal("PLICHT-BEGIN-ONBEKEND", result.Code);
    }

    [Theory]
    [InlineData(RedenGeenInburgeringsplicht.VolledigeOntheffing, "GEEN-PLICHT-ONTHEFFING")]
    [InlineData(RedenGeenInburgeringsplicht.VolledigeVrijstelling, "GEEN-PLICHT-VRIJSTELLING")]
    [InlineData(RedenGeenInburgeringsplicht.InburgeringsplichtVoldaan, "GEEN-PLICHT-VOLDAAN")]
    [InlineData(RedenGeenInburgeringsplicht.VerblijfsdoelGewijzigd, "GEEN-PLICHT-VERBLIJFSDOEL")]
    [InlineData(RedenGeenInburgeringsplicht.VertrekUitNederland, "GEEN-PLICHT-VERTREK")]
    [InlineData(RedenGeenInburgeringsplicht.Overlijden, "GEEN-PLICHT-OVERLEDEN")]
    [InlineData(RedenGeenInburgeringsplicht.TijdelijkeVrijstelling, "GEEN-PLICHT-TIJDELIJKE-VRIJSTELLING")]
    [InlineData(RedenGeenInburgeringsplicht.Overig, "GEEN-PLICHT-OVERIG")]
    public void Determine_NotObliged_IsOutOfScopeWithDuosReason(RedenGeenInburgeringsplicht reden, string code)
    {
        var result = Wetsbepaling.Determine(new InburgeringsplichtFeiten(false, D("2023-05-01"), reden));

        Assert.False(result.InScope);
        Assert.Equal(code, result.Code);
        Assert.StartsWith("Geen inburgeringsplicht volgens DUO", result.Reason);
    }

    [Fact]
    public void Determine_NotObligedEvenWithA2022Begindatum_IsNotWi2021()
    {
        var result = Wetsbepaling.Determine(new InburgeringsplichtFeiten(false, D("2022-06-01")));

        Assert.False(result.InScope);
        Assert.Null(result.Wet);
    }
}
