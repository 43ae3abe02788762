using Inburgering.Activities.Duo;

namespace Inburgering.Server.Hosting;

/// <summary>
/// Outside the Development environment the service refuses to start with any development switch on (development sign-in
/// lets anyone claim any role in any gemeente by header; the simulation clock lets them move time; demo data and the
/// partner simulators are made-up people and partners), with the simulator's OINs for DUO, or with a gemeentebeleid that still
/// marks an OIN or the contactpersoon for DUO as placeholder, and says which and why.
/// </summary>
public static class ProductionPosture
{
    /// <summary>The reasons this configuration may not run in <paramref name="environment"/>; empty when it may.</summary>
    public static IReadOnlyList<string> Refusals(IHostEnvironment environment, ServerSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        if (environment.IsDevelopment())
        {
            return [];
        }

        var refusals = new List<string>();
        void Switch(bool on, string name, string why)
        {
            if (on)
            {
                refusals.Add($"Inburgering:{name}=true is alleen voor ontwikkeling: {why}");
            }
        }

        Switch(settings.DevelopmentSignIn, "DevelopmentSignIn", "iedereen kan dan met een header elke rol in elke gemeente aannemen. Configureer Inburgering:Authentication (OIDC).");
        Switch(settings.SimulationClock, "SimulationClock", "iedereen met de rol procesontwerper kan dan de tijd verzetten.");
        Switch(settings.DemoData, "DemoData", "de demo vult de database met verzonnen personen.");
        Switch(settings.PartnerSimulators, "PartnerSimulators", "de keten praat dan met nagebootste partners in plaats van DUO en de andere partners.");

        var duo = new DuoOptions();
        configuration.GetSection(DuoOptions.Section).Bind(duo);
        if (duo.DuoOin == DuoOptions.SimulatorDuoOin)
        {
            refusals.Add($"{DuoOptions.Section}:DuoOin is het OIN van de DUO-simulator; configureer het OIN van DUO.");
        }

        var synthetic = duo.GemeenteOins.Where(kv => kv.Value == DuoOptions.SyntheticOin(kv.Key)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        if (synthetic.Count > 0)
        {
            refusals.Add($"{DuoOptions.Section}:GemeenteOins heeft voor {string.Join(", ", synthetic)} het verzonnen OIN van de simulator; configureer het echte OIN van elke gemeente.");
        }

        refusals.AddRange(PolicyPlaceholders(settings, environment.ContentRootPath));

        if (!Security.DuoEndpointAuthentication.From(configuration).IsConfigured)
        {
            refusals.Add($"{Security.DuoEndpointAuthentication.Section}: het notificatie-eindpunt van DUO heeft een eigen aanmelding nodig: ClientCertificateThumbprints (PKIoverheid, via Digikoppeling) of TokenSha256.");
        }

        return refusals;
    }

    /// <summary>
    /// What the gemeentebeleid still marks as placeholder: a gemeente's OIN (<c>duoOinIsPlaceholder</c>, the Bron towards DUO) or
    /// its contactpersoon for DUO (<c>duoContactpersoon.isPlaceholder</c>, what DUO shows the inburgeraar). A policy folder that is
    /// missing or invalid is left to its own refusal later in the start.
    /// </summary>
    private static IEnumerable<string> PolicyPlaceholders(ServerSettings settings, string contentRoot)
    {
        string folder;
        try
        {
            folder = Path.Combine(StartupChecks.DefinitionsFolder(settings, contentRoot), "gemeenten");
        }
        catch (StartupRefusedException)
        {
            yield break;
        }

        if (Workflows.Policy.PolicyCatalog.Load(folder) is not { IsValid: true, Catalog: { } catalog })
        {
            yield break;
        }

        var oins = catalog.Gemeenten.Where(g => g.Oin.IsPlaceholder).Select(g => $"{g.Naam} ({g.Code})").ToList();
        if (oins.Count > 0)
        {
            yield return $"het gemeentebeleid ({folder}) heeft voor {string.Join(", ", oins)} een placeholder-OIN (duoOinIsPlaceholder): zet het echte OIN uit het OIN-register van Logius.";
        }

        var contacts = catalog.Gemeenten.Where(g => g.DuoContactpersoon.IsPlaceholder).Select(g => $"{g.Naam} ({g.Code})").ToList();
        if (contacts.Count > 0)
        {
            yield return $"het gemeentebeleid ({folder}) heeft voor {string.Join(", ", contacts)} een placeholder-contactpersoon voor DUO (duoContactpersoon.isPlaceholder): DUO toont die aan de inburgeraar; zet het echte team, e-mailadres en telefoonnummer.";
        }
    }

    /// <summary>Refuses the start (<see cref="StartupRefusedException"/>) naming every reason; the host does not start.</summary>
    public static void Enforce(WebApplicationBuilder builder, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var refusals = Refusals(builder.Environment, settings, builder.Configuration);
        if (refusals.Count > 0)
        {
            throw new StartupRefusedException(
                $"Inburgering cannot start: De service start niet in omgeving '{builder.Environment.EnvironmentName}':{Environment.NewLine}- " +
                string.Join($"{Environment.NewLine}- ", refusals) +
                $"{Environment.NewLine}(Zet ASPNETCORE_ENVIRONMENT=Development alleen op een ontwikkelmachine.)");
        }
    }
}
