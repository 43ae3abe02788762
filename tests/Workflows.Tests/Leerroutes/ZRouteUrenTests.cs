using Inburgering.Workflows.Doelgroepen;
using Inburgering.Workflows.Leerroutes;

namespace Inburgering.Workflows.Tests.Leerroutes;

public class ZRouteUrenTests
{
    [Fact]
    public void NormFor_Asielstatushouder_Is800CursusPlus800Participatie()
    {
        var norm = ZRouteUren.NormFor(Doelgroep.Asielstatushouder);

        Assert.Equal(800, norm.CursusUren);
        Assert.Equal(800, norm.ParticipatieUren);
        Assert.Equal(1600, norm.Totaal);
    }

    [Theory]
    [InlineData(Doelgroep.Gezinsmigrant)]
    [InlineData(Doelgroep.OverigeMigrant)]
    public void NormFor_OtherDoelgroepen_Is800CursusOnly(Doelgroep doelgroep)
    {
        var norm = ZRouteUren.NormFor(doelgroep);

        Assert.Equal(800, norm.Totaal);
        Assert.Equal(0, norm.ParticipatieUren);
    }

    [Fact]
    public void Progress_HalfTheCursusUren_IsAQuarterForAsiel()
    {
        var progress = ZRouteUren.Progress(Doelgroep.Asielstatushouder, 400, 0);

        Assert.Equal(25, progress.Percentage);
        Assert.Equal(400, progress.CursusResterend);
        Assert.Equal(800, progress.ParticipatieResterend);
        Assert.False(progress.IsComplete);
        Assert.Equal("Nog 400 cursusuren en 800 participatie-uren te gaan (25% van 1600 uur).", progress.Reason);
    }

    [Fact]
    public void Progress_Reason_UsesADutchDecimalComma() =>
        Assert.Contains("399,5 cursusuren", ZRouteUren.Progress(Doelgroep.Gezinsmigrant, 400.5, 0).Reason);

    [Fact]
    public void Progress_AllCursusUrenButNoParticipatie_IsNotCompleteForAsiel() =>
        Assert.False(ZRouteUren.Progress(Doelgroep.Asielstatushouder, 800, 799.5).IsComplete);

    [Fact]
    public void Progress_AllCursusUren_IsCompleteForGezinsmigrant()
    {
        var progress = ZRouteUren.Progress(Doelgroep.Gezinsmigrant, 800, 0);

        Assert.True(progress.IsComplete);
        Assert.Contains("eindgesprek", progress.Reason);
    }

    [Fact]
    public void Progress_MoreThanTheNorm_CountsUpToTheNorm()
    {
        var progress = ZRouteUren.Progress(Doelgroep.Asielstatushouder, 950, 1000);

        Assert.Equal(100, progress.Percentage);
        Assert.Equal(0, progress.CursusResterend);
        Assert.True(progress.IsComplete);
    }

    [Fact]
    public void Progress_NegativeHours_Throw() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ZRouteUren.Progress(Doelgroep.Gezinsmigrant, -1, 0));

    [Fact]
    public void Progress_WithConfiguredNorm_UsesIt()
    {
        var normen = Wi2021Normen.Default with { ZRouteCursusUren = 600 };

        Assert.True(ZRouteUren.Progress(Doelgroep.OverigeMigrant, 600, 0, normen).IsComplete);
    }
}
