using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Engine.Activities;
using Inburgering.Simulators;
using Inburgering.Simulators.Duo;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inburgering.Activities.Tests.Infrastructure;

/// <summary>
/// Two sides over real HTTP: a Kestrel app on 127.0.0.1:0 that hosts every partner simulator and the gemeente's
/// Notificatie API (as the Server does in-process), and a separate container for the gemeente side (clients and
/// activities) configured with that address, as the engine would resolve them.
/// </summary>
public sealed class PartnerSimulatorFixture : IAsyncLifetime
{
    public const string Secret = "test-secret-for-persoonreferentie-0123456789";

    private ServiceProvider? _gemeente;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public RecordingNotificatieReceiver Receiver { get; } = new();

    /// <summary>Every log line of both sides (simulators and gemeente), at every level.</summary>
    public LogCapture Logs { get; } = new();

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public IServiceProvider Gemeente => _gemeente!;

    public DuoSimulatorState Duo => App.Services.GetRequiredService<DuoSimulatorState>();

    public SimulatorFailures Failures => App.Services.GetRequiredService<SimulatorFailures>();

    public RequestJournal Journal => App.Services.GetRequiredService<RequestJournal>();

    public DuoNotificatieVerzender Verzender => App.Services.GetRequiredService<DuoNotificatieVerzender>();

    public PersoonReferentieGenerator Referenties => Gemeente.GetRequiredService<PersoonReferentieGenerator>();

    /// <summary>The PersoonReferentie of a BSN, as the gemeente side computes it.</summary>
    public string Referentie(string bsn) => Referenties.For(Bsn.Parse(bsn));

    public static string Oin(string gemeente) => DuoOptions.SyntheticOin(gemeente);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersoonReferentie:Secret"] = Secret,
            ["Partners:Duo:Simulator:AutoDeliver"] = "false",
            ["Partners:Duo:Simulator:NotificatieUrl"] = "/duo/v1/notificaties",
        });
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IDuoNotificatieReceiver>(Receiver);
        builder.Services.AddInburgeringActivities(builder.Configuration);
        builder.Services.AddPartnerSimulators(builder.Configuration);
        App = builder.Build();
        App.MapPartnerSimulators();
        App.MapDuoNotificaties("/duo/v1/notificaties");
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersoonReferentie:Secret"] = Secret,
            ["Partners:Duo:BaseUrl"] = new Uri(BaseAddress, "/sim/duo/v1").ToString(),
            ["Partners:Duo:TimeoutSeconds"] = "3",
            ["Partners:Intake:BaseUrl"] = new Uri(BaseAddress, "/sim/intake/v1").ToString(),
            ["Partners:Intake:TimeoutSeconds"] = "3",
            ["Partners:Taalaanbieder:BaseUrl"] = new Uri(BaseAddress, "/sim/taalaanbieder/v1").ToString(),
            ["Partners:Taalaanbieder:TimeoutSeconds"] = "3",
            ["Partners:Uitkering:BaseUrl"] = new Uri(BaseAddress, "/sim/uitkering/v1").ToString(),
            ["Partners:Uitkering:TimeoutSeconds"] = "3",
            ["Partners:Brp:BaseUrl"] = new Uri(BaseAddress, "/sim/brp/haalcentraal/api/brp").ToString(),
            ["Partners:Brp:TimeoutSeconds"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddInburgeringActivities(configuration);
        _gemeente = services.BuildServiceProvider();

        // Warm up (spec parsing, JIT, Kestrel) so the short client timeouts below measure the simulators, not a cold start.
        _ = Inburgering.Activities.Duo.Spec.OpenApiSpec.Duo.Operations.Count;
        using var warmup = await Http.GetAsync(Url("/sim/duo/v1/verlengingsgronden"));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_gemeente is not null)
        {
            await _gemeente.DisposeAsync();
        }

        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>An ActivityContext built by hand, as the engine would.</summary>
    public ActivityContext Context<TActivity>(object input, string? idempotencyKey = null, string gemeente = "0632", int attempt = 1) => new(
        Guid.NewGuid(),
        Guid.NewGuid(),
        "inburgeringstraject",
        "Task_1",
        null,
        gemeente,
        typeof(TActivity).GetCustomAttribute<ActivityAttribute>()!.Type,
        idempotencyKey ?? Guid.NewGuid().ToString("N"),
        attempt,
        JsonSerializer.SerializeToNode(input, ActivityJson.Options)!.AsObject(),
        Time.GetUtcNow());

    /// <summary>Runs an activity once, resolved the way the engine's catalogue does (a fresh scope, constructor injection).</summary>
    public async Task<ActivityResult> RunAsync<TActivity>(object input, string? idempotencyKey = null, string gemeente = "0632")
        where TActivity : IActivity
    {
        using var scope = Gemeente.CreateScope();
        var activity = ActivatorUtilities.CreateInstance<TActivity>(scope.ServiceProvider);
        return await activity.ExecuteAsync(Context<TActivity>(input, idempotencyKey, gemeente), CancellationToken.None);
    }

    /// <summary>Resets every simulator's failure plan (each test starts healthy).</summary>
    public void Healthy() => Failures.ResetAll();

    public Uri Url(string relative) => new(BaseAddress, relative);

    public async Task<HttpResponseMessage> PostJsonAsync(string relative, object body) =>
        await Http.PostAsJsonAsync(Url(relative), body, ActivityJson.Options);
}
