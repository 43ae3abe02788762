using Inburgering.Activities.Taalaanbieder;
using Inburgering.Simulators;
using Inburgering.Simulators.Taalaanbieder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>
/// The partner simulators on their own Kestrel at 127.0.0.1, in the test process: they outlive a killed server process
/// and remember every request and every idempotency key they saw.
/// </summary>
public sealed class PartnerSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PartnerSimulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public SimulatorFailures Failures => _app.Services.GetRequiredService<SimulatorFailures>();

    public RequestJournal Requests => _app.Services.GetRequiredService<RequestJournal>();

    public TaalaanbiederSimulatorState Taalaanbieder => _app.Services.GetRequiredService<TaalaanbiederSimulatorState>();

    /// <summary>Starts the simulators; <paramref name="time"/> is their clock (the server's virtual clock in simulation tests).</summary>
    public static async Task<PartnerSimulatorHost> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersoonReferentie:Secret"] = "simulator-host-secret-0123456789",
            ["Partners:Duo:Simulator:AutoDeliver"] = "false",
        });
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddPartnerSimulators(builder.Configuration);
        var app = builder.Build();
        app.MapPartnerSimulators();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PartnerSimulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The server arguments that point every partner client at these simulators.</summary>
    public IEnumerable<string> PartnerArguments() =>
    [
        "--Partners:Taalaanbieder:BaseUrl", new Uri(BaseAddress, "sim/taalaanbieder/v1/").ToString(),
        "--Partners:Uitkering:BaseUrl", new Uri(BaseAddress, "sim/uitkering/v1/").ToString(),
        "--Partners:Intake:BaseUrl", new Uri(BaseAddress, "sim/intake/v1/").ToString(),
        "--Partners:Duo:BaseUrl", new Uri(BaseAddress, "sim/duo/v1/").ToString(),
        "--Partners:Brp:BaseUrl", new Uri(BaseAddress, "sim/brp/haalcentraal/api/brp/").ToString(),
    ];

    /// <summary>The requests to the taalaanbieder's aanmelden operation, grouped by idempotency key.</summary>
    public Dictionary<string, List<RecordedRequest>> AanmeldenByKey() =>
        Requests.Snapshot(TaalaanbiederSimulatorEndpoints.Partner)
            .Where(r => r.Operation == "taalaanbieder.aanmelden")
            .GroupBy(r => r.MessageKey ?? "")
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
