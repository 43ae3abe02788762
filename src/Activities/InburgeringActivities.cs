using Inburgering.Activities.Brp;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Activities;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Intake;
using Inburgering.Activities.Partners;
using Inburgering.Activities.Taalaanbieder;
using Inburgering.Activities.Uitkering;
using Inburgering.Engine.Activities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inburgering.Activities;

/// <summary>Wires the partners: clients and activities.</summary>
public static class InburgeringActivities
{
    /// <summary>
    /// Registers every partner client (typed HttpClient, base address and timeout from <c>Partners:{Name}</c>), every
    /// activity, the PersoonReferentie generator and the DUO notificatie receiver default. A <see cref="TimeProvider"/>
    /// registered earlier (the engine's virtual clock) is used; otherwise the system clock. A host refuses to start without
    /// <c>PersoonReferentie:Secret</c> (at least 16 bytes). The keten's whole composition is <c>AddKeten</c>.
    /// </summary>
    public static IServiceCollection AddInburgeringActivities(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddOptions<PersoonReferentieOptions>()
            .Bind(configuration.GetSection(PersoonReferentieOptions.Section))
            .Validate(o => System.Text.Encoding.UTF8.GetByteCount(o.Secret ?? "") >= 16, "PersoonReferentie:Secret must be set (at least 16 bytes).")
            .ValidateOnStart();
        services.TryAddSingleton<PersoonReferentieGenerator>();
        services.TryAddSingleton<IDuoNotificatieReceiver, UnconnectedDuoNotificatieReceiver>();

        services.AddPartnerClient<DuoClient, DuoOptions>(configuration, DuoOptions.Section);
        services.AddActivity<InburgeringsplichtRaadplegenActivity>();
        services.AddActivity<InburgeringstermijnRaadplegenActivity>();
        services.AddActivity<LeerbaarheidstoetsRaadplegenActivity>();
        services.AddActivity<LeerbaarheidstoetsExamennummerOpvragenActivity>();
        services.AddActivity<ExamenRaadplegenActivity>();
        services.AddActivity<OntheffingRaadplegenActivity>();
        services.AddActivity<VrijstellingRaadplegenActivity>();
        services.AddActivity<PipMeldenActivity>();
        services.AddActivity<PipRaadplegenActivity>();
        services.AddActivity<ContactpersoonMeldenActivity>();
        services.AddActivity<InburgeringsaanbodMeldenActivity>();
        services.AddActivity<MapMeldenActivity>();
        services.AddActivity<PvtMeldenActivity>();
        services.AddActivity<ZrouteMeldenActivity>();
        services.AddActivity<GevolgdeUrenMeldenActivity>();

        services.AddPartnerClient<IntakeClient, IntakeOptions>(configuration, IntakeOptions.Section);
        services.AddActivity<LeerbaarheidstoetsAanvragenActivity>();
        services.AddActivity<LeerbaarheidstoetsUitslagOphalenActivity>();
        services.AddActivity<LeerbaarheidstoetsAnnulerenActivity>();

        services.AddPartnerClient<TaalaanbiederClient, TaalaanbiederOptions>(configuration, TaalaanbiederOptions.Section);
        services.AddActivity<TaalaanbiederAanmeldenActivity>();
        services.AddActivity<AanmeldingStatusOphalenActivity>();
        services.AddActivity<GevolgdeUrenOphalenActivity>();

        services.AddPartnerClient<UitkeringClient, UitkeringOptions>(configuration, UitkeringOptions.Section);
        services.AddActivity<OntzorgingStartenActivity>();
        services.AddActivity<OntzorgingStoppenActivity>();
        services.AddActivity<BijstandRaadplegenActivity>();

        services.AddPartnerClient<BrpClient, BrpOptions>(configuration, BrpOptions.Section);
        services.AddActivity<VerblijfplaatsRaadplegenActivity>();

        // The gemeente's casuïstiekoverleg reads the engine's own store (EngineQueries, registered with the engine).
        services.AddActivity<Overleg.CasuistiekoverlegAgendaActivity>();

        return services;
    }

    /// <summary>A typed client whose options (<typeparamref name="TOptions"/>) come from <paramref name="section"/>.</summary>
    private static void AddPartnerClient<TClient, TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TClient : class
        where TOptions : PartnerClientOptions
    {
        services.Configure<TOptions>(configuration.GetSection(section));
        services.AddHttpClient<TClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<TOptions>>().Value;
                http.BaseAddress = WithTrailingSlash(options.BaseUrl);
                http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
            })
            // Partner URLs may carry a BSN (DUO's paths do): no request logging by the factory.
            .RemoveAllLoggers();
    }

    internal static Uri? WithTrailingSlash(Uri? uri) =>
        uri is null || uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
