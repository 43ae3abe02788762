using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Activities;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators.Duo;

namespace Inburgering.Activities.Tests.Duo;

public sealed class DuoReportActivityTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public DuoReportActivityTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    private DateOnly Today => _sim.Time.Today;

    [Fact]
    public async Task PipMelden_FirstPip_IsRegisteredAndStartsTheTermijnTheNextDay()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: Today.AddDays(-60)));

        var output = (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today.AddDays(-1), leerroute = "B1-route" })).AssertCompleted();

        Assert.True(output["pipGemeld"]!.GetValue<bool>());
        Assert.Equal("B", output["leerroute"]!.GetValue<string>());
        var persoon = _sim.Duo.Persoon(bsn)!;
        Assert.Equal("B1", persoon.ActuelePip!.Niveau);
        Assert.Equal(Today, persoon.TermijnStart);
        Assert.Equal(Today.AddYears(3), persoon.TermijnEind);
        Assert.Single(_sim.Duo.Notificaties(), n => n.Notificatie.Bsn == bsn && n.Notificatie.GebeurtenisId == "SS102");
    }

    [Fact]
    public async Task PipMelden_RunTwiceWithTheSameIdempotencyKey_RegistersOnePip()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: Today.AddDays(-60)));
        var key = Guid.NewGuid().ToString("N");
        var input = new { bsn, dagtekeningPip = Today.AddDays(-1), leerroute = "Z", niveau = "A2" };

        (await _sim.RunAsync<PipMeldenActivity>(input, key)).AssertCompleted();
        (await _sim.RunAsync<PipMeldenActivity>(input, key)).AssertCompleted();

        var berichtId = DuoBerichtId.Derive(key, "postPipByBsn").ToString("D");
        Assert.Equal(2, _sim.Journal.CountByKey("duo", berichtId));
        Assert.Single(_sim.Journal.Snapshot("duo"), r => r.MessageKey == berichtId && r.Replayed);
        Assert.Equal(1, _sim.Duo.Persoon(bsn)!.AantalPips);
        Assert.Single(_sim.Duo.Notificaties(), n => n.Notificatie.Bsn == bsn && n.Notificatie.GebeurtenisId == "SS102");
    }

    [Fact]
    public async Task PipMelden_ChangedPip_KeepsTheTermijnOfTheFirstPip()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: Today.AddDays(-300)));
        (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today.AddDays(-200), leerroute = "B" })).AssertCompleted();

        (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today.AddDays(-10), leerroute = "Z" })).AssertCompleted();

        var persoon = _sim.Duo.Persoon(bsn)!;
        Assert.Equal("Z", persoon.ActuelePip!.Leerroute);
        Assert.Null(persoon.ActuelePip.Niveau);
        Assert.Equal(Today.AddDays(-199), persoon.TermijnStart);
    }

    [Fact]
    public async Task PipMelden_WithA2AndTheOnderwijsroute_IsStoppedBeforeSendingWithDuosText()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));
        var before = _sim.Journal.Snapshot("duo").Count;

        var error = (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today, leerroute = "O", niveau = "A2" })).AssertBpmnError(DuoErrors.Afgewezen);

        Assert.Contains("onderwijsroute", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _sim.Journal.Snapshot("duo").Count);
    }

    [Fact]
    public async Task PipMelden_RejectedByDuo_RaisesDuoAfgewezenWithDuosDutchMessage()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: Today.AddDays(-10)));

        var error = (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today.AddDays(-20), leerroute = "B" })).AssertBpmnError(DuoErrors.Afgewezen);

        Assert.Contains("De datum dagtekening mag niet voor de start van de inburgeringsplicht liggen.", error.Message, StringComparison.Ordinal);
        Assert.Contains("De datum dagtekening mag niet voor de start van de inburgeringsplicht liggen.", error.Variables!["duoFoutteksten"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task ContactpersoonMelden_CreatesAndLinksTheContactpersoon()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        var output = (await _sim.RunAsync<ContactpersoonMeldenActivity>(new { bsn, naam = "Jansen", email = "consulent@fermwerk.example", telefoonnummer = "0348 123456" })).AssertCompleted();

        var id = output["contactpersoonId"]!.GetValue<int>();
        Assert.Equal(id, _sim.Duo.Persoon(bsn)!.ContactpersoonId);
    }

    [Fact]
    public async Task ContactpersoonMelden_RunTwiceWithTheSameKey_CreatesOneContactpersoon()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));
        var key = Guid.NewGuid().ToString("N");
        var input = new { bsn, naam = "De Vries", email = "devries@fermwerk.example", telefoonnummer = "0348-654321" };
        var before = _sim.Duo.ContactpersonenSnapshot().Count;

        var first = (await _sim.RunAsync<ContactpersoonMeldenActivity>(input, key)).AssertCompleted();
        var second = (await _sim.RunAsync<ContactpersoonMeldenActivity>(input, key)).AssertCompleted();

        Assert.Equal(first["contactpersoonId"]!.GetValue<int>(), second["contactpersoonId"]!.GetValue<int>());
        Assert.Equal(before + 1, _sim.Duo.ContactpersonenSnapshot().Count);
    }

    [Fact]
    public async Task ContactpersoonMelden_WithAKnownId_UpdatesAndRelinks()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));
        var created = (await _sim.RunAsync<ContactpersoonMeldenActivity>(new { bsn, naam = "Bakker", email = "b@fermwerk.example", telefoonnummer = "0348111111" })).AssertCompleted();
        var id = created["contactpersoonId"]!.GetValue<int>();

        (await _sim.RunAsync<ContactpersoonMeldenActivity>(new { bsn, naam = "Bakker-Smit", email = "b@fermwerk.example", telefoonnummer = "0348111111", contactpersoonId = id })).AssertCompleted();

        Assert.Equal("Bakker-Smit", _sim.Duo.ContactpersonenSnapshot().Single(c => c.Id == id).Gegevens.Naam);
    }

    [Fact]
    public async Task InburgeringsaanbodMelden_AtABowInstelling_IsRegistered()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", ActuelePip: new DuoPip(Today.AddDays(-30), "B", "B1")));

        (await _sim.RunAsync<InburgeringsaanbodMeldenActivity>(new
        {
            bsn,
            instellingsnummer = "1000000001",
            indicatorAlfabetiseringsonderwijs = "NVT",
            datumInburgeringsaanbod = Today.AddDays(-5),
            verwachteStartdatumOpleiding = Today.AddDays(7),
            verwachteEinddatumOpleiding = Today.AddDays(400),
        })).AssertCompleted();

        Assert.True(_sim.Duo.Persoon(bsn)!.Inburgeringsaanbod.ContainsKey("1000000001"));
    }

    [Fact]
    public async Task MapMelden_WithADateInsideTheTermijn_IsRegistered()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", ActuelePip: new DuoPip(Today.AddDays(-400), "B", "B1")));

        (await _sim.RunAsync<MapMeldenActivity>(new { bsn, datumEindgesprekMap = Today.AddDays(-3) })).AssertCompleted();

        Assert.Equal(Today.AddDays(-3), _sim.Duo.Persoon(bsn)!.Map!.Datum);
    }

    [Fact]
    public async Task MapMelden_WithoutADate_WithdrawsTheEarlierOne()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", ActuelePip: new DuoPip(Today.AddDays(-400), "B", "B1")));
        (await _sim.RunAsync<MapMeldenActivity>(new { bsn, datumEindgesprekMap = Today.AddDays(-3) })).AssertCompleted();

        (await _sim.RunAsync<MapMeldenActivity>(new { bsn })).AssertCompleted();

        Assert.Null(_sim.Duo.Persoon(bsn)!.Map);
    }

    [Fact]
    public async Task PvtMelden_WithADateInsideTheTermijn_IsRegistered()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", ActuelePip: new DuoPip(Today.AddDays(-100), "B", "B1")));

        (await _sim.RunAsync<PvtMeldenActivity>(new { bsn, datumOndertekeningPvt = Today })).AssertCompleted();

        Assert.Equal(Today, _sim.Duo.Persoon(bsn)!.Pvt!.Datum);
    }

    [Fact]
    public async Task ZrouteMelden_WithTheGemeentesPip_IsRegistered()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", ActuelePip: new DuoPip(Today.AddDays(-700), "Z")));

        (await _sim.RunAsync<ZrouteMeldenActivity>(new { bsn, datumAfrondingZroute = Today.AddDays(-1) })).AssertCompleted();

        Assert.Equal(Today.AddDays(-1), _sim.Duo.Persoon(bsn)!.ZrouteAfronding);
    }

    [Fact]
    public async Task ZrouteMelden_WithoutAPipOfTheGemeente_RaisesDuoAfgewezen()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        (await _sim.RunAsync<ZrouteMeldenActivity>(new { bsn, datumAfrondingZroute = Today })).AssertBpmnError(DuoErrors.Afgewezen);
    }

    [Theory]
    [InlineData("participatietaalles")]
    [InlineData("bredeintake-taallesknm")]
    [InlineData("participatieactiviteiten")]
    public async Task GevolgdeUrenMelden_SetsTheTotalOfThatKind(string soort)
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", ActuelePip: new DuoPip(Today.AddDays(-100), "Z")));

        var output = (await _sim.RunAsync<GevolgdeUrenMeldenActivity>(new { bsn, uren = 412, soort })).AssertCompleted();

        Assert.Equal(soort, output["soort"]!.GetValue<string>());
        var uren = _sim.Duo.Persoon(bsn)!.Uren["0632"];
        var gemeld = soort switch
        {
            "participatietaalles" => uren.ParticipatieAlsTaalles,
            "bredeintake-taallesknm" => uren.TaallesEnKnmBredeIntake,
            _ => uren.ParticipatieactiviteitenBredeIntake,
        };
        Assert.Equal(412, gemeld!.Uren);
    }

    [Fact]
    public async Task GevolgdeUrenMelden_AboveTheSpecsMaximum_FailsAsAContractError()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        var failed = (await _sim.RunAsync<GevolgdeUrenMeldenActivity>(new { bsn, uren = 10000 })).AssertFailed(retryable: false);

        Assert.Contains("groter dan 9999", failed.Reason, StringComparison.Ordinal);
    }
}
