using Inburgering.Simulators.Demo;

namespace Inburgering.Server.Hosting;

/// <summary>The demo data (project Simulators), switched on by <c>Inburgering:DemoData</c>.</summary>
public static class Demo
{
    /// <summary>
    /// <c>Inburgering:DemoData</c>: builds the demo in the background on an empty database. It runs through the service's own API
    /// and simulators in virtual time, so it needs the simulation clock, the partner simulators and development sign-in; asked
    /// for without them, the service does not start and says why.
    /// </summary>
    public static void AddDemoData(this WebApplicationBuilder builder, ServerSettings settings)
    {
        if (!settings.DemoData)
        {
            return;
        }

        var missing = new[]
        {
            (settings.SimulationClock, "Inburgering:SimulationClock=true"),
            (settings.PartnerSimulators, "Inburgering:PartnerSimulators=true"),
            (settings.DevelopmentSignIn, "Inburgering:DevelopmentSignIn=true"),
        }.Where(s => !s.Item1).Select(s => s.Item2).ToList();
        if (missing.Count > 0)
        {
            throw new StartupRefusedException(
                $"Inburgering cannot start: Inburgering:DemoData runs trajecten through virtual time, the partner simulators and the API; it also needs {string.Join(", ", missing)}.",
                $"Add --{string.Join(" --", missing)} (as the README's run command does), or leave out Inburgering:DemoData.");
        }

        var definitions = settings.ResolveDefinitionsPath(builder.Environment.ContentRootPath);
        builder.Services.AddDemoData(builder.Configuration, definitions is null ? null : Path.Combine(definitions, "forms", "answers"), Readiness.Tag);
    }
}
