using Inburgering.Simulators.Keten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Simulators.Demo;

/// <summary>Registers the demo data (<c>Inburgering:DemoData</c>); the host checks first that the simulation clock, the partner simulators and development sign-in are on.</summary>
public static class DemoData
{
    /// <summary>
    /// Builds the demo in the background on an empty database: its options (<c>Inburgering:Demo</c>), its progress as a health
    /// check tagged <paramref name="readyTag"/> and the service that runs it. <paramref name="answersFolder"/> holds the forms'
    /// answers (<c>workflow-definitions/forms/answers</c>).
    /// </summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration, string? answersFolder, string readyTag)
    {
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection("Inburgering:Demo"))
            .Validate(o => o.Months is >= 1 and <= 120, "Inburgering:Demo:Months must be between 1 and 120.")
            .Validate(o => o.Personas is >= 1 and < 100_000, "Inburgering:Demo:Personas must be between 1 and 99999.")
            .Validate(o => o.StartWeeks is null || (o.StartWeeks >= 0 && o.StartWeeks < o.Months * 4), "Inburgering:Demo:StartWeeks must lie within the demo's months.")
            .ValidateOnStart();
        services.AddSingleton(answersFolder is null ? FormAnswers.None : FormAnswers.Load(answersFolder));
        services.AddSingleton<DemoStatus>();
        services.AddHealthChecks().AddCheck<DemoStatus>("demo", tags: [readyTag]);
        services.AddHostedService<DemoDataService>();
        return services;
    }
}
