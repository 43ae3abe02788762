using Inburgering.Workflows.Doelgroepen;

namespace Inburgering.Workflows.Tests.Doelgroepen;

public class EntitlementsTests
{
    [Fact]
    public void For_Asielstatushouder_GetsMaatschappelijkeBegeleidingOntzorgingAndTaalonderwijsFromTheGemeente()
    {
        var e = Entitlements.For(Doelgroep.Asielstatushouder);

        Assert.True(e.MaatschappelijkeBegeleiding);
        Assert.True(e.OntzorgingWhenOnBijstand);
        Assert.True(e.TaalonderwijsByGemeente);
        Assert.True(e.ZRouteParticipatiecomponent);
        Assert.True(e.GeschatteIntensiteitB1Route);
    }

    [Theory]
    [InlineData(Doelgroep.Gezinsmigrant)]
    [InlineData(Doelgroep.OverigeMigrant)]
    public void For_GezinsOrOverigeMigrant_GetsIntakePipPvtButArrangesOwnTaalonderwijs(Doelgroep doelgroep)
    {
        var e = Entitlements.For(doelgroep);

        Assert.True(e.BredeIntake);
        Assert.True(e.Pip);
        Assert.True(e.Begeleiding);
        Assert.True(e.Pvt);
        Assert.False(e.MaatschappelijkeBegeleiding);
        Assert.False(e.OntzorgingWhenOnBijstand);
        Assert.False(e.TaalonderwijsByGemeente);
        Assert.False(e.ZRouteParticipatiecomponent);
        Assert.Equal("TAAL-ZELF", Entitlements.TaalonderwijsByGemeenteFor(doelgroep).Code);
    }

    [Fact]
    public void OntzorgingFor_AsielstatushouderWithBijstand_IsAllowed()
    {
        var decision = Entitlements.OntzorgingFor(Doelgroep.Asielstatushouder, hasRightToBijstand: true);

        Assert.True(decision.IsAllowed);
        Assert.Contains("56a", decision.Reason);
    }

    [Fact]
    public void OntzorgingFor_AsielstatushouderWithoutBijstand_IsRefused()
    {
        var decision = Entitlements.OntzorgingFor(Doelgroep.Asielstatushouder, hasRightToBijstand: false);

        Assert.False(decision.IsAllowed);
        Assert.Equal("ONTZORGING-GEEN-BIJSTAND", decision.Code);
    }

    [Fact]
    public void OntzorgingFor_GezinsmigrantEvenWithBijstand_IsRefused()
    {
        var decision = Entitlements.OntzorgingFor(Doelgroep.Gezinsmigrant, hasRightToBijstand: true);

        Assert.False(decision.IsAllowed);
        Assert.Equal("ONTZORGING-GEEN-ASIEL", decision.Code);
    }

    [Fact]
    public void MaatschappelijkeBegeleidingFor_OverigeMigrant_IsRefusedWithReason()
    {
        var decision = Entitlements.MaatschappelijkeBegeleidingFor(Doelgroep.OverigeMigrant);

        Assert.False(decision.IsAllowed);
        Assert.Contains("overige migrant", decision.Reason);
    }


    [Theory]
    [InlineData("Asielstatushouder", "Gezinshereniger met Asielstatushouder", Doelgroep.Asielstatushouder)]
    [InlineData("Asielstatushouder", null, Doelgroep.Asielstatushouder)]
    [InlineData("Gezinsmigrant en overige migrant", "Gezinsvormer", Doelgroep.Gezinsmigrant)]
    [InlineData("Gezinsmigrant en overige migrant", "Gezinshereniger", Doelgroep.Gezinsmigrant)]
    [InlineData("Gezinsmigrant en overige migrant", "Geestelijk bedienaar", Doelgroep.OverigeMigrant)]
    [InlineData("Gezinsmigrant en overige migrant", "Overig", Doelgroep.OverigeMigrant)]
    [InlineData("Gezinsmigrant en overige migrant", null, Doelgroep.OverigeMigrant)]
    public void FromDuo_IndelingDecidesTheRightsAndTheDetailSplitsGezinFromOverig(string indeling, string? detail, Doelgroep expected) =>
        Assert.Equal(expected, DoelgroepExtensions.FromDuo(indeling, detail));

    [Fact]
    public void FromDuo_UnknownIndeling_Throws() =>
        Assert.Throws<FormatException>(() => DoelgroepExtensions.FromDuo("Kennismigrant"));
}
