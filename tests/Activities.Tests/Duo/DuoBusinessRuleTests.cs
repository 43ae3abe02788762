using System.Net;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Activities;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators.Duo;

namespace Inburgering.Activities.Tests.Duo;

/// <summary>Each rule of duo-m2m/README.md has a test in which the simulator rejects a request for that rule alone.</summary>
public sealed class DuoBusinessRuleTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public DuoBusinessRuleTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    private DateOnly Today => _sim.Time.Today;

    private async Task<List<string>> RejectedAsync(HttpMethod method, string path, object? body, string gemeente = "0632")
    {
        using var response = await _sim.SendAsync(method, path, body, gemeente);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var fouten = await response.FouttekstenAsync();
        Assert.NotEmpty(fouten);
        return fouten;
    }

    private async Task AcceptedAsync(HttpMethod method, string path, object? body, string gemeente = "0632")
    {
        using var response = await _sim.SendAsync(method, path, body, gemeente);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private string Persoon(DuoPip? pip = null, DateOnly? plichtStart = null, DateOnly? vestiging = null, string doelgroep = "Asielstatushouder", DateOnly? termijnStart = null, DateOnly? termijnEind = null)
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", doelgroep, InburgeringsplichtStart: plichtStart ?? Today.AddDays(-500), DatumVestiging: vestiging, ActuelePip: pip, TermijnStart: termijnStart, TermijnEind: termijnEind));
        return bsn;
    }

    // --- PIP: dagtekening -------------------------------------------------------------------------------------------
    [Fact]
    public async Task Pip_DagtekeningBeforeTheStartOfTheInburgeringsplicht_IsRejected()
    {
        var bsn = Persoon(plichtStart: Today.AddDays(-10), vestiging: Today.AddDays(-100));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today.AddDays(-11), leerroute = "B" });
        Assert.Equal(["De datum dagtekening mag niet voor de start van de inburgeringsplicht liggen."], fouten);
    }

    [Fact]
    public async Task Pip_ChangedPipDatedBeforeTheInitialPip_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-100), "B", "B1"));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today.AddDays(-101), leerroute = "B" });
        Assert.Contains("De datum dagtekening mag bij een gewijzigde PIP niet voor de datum dagtekening van de initiële PIP liggen.", fouten);
    }

    [Fact]
    public async Task Pip_ChangedPipDatedBeforeTheActuelePipButAfterTheInitial_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-100), "B", "B1"));
        await AcceptedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today.AddDays(-50), leerroute = "Z" });
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today.AddDays(-70), leerroute = "B" });
        Assert.Equal(["De datum dagtekening mag bij een gewijzigde PIP niet voor de datum dagtekening van de actuele PIP liggen."], fouten);
    }

    [Fact]
    public async Task Pip_DagtekeningBeforeTheVestigingInTheGemeente_IsRejected()
    {
        var bsn = Persoon(plichtStart: Today.AddDays(-200), vestiging: Today.AddDays(-20));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today.AddDays(-21), leerroute = "B" });
        Assert.Equal(["De datum dagtekening mag niet voor de vestiging van de inburgeraar bij de gemeente liggen."], fouten);
    }

    // --- PIP: niveau ------------------------------------------------------------------------------------------------
    [Fact]
    public async Task Pip_NiveauA2WithTheOnderwijsroute_IsRejected()
    {
        var bsn = Persoon();
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today, leerroute = "O", niveau = "A2" });
        Assert.Equal(["Niveau A2 mag niet in combinatie met de onderwijsroute worden aangeleverd."], fouten);
    }

    [Fact]
    public async Task Pip_NiveauB1WithTheZroute_IsRejected()
    {
        var bsn = Persoon();
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today, leerroute = "Z", niveau = "B1" });
        Assert.Equal(["Niveau B1 mag niet in combinatie met de Z-route worden aangeleverd."], fouten);
    }

    [Fact]
    public async Task Pip_NiveauA2WithTheB1RouteOnTheFirstPip_IsRejected()
    {
        var bsn = Persoon();
        var error = (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today, leerroute = "B", niveau = "A2" })).AssertBpmnError(DuoErrors.Afgewezen);
        Assert.Contains("Niveau A2 mag niet in combinatie met de B1-route", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pip_NiveauA2WithTheB1RouteOnALaterPip_IsAccepted()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-100), "B", "B1"));
        (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today, leerroute = "B", niveau = "A2" })).AssertCompleted();
        Assert.Equal("A2", _sim.Duo.Persoon(bsn)!.ActuelePip!.Niveau);
    }

    [Fact]
    public async Task Pip_WithoutNiveauOnTheOnderwijsroute_GetsB1()
    {
        var bsn = Persoon();
        (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today, leerroute = "O" })).AssertCompleted();
        Assert.Equal("B1", _sim.Duo.Persoon(bsn)!.ActuelePip!.Niveau);
    }

    // --- PIP: geschatte intensiteit ---------------------------------------------------------------------------------
    [Fact]
    public async Task Pip_GeschatteIntensiteitWithTheZroute_IsRejected()
    {
        var bsn = Persoon();
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today, leerroute = "Z", geschatteIntensiteitB1Route = 600 });
        Assert.Equal(["Geschatte intensiteit B1 route mag alleen aangeleverd worden bij de B1-route en bij asielmigranten."], fouten);
    }

    [Fact]
    public async Task Pip_GeschatteIntensiteitForAGezinsmigrant_IsRejected()
    {
        var bsn = Persoon(doelgroep: "Gezinsmigrant en overige migrant");
        var error = (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today, leerroute = "B", geschatteIntensiteitB1Route = 600 })).AssertBpmnError(DuoErrors.Afgewezen);
        Assert.Contains("alleen aangeleverd worden bij de B1-route en bij asielmigranten", error.Message, StringComparison.Ordinal);
    }

    // --- PIP: verwijderen -------------------------------------------------------------------------------------------
    [Fact]
    public async Task PipVerwijderen_AfterTheTermijnIsSet_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "B", "B1"));
        var fouten = await RejectedAsync(HttpMethod.Delete, $"personen/{bsn}/PIP", null);
        Assert.Contains("Het PIP kan niet worden verwijderd: de inburgeringstermijn is al vastgesteld.", fouten);
    }

    [Fact]
    public async Task PipVerwijderen_WithCursusdeelnameurenRegistered_IsRejected()
    {
        var bsn = Persoon();
        lock (_sim.Duo.Gate)
        {
            var p = _sim.Duo.Persoon(bsn)!;
            p.ActuelePip = new DuoPip(Today, "B", "B1");
            p.ActuelePipGemeente = "0632";
            p.Uren["0632"] = new DuoUrenGemeente("0632", Today, ParticipatieAlsTaalles: new DuoUren(12));
        }

        var fouten = await RejectedAsync(HttpMethod.Delete, $"personen/{bsn}/PIP", null);
        Assert.Equal(["Het PIP kan niet worden verwijderd: er zijn al cursusdeelnameuren geregistreerd."], fouten);
    }

    // --- Contactpersoon ---------------------------------------------------------------------------------------------
    [Fact]
    public async Task Contactpersoon_LinkingASecondOne_OverwritesTheFirst()
    {
        var bsn = Persoon();
        var first = (await _sim.RunAsync<ContactpersoonMeldenActivity>(new { bsn, naam = "Een", email = "een@x.example", telefoonnummer = "0348000001" })).AssertCompleted();
        var second = (await _sim.RunAsync<ContactpersoonMeldenActivity>(new { bsn, naam = "Twee", email = "twee@x.example", telefoonnummer = "0348000002" })).AssertCompleted();

        Assert.NotEqual(first["contactpersoonId"]!.GetValue<int>(), second["contactpersoonId"]!.GetValue<int>());
        Assert.Equal(second["contactpersoonId"]!.GetValue<int>(), _sim.Duo.Persoon(bsn)!.ContactpersoonId);
    }

    [Fact]
    public async Task Contactpersoon_Deleting_RemovesItsLinks()
    {
        var bsn = Persoon();
        var output = (await _sim.RunAsync<ContactpersoonMeldenActivity>(new { bsn, naam = "Weg", email = "weg@x.example", telefoonnummer = "0348000003" })).AssertCompleted();
        var id = output["contactpersoonId"]!.GetValue<int>();

        await AcceptedAsync(HttpMethod.Delete, $"contactpersonen/{id}", null);

        Assert.Null(_sim.Duo.Persoon(bsn)!.ContactpersoonId);
    }

    // --- Inburgeringsaanbod -----------------------------------------------------------------------------------------
    private static object Aanbod(DateOnly? datum = null, DateOnly? start = null, DateOnly? eind = null) =>
        new { indicatorAlfabetiseringsonderwijs = "NVT", datumInburgeringsaanbod = datum, verwachteStartdatumOpleiding = start, verwachteEinddatumOpleiding = eind };

    [Fact]
    public async Task Inburgeringsaanbod_ForAGezinsmigrant_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "B", "B1"), doelgroep: "Gezinsmigrant en overige migrant");
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000001", Aanbod(Today));
        Assert.Equal(["Het inburgeringsaanbod kan alleen voor een asielmigrant worden geregistreerd."], fouten);
    }

    [Fact]
    public async Task Inburgeringsaanbod_WithoutAPip_IsRejected()
    {
        var bsn = Persoon();
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000001", Aanbod(Today));
        Assert.Equal(["De persoon heeft geen PIP."], fouten);
    }

    [Fact]
    public async Task Inburgeringsaanbod_AtAnInstellingUnknownToDuo_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "B", "B1"));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/9999999999", Aanbod(Today));
        Assert.Equal(["De opleidingsinstelling is niet bekend bij DUO."], fouten);
    }

    [Fact]
    public async Task Inburgeringsaanbod_AtAnInstellingWithoutBowKeurmerk_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "B", "B1"));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000003", Aanbod(Today));
        Assert.Equal(["De opleidingsinstelling heeft geen keurmerk van Blik op Werk (BoW)."], fouten);
    }

    [Fact]
    public async Task Inburgeringsaanbod_ForTheOnderwijsrouteAtAnInstellingWithoutTst_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "O", "B1"));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000001", Aanbod(Today));
        Assert.Equal(["De opleidingsinstelling is geen erkende Taalschakelinstelling (TST) voor de onderwijsroute."], fouten);
    }

    [Fact]
    public async Task Inburgeringsaanbod_ForTheOnderwijsrouteAtATstInstelling_IsAccepted()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "O", "B1"));
        await AcceptedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000002", Aanbod(Today));
    }

    [Fact]
    public async Task Inburgeringsaanbod_DatedBeforeTheActuelePip_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "B", "B1"));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000001", Aanbod(Today.AddDays(-11)));
        Assert.Equal(["De data van het inburgeringsaanbod mogen niet voor de dagtekening van de actuele PIP liggen."], fouten);
    }

    [Fact]
    public async Task Inburgeringsaanbod_WithTheOpleidingStartingBeforeTheAanbod_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "B", "B1"));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000001", Aanbod(Today, Today.AddDays(-1), Today.AddDays(100)));
        Assert.Equal(["De verwachte start- en einddatum van de opleiding mogen niet voor de datum inburgeringsaanbod of voor elkaar liggen."], fouten);
    }

    [Fact]
    public async Task Inburgeringsaanbod_EndingAfterTheInburgeringstermijn_IsRejected()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "B", "B1"));
        var fouten = await RejectedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000001", Aanbod(Today, Today.AddDays(1), Today.AddYears(4)));
        Assert.Equal(["De verwachte start- en einddatum van de opleiding mogen niet buiten de inburgeringstermijn liggen."], fouten);
    }

    [Fact]
    public async Task Inburgeringsaanbod_ANewOneAtTheSameInstelling_OverwritesTheOld()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-10), "B", "B1"));
        await AcceptedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000001", Aanbod(Today));
        await AcceptedAsync(HttpMethod.Post, $"personen/{bsn}/Inburgeringsaanbod/1000000001", Aanbod(Today.AddDays(-1)));
        var aanbod = Assert.Single(_sim.Duo.Persoon(bsn)!.Inburgeringsaanbod);
        Assert.Equal(Today.AddDays(-1), aanbod.Value.DatumInburgeringsaanbod);
    }

    // --- MAP (and PVT, same rules) ----------------------------------------------------------------------------------
    /// <summary>A person of 0632 with a PIP and a termijn from <paramref name="termijnStart"/> to <paramref name="termijnEind"/>.</summary>
    private string MetTermijn(int termijnStartDagen, int termijnEindDagen) =>
        Persoon(pip: new DuoPip(Today.AddDays(termijnStartDagen - 1), "B", "B1"), termijnStart: Today.AddDays(termijnStartDagen), termijnEind: Today.AddDays(termijnEindDagen));

    [Fact]
    public async Task Map_ChangingADateDeliveredByAnotherGemeente_IsRejected()
    {
        var bsn = MetTermijn(-400, 700);
        lock (_sim.Duo.Gate)
        {
            _sim.Duo.Persoon(bsn)!.Map = new DuoSimResultaat(Today.AddDays(-30), null, "1901");
        }

        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { datumEindgesprekMap = Today.AddDays(-1) });
        Assert.Equal(["Bij een wijziging moet de datum eindgesprek MAP eerder door uw gemeente zijn geleverd."], fouten);
    }

    [Fact]
    public async Task Map_WithoutAnActuelePipOfTheGemeente_IsRejected()
    {
        var bsn = Persoon(termijnStart: Today.AddDays(-400), termijnEind: Today.AddDays(700));
        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { datumEindgesprekMap = Today.AddDays(-1) });
        Assert.Equal(["Uw gemeente moet een actuele PIP hebben voor de inburgeringsplichtige."], fouten);
    }

    [Fact]
    public async Task Map_WhenThePlichtIsVoldaanViaTheZroute_IsRejected()
    {
        var bsn = MetTermijn(-400, 700);
        lock (_sim.Duo.Gate)
        {
            _sim.Duo.Persoon(bsn)!.VoldaanViaZroute = true;
        }

        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { datumEindgesprekMap = Today.AddDays(-1) });
        Assert.Equal(["De inburgeringsplicht is al voldaan via de Z-route."], fouten);
    }

    [Fact]
    public async Task Map_DatedBeforeTheStartOfTheTermijn_IsRejected()
    {
        var bsn = MetTermijn(-400, 700);
        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { datumEindgesprekMap = Today.AddDays(-401) });
        Assert.Equal(["De datum eindgesprek MAP mag niet voor de startdatum van de inburgeringstermijn liggen."], fouten);
    }

    [Fact]
    public async Task Map_DatedAfterTheAfrondingZroute_IsRejected()
    {
        var bsn = MetTermijn(-400, 700);
        lock (_sim.Duo.Gate)
        {
            _sim.Duo.Persoon(bsn)!.ZrouteAfronding = Today.AddDays(-10);
        }

        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { datumEindgesprekMap = Today.AddDays(-5) });
        Assert.Equal(["De datum eindgesprek MAP mag niet na de datum afronding Z-route liggen."], fouten);
    }

    [Fact]
    public async Task Map_DatedInTheFuture_IsRejected()
    {
        var bsn = MetTermijn(-400, 700);
        var error = (await _sim.RunAsync<MapMeldenActivity>(new { bsn, datumEindgesprekMap = Today.AddDays(1) })).AssertBpmnError(DuoErrors.Afgewezen);
        Assert.Equal("De datum eindgesprek MAP mag niet in de toekomst liggen.", error.Message);
    }

    [Fact]
    public async Task Map_WithdrawnWhileTheAfrondingZrouteIsRegistered_IsRejected()
    {
        var bsn = MetTermijn(-400, 700);
        lock (_sim.Duo.Gate)
        {
            _sim.Duo.Persoon(bsn)!.ZrouteAfronding = Today.AddDays(-10);
        }

        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { });
        Assert.Equal(["Als de datum eindgesprek MAP leeg is, dan mag de datum afronding Z-route niet geregistreerd zijn."], fouten);
    }

    [Fact]
    public async Task Map_WithoutVerwijtbaarAfterTheTermijnIsOverschreden_IsRejected()
    {
        var bsn = MetTermijn(-1200, -10);
        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { datumEindgesprekMap = Today.AddDays(-5) });
        Assert.Equal(["Zonder 'Verwijtbaar (Ja/Nee)' mag er geen sprake zijn van een overschrijding van de inburgeringstermijn."], fouten);
    }

    [Fact]
    public async Task Map_DatedBeforeTheEndOfTheTermijnWithVerwijtbaar_IsRejected()
    {
        var bsn = MetTermijn(-1000, 30);
        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { datumEindgesprekMap = Today.AddDays(-5), verwijtbaar = "Nee" });
        Assert.Equal(["Als de datum eindgesprek MAP voor de einddatum van de inburgeringstermijn ligt, dan mag 'Verwijtbaar (Ja/Nee)' niet geleverd worden."], fouten);
    }

    [Fact]
    public async Task Map_VerwijtbaarNeeWhileTheTermijnEndsMoreThanTwoMonthsAway_IsRejected()
    {
        var bsn = MetTermijn(-400, 100);
        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { verwijtbaar = "Nee" });
        Assert.Equal(["'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Nee' hebben als de einddatum van de inburgeringstermijn binnen twee maanden valt."], fouten);
    }

    [Fact]
    public async Task Map_VerwijtbaarNeeWhenTheTermijnEndsWithinTwoMonths_IsAccepted()
    {
        var bsn = MetTermijn(-1000, 40);
        (await _sim.RunAsync<MapMeldenActivity>(new { bsn, verwijtbaar = "nee" })).AssertCompleted();
        Assert.Equal("Nee", _sim.Duo.Persoon(bsn)!.Map!.Verwijtbaar);
    }

    [Fact]
    public async Task Map_VerwijtbaarJaWithoutOverschrijding_IsRejected()
    {
        var bsn = MetTermijn(-1000, 40);
        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/map", new { verwijtbaar = "Ja" });
        Assert.Equal(["'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Ja' hebben als er sprake is van een overschrijding van de inburgeringstermijn."], fouten);
    }

    [Fact]
    public async Task Map_VerwijtbaarJaAfterOverschrijding_IsAccepted()
    {
        var bsn = MetTermijn(-1200, -30);
        (await _sim.RunAsync<MapMeldenActivity>(new { bsn, datumEindgesprekMap = Today.AddDays(-5), verwijtbaar = "Ja" })).AssertCompleted();
    }

    [Fact]
    public async Task Pvt_DatedInTheFuture_IsRejectedWithThePvtWording()
    {
        var bsn = MetTermijn(-400, 700);
        var fouten = await RejectedAsync(HttpMethod.Put, $"personen/{bsn}/pvt", new { datumOndertekeningPvt = Today.AddDays(3) });
        Assert.Equal(["De datum ondertekening PVT mag niet in de toekomst liggen."], fouten);
    }

    [Fact]
    public async Task Pvt_ChangingADateDeliveredByAnotherGemeente_IsRejected()
    {
        var bsn = MetTermijn(-400, 700);
        lock (_sim.Duo.Gate)
        {
            _sim.Duo.Persoon(bsn)!.Pvt = new DuoSimResultaat(Today.AddDays(-30), null, "0335");
        }

        var error = (await _sim.RunAsync<PvtMeldenActivity>(new { bsn, datumOndertekeningPvt = Today.AddDays(-1) })).AssertBpmnError(DuoErrors.Afgewezen);
        Assert.Equal("Bij een wijziging moet de datum ondertekening PVT eerder door uw gemeente zijn geleverd.", error.Message);
    }

    // --- Scope ------------------------------------------------------------------------------------------------------
    [Fact]
    public async Task Scope_ThePreviousPipGemeenteMayStillAskWithinAMonthOfTheNewPip()
    {
        var bsn = Persoon(pip: new DuoPip(Today.AddDays(-200), "B", "B1"));
        lock (_sim.Duo.Gate)
        {
            var p = _sim.Duo.Persoon(bsn)!;
            p.Gemeentecode = "1901";
            p.DatumVestiging = Today.AddDays(-20);
        }

        await AcceptedAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = Today.AddDays(-10), leerroute = "B" }, gemeente: "1901");

        (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn }, gemeente: "0632")).AssertCompleted();
        _sim.Time.Advance(TimeSpan.FromDays(30));
        try
        {
            (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn }, gemeente: "0632")).AssertBpmnError(DuoErrors.NietGevonden);
        }
        finally
        {
            _sim.Time.Advance(TimeSpan.FromDays(-30));
        }
    }
}
