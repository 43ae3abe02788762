using Inburgering.Workflows.Doelgroepen;
using Inburgering.Workflows.Leerroutes;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Leerroutes;

public class PipValidationTests
{
    // Obligation from 1 March 2022, settled in the gemeente on 1 June 2022.
    private static readonly PipContext FirstPipAsiel = new(Doelgroep.Asielstatushouder, D("2022-03-01"), D("2022-06-01"));

    private static PipContext ChangeOf(DateOnly initieel, DateOnly actueel) =>
        FirstPipAsiel with { DagtekeningInitielePip = initieel, DagtekeningActuelePip = actueel };

    [Fact]
    public void Validate_FirstB1PipWithoutNiveau_IsValid()
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.B1Route), FirstPipAsiel);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_DagtekeningOneDayBeforeStartPlicht_IsRefused()
    {
        var context = FirstPipAsiel with { VestigingInGemeente = D("2022-01-01") };

        var result = PipValidation.Validate(new PipMelding(D("2022-02-28"), Leerroute.B1Route), context);

        Assert.True(result.Has(PipValidation.DagtekeningVoorPlicht));
    }

    [Fact]
    public void Validate_DagtekeningOnStartPlichtAndVestiging_IsValid()
    {
        var context = FirstPipAsiel with { VestigingInGemeente = D("2022-03-01") };

        var result = PipValidation.Validate(new PipMelding(D("2022-03-01"), Leerroute.B1Route), context);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_DagtekeningBeforeVestigingInGemeente_IsRefused()
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-05-31"), Leerroute.ZRoute), FirstPipAsiel);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(PipValidation.DagtekeningVoorVestiging, violation.Code);
        Assert.Contains("01-06-2022", violation.Message);
    }

    [Fact]
    public void Validate_ChangedPipDatedBeforeTheInitialPip_IsRefused()
    {
        // Initial PIP at a previous gemeente on 2022-08-01; the new one is dated before it.
        var context = ChangeOf(initieel: D("2022-08-01"), actueel: D("2022-08-01")) with { VestigingInGemeente = D("2022-03-01") };

        var result = PipValidation.Validate(new PipMelding(D("2022-07-31"), Leerroute.B1Route), context);

        Assert.True(result.Has(PipValidation.DagtekeningVoorInitielePip));
    }

    [Fact]
    public void Validate_ChangedPipDatedBeforeTheCurrentPip_IsRefused()
    {
        var context = ChangeOf(initieel: D("2022-07-01"), actueel: D("2023-01-10"));

        var result = PipValidation.Validate(new PipMelding(D("2023-01-09"), Leerroute.B1Route), context);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(PipValidation.DagtekeningVoorActuelePip, violation.Code);
    }

    [Fact]
    public void Validate_ChangedPipDatedOnTheCurrentPip_IsValid()
    {
        var context = ChangeOf(initieel: D("2022-07-01"), actueel: D("2023-01-10"));

        var result = PipValidation.Validate(new PipMelding(D("2023-01-10"), Leerroute.ZRoute), context);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_A2WithOnderwijsroute_IsRefused()
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.Onderwijsroute, Niveau.A2), FirstPipAsiel);

        Assert.True(result.Has(PipValidation.A2MetOnderwijsroute));
    }

    [Fact]
    public void Validate_B1WithZRoute_IsRefused()
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.ZRoute, Niveau.B1), FirstPipAsiel);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(PipValidation.B1MetZRoute, violation.Code);
    }

    [Fact]
    public void Validate_A2WithZRoute_IsValid()
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.ZRoute, Niveau.A2), FirstPipAsiel);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_A2OnTheFirstB1Pip_IsRefused()
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.B1Route, Niveau.A2), FirstPipAsiel);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(PipValidation.A2OpEersteB1Pip, violation.Code);
    }

    [Fact]
    public void Validate_A2OnAChangedB1Pip_IsValid()
    {
        var context = ChangeOf(initieel: D("2022-07-01"), actueel: D("2022-07-01"));

        var result = PipValidation.Validate(new PipMelding(D("2023-09-01"), Leerroute.B1Route, Niveau.A2), context);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData(Niveau.A1)]
    [InlineData(Niveau.B2)]
    public void Validate_NiveauThatDuoDoesNotKnow_IsRefused(Niveau niveau)
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.ZRoute, niveau), FirstPipAsiel);

        Assert.True(result.Has(PipValidation.NiveauNietMeldbaar));
    }

    [Fact]
    public void Validate_GeschatteIntensiteitOnB1RouteForAsiel_IsValid()
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.B1Route, GeschatteIntensiteitB1Route: 1200), FirstPipAsiel);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_GeschatteIntensiteitOnZRoute_IsRefused()
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.ZRoute, GeschatteIntensiteitB1Route: 800), FirstPipAsiel);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(PipValidation.IntensiteitAlleenB1Route, violation.Code);
    }

    [Fact]
    public void Validate_GeschatteIntensiteitForGezinsmigrant_IsRefused()
    {
        var context = FirstPipAsiel with { Doelgroep = Doelgroep.Gezinsmigrant };

        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.B1Route, GeschatteIntensiteitB1Route: 1200), context);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(PipValidation.IntensiteitAlleenAsiel, violation.Code);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(9999, true)]
    [InlineData(10000, false)]
    public void Validate_GeschatteIntensiteitRange_Is1To9999(int uren, bool valid)
    {
        var result = PipValidation.Validate(new PipMelding(D("2022-07-01"), Leerroute.B1Route, GeschatteIntensiteitB1Route: uren), FirstPipAsiel);

        Assert.Equal(valid, !result.Has(PipValidation.IntensiteitBuitenBereik));
    }

    [Fact]
    public void Validate_SeveralBrokenRules_ReportsEachWithItsOwnCode()
    {
        var context = FirstPipAsiel with { Doelgroep = Doelgroep.OverigeMigrant };

        var result = PipValidation.Validate(new PipMelding(D("2022-02-01"), Leerroute.ZRoute, Niveau.B1, 500), context);

        Assert.Equal(
            new[] { PipValidation.DagtekeningVoorPlicht, PipValidation.DagtekeningVoorVestiging, PipValidation.B1MetZRoute, PipValidation.IntensiteitAlleenB1Route, PipValidation.IntensiteitAlleenAsiel },
            result.Violations.Select(v => v.Code));
        Assert.All(result.Violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Message)));
    }

    [Theory]
    [InlineData(Leerroute.B1Route, Niveau.B1)]
    [InlineData(Leerroute.Onderwijsroute, Niveau.B1)]
    [InlineData(Leerroute.ZRoute, null)]
    public void EffectiveNiveau_WithoutNiveau_IsWhatDuoSets(Leerroute leerroute, Niveau? expected) =>
        Assert.Equal(expected, PipValidation.EffectiveNiveau(leerroute, null));

    [Fact]
    public void EffectiveNiveau_WithNiveau_KeepsIt() =>
        Assert.Equal(Niveau.A2, PipValidation.EffectiveNiveau(Leerroute.B1Route, Niveau.A2));

    [Theory]
    [InlineData(false, false, true, "PIP-VERWIJDEREN")]
    [InlineData(true, false, false, "PIP-VERWIJDEREN-TERMIJN")]
    [InlineData(false, true, false, "PIP-VERWIJDEREN-UREN")]
    public void MayDelete_OnlyBeforeTermijnAndHours(bool termijn, bool uren, bool allowed, string code)
    {
        var decision = PipValidation.MayDelete(termijn, uren);

        Assert.Equal(allowed, decision.IsAllowed);
        Assert.Equal(code, decision.Code);
    }

    [Theory]
    [InlineData(Leerroute.B1Route, "B")]
    [InlineData(Leerroute.ZRoute, "Z")]
    [InlineData(Leerroute.Onderwijsroute, "O")]
    public void DuoCode_RoundTrips(Leerroute leerroute, string code)
    {
        Assert.Equal(code, leerroute.ToDuoCode());
        Assert.Equal(leerroute, LeerrouteExtensions.FromDuoCode(code));
    }

    [Fact]
    public void ValidateMelding_ChecksThePipAlone_WithoutDuosDataOnThePerson()
    {
        var result = PipValidation.ValidateMelding(new PipMelding(D("2022-07-01"), Leerroute.ZRoute, Niveau.B1, 600));

        Assert.True(result.Has(PipValidation.B1MetZRoute));
        Assert.True(result.Has(PipValidation.IntensiteitAlleenB1Route));
        Assert.False(result.Has(PipValidation.A2OpEersteB1Pip));
        Assert.False(result.Has(PipValidation.IntensiteitAlleenAsiel));
    }

    [Fact]
    public void Validate_IncludesEveryRuleOfValidateMelding()
    {
        var pip = new PipMelding(D("2022-07-01"), Leerroute.Onderwijsroute, Niveau.A2);

        Assert.All(PipValidation.ValidateMelding(pip).Violations, v => Assert.True(PipValidation.Validate(pip, FirstPipAsiel).Has(v.Code)));
    }

    // A mover: the new gemeente's PIP keeps the leerroute of the actuele PIP at DUO unless a switch is allowed (issue 13 point 5;
    // the switch rule: LeerrouteWissel, 1.5 years from the termijn's start, onderwijsroute → B1-route at any time).
    private static PipContext Mover(Leerroute actueel, DateOnly termijnStart) =>
        ChangeOf(termijnStart.AddDays(-1), termijnStart.AddDays(-1)) with { LeerrouteActuelePip = actueel, TermijnStart = termijnStart };

    [Fact]
    public void Validate_MoverKeepingTheLeerroute_IsValid() =>
        Assert.True(PipValidation.Validate(new PipMelding(D("2024-06-01"), Leerroute.B1Route), Mover(Leerroute.B1Route, D("2022-07-02"))).IsValid);

    [Fact]
    public void Validate_MoverSwitchingWithinOneAndAHalfYear_IsValid() =>
        Assert.False(PipValidation.Validate(new PipMelding(D("2023-06-01"), Leerroute.ZRoute), Mover(Leerroute.B1Route, D("2022-07-02"))).Has(PipValidation.LeerrouteWisselNietToegestaan));

    [Fact]
    public void Validate_MoverSwitchingAfterTheWindow_IsRefusedWithTheReason()
    {
        var result = PipValidation.Validate(new PipMelding(D("2024-06-01"), Leerroute.ZRoute), Mover(Leerroute.B1Route, D("2022-07-02")));
        Assert.True(result.Has(PipValidation.LeerrouteWisselNietToegestaan));
        var text = result.Violations.Single(v => v.Code == PipValidation.LeerrouteWisselNietToegestaan).Message;
        Assert.Contains("B1-route", text, StringComparison.Ordinal);
        Assert.Contains("kan niet meer", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoverFromOnderwijsrouteToB1_IsAllowedAtAnyTime() =>
        Assert.True(PipValidation.Validate(new PipMelding(D("2025-06-01"), Leerroute.B1Route), Mover(Leerroute.Onderwijsroute, D("2022-07-02"))).IsValid);
}
