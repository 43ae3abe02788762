using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inburgering.Activities.Brp;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators;
using Inburgering.Simulators.Brp;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Activities.Tests.Partners;

/// <summary>
/// The BRP partner in the shape of Haal Centraal BRP Personen bevragen (POST /haalcentraal/api/brp/personen, type
/// RaadpleegMetBurgerservicenummer, fields, gemeenteVanInschrijving; the answer's gemeenteVanInschrijving {code, omschrijving}
/// and datumInschrijvingInGemeente): the gemeente's own source for a move (issue 13 point 5), not DUO's attentiesignaal SS122.
/// </summary>
public sealed class BrpActivityTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public BrpActivityTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    private BrpSimulatorState Brp => _sim.App.Services.GetRequiredService<BrpSimulatorState>();

    [Fact]
    public async Task VerblijfplaatsRaadplegen_StillInTheGemeente_IsNotAMove()
    {
        var bsn = TestBsn.Next();
        Brp.Inschrijven(new BrpSimInschrijving(bsn, "0632", _sim.Time.Today.AddYears(-1)));

        var output = (await _sim.RunAsync<VerblijfplaatsRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.True(output["brpGevonden"]!.GetValue<bool>());
        Assert.Equal("0632", output["brpGemeentecode"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(output["brpGemeente"]!.GetValue<string>()));
        Assert.False(output["brpVerhuisd"]!.GetValue<bool>());
    }

    [Fact]
    public async Task VerblijfplaatsRaadplegen_RegisteredElsewhere_IsAMoveWithItsDate()
    {
        var bsn = TestBsn.Next();
        var datum = _sim.Time.Today.AddDays(-3);
        Brp.Inschrijven(new BrpSimInschrijving(bsn, "1901", datum));

        var output = (await _sim.RunAsync<VerblijfplaatsRaadplegenActivity>(new { bsn }, gemeente: "0632")).AssertCompleted();

        Assert.True(output["brpVerhuisd"]!.GetValue<bool>());
        Assert.Equal("1901", output["brpGemeentecode"]!.GetValue<string>());
        Assert.Equal(datum.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), output["brpDatumInschrijving"]!.GetValue<string>());

        // Haal Centraal's query, BSN in the body only (never in the URL).
        var requests = _sim.Journal.Snapshot(BrpSimulatorEndpoints.Partner);
        var request = requests[^1];
        Assert.Equal("POST", request.Method);
        Assert.DoesNotContain(bsn, request.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerblijfplaatsRaadplegen_UnknownToTheBrp_IsNotAMove()
    {
        var output = (await _sim.RunAsync<VerblijfplaatsRaadplegenActivity>(new { bsn = TestBsn.Next() })).AssertCompleted();

        Assert.False(output["brpGevonden"]!.GetValue<bool>());
        Assert.False(output["brpVerhuisd"]!.GetValue<bool>());
    }

    [Fact]
    public async Task VerblijfplaatsRaadplegen_InvalidBsn_FailsWithoutCallingTheBrp()
    {
        var before = _sim.Journal.Snapshot(BrpSimulatorEndpoints.Partner).Count;
        var result = await _sim.RunAsync<VerblijfplaatsRaadplegenActivity>(new { bsn = "123456789" });
        Assert.IsNotType<Engine.Activities.ActivityResult.Completed>(result);
        Assert.Equal(before, _sim.Journal.Snapshot(BrpSimulatorEndpoints.Partner).Count);
    }

    [Fact]
    public async Task VerblijfplaatsRaadplegen_BrpDown_IsRetryable()
    {
        _sim.Failures.For(BrpSimulatorEndpoints.Partner).Set(new FailurePlan { Down = true });
        (await _sim.RunAsync<VerblijfplaatsRaadplegenActivity>(new { bsn = TestBsn.Next() })).AssertFailed(retryable: true);
    }

    [Fact]
    public async Task Personen_FiltersOnGemeenteVanInschrijving_AndRefusesOtherQueries()
    {
        var bsn = TestBsn.Next();
        Brp.Inschrijven(new BrpSimInschrijving(bsn, "1901", _sim.Time.Today));
        var url = _sim.Url("/sim/brp/haalcentraal/api/brp/personen");

        using var hier = await _sim.Http.PostAsJsonAsync(url, new { type = "RaadpleegMetBurgerservicenummer", burgerservicenummer = new[] { bsn }, fields = new[] { "gemeenteVanInschrijving" }, gemeenteVanInschrijving = "1901" });
        var personen = JsonNode.Parse(await hier.Content.ReadAsStringAsync())!["personen"]!.AsArray();
        var persoon = Assert.Single(personen)!;
        Assert.Equal("1901", (string)persoon["gemeenteVanInschrijving"]!["code"]!);
        Assert.Null(persoon["verblijfplaats"]); // only the fields asked for

        using var elders = await _sim.Http.PostAsJsonAsync(url, new { type = "RaadpleegMetBurgerservicenummer", burgerservicenummer = new[] { bsn }, fields = new[] { "gemeenteVanInschrijving" }, gemeenteVanInschrijving = "0632" });
        Assert.Empty(JsonNode.Parse(await elders.Content.ReadAsStringAsync())!["personen"]!.AsArray());

        using var zoek = await _sim.Http.PostAsJsonAsync(url, new { type = "ZoekMetPostcodeEnHuisnummer", postcode = "3441AA", huisnummer = 1, fields = new[] { "burgerservicenummer" } });
        Assert.Equal(HttpStatusCode.BadRequest, zoek.StatusCode);
    }

    [Theory]
    [InlineData("0632", "0632", false)]
    [InlineData("1901", "0632", true)]
    [InlineData("632", "0632", false)]
    [InlineData("1999", "0632", true)] // RNI: vertrokken uit Nederland
    public void Interpret_ComparesTheGemeenteOfInschrijvingWithTheTrajectsGemeente(string code, string gemeente, bool verhuisd)
    {
        var antwoord = new BrpPersonenAntwoord("RaadpleegMetBurgerservicenummer", [new BrpPersoon("111222333", new BrpWaardetabel(code, "x"), new BrpDatum("Datum", "2026-03-01"), null)]);
        var output = VerblijfplaatsRaadplegenActivity.Interpret(antwoord, "111222333", gemeente);
        Assert.Equal(verhuisd, output.BrpVerhuisd);
        Assert.Equal("2026-03-01", output.BrpDatumInschrijving);
    }

    [Fact]
    public void Interpret_NoPerson_IsNotAMove()
    {
        var output = VerblijfplaatsRaadplegenActivity.Interpret(new BrpPersonenAntwoord("RaadpleegMetBurgerservicenummer", []), "111222333", "0632");
        Assert.False(output.BrpGevonden);
        Assert.False(output.BrpVerhuisd);
        Assert.Null(output.BrpGemeentecode);
    }
}
