using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>
/// The whole service in memory (WebApplicationFactory) with the simulation clock on, its partners pointed at simulators
/// hosted in the test process, plus any extra settings.
/// </summary>
public sealed class SimulatedServer(TestDatabase database, PartnerSimulatorHost? partners, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Inburgering", database.ConnectionString);
        builder.UseSetting("Inburgering:Database", database.Provider.ToString());
        builder.UseSetting("Inburgering:SimulationClock", "true");
        builder.UseSetting("Inburgering:DevelopmentSignIn", "true");
        builder.UseSetting("Inburgering:DeployDefinitionsAtStartup", "false");
        builder.UseSetting("Inburgering:PartnerSimulators", "false");
        var arguments = partners?.PartnerArguments().ToList() ?? [];
        for (var i = 0; i < arguments.Count; i += 2)
        {
            builder.UseSetting(arguments[i].TrimStart('-'), arguments[i + 1]);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Development");
    }

    /// <summary>A client signed in as a beheerder for all four gemeenten.</summary>
    public HttpClient Client()
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        client.DefaultRequestHeaders.Add("X-User", "tester");
        client.DefaultRequestHeaders.Add("X-Roles", "consulent,procesontwerper,beheerder");
        client.DefaultRequestHeaders.Add("X-Gemeenten", "0632,1901,0335,0589");
        return client;
    }
}

/// <summary>A clock that reads another clock set later (the simulators start before the server whose virtual clock they share).</summary>
public sealed class ForwardingTimeProvider : TimeProvider
{
    public TimeProvider Target { get; set; } = System;

    public override DateTimeOffset GetUtcNow() => Target.GetUtcNow();
}
