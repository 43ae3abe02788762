using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Activities;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators.Duo;

namespace Inburgering.Activities.Tests.Duo;

public sealed class DuoQueryActivityTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public DuoQueryActivityTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    [Fact]
    public async Task InburgeringsplichtRaadplegen_ForASeededStatushouder_ReturnsPlichtAndDoelgroep()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: new DateOnly(2026, 1, 5)));

        var output = (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.True(output["inburgeringsplichtig"]!.GetValue<bool>());
        Assert.Equal("2026-01-05", output["inburgeringsplichtBegindatum"]!.GetValue<string>());
        Assert.Equal("Asielstatushouder", output["doelgroep"]!.GetValue<string>());
        Assert.True(output["asielstatushouder"]!.GetValue<bool>());
    }

    [Fact]
    public async Task InburgeringsplichtRaadplegen_ForAPersonOfAnotherGemeente_RaisesNietGevonden()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "1901"));

        var result = await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn }, gemeente: "0632");

        result.AssertBpmnError(DuoErrors.NietGevonden);
    }

    [Fact]
    public async Task InburgeringsplichtRaadplegen_WithABsnFailingTheElfproef_FailsWithoutCallingDuo()
    {
        var before = _sim.Journal.Snapshot("duo").Count;

        var failed = (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn = "123456789" })).AssertFailed(retryable: false);

        Assert.DoesNotContain("123456789", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _sim.Journal.Snapshot("duo").Count);
    }

    [Fact]
    public async Task InburgeringstermijnRaadplegen_BeforeAnyPip_SaysNoTermijn()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        var output = (await _sim.RunAsync<InburgeringstermijnRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.False(output["termijnVastgesteld"]!.GetValue<bool>());
    }

    [Fact]
    public async Task InburgeringstermijnRaadplegen_WithATermijn_ReturnsStartAndExclusiveEnd()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", TermijnStart: new DateOnly(2025, 6, 2)));

        var output = (await _sim.RunAsync<InburgeringstermijnRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.True(output["termijnVastgesteld"]!.GetValue<bool>());
        Assert.Equal("2025-06-02", output["termijnStartdatum"]!.GetValue<string>());
        Assert.Equal("2028-06-02", output["termijnEinddatum"]!.GetValue<string>());
        Assert.False(output["termijnVerlengd"]!.GetValue<bool>());
    }

    [Fact]
    public async Task LeerbaarheidstoetsRaadplegen_ReturnsTheLatestResult()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", LbtResultaten:
        [
            new DuoLbtResultaat("B1-route niet haalbaar", "31,50", "40,00", new DateOnly(2026, 1, 10)),
            new DuoLbtResultaat("B1-route haalbaar", "44,25", "40,00", new DateOnly(2026, 2, 10)),
        ]));

        var output = (await _sim.RunAsync<LeerbaarheidstoetsRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.True(output["leerbaarheidstoetsBekend"]!.GetValue<bool>());
        Assert.Equal("B1-route haalbaar", output["leerbaarheidstoetsUitslag"]!.GetValue<string>());
        Assert.True(output["b1RouteHaalbaar"]!.GetValue<bool>());
        Assert.Equal("44,25", output["behaaldeScore"]!.GetValue<string>());
        Assert.Equal(2, output["aantalResultaten"]!.GetValue<int>());
    }

    [Fact]
    public async Task LeerbaarheidstoetsRaadplegen_WithoutResults_SaysNotKnown()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        var output = (await _sim.RunAsync<LeerbaarheidstoetsRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.False(output["leerbaarheidstoetsBekend"]!.GetValue<bool>());
        Assert.Null(output["leerbaarheidstoetsUitslag"]);
    }

    [Fact]
    public async Task ExamennummerOpvragen_GivesAStableNumberAndNotifiesSs137Once()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        var first = (await _sim.RunAsync<LeerbaarheidstoetsExamennummerOpvragenActivity>(new { bsn })).AssertCompleted();
        var second = (await _sim.RunAsync<LeerbaarheidstoetsExamennummerOpvragenActivity>(new { bsn })).AssertCompleted();

        Assert.Equal(first["examennummer"]!.GetValue<string>(), second["examennummer"]!.GetValue<string>());
        Assert.Equal(12, first["examennummer"]!.GetValue<string>().Length);
        Assert.Single(_sim.Duo.Notificaties(), n => n.Notificatie.Bsn == bsn && n.Notificatie.GebeurtenisId == "SS137");
    }

    [Fact]
    public async Task ExamenRaadplegen_SumsUpTheOnderdelen()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", Examenresultaten:
        [
            new DuoExamenresultaat(new DateOnly(2026, 1, 5), "Geslaagd", "LE", Niveau: "B1"),
            new DuoExamenresultaat(new DateOnly(2026, 1, 5), "Geslaagd", "LU", Niveau: "B1"),
            new DuoExamenresultaat(new DateOnly(2026, 1, 6), "Gezakt", "SC", Niveau: "B1"),
            new DuoExamenresultaat(new DateOnly(2026, 2, 6), "Geslaagd", "SC", Niveau: "A2"),
            new DuoExamenresultaat(new DateOnly(2026, 2, 7), "Geslaagd", "SP", Niveau: "B1"),
            new DuoExamenresultaat(new DateOnly(2026, 2, 8), "Geen", "KNM", RedenGeenResultaat: "Absent"),
        ]));

        var output = (await _sim.RunAsync<ExamenRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.Equal(6, output["aantalExamenresultaten"]!.GetValue<int>());
        Assert.Equal("LE,LU,SC,SP", output["geslaagdeOnderdelen"]!.GetValue<string>());
        Assert.True(output["taalonderdelenGeslaagd"]!.GetValue<bool>());
        Assert.False(output["knmGeslaagd"]!.GetValue<bool>());
        Assert.Equal("2026-02-08", output["laatsteExamendatum"]!.GetValue<string>());
    }

    [Fact]
    public async Task OntheffingRaadplegen_CountsOnlyToekenningen()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", Ontheffingen:
        [
            new DuoOntheffing(GeheleOntheffing: new DuoGeheleOntheffing("Afwijzing", new DateOnly(2026, 1, 1), "BIO")),
            new DuoOntheffing(GedeeltelijkeOntheffing: new DuoGedeeltelijkeOntheffing("Toekenning", new DateOnly(2026, 2, 1), "MED", "SP", 400)),
        ]));

        var output = (await _sim.RunAsync<OntheffingRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.False(output["geheleOntheffingToegekend"]!.GetValue<bool>());
        Assert.True(output["gedeeltelijkeOntheffingToegekend"]!.GetValue<bool>());
        Assert.Equal("SP", output["ontheffenOnderdelen"]!.GetValue<string>());
        Assert.Equal(400, output["urenBelastbaarheidParticipatie"]!.GetValue<int>());
        Assert.Equal(2, output["aantalOntheffingen"]!.GetValue<int>());
    }

    [Fact]
    public async Task VrijstellingRaadplegen_JudgesATijdelijkeVrijstellingOnTheContextDate()
    {
        var bsn = TestBsn.Next();
        var today = _sim.Time.Today;
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", Vrijstellingen:
        [
            new DuoVrijstelling(TijdelijkeVrijstelling: new DuoTijdelijkeVrijstelling("Toekenning", "OPL", today.AddDays(-10), today.AddDays(-10), today.AddDays(100))),
            new DuoVrijstelling(GedeeltelijkeVrijstelling: new DuoGedeeltelijkeVrijstelling("GED", "Toekenning", today, "LE", "B1")),
        ]));

        var output = (await _sim.RunAsync<VrijstellingRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.False(output["geheleVrijstellingToegekend"]!.GetValue<bool>());
        Assert.True(output["tijdelijkeVrijstellingActief"]!.GetValue<bool>());
        Assert.Equal(today.AddDays(100).ToString("yyyy-MM-dd"), output["tijdelijkeVrijstellingEinddatum"]!.GetValue<string>());
        Assert.Equal("LE", output["vrijgesteldeOnderdelen"]!.GetValue<string>());
    }

    /// <summary>duo-m2m README, "Raadplegen PIP": a gemeente can always read the actuele PIP, also one a previous gemeente made.</summary>
    [Fact]
    public async Task PipRaadplegen_AfterAMove_ReturnsThePreviousGemeentesPip()
    {
        var bsn = TestBsn.Next();
        var dagtekening = _sim.Time.Today.AddDays(-200);
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: dagtekening.AddDays(-30), ActuelePip: new DuoPip(dagtekening, "B", "B1")));
        Assert.True(_sim.Duo.Emit(new DuoSimGebeurtenisRequest(bsn, "SS121", "1901")));

        var output = (await _sim.RunAsync<PipRaadplegenActivity>(new { bsn }, gemeente: "1901")).AssertCompleted();

        Assert.True(output["duoPipBekend"]!.GetValue<bool>());
        Assert.Equal("0632", output["duoPipGemeente"]!.GetValue<string>());
        Assert.Equal("B", output["duoPipLeerroute"]!.GetValue<string>());
        Assert.Equal(dagtekening.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), output["duoPipDagtekening"]!.GetValue<string>());
    }

    [Fact]
    public async Task PipRaadplegen_WithoutAPip_IsAnAnswerNotAnError()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        var output = (await _sim.RunAsync<PipRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.False(output["duoPipBekend"]!.GetValue<bool>());
    }
}
