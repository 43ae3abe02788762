using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Hosting;

/// <summary>The service's settings (section <c>Inburgering</c>; the connection string is <c>ConnectionStrings:Inburgering</c>).</summary>
public sealed class ServerSettings
{
    /// <summary>Sqlite (embedded default) or PostgreSql (production).</summary>
    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Virtual time that stands still until POST /api/v1/clock/advance moves it (tests, demos).</summary>
    public bool SimulationClock { get; set; }

    /// <summary>Sign-in from the X-User, X-Roles and X-Gemeenten headers (development only).</summary>
    public bool DevelopmentSignIn { get; set; }

    /// <summary>Run the partner simulators (DUO, intake, taalaanbieder, uitkering) in this process, and use them for partners not configured elsewhere.</summary>
    public bool PartnerSimulators { get; set; }

    /// <summary>
    /// On an empty database, build demo data: about thirty trajecten run through the keten over the last months of virtual
    /// time. Needs the simulation clock, the partner simulators and development sign-in.
    /// </summary>
    public bool DemoData { get; set; }

    /// <summary>Deploy every workflow-definitions/*.bpmn at start-up.</summary>
    public bool DeployDefinitionsAtStartup { get; set; } = true;

    /// <summary>The workflow-definitions folder; found by walking up from the content root when empty.</summary>
    public string? DefinitionsPath { get; set; }

    public static ServerSettings From(IConfiguration configuration)
    {
        var settings = new ServerSettings();
        configuration.GetSection("Inburgering").Bind(settings);
        return settings;
    }

    /// <summary>The workflow-definitions folder, or null when there is none.</summary>
    public string? ResolveDefinitionsPath(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(DefinitionsPath))
        {
            return Path.GetFullPath(DefinitionsPath, contentRoot);
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "workflow-definitions");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
