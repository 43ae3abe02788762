using System.Text.Json.Nodes;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Tests.Infrastructure;

namespace Inburgering.Activities.Tests.Duo;

public sealed class DuoNotificatieValidatorTests
{
    private static readonly DuoNotificatieHeaders Headers = new(DuoOptions.SimulatorDuoOin, DuoOptions.SyntheticOin("0632"), Guid.NewGuid().ToString("D"));

    private static JsonObject Body(string? bsn = null) => new()
    {
        ["registratieDatumTijd"] = "2026-03-02T10:00:00+01:00",
        ["gebeurtenisId"] = "SS139",
        ["bsn"] = bsn ?? TestBsn.Next(),
        ["vNummer"] = 1234567890,
    };

    [Fact]
    public void Validate_AWellFormedNotificatie_HasNoProblems() =>
        Assert.Empty(DuoNotificatieValidator.Validate(Headers, Body(), true));

    [Fact]
    public void Validate_WithoutGebeurtenisId_SaysItIsRequired()
    {
        var body = Body();
        body.Remove("gebeurtenisId");
        Assert.Contains("body.gebeurtenisId is verplicht", DuoNotificatieValidator.Validate(Headers, body, true));
    }

    [Theory]
    [InlineData("ss139")]
    [InlineData("SS1399X")]
    [InlineData("")]
    public void Validate_AGebeurtenisIdOutsideThePattern_IsAProblem(string id)
    {
        var body = Body();
        body["gebeurtenisId"] = id;
        Assert.NotEmpty(DuoNotificatieValidator.Validate(Headers, body, true));
    }

    [Theory]
    [InlineData("2026-03-02")]
    [InlineData("2026-03-02T10:00:00")]
    [InlineData("gisteren")]
    public void Validate_ARegistratieDatumTijdThatIsNotRfc3339_IsAProblem(string value)
    {
        var body = Body();
        body["registratieDatumTijd"] = value;
        Assert.Contains("body.registratieDatumTijd moet een datum-tijd (RFC 3339) zijn", DuoNotificatieValidator.Validate(Headers, body, true));
    }

    [Fact]
    public void Validate_ABsnFailingTheElfproef_IsAProblemThatDoesNotRepeatTheNumber()
    {
        var problems = DuoNotificatieValidator.Validate(Headers, Body("123456789"), true);
        Assert.Equal(["body.bsn voldoet niet aan de elfproef"], problems);
        Assert.DoesNotContain(problems, p => p.Contains("123456789", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AVNummerAboveTheMaximum_IsAProblem()
    {
        var body = Body();
        body["vNummer"] = 99999999999;
        Assert.Contains("body.vNummer is groter dan 9999999999", DuoNotificatieValidator.Validate(Headers, body, true));
    }

    [Fact]
    public void Validate_MissingOrMalformedHeaders_AreProblems()
    {
        var problems = DuoNotificatieValidator.Validate(new DuoNotificatieHeaders("123", null, "not-a-uuid"), Body(), true);
        Assert.Contains("bron is korter dan 20 tekens", problems);
        Assert.Contains("header 'doel' ontbreekt", problems);
        Assert.Contains("berichtId moet een UUID zijn", problems);
    }

    [Fact]
    public void Validate_WithoutBody_SaysTheBodyIsRequired() =>
        Assert.Contains("body ontbreekt", DuoNotificatieValidator.Validate(Headers, null, false));
}
