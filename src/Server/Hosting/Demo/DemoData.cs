using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inburgering.Server.Hosting.Demo;

public static class DemoData
{
    /// <summary>The health-check tag of checks that say whether the service is ready for people (<c>/health/ready</c>).</summary>
    public const string ReadyTag = "ready";

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
            throw new InvalidOperationException(
                $"Inburgering:DemoData runs trajecten through virtual time, the partner simulators and the API; it also needs {string.Join(", ", missing)}.");
        }

        builder.Services.AddOptions<DemoOptions>()
            .Bind(builder.Configuration.GetSection("Inburgering:Demo"))
            .Validate(o => o.Months is >= 1 and <= 120, "Inburgering:Demo:Months must be between 1 and 120.")
            .Validate(o => o.Personas is >= 1 and < 100_000, "Inburgering:Demo:Personas must be between 1 and 99999.")
            .Validate(o => o.StartWeeks is null || (o.StartWeeks >= 0 && o.StartWeeks < o.Months * 4), "Inburgering:Demo:StartWeeks must lie within the demo's months.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DemoStatus>();
        builder.Services.AddHealthChecks().AddCheck<DemoStatus>("demo", tags: [ReadyTag]);
        builder.Services.AddHostedService<DemoDataService>();
    }

    /// <summary><c>/health/ready</c> as JSON: the overall status and, per check, its status and description (the demo's progress).</summary>
    public static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
