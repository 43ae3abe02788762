using Inburgering.Workflows.Leerroutes;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Leerroutes;

public class ResultaatValidationTests
{
    // Termijn 15-03-2022 up to (exclusive) 15-03-2025; the two-month window opens on 15-01-2025.
    private static ResultaatContext On(string peildatum) => new(D("2022-03-15"), D("2025-03-15"), D(peildatum));

    private static ResultaatMelding Map(string? datum, Verwijtbaar? verwijtbaar) =>
        new(Resultaatonderdeel.Map, datum is null ? null : D(datum), verwijtbaar);

    [Fact]
    public void Validate_EindgesprekBeforeTermijnEndWithoutFlag_IsValid() =>
        Assert.True(ResultaatValidation.Validate(Map("2024-06-01", null), On("2024-06-02")).IsValid);

    [Fact]
    public void Validate_TimelyEindgesprekReportedAfterTheTermijnEndedWithoutFlag_IsValid() =>
        Assert.True(ResultaatValidation.Validate(Map("2025-03-14", null), On("2025-04-01")).IsValid);

    [Theory]
    [InlineData("2025-03-14", "2025-04-01", false)]
    [InlineData("2025-03-15", "2025-04-01", true)]
    [InlineData(null, "2025-03-15", true)]
    [InlineData(null, "2025-03-14", false)]
    public void IsOverschreden_OnlyWhenTheEndPassedWithoutAResultBeforeIt(string? datum, string peildatum, bool expected) =>
        Assert.Equal(expected, ResultaatValidation.IsOverschreden(datum is null ? null : D(datum), D("2025-03-15"), D(peildatum)));

    [Fact]
    public void Validate_EindgesprekBeforeTermijnEndWithFlag_IsRefused()
    {
        var result = ResultaatValidation.Validate(Map("2025-03-14", Verwijtbaar.Nee), On("2025-03-20"));

        var violation = Assert.Single(result.Violations);
        Assert.Equal(ResultaatValidation.VerwijtbaarNietBijTijdigResultaat, violation.Code);
    }

    [Fact]
    public void Validate_NeeExactlyTwoMonthsBeforeTheEnd_IsValid() =>
        Assert.True(ResultaatValidation.Validate(Map(null, Verwijtbaar.Nee), On("2025-01-15")).IsValid);

    [Fact]
    public void Validate_NeeOneDayBeforeTheTwoMonthWindow_IsRefused()
    {
        var result = ResultaatValidation.Validate(Map(null, Verwijtbaar.Nee), On("2025-01-14"));

        var violation = Assert.Single(result.Violations);
        Assert.Equal(ResultaatValidation.NeeTeVroeg, violation.Code);
        Assert.Contains("15-01-2025", violation.Message);
    }

    [Fact]
    public void NeeToegestaanVanaf_IsTwoMonthsBeforeTheEinddatum() =>
        Assert.Equal(D("2025-01-15"), ResultaatValidation.NeeToegestaanVanaf(D("2025-03-15")));

    [Fact]
    public void Validate_JaOnTheLastDayOfTheTermijn_IsRefused()
    {
        var result = ResultaatValidation.Validate(Map(null, Verwijtbaar.Ja), On("2025-03-14"));

        Assert.Equal(ResultaatValidation.JaVoorOverschrijding, Assert.Single(result.Violations).Code);
    }

    [Fact]
    public void Validate_JaOnTheEinddatum_IsValidBecauseTheTermijnIsExceeded() =>
        Assert.True(ResultaatValidation.Validate(Map(null, Verwijtbaar.Ja), On("2025-03-15")).IsValid);

    [Fact]
    public void Validate_NoFlagAfterTheTermijnWithoutResult_IsRefused()
    {
        var result = ResultaatValidation.Validate(Map(null, null), On("2025-03-15"));

        Assert.Equal(ResultaatValidation.VerwijtbaarVerplicht, Assert.Single(result.Violations).Code);
    }

    [Theory]
    [InlineData(Verwijtbaar.Ja)]
    [InlineData(Verwijtbaar.Nee)]
    public void Validate_LateEindgesprekWithFlag_IsValid(Verwijtbaar verwijtbaar) =>
        Assert.True(ResultaatValidation.Validate(Map("2025-04-01", verwijtbaar), On("2025-04-02")).IsValid);

    [Fact]
    public void Validate_LateEindgesprekWithoutFlag_IsRefused() =>
        Assert.True(ResultaatValidation.Validate(Map("2025-04-01", null), On("2025-04-02")).Has(ResultaatValidation.VerwijtbaarVerplicht));

    [Fact]
    public void Validate_DateInTheFuture_IsRefused() =>
        Assert.True(ResultaatValidation.Validate(Map("2024-06-02", null), On("2024-06-01")).Has(ResultaatValidation.DatumInToekomst));

    [Fact]
    public void Validate_DateToday_IsValid() =>
        Assert.True(ResultaatValidation.Validate(Map("2024-06-01", null), On("2024-06-01")).IsValid);

    [Fact]
    public void Validate_DateBeforeTermijnStart_IsRefused() =>
        Assert.True(ResultaatValidation.Validate(Map("2022-03-14", null), On("2024-06-01")).Has(ResultaatValidation.DatumVoorTermijn));

    [Fact]
    public void Validate_DateAfterZRouteAfronding_IsRefused()
    {
        var context = On("2024-06-01") with { DatumAfrondingZRoute = D("2024-05-01") };

        Assert.True(ResultaatValidation.Validate(Map("2024-05-02", null), context).Has(ResultaatValidation.DatumNaZRoute));
    }

    [Fact]
    public void Validate_WithdrawingTheDateAfterZRouteAfronding_IsRefused()
    {
        var context = On("2024-06-01") with { DatumAfrondingZRoute = D("2024-05-01"), EerderGeleverdDoorGemeente = true };
        var melding = new ResultaatMelding(Resultaatonderdeel.Pvt, null, null, IsWijziging: true);

        Assert.Equal(ResultaatValidation.IntrekkenNaZRoute, Assert.Single(ResultaatValidation.Validate(melding, context).Violations).Code);
    }

    [Fact]
    public void Validate_ChangeThatWasNeverDelivered_IsRefused()
    {
        var melding = new ResultaatMelding(Resultaatonderdeel.Pvt, D("2024-01-01"), null, IsWijziging: true);

        Assert.True(ResultaatValidation.Validate(melding, On("2024-06-01")).Has(ResultaatValidation.WijzigingZonderEerdere));
    }

    [Fact]
    public void Validate_WithoutACurrentPipOrAfterZRouteVoldaan_IsRefused()
    {
        var context = On("2024-06-01") with { GemeenteHeeftActuelePip = false, VoldaanViaZRoute = true };

        var result = ResultaatValidation.Validate(Map("2024-01-01", null), context);

        Assert.True(result.Has(ResultaatValidation.GeenActuelePip));
        Assert.True(result.Has(ResultaatValidation.AlVoldaanViaZRoute));
    }

    [Fact]
    public void Validate_PvtMessage_NamesThePvt()
    {
        var melding = new ResultaatMelding(Resultaatonderdeel.Pvt, D("2022-03-01"), null);

        Assert.Contains("ondertekening PVT", Assert.Single(ResultaatValidation.Validate(melding, On("2024-06-01")).Violations).Message);
    }

    [Theory]
    [InlineData("Ja", Verwijtbaar.Ja)]
    [InlineData(" nee", Verwijtbaar.Nee)]
    [InlineData("true", Verwijtbaar.Ja)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Verwijtbaar_Parse(string? text, Verwijtbaar? expected)
    {
        Assert.True(Verwijtbaar.TryParse(text, out var parsed, out _));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Verwijtbaar_Unknown_IsRefusedInDutch()
    {
        Assert.False(Verwijtbaar.TryParse("misschien", out _, out var error));
        Assert.Contains("Ja, Nee of leeg", error, StringComparison.Ordinal);
    }
}
