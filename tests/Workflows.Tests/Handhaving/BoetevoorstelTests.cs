using Inburgering.Workflows.Handhaving;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Handhaving;

public class BoetevoorstelTests
{
    [Fact]
    public void MayPropose_WithoutInterventions_IsRefused()
    {
        var decision = Boetevoorstel.MayPropose([], D("2023-06-01"));

        Assert.False(decision.IsAllowed);
        Assert.Equal("BOETE-GEEN-INTERVENTIE", decision.Code);
        Assert.Contains("sluitstuk", decision.Reason);
    }

    [Fact]
    public void MayPropose_InterventionTriedButNotDiscussed_IsRefused()
    {
        var decision = Boetevoorstel.MayPropose([new Interventie(Interventiesoort.Schuldhulpverlening, D("2023-05-01"), null)], D("2023-06-01"));

        Assert.False(decision.IsAllowed);
        Assert.Equal("BOETE-INTERVENTIE-NIET-BESPROKEN", decision.Code);
    }

    [Fact]
    public void MayPropose_InterventionDiscussedOnlyAfterTheProposal_IsRefused()
    {
        var decision = Boetevoorstel.MayPropose([new Interventie(Interventiesoort.WmoVoorziening, D("2023-05-01"), D("2023-06-02"))], D("2023-06-01"));

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public void MayPropose_InterventionStartedAfterTheProposal_DoesNotCount()
    {
        var decision = Boetevoorstel.MayPropose([new Interventie(Interventiesoort.ExtraOndersteuning, D("2023-06-02"), D("2023-06-02"))], D("2023-06-01"));

        Assert.Equal("BOETE-GEEN-INTERVENTIE", decision.Code);
    }

    [Fact]
    public void MayPropose_InterventionTriedAndDiscussed_IsAllowed()
    {
        var decision = Boetevoorstel.MayPropose(
            [
                new Interventie(Interventiesoort.AansprekenOpPlichten, D("2023-04-01"), D("2023-04-15")),
                new Interventie(Interventiesoort.ExtraOndersteuning, D("2023-05-01"), D("2023-05-20")),
            ],
            D("2023-06-01"));

        Assert.True(decision.IsAllowed);
        Assert.Contains("20-05-2023", decision.Reason);
    }
}

public class GemeentelijkeBoeteTests
{
    [Theory]
    [InlineData(250)]
    [InlineData(800)]
    public void ValidateAmount_UpToTheCeiling_IsValid(decimal bedrag) =>
        Assert.True(GemeentelijkeBoete.ValidateAmount(bedrag, Boetegrond.NietMeewerkenAanBredeIntake).IsValid);

    [Fact]
    public void ValidateAmount_OneCentAboveTheCeiling_IsRefused()
    {
        var result = GemeentelijkeBoete.ValidateAmount(800.01m, Boetegrond.NietMeewerkenAanPip);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(GemeentelijkeBoete.BedragBovenMaximum, violation.Code);
        Assert.Contains("PIP", violation.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void ValidateAmount_ZeroOrNegative_IsRefused(decimal bedrag) =>
        Assert.True(GemeentelijkeBoete.ValidateAmount(bedrag, Boetegrond.NietNakomenPip).Has(GemeentelijkeBoete.BedragNietPositief));

    [Fact]
    public void ValidateAmount_FractionsOfACent_AreRefused() =>
        Assert.True(GemeentelijkeBoete.ValidateAmount(12.345m, Boetegrond.NietNakomenPip).Has(GemeentelijkeBoete.BedragCenten));

    [Fact]
    public void ValidateAmount_WithAConfiguredCeiling_UsesIt()
    {
        var normen = Wi2021Normen.Default with { MaximaleGemeentelijkeBoete = 500m };

        Assert.False(GemeentelijkeBoete.ValidateAmount(600m, Boetegrond.NietNakomenPip, normen).IsValid);
    }
}

public class DuoResultaatboeteTests
{
    [Fact]
    public void Applies_AsielstatushouderByDefault_IsOffBecauseOfThe2025Rulings()
    {
        var decision = DuoResultaatboete.Applies(Workflows.Doelgroepen.Doelgroep.Asielstatushouder);

        Assert.False(decision.IsAllowed);
        Assert.Equal("DUO-BOETE-ASIEL-UIT", decision.Code);
        Assert.Contains("2025", decision.Reason);
        Assert.Contains("Raad van State", decision.Reason);
    }

    [Fact]
    public void Applies_AsielstatushouderWithTheSettingOn_IsAllowedWithAWarning()
    {
        var decision = DuoResultaatboete.Applies(Workflows.Doelgroepen.Doelgroep.Asielstatushouder, new HandhavingInstellingen(DuoResultaatboeteAsielstatushouders: true));

        Assert.True(decision.IsAllowed);
        Assert.Contains("uitzonderlijke", decision.Reason);
    }

    [Theory]
    [InlineData(Workflows.Doelgroepen.Doelgroep.Gezinsmigrant)]
    [InlineData(Workflows.Doelgroepen.Doelgroep.OverigeMigrant)]
    public void Applies_OtherDoelgroepen_IsAllowedRegardlessOfTheSetting(Workflows.Doelgroepen.Doelgroep doelgroep) =>
        Assert.True(DuoResultaatboete.Applies(doelgroep).IsAllowed);
}
