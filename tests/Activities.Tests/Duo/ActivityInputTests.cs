using Inburgering.Activities.Duo.Activities;
using Inburgering.Activities.Taalaanbieder;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators.Duo;

namespace Inburgering.Activities.Tests.Duo;

/// <summary>Activities parse their inputs into the domain's types at the edge: bad input fails once, named, in Dutch, and never reaches the partner.</summary>
public sealed class ActivityInputTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public ActivityInputTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    private DateOnly Today => _sim.Time.Today;

    [Fact]
    public async Task ABsnFailingTheElfproef_FailsWithoutRetry_AndIsNotRepeatedInTheReason()
    {
        var failed = (await _sim.RunAsync<PipMeldenActivity>(new { bsn = "123456789", dagtekeningPip = Today, leerroute = "B" })).AssertFailed(retryable: false);

        Assert.StartsWith("Invoer 'bsn':", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("elfproef", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownLeerroute_FailsWithoutRetry_NamingTheRoutes()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: Today.AddDays(-60)));
        var before = _sim.Journal.Snapshot("duo").Count;

        var failed = (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today, leerroute = "A2" })).AssertFailed(retryable: false);

        Assert.Contains("Invoer 'leerroute'", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("B1-route (B), Z-route (Z) of onderwijsroute (O)", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _sim.Journal.Snapshot("duo").Count);
    }

    [Theory]
    [InlineData("B1-route", "B")]
    [InlineData("Zelfredzaamheidsroute", "Z")]
    [InlineData("onderwijsroute", "O")]
    public async Task EverySpellingOfALeerroute_ReachesDuoAsDuosCode(string leerroute, string code)
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: Today.AddDays(-60)));

        var output = (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today, leerroute })).AssertCompleted();

        Assert.Equal(code, output["leerroute"]!.GetValue<string>());
        Assert.Equal(code, _sim.Duo.Persoon(bsn)!.ActuelePip!.Leerroute);
    }

    [Fact]
    public async Task AnUnknownVerwijtbaar_FailsWithoutRetry()
    {
        var failed = (await _sim.RunAsync<MapMeldenActivity>(new { bsn = TestBsn.Next(), datumEindgesprekMap = Today, verwijtbaar = "misschien" })).AssertFailed(retryable: false);

        Assert.Contains("Invoer 'verwijtbaar'", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTaalaanbieder_GetsItsOwnLeerrouteCode()
    {
        var bsn = TestBsn.Next();

        var output = (await _sim.RunAsync<TaalaanbiederAanmeldenActivity>(new { bsn, taalaanbiederId = "TA-UM-B1Z", leerroute = "Z" })).AssertCompleted();

        using var aanmelding = await _sim.Http.GetAsync(_sim.Url($"/sim/taalaanbieder/v1/aanmeldingen/{output["aanmeldingId"]!.GetValue<string>()}"));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await aanmelding.Content.ReadAsStringAsync())!;
        Assert.Equal("Z-route", (string)body["leerroute"]!);
    }
}
