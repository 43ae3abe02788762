using System.Net;
using System.Net.Http.Json;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Activities;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators;
using Inburgering.Simulators.Duo;

namespace Inburgering.Activities.Tests.Duo;

/// <summary>The simulated DUO notifies the gemeente's Notificatie API; the endpoint validates, maps and hands over.</summary>
public sealed class DuoNotificatieDeliveryTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public DuoNotificatieDeliveryTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
        _sim.Receiver.Accept = true;
    }

    private DateOnly Today => _sim.Time.Today;

    [Fact]
    public async Task ASeededPersonWithSs139_ReachesTheProcessAsAStartableMessage()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", Notificatie: "SS139"));

        await _sim.Verzender.DeliverPendingAsync(CancellationToken.None);

        var message = Assert.Single(_sim.Receiver.For(_sim.Referentie(bsn)));
        Assert.Equal("duo.ss139", message.MessageName);
        Assert.True(message.MayStartTraject);
        Assert.Equal(bsn, message.Variables["bsn"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeliveringSeveralPersonsAtOnce_KeepsEachPersonsOrder_AndSendsEachNotificatieOnce()
    {
        var bsns = Enumerable.Range(0, 8).Select(_ => TestBsn.Next()).ToList();
        foreach (var bsn in bsns)
        {
            _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", Notificatie: "SS139", TermijnStart: new DateOnly(2024, 1, 2)));
            Assert.True(_sim.Duo.Emit(new DuoSimGebeurtenisRequest(bsn, "SS103")));
            Assert.True(_sim.Duo.Emit(new DuoSimGebeurtenisRequest(bsn, "SS106")));
        }

        // Two rounds asked for at once (the background delivery and a driver's): the second finds nothing left.
        await Task.WhenAll(_sim.Verzender.DeliverPendingAsync(CancellationToken.None), _sim.Verzender.DeliverPendingAsync(CancellationToken.None));

        foreach (var bsn in bsns)
        {
            Assert.Equal(["duo.ss139", "duo.ss103", "duo.ss106"], _sim.Receiver.For(_sim.Referentie(bsn)).Select(m => m.MessageName));
        }
    }

    [Fact]
    public async Task AnAcceptedFirstPip_IsFollowedBySs102WithTheTermijnDates()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: Today.AddDays(-70)));
        (await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = Today.AddDays(-2), leerroute = "B" })).AssertCompleted();

        await _sim.Verzender.DeliverPendingAsync(CancellationToken.None);

        var message = Assert.Single(_sim.Receiver.For(_sim.Referentie(bsn)));
        Assert.Equal("duo.ss102", message.MessageName);
        Assert.True(message.Variables["termijnGestart"]!.GetValue<bool>());
        var termijn = (await _sim.RunAsync<InburgeringstermijnRaadplegenActivity>(new { bsn })).AssertCompleted();
        Assert.Equal(Today.AddDays(-1).ToString("yyyy-MM-dd"), termijn["termijnStartdatum"]!.GetValue<string>());
        Assert.Equal(Today.AddDays(-1).AddYears(3).ToString("yyyy-MM-dd"), termijn["termijnEinddatum"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmittingSs103OverTheControlApi_ExtendsTheTermijnBySixMonthsAndNotifies()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", TermijnStart: new DateOnly(2024, 1, 2)));

        using var response = await _sim.PostJsonAsync("/sim/duo/v1/_sim/notificaties", new { bsn, gebeurtenisId = "SS103" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("duo.ss103", Assert.Single(_sim.Receiver.For(_sim.Referentie(bsn))).MessageName);
        var termijn = (await _sim.RunAsync<InburgeringstermijnRaadplegenActivity>(new { bsn })).AssertCompleted();
        Assert.Equal("2027-07-02", termijn["termijnEinddatum"]!.GetValue<string>());
        Assert.True(termijn["termijnVerlengd"]!.GetValue<bool>());
    }

    [Fact]
    public async Task EmittingSs106_EndsTheInburgeringsplicht()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        Assert.True(_sim.Duo.Emit(new DuoSimGebeurtenisRequest(bsn, "SS106")));
        await _sim.Verzender.DeliverPendingAsync(CancellationToken.None);

        Assert.True(Assert.Single(_sim.Receiver.For(_sim.Referentie(bsn))).Variables["inburgeringsplichtVoldaan"]!.GetValue<bool>());
        var plicht = (await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn })).AssertCompleted();
        Assert.False(plicht["inburgeringsplichtig"]!.GetValue<bool>());
        Assert.Equal("Inburgeringsplicht voldaan", plicht["redenGeenInburgeringsplicht"]!.GetValue<string>());
    }

    [Fact]
    public async Task DuplicateDelivery_SendsTheSameBerichtIdTwice()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", Notificatie: "SS101"));
        _sim.Failures.For("duo").Set(new FailurePlan { DuplicateDelivery = true });

        await _sim.Verzender.DeliverPendingAsync(CancellationToken.None);

        var received = _sim.Receiver.Received.Where(r => r.Message.CorrelationKey == _sim.Referentie(bsn)).ToList();
        Assert.Equal(2, received.Count);
        Assert.Single(received.Select(r => r.BerichtId).Distinct());
        Assert.Equal(2, _sim.Duo.Notificaties().Single(n => n.Notificatie.Bsn == bsn).Deliveries);
    }

    [Fact]
    public async Task ANotificatieTheGemeenteCannotTakeNow_StaysQueuedUntilItCan()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", Notificatie: "SS120"));
        _sim.Receiver.Accept = false;

        await _sim.Verzender.DeliverPendingAsync(CancellationToken.None);
        var pending = _sim.Duo.Notificaties().Single(n => n.Notificatie.Bsn == bsn);
        Assert.False(pending.Delivered);
        Assert.Equal(503, pending.LastStatus);

        _sim.Receiver.Accept = true;
        await _sim.Verzender.DeliverPendingAsync(CancellationToken.None);
        Assert.True(_sim.Duo.Notificaties().Single(n => n.Notificatie.Bsn == bsn).Delivered);
        Assert.Single(_sim.Receiver.For(_sim.Referentie(bsn)));
    }

    [Fact]
    public async Task TheNotificatieEndpoint_AnswersAnInvalidNotificatieWith400AndApiVersion()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _sim.Url("/duo/v1/notificaties"))
        {
            Content = JsonContent.Create(new { registratieDatumTijd = "2026-03-02T10:00:00Z", gebeurtenisId = "ss101" }),
        };
        request.Headers.Add("bron", DuoOptions.SimulatorDuoOin);
        request.Headers.Add("doel", DuoOptions.SyntheticOin("0632"));
        request.Headers.Add("berichtId", Guid.NewGuid().ToString("D"));

        using var response = await _sim.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("1.8.0", response.Headers.GetValues("API-Version").Single());
    }

    [Fact]
    public async Task TheNotificatieEndpoint_RefusesASenderThatIsNotDuo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _sim.Url("/duo/v1/notificaties"))
        {
            Content = JsonContent.Create(new { registratieDatumTijd = "2026-03-02T10:00:00Z", gebeurtenisId = "SS101", bsn = TestBsn.Next() }),
        };
        request.Headers.Add("bron", DuoOptions.SyntheticOin("1901"));
        request.Headers.Add("doel", DuoOptions.SyntheticOin("0632"));
        request.Headers.Add("berichtId", Guid.NewGuid().ToString("D"));

        using var response = await _sim.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task WhileDuoIsDown_NothingIsSent()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", Notificatie: "SS101"));
        _sim.Failures.For("duo").Set(new FailurePlan { Down = true });

        Assert.Empty(await _sim.Verzender.DeliverPendingAsync(CancellationToken.None));
        Assert.Empty(_sim.Receiver.For(_sim.Referentie(bsn)));
    }
}
