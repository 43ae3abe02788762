using Inburgering.Activities.Taalaanbieder;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators;
using Inburgering.Simulators.Taalaanbieder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Activities.Tests.Partners;

public sealed class TaalaanbiederActivityTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public TaalaanbiederActivityTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    private TaalaanbiederSimulatorState Taalaanbieder => _sim.App.Services.GetRequiredService<TaalaanbiederSimulatorState>();

    private async Task<string> AanmeldenAsync(string taalaanbiederId = "TA-UM-B1Z", string leerroute = "Z-route", string gemeente = "0632", string? key = null, int? urenPerWeek = null)
    {
        var output = (await _sim.RunAsync<TaalaanbiederAanmeldenActivity>(new { bsn = TestBsn.Next(), taalaanbiederId, leerroute, urenPerWeek }, key, gemeente)).AssertCompleted();
        Assert.Equal("Ontvangen", output["aanmeldingStatus"]!.GetValue<string>());
        return output["aanmeldingId"]!.GetValue<string>();
    }

    private async Task InVirtualTimeAsync(TimeSpan advance, Func<Task> body)
    {
        _sim.Time.Advance(advance);
        try
        {
            await body();
        }
        finally
        {
            _sim.Time.Advance(-advance);
        }
    }

    [Fact]
    public async Task Aanmelden_AtTheRegionsTaalaanbiederForItsLeerroute_IsReceived() =>
        Assert.StartsWith("AANM-", await AanmeldenAsync(), StringComparison.Ordinal);

    [Fact]
    public async Task Aanmelden_TwiceWithTheSameKey_RegistersOneAanmelding()
    {
        var key = Guid.NewGuid().ToString("N");
        var bsn = TestBsn.Next();
        var before = Taalaanbieder.Count;

        var first = (await _sim.RunAsync<TaalaanbiederAanmeldenActivity>(new { bsn, taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" }, key)).AssertCompleted();
        var second = (await _sim.RunAsync<TaalaanbiederAanmeldenActivity>(new { bsn, taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" }, key)).AssertCompleted();

        Assert.Equal(first["aanmeldingId"]!.GetValue<string>(), second["aanmeldingId"]!.GetValue<string>());
        Assert.Equal(before + 1, Taalaanbieder.Count);
    }

    [Fact]
    public async Task Aanmelden_ForALeerrouteTheTaalaanbiederWasNotBoughtFor_RaisesTaalaanbiederAfgewezen()
    {
        var error = (await _sim.RunAsync<TaalaanbiederAanmeldenActivity>(new { bsn = TestBsn.Next(), taalaanbiederId = "TA-UM-B1Z", leerroute = "Onderwijsroute" })).AssertBpmnError("TAALAANBIEDER_AFGEWEZEN");
        Assert.Contains("biedt de leerroute Onderwijsroute niet aan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aanmelden_BodegravenReeuwijkAtTheUtrechtMiddenTaalaanbieder_IsOutsideTheRegion()
    {
        var error = (await _sim.RunAsync<TaalaanbiederAanmeldenActivity>(new { bsn = TestBsn.Next(), taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" }, gemeente: "1901")).AssertBpmnError("TAALAANBIEDER_AFGEWEZEN");
        Assert.Contains("Utrecht-Midden", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aanmelden_BodegravenReeuwijkAtTheMiddenHollandTaalaanbieder_IsReceived() =>
        await AanmeldenAsync("TA-MH-B1Z", "B1", "1901");

    [Fact]
    public async Task StatusOphalen_IsReceivedFirst_ThenConfirmedWithAMondayStart_ThenStarted()
    {
        var id = await AanmeldenAsync();

        var received = (await _sim.RunAsync<AanmeldingStatusOphalenActivity>(new { aanmeldingId = id })).AssertCompleted();
        Assert.False(received["aanmeldingBevestigd"]!.GetValue<bool>());

        await InVirtualTimeAsync(TimeSpan.FromDays(6), async () =>
        {
            var confirmed = (await _sim.RunAsync<AanmeldingStatusOphalenActivity>(new { aanmeldingId = id })).AssertCompleted();
            Assert.Equal("Bevestigd", confirmed["aanmeldingStatus"]!.GetValue<string>());
            var start = DateOnly.Parse(confirmed["startdatum"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(DayOfWeek.Monday, start.DayOfWeek);
            Assert.True(start >= _sim.Time.Today.AddDays(8));
        });

        await InVirtualTimeAsync(TimeSpan.FromDays(30), async () =>
        {
            var started = (await _sim.RunAsync<AanmeldingStatusOphalenActivity>(new { aanmeldingId = id })).AssertCompleted();
            Assert.Equal("Gestart", started["aanmeldingStatus"]!.GetValue<string>());
            Assert.True(started["aanmeldingBevestigd"]!.GetValue<bool>());
        });
    }

    [Fact]
    public async Task StatusOphalen_AfterTheTaalaanbiederRejected_SaysAfgewezenWithTheReason()
    {
        var id = await AanmeldenAsync();
        Assert.True(Taalaanbieder.Reject(id, "Geen plek in de groep"));

        var output = (await _sim.RunAsync<AanmeldingStatusOphalenActivity>(new { aanmeldingId = id })).AssertCompleted();

        Assert.True(output["aanmeldingAfgewezen"]!.GetValue<bool>());
        Assert.Equal("Geen plek in de groep", output["afwijzingsreden"]!.GetValue<string>());
    }

    [Fact]
    public async Task GevolgdeUren_AccrueWithVirtualTime_ToThe800OfTheZroute()
    {
        var id = await AanmeldenAsync(urenPerWeek: 10);

        var before = (await _sim.RunAsync<GevolgdeUrenOphalenActivity>(new { aanmeldingId = id })).AssertCompleted();
        Assert.Equal(0, before["totaalUren"]!.GetValue<int>());

        await InVirtualTimeAsync(TimeSpan.FromDays(14 + 6 + 7 * 80), async () =>
        {
            var after = (await _sim.RunAsync<GevolgdeUrenOphalenActivity>(new { aanmeldingId = id })).AssertCompleted();
            var totaal = after["totaalUren"]!.GetValue<int>();
            Assert.InRange(totaal, 800, 820);
            Assert.Equal(totaal, after["urenTaalles"]!.GetValue<int>() + after["urenKnm"]!.GetValue<int>());
            Assert.Equal(_sim.Time.Today.ToString("yyyy-MM-dd"), after["peildatum"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task GevolgdeUren_WithAPeildatum_CountUpToThatDay()
    {
        var id = await AanmeldenAsync(urenPerWeek: 12, leerroute: "B1");

        await InVirtualTimeAsync(TimeSpan.FromDays(200), async () =>
        {
            var all = (await _sim.RunAsync<GevolgdeUrenOphalenActivity>(new { aanmeldingId = id })).AssertCompleted();
            var earlier = (await _sim.RunAsync<GevolgdeUrenOphalenActivity>(new { aanmeldingId = id, peildatum = _sim.Time.Today.AddDays(-70) })).AssertCompleted();
            Assert.Equal(all["totaalUren"]!.GetValue<int>() - 120, earlier["totaalUren"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task GevolgdeUren_ForAnUnknownAanmelding_RaisesTaalaanbiederOnbekend() =>
        (await _sim.RunAsync<GevolgdeUrenOphalenActivity>(new { aanmeldingId = "AANM-999999" })).AssertBpmnError("TAALAANBIEDER_ONBEKEND");

    [Fact]
    public async Task ATaalaanbiederWithItsOwnBaseUrl_IsCalledThere()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersoonReferentie:Secret"] = PartnerSimulatorFixture.Secret,
            ["Partners:Taalaanbieder:BaseUrl"] = "http://127.0.0.1:9/nowhere/",
            ["Partners:Taalaanbieder:Aanbieders:TA-MH-O"] = _sim.Url("/sim/taalaanbieder/v1").ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_sim.Time);
        services.AddInburgeringActivities(configuration);
        await using var provider = services.BuildServiceProvider();
        var activity = ActivatorUtilities.CreateInstance<TaalaanbiederAanmeldenActivity>(provider);

        var result = await activity.ExecuteAsync(_sim.Context<TaalaanbiederAanmeldenActivity>(new { bsn = TestBsn.Next(), taalaanbiederId = "TA-MH-O", leerroute = "O" }, gemeente: "1901"), CancellationToken.None);

        result.AssertCompleted();
    }

    [Fact]
    public async Task TheTaalaanbiederSlowerThanTheTimeout_MakesTheActivityFailRetryably()
    {
        _sim.Failures.For("taalaanbieder").Set(new FailurePlan { DelayMilliseconds = 4500 });
        (await _sim.RunAsync<AanmeldingStatusOphalenActivity>(new { aanmeldingId = "AANM-000001" })).AssertFailed(retryable: true);
    }
}
