using Inburgering.Activities.Duo.Activities;
using Inburgering.Activities.Intake;
using Inburgering.Activities.Taalaanbieder;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Activities.Uitkering;
using Inburgering.Simulators;
using Inburgering.Simulators.Duo;
using Inburgering.Simulators.Uitkering;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Activities.Tests;

/// <summary>No BSN in a log line, on either side, whatever happens: success, rejection, contract error, outage.</summary>
public sealed class PrivacyTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public PrivacyTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    [Fact]
    public async Task NoLogLine_EverContainsABsn()
    {
        var today = _sim.Time.Today;
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632", InburgeringsplichtStart: today.AddDays(-50), Notificatie: "SS139"));
        _sim.App.Services.GetRequiredService<UitkeringSimulatorState>().SeedBijstand(new UitkeringSimBijstand(bsn, "0632", today.AddDays(-10)));

        await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn });
        await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = today.AddDays(-100), leerroute = "B" });
        await _sim.RunAsync<PipMeldenActivity>(new { bsn, dagtekeningPip = today, leerroute = "B" });
        await _sim.RunAsync<GevolgdeUrenMeldenActivity>(new { bsn, uren = 100000 });
        await _sim.RunAsync<InburgeringsplichtRaadplegenActivity>(new { bsn }, gemeente: "1901");
        await _sim.RunAsync<LeerbaarheidstoetsAanvragenActivity>(new { bsn });
        await _sim.RunAsync<TaalaanbiederAanmeldenActivity>(new { bsn, taalaanbiederId = "TA-UM-B1Z", leerroute = "B1" });
        await _sim.RunAsync<OntzorgingStartenActivity>(new { bsn, ingangsdatum = today, kostenposten = new[] { new { soort = "huur", crediteur = "Verhuurder", bedragPerMaand = 600m } } });
        await _sim.RunAsync<BijstandRaadplegenActivity>(new { bsn });
        await _sim.Verzender.DeliverPendingAsync(CancellationToken.None);
        _sim.Failures.For("duo").Set(new FailurePlan { Down = true, DownMode = DownMode.Refuse });
        await _sim.RunAsync<MapMeldenActivity>(new { bsn });
        _sim.Failures.For("duo").Set(new FailurePlan { DelayMilliseconds = 4000 });
        await _sim.RunAsync<PvtMeldenActivity>(new { bsn });

        Assert.NotEmpty(_sim.Logs.Lines);
        var leaking = _sim.Logs.Lines.Where(line => line.Contains(bsn, StringComparison.Ordinal)).ToList();

        // DUO's own paths carry the BSN (its contract), so ASP.NET Core's request logging in the host of the DUO
        // *simulator* sees them at Information and below; the Server keeps "Microsoft.AspNetCore" at Warning. Nothing
        // of ours, and nothing at Warning or above, may carry a BSN.
        Assert.All(leaking, line =>
        {
            var parts = line.Split(' ');
            Assert.StartsWith("Microsoft.AspNetCore.", parts[0], StringComparison.Ordinal);
            Assert.Contains(parts[1], new[] { "Trace", "Debug", "Information" });
        });
        Assert.Contains(_sim.Logs.Lines, line => line.Contains(_sim.Referentie(bsn), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHostWithoutAPersoonReferentieSecret_RefusesToStart()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Services.AddInburgeringActivities(builder.Configuration);
        await using var app = builder.Build();

        await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());
    }
}
