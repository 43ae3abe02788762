using Inburgering.Activities.Overleg;
using Inburgering.Engine.Queries;

namespace Inburgering.Server.Hosting;

/// <summary>
/// At start-up, after the definitions are deployed: the periodic casuïstiekoverleg of every gemeente whose policy has one
/// (<see cref="CasuistiekoverlegStarter"/>). Not on an empty database that the demo is about to build: the demo sets its clock
/// back first, which needs a database without instances, and starts the overleggen itself.
/// </summary>
public static class Casuistiekoverleggen
{
    public static async Task StartAsync(WebApplication app, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.DeployDefinitionsAtStartup || app.Services.GetService<CasuistiekoverlegStarter>() is not { } starter)
        {
            return;
        }

        if (settings.DemoData && !await app.Services.GetRequiredService<EngineQueries>().AnyInstancesAsync())
        {
            return;
        }

        await starter.StartAllAsync();
    }
}
