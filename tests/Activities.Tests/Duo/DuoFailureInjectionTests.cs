using System.Net;
using Inburgering.Activities.Duo.Activities;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators;
using Inburgering.Simulators.Duo;

namespace Inburgering.Activities.Tests.Duo;

/// <summary>DUO down, slow, failing at random or until a virtual date: the activity fails retryably, never wrongly.</summary>
public sealed class DuoFailureInjectionTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public DuoFailureInjectionTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    private string Persoon()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));
        return bsn;
    }

    [Fact]
    public async Task DuoDownWith503_MakesTheActivityFailRetryably()
    {
        var bsn = Persoon();
        _sim.Failures.For("duo").Set(new FailurePlan { Down = true });

        var failed = (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn })).AssertFailed(retryable: true);

        Assert.Contains("503", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuoRefusingConnections_MakesTheActivityFailRetryably()
    {
        var bsn = Persoon();
        _sim.Failures.For("duo").Set(new FailurePlan { Down = true, DownMode = DownMode.Refuse });

        var failed = (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = _sim.Time.Today, leerroute = "B" })).AssertFailed(retryable: true);

        Assert.Contains("niet bereikbaar", failed.Reason, StringComparison.Ordinal);
        Assert.Null(_sim.Duo.Persoon(bsn)!.ActuelePip);
    }

    [Fact]
    public async Task DuoAnswering500_MakesTheActivityFailRetryably()
    {
        var bsn = Persoon();
        _sim.Failures.For("duo").Set(new FailurePlan { ErrorRate = 1, ErrorStatus = 500 });

        (await _sim.RunAsync<MapMeldenActivity>(new { bsn })).AssertFailed(retryable: true);
    }

    [Fact]
    public async Task DuoSlowerThanTheClientTimeout_MakesTheActivityFailRetryably()
    {
        var bsn = Persoon();
        _sim.Failures.For("duo").Set(new FailurePlan { DelayMilliseconds = 4500 });

        var failed = (await _sim.RunAsync<InburgeringstermijnRaadplegenActivity>(new { bsn })).AssertFailed(retryable: true);

        Assert.Contains("antwoordde niet binnen", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuoDownUntilAVirtualDate_ComesBackWhenTheClockPassesIt()
    {
        var bsn = Persoon();
        _sim.Failures.For("duo").Set(new FailurePlan { DownUntil = _sim.Time.GetUtcNow().AddDays(31) });
        (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn })).AssertFailed(retryable: true);

        _sim.Time.Advance(TimeSpan.FromDays(32));
        try
        {
            (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn })).AssertCompleted();
        }
        finally
        {
            _sim.Time.Advance(TimeSpan.FromDays(-32));
        }
    }

    [Fact]
    public async Task TheFailurePlan_CanBeSwitchedOverHttp()
    {
        var bsn = Persoon();
        using (var set = await _sim.PostJsonAsync("/sim/duo/v1/_sim/failure", new { down = true, downMode = "Unavailable" }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn })).AssertFailed(retryable: true);

        using (var clear = await _sim.Http.DeleteAsync(_sim.Url("/sim/duo/v1/_sim/failure")))
        {
            Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        }

        (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn })).AssertCompleted();
    }

    [Fact]
    public async Task ARetryAfterAFailedAttempt_HasExactlyOneEffect()
    {
        var bsn = Persoon();
        var key = Guid.NewGuid().ToString("N");
        var input = new { bsn, dagtekeningPip = _sim.Time.Today, leerroute = "B" };
        _sim.Failures.For("duo").Set(new FailurePlan { ErrorRate = 1, ErrorStatus = 503 });
        (await _sim.RunAsync<PipMeldenActivity>(input, key)).AssertFailed(retryable: true);
        _sim.Healthy();

        (await _sim.RunAsync<PipMeldenActivity>(input, key)).AssertCompleted();
        (await _sim.RunAsync<PipMeldenActivity>(input, key)).AssertCompleted();

        Assert.Equal(1, _sim.Duo.Persoon(bsn)!.AantalPips);
        var requests = _sim.Journal.Snapshot("duo").Where(r => r.MessageKey == Inburgering.Activities.Duo.DuoBerichtId.Derive(key, "postPipByBsn").ToString("D")).ToList();
        Assert.Equal([true, false, false], requests.Select(r => r.Injected));
        Assert.Equal([false, false, true], requests.Select(r => r.Replayed));
    }

    [Fact]
    public void AnErrorRate_IsDeterministicForASeed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var a = new FailureInjector("x", time);
        var b = new FailureInjector("x", time);
        a.Set(new FailurePlan { ErrorRate = 0.5, Seed = 42 });
        b.Set(new FailurePlan { ErrorRate = 0.5, Seed = 42 });

        var first = Enumerable.Range(0, 50).Select(_ => a.Decide().Outcome).ToList();
        var second = Enumerable.Range(0, 50).Select(_ => b.Decide().Outcome).ToList();

        Assert.Equal(first, second);
        Assert.Contains(FailureOutcome.Error, first);
        Assert.Contains(FailureOutcome.Pass, first);
    }
}
