using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Activities.Uitkering;
using Inburgering.Simulators;
using Inburgering.Simulators.Uitkering;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Activities.Tests.Partners;

public sealed class UitkeringActivityTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public UitkeringActivityTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    private UitkeringSimulatorState Uitkering => _sim.App.Services.GetRequiredService<UitkeringSimulatorState>();

    private DateOnly Today => _sim.Time.Today;

    private static readonly object[] Kosten =
    [
        new { soort = "huur", crediteur = "Woningcorporatie GroenWest", bedragPerMaand = 612.40m, betalingskenmerk = "HUUR-123" },
        new { soort = "energie", crediteur = "Energieleverancier", bedragPerMaand = 145m },
        new { soort = "water", crediteur = "Oasen", bedragPerMaand = 21.50m },
        new { soort = "zorgverzekering", crediteur = "Zorgverzekeraar", bedragPerMaand = 138.95m },
    ];

    private string MetBijstand(DateOnly? ingang = null, DateOnly? einde = null)
    {
        var bsn = TestBsn.Next();
        Uitkering.SeedBijstand(new UitkeringSimBijstand(bsn, "0632", ingang ?? Today.AddDays(-20), einde));
        return bsn;
    }

    [Fact]
    public async Task OntzorgingStarten_WithBijstand_PaysTheListedCosts()
    {
        var bsn = MetBijstand();

        var output = (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn, ingangsdatum = Today.AddDays(-20), kostenposten = Kosten })).AssertCompleted();

        Assert.StartsWith("ONTZ-", output["ontzorgingId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(917.85m, output["ontzorgingTotaalPerMaand"]!.GetValue<decimal>());
        var ontzorging = Assert.Single(Uitkering.Ontzorgingen(_sim.Referentie(bsn)));
        Assert.Equal(4, ontzorging.Kostenposten.Count);
    }

    [Fact]
    public async Task OntzorgingStarten_TwiceWithTheSameKey_StartsOneOntzorging()
    {
        var bsn = MetBijstand();
        var key = Guid.NewGuid().ToString("N");
        var input = new { bsn, ingangsdatum = Today, kostenposten = Kosten };

        var first = (await _sim.RunAsync<OntzorgingStartenActivity>(input, key)).AssertCompleted();
        var second = (await _sim.RunAsync<OntzorgingStartenActivity>(input, key)).AssertCompleted();

        Assert.Equal(first["ontzorgingId"]!.GetValue<string>(), second["ontzorgingId"]!.GetValue<string>());
        Assert.Single(Uitkering.Ontzorgingen(_sim.Referentie(bsn)));
        Assert.Equal(1, _sim.Journal.Snapshot("uitkering").Count(r => r.MessageKey == key && r.Replayed));
    }

    [Fact]
    public async Task OntzorgingStarten_WithoutBijstand_RaisesGeenBijstand() =>
        (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn = TestBsn.Next(), ingangsdatum = Today, kostenposten = Kosten })).AssertBpmnError("UITKERING_GEEN_BIJSTAND");

    [Fact]
    public async Task OntzorgingStarten_WhileOneIsRunning_RaisesOntzorgingLooptAl()
    {
        var bsn = MetBijstand();
        (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn, ingangsdatum = Today, kostenposten = Kosten })).AssertCompleted();

        var error = (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn, ingangsdatum = Today, kostenposten = Kosten })).AssertBpmnError("UITKERING_ONTZORGING_LOOPT_AL");

        Assert.Contains("Er loopt al een ontzorging", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OntzorgingStarten_ForASecondMemberOfTheHousehold_RaisesOntzorgingLooptAl_AndTheStatusNamesTheRunningOne()
    {
        // Participatiewet art. 4 and 56a: the bijstand and its ontzorging are for the leefeenheid, once.
        var eerste = MetBijstand();
        var tweede = MetBijstand();
        var gestart = (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn = eerste, ingangsdatum = Today, kostenposten = Kosten, huishoudenId = "GEZIN-7" })).AssertCompleted();

        (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn = tweede, ingangsdatum = Today, kostenposten = Kosten, huishoudenId = "GEZIN-7" })).AssertBpmnError("UITKERING_ONTZORGING_LOOPT_AL");
        var status = (await _sim.RunAsync<BijstandRaadplegenActivity>(new { bsn = tweede, huishoudenId = "GEZIN-7" })).AssertCompleted();
        Assert.Equal(gestart["ontzorgingId"]!.GetValue<string>(), status["huishoudenOntzorgingId"]!.GetValue<string>());
        Assert.Null(status["lopendeOntzorgingId"]);
    }

    [Fact]
    public async Task OntzorgingStarten_WithAnUnknownKostensoort_FailsAsAContractError() =>
        (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn = MetBijstand(), ingangsdatum = Today, kostenposten = new[] { new { soort = "vakantie", crediteur = "Reisbureau", bedragPerMaand = 100m } } }))
            .AssertFailed(retryable: false);

    [Fact]
    public async Task OntzorgingStoppen_EndsItAndIsHarmlessToRepeat()
    {
        var bsn = MetBijstand();
        var id = (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn, ingangsdatum = Today, kostenposten = Kosten })).AssertCompleted()["ontzorgingId"]!.GetValue<string>();
        var stop = new { ontzorgingId = id, einddatum = Today.AddMonths(6), reden = "Evaluatie: zelfredzaam" };

        var first = (await _sim.RunAsync<OntzorgingStoppenActivity>(stop)).AssertCompleted();
        var again = (await _sim.RunAsync<OntzorgingStoppenActivity>(stop)).AssertCompleted();

        Assert.Equal("Beeindigd", first["ontzorgingStatus"]!.GetValue<string>());
        Assert.Equal(first["ontzorgingEinddatum"]!.GetValue<string>(), again["ontzorgingEinddatum"]!.GetValue<string>());
    }

    [Fact]
    public async Task OntzorgingStoppen_BeforeItsStart_RaisesUitkeringAfgewezen()
    {
        var bsn = MetBijstand();
        var id = (await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn, ingangsdatum = Today, kostenposten = Kosten })).AssertCompleted()["ontzorgingId"]!.GetValue<string>();

        (await _sim.RunAsync<OntzorgingStoppenActivity>(new { ontzorgingId = id, einddatum = Today.AddDays(-1), reden = "Vergissing" })).AssertBpmnError("UITKERING_AFGEWEZEN");
    }

    [Fact]
    public async Task OntzorgingStoppen_ForAnUnknownOntzorging_RaisesUitkeringOnbekend() =>
        (await _sim.RunAsync<OntzorgingStoppenActivity>(new { ontzorgingId = "ONTZ-999999", einddatum = Today, reden = "x" })).AssertBpmnError("UITKERING_ONBEKEND");

    [Fact]
    public async Task BijstandRaadplegen_GivesTheRightWithItsDates()
    {
        var bsn = MetBijstand(Today.AddDays(-100), Today.AddDays(50));

        var output = (await _sim.RunAsync<BijstandRaadplegenActivity>(new { bsn })).AssertCompleted();

        Assert.True(output["bijstandActief"]!.GetValue<bool>());
        Assert.Equal(Today.AddDays(-100).ToString("yyyy-MM-dd"), output["bijstandIngangsdatum"]!.GetValue<string>());
        Assert.Equal(Today.AddDays(50).ToString("yyyy-MM-dd"), output["bijstandEinddatum"]!.GetValue<string>());
    }

    [Fact]
    public async Task BijstandRaadplegen_AfterTheRightEnded_SaysNotActive()
    {
        var bsn = MetBijstand(Today.AddDays(-100), Today.AddDays(-1));
        Assert.False((await _sim.RunAsync<BijstandRaadplegenActivity>(new { bsn })).AssertCompleted()["bijstandActief"]!.GetValue<bool>());
    }

    [Fact]
    public async Task BijstandRaadplegen_ForSomeoneWithoutBijstand_SaysNoneWithoutDates()
    {
        var output = (await _sim.RunAsync<BijstandRaadplegenActivity>(new { bsn = TestBsn.Next() })).AssertCompleted();
        Assert.False(output["bijstandActief"]!.GetValue<bool>());
        Assert.Null(output["bijstandIngangsdatum"]);
    }

    [Fact]
    public async Task TheUitkeringSystemDownUntilTomorrow_FailsRetryablyToday()
    {
        _sim.Failures.For("uitkering").Set(new FailurePlan { DownUntil = _sim.Time.GetUtcNow().AddDays(1) });
        (await _sim.RunAsync<BijstandRaadplegenActivity>(new { bsn = TestBsn.Next() })).AssertFailed(retryable: true);
    }

    [Fact]
    public async Task TheUitkeringSystemFailingHalfTheTime_IsRetriedUntilItWorks_WithOneEffect()
    {
        var bsn = MetBijstand();
        var key = Guid.NewGuid().ToString("N");
        _sim.Failures.For("uitkering").Set(new FailurePlan { ErrorRate = 0.5, Seed = 7 });

        Inburgering.Engine.Activities.ActivityResult result;
        var attempts = 0;
        do
        {
            result = await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn, ingangsdatum = Today, kostenposten = Kosten }, key);
            attempts++;
        }
        while (result is Inburgering.Engine.Activities.ActivityResult.Failed { Retryable: true } && attempts < 20);

        result.AssertCompleted();
        Assert.Single(Uitkering.Ontzorgingen(_sim.Referentie(bsn)));
    }
}
