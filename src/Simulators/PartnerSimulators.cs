using Inburgering.Activities.Duo;
using Inburgering.Simulators.Brp;
using Inburgering.Simulators.Duo;
using Inburgering.Simulators.Intake;
using Inburgering.Simulators.Taalaanbieder;
using Inburgering.Simulators.Uitkering;
using Inburgering.Workflows.Policy;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inburgering.Simulators;

/// <summary>
/// The partner simulators: DUO (duo-m2m as published, with its notificaties to the gemeente), the toetsafnemer (intake), the
/// taalaanbieder, the uitkering (Participatiewet) and the BRP (Haal Centraal BRP Personen bevragen). Each honours its partner's contract (docs/partners) with failure
/// injection, an idempotency store and a request journal under <c>.../_sim</c>. For development, tests, the demo and the bench;
/// never part of a production configuration.
/// </summary>
public static class PartnerSimulators
{
    /// <summary>
    /// Registers the simulators' state (in memory) and DUO's notificatie delivery. A <see cref="TimeProvider"/> registered
    /// earlier (the engine's virtual clock) is their clock; otherwise the system clock. Map them with <see cref="MapPartnerSimulators"/>.
    /// </summary>
    public static IServiceCollection AddPartnerSimulators(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<SimulatorFailures>();
        services.TryAddSingleton<RequestJournal>();
        services.TryAddSingleton<IdempotencyStore>();
        services.Configure<DuoSimulatorOptions>(configuration.GetSection(DuoSimulatorOptions.Section));
        // The simulated DUO knows the gemeenten by their OINs (bron) and itself by DUO's (doel), as the gemeente's DUO client does.
        services.Configure<DuoOptions>(configuration.GetSection(DuoOptions.Section));
        // Every gemeente of the loaded policy (Ferm Werk, SDD, WerkSaam) has a synthetic OIN unless one is configured: without
        // it the simulated DUO could not address its notificaties to an SDD or WerkSaam gemeente, nor the DUO client send for it.
        services.AddOptions<DuoOptions>().PostConfigure<IServiceProvider>((duo, provider) => AddSyntheticOins(duo, provider.GetService<PolicyCatalog>()));
        services.TryAddSingleton<DuoSimulatorState>();
        services.TryAddSingleton<DuoNotificatieVerzender>();
        services.AddHttpClient(DuoNotificatieVerzender.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        services.AddHostedService<DuoNotificatieBezorgService>();
        services.TryAddSingleton<IntakeSimulatorState>();
        services.TryAddSingleton<TaalaanbiederSimulatorState>();
        services.TryAddSingleton<UitkeringSimulatorState>();
        services.TryAddSingleton(provider => new BrpSimulatorState(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<DuoSimulatorState>(), provider.GetService<PolicyCatalog>()));
        return services;
    }

    /// <summary>Gives each gemeente of <paramref name="policy"/> without an OIN the simulator's synthetic one (development only).</summary>
    public static void AddSyntheticOins(DuoOptions duo, PolicyCatalog? policy)
    {
        ArgumentNullException.ThrowIfNull(duo);
        foreach (var gemeente in policy?.Gemeenten ?? [])
        {
            duo.GemeenteOins.TryAdd(gemeente.Code, DuoOptions.SyntheticOin(gemeente.Code));
        }
    }

    /// <summary>
    /// Maps every simulator under <c>{root}/{duo,intake,taalaanbieder,uitkering}/v1</c> (DUO's README puts the major
    /// version in the base path; our own contracts follow suit), each with its control API under <c>.../v1/_sim</c>; the BRP
    /// under <c>{root}/brp</c> with Haal Centraal's own path (<c>/haalcentraal/api/brp/personen</c>) and <c>{root}/brp/_sim</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapPartnerSimulators(this IEndpointRouteBuilder endpoints, string root = "/sim")
    {
        endpoints.MapDuoSimulator($"{root}/duo/v1");
        endpoints.MapIntakeSimulator($"{root}/intake/v1");
        endpoints.MapTaalaanbiederSimulator($"{root}/taalaanbieder/v1");
        endpoints.MapUitkeringSimulator($"{root}/uitkering/v1");
        endpoints.MapBrpSimulator($"{root}/brp");
        return endpoints;
    }
}
