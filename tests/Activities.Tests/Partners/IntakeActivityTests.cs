using Inburgering.Activities.Intake;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators;
using Inburgering.Simulators.Duo;
using Inburgering.Simulators.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Activities.Tests.Partners;

public sealed class IntakeActivityTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public IntakeActivityTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    private IntakeSimulatorState Intake => _sim.App.Services.GetRequiredService<IntakeSimulatorState>();

    private async Task<(string ToetsId, DateTimeOffset Afspraak)> AanvragenAsync(string bsn, string? key = null)
    {
        var output = (await _sim.RunAsync<LeerbaarheidstoetsAanvragenActivity>(new { bsn, examennummer = "LB0000000001" }, key)).AssertCompleted();
        return (output["toetsId"]!.GetValue<string>(), DateTimeOffset.Parse(output["afspraakDatumTijd"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Aanvragen_PlansAWeekdayAppointmentAtLeastAWeekAhead()
    {
        var (toetsId, afspraak) = await AanvragenAsync(TestBsn.Next());

        Assert.StartsWith("LBT-", toetsId, StringComparison.Ordinal);
        Assert.True(afspraak >= _sim.Time.GetUtcNow().AddDays(6));
        Assert.DoesNotContain(afspraak.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
    }

    [Fact]
    public async Task Aanvragen_TwiceWithTheSameKey_PlansOneToets()
    {
        var bsn = TestBsn.Next();
        var key = Guid.NewGuid().ToString("N");
        var before = Intake.Count;

        var first = await AanvragenAsync(bsn, key);
        var second = await AanvragenAsync(bsn, key);

        Assert.Equal(first.ToetsId, second.ToetsId);
        Assert.Equal(before + 1, Intake.Count);
        Assert.Equal(2, _sim.Journal.CountByKey("intake", key));
        Assert.Equal(1, _sim.Journal.Snapshot("intake").Count(r => r.MessageKey == key && r.Replayed));
    }

    [Fact]
    public async Task Aanvragen_ForAGemeenteOutsideTheContract_RaisesIntakeAfgewezen()
    {
        var error = (await _sim.RunAsync<LeerbaarheidstoetsAanvragenActivity>(new { bsn = TestBsn.Next() }, gemeente: "0344")).AssertBpmnError("INTAKE_AFGEWEZEN");

        Assert.Contains("contract", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UitslagOphalen_BeforeTheToets_SaysNotKnownYet()
    {
        var (toetsId, _) = await AanvragenAsync(TestBsn.Next());

        var output = (await _sim.RunAsync<LeerbaarheidstoetsUitslagOphalenActivity>(new { toetsId })).AssertCompleted();

        Assert.Equal("Gepland", output["toetsStatus"]!.GetValue<string>());
        Assert.False(output["uitslagBekend"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UitslagOphalen_AfterTheToets_GivesTheSeededUitslagAndAdvies_AndDuoLearnsItWithSs131()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));
        Intake.SeedUitslag(new IntakeSimUitslag(_sim.Referentie(bsn), "B1-route niet haalbaar", "33,10", "Z-route"));
        var (toetsId, _) = await AanvragenAsync(bsn);

        _sim.Time.Advance(TimeSpan.FromDays(15));
        try
        {
            var output = (await _sim.RunAsync<LeerbaarheidstoetsUitslagOphalenActivity>(new { toetsId })).AssertCompleted();

            Assert.True(output["uitslagBekend"]!.GetValue<bool>());
            Assert.False(output["b1RouteHaalbaar"]!.GetValue<bool>());
            Assert.Equal("Z-route", output["adviesLeerroute"]!.GetValue<string>());
            Assert.Equal("33,10", output["behaaldeScore"]!.GetValue<string>());
            Assert.Single(_sim.Duo.Notificaties(), n => n.Notificatie.Bsn == bsn && n.Notificatie.GebeurtenisId == "SS131");
            var duo = (await _sim.RunAsync<Inburgering.Activities.Duo.Activities.LeerbaarheidstoetsRaadplegenActivity>(new { bsn })).AssertCompleted();
            Assert.Equal("B1-route niet haalbaar", duo["leerbaarheidstoetsUitslag"]!.GetValue<string>());
        }
        finally
        {
            _sim.Time.Advance(TimeSpan.FromDays(-15));
        }
    }

    [Fact]
    public async Task UitslagOphalen_WithoutASeed_IsTheSameForTheSamePerson()
    {
        var bsn = TestBsn.Next();
        var (first, _) = await AanvragenAsync(bsn);
        var (second, _) = await AanvragenAsync(bsn);

        _sim.Time.Advance(TimeSpan.FromDays(15));
        try
        {
            var a = (await _sim.RunAsync<LeerbaarheidstoetsUitslagOphalenActivity>(new { toetsId = first })).AssertCompleted();
            var b = (await _sim.RunAsync<LeerbaarheidstoetsUitslagOphalenActivity>(new { toetsId = second })).AssertCompleted();
            Assert.Equal(a["behaaldeScore"]!.GetValue<string>(), b["behaaldeScore"]!.GetValue<string>());
            Assert.Equal(a["leerbaarheidstoetsUitslag"]!.GetValue<string>(), b["leerbaarheidstoetsUitslag"]!.GetValue<string>());
        }
        finally
        {
            _sim.Time.Advance(TimeSpan.FromDays(-15));
        }
    }

    [Fact]
    public async Task UitslagOphalen_WhenThePersonDidNotShow_SaysNietVerschenen()
    {
        var bsn = TestBsn.Next();
        Intake.SeedUitslag(new IntakeSimUitslag(_sim.Referentie(bsn), "Onbekend", Verschenen: false));
        var (toetsId, _) = await AanvragenAsync(bsn);

        _sim.Time.Advance(TimeSpan.FromDays(15));
        try
        {
            var output = (await _sim.RunAsync<LeerbaarheidstoetsUitslagOphalenActivity>(new { toetsId })).AssertCompleted();
            Assert.True(output["nietVerschenen"]!.GetValue<bool>());
            Assert.False(output["uitslagBekend"]!.GetValue<bool>());
        }
        finally
        {
            _sim.Time.Advance(TimeSpan.FromDays(-15));
        }
    }

    [Fact]
    public async Task UitslagOphalen_ForAnUnknownToets_RaisesIntakeOnbekend() =>
        (await _sim.RunAsync<LeerbaarheidstoetsUitslagOphalenActivity>(new { toetsId = "LBT-999999" })).AssertBpmnError("INTAKE_ONBEKEND");

    [Fact]
    public async Task TheIntakePartnerDown_MakesTheActivityFailRetryably()
    {
        _sim.Failures.For("intake").Set(new FailurePlan { Down = true, DownMode = DownMode.Refuse });
        (await _sim.RunAsync<LeerbaarheidstoetsAanvragenActivity>(new { bsn = TestBsn.Next() })).AssertFailed(retryable: true);
    }

    [Fact]
    public async Task TheIntakePartnerAnswering503_MakesTheActivityFailRetryably()
    {
        _sim.Failures.For("intake").Set(new FailurePlan { ErrorRate = 1, ErrorStatus = 503 });
        (await _sim.RunAsync<LeerbaarheidstoetsUitslagOphalenActivity>(new { toetsId = "LBT-000001" })).AssertFailed(retryable: true);
    }

    [Fact]
    public async Task AnIntakeRequestWithoutIdempotencyKey_IsRefused()
    {
        using var response = await _sim.PostJsonAsync("/sim/intake/v1/leerbaarheidstoetsen", new { persoonReferentie = _sim.Referentie("111222333"), bsn = "111222333", gemeentecode = "0632" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheSameKeyWithAnotherRequest_IsRefusedNotReplayed()
    {
        var key = Guid.NewGuid().ToString("N");
        await AanvragenAsync(TestBsn.Next(), key);

        var result = await _sim.RunAsync<LeerbaarheidstoetsAanvragenActivity>(new { bsn = TestBsn.Next() }, key);

        result.AssertBpmnError("INTAKE_AFGEWEZEN");
    }

    [Fact]
    public async Task Annuleren_APlannedToets_IsCancelled_NotTakenLater_AndARepeatIsTheSame()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));
        var (toetsId, _) = await AanvragenAsync(bsn);
        var key = Guid.NewGuid().ToString("N");

        var output = (await _sim.RunAsync<LeerbaarheidstoetsAnnulerenActivity>(new { toetsId }, key)).AssertCompleted();
        Assert.True(output["geannuleerd"]!.GetValue<bool>());
        Assert.Equal("Geannuleerd", output["toetsStatus"]!.GetValue<string>());
        var repeat = (await _sim.RunAsync<LeerbaarheidstoetsAnnulerenActivity>(new { toetsId }, key)).AssertCompleted();
        Assert.True(repeat["geannuleerd"]!.GetValue<bool>());

        _sim.Time.Advance(TimeSpan.FromDays(15));
        try
        {
            var status = (await _sim.RunAsync<LeerbaarheidstoetsUitslagOphalenActivity>(new { toetsId })).AssertCompleted();
            Assert.Equal("Geannuleerd", status["toetsStatus"]!.GetValue<string>());
            Assert.False(status["uitslagBekend"]!.GetValue<bool>());
            Assert.DoesNotContain(_sim.Duo.Notificaties(), n => n.Notificatie.Bsn == bsn && n.Notificatie.GebeurtenisId == "SS131");
        }
        finally
        {
            _sim.Time.Advance(TimeSpan.FromDays(-15));
        }
    }

    [Fact]
    public async Task Annuleren_AToetsAlreadyTaken_IsAnAnswerNotAnError()
    {
        var (toetsId, _) = await AanvragenAsync(TestBsn.Next());

        _sim.Time.Advance(TimeSpan.FromDays(15));
        try
        {
            var output = (await _sim.RunAsync<LeerbaarheidstoetsAnnulerenActivity>(new { toetsId })).AssertCompleted();
            Assert.False(output["geannuleerd"]!.GetValue<bool>());
        }
        finally
        {
            _sim.Time.Advance(TimeSpan.FromDays(-15));
        }
    }

    [Fact]
    public async Task Annuleren_AnUnknownToets_RaisesIntakeOnbekend() =>
        (await _sim.RunAsync<LeerbaarheidstoetsAnnulerenActivity>(new { toetsId = "LBT-999999" })).AssertBpmnError("INTAKE_ONBEKEND");
}
