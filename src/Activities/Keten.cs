using Inburgering.Engine.Expressions;
using Inburgering.Workflows.Expressions;
using Inburgering.Workflows.Forms;
using Inburgering.Workflows.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Activities;

/// <summary>
/// The keten's one composition root: everything the process definitions in workflow-definitions/ need besides the engine.
/// Used by the server, the tests and (through the server) the bench, so they run the same keten.
/// </summary>
public static class Keten
{
    /// <summary>
    /// Registers the expression functions (<c>termijn.*</c>, <c>pip.*</c>, <c>regel.*</c>…, and <c>beleid.*</c> over the policy
    /// catalogue of <c>{definitionsFolder}/gemeenten</c>), the forms of <c>{definitionsFolder}/forms</c> and every activity with
    /// its partner client (<see cref="InburgeringActivities.AddInburgeringActivities"/>). A policy file with a problem throws a
    /// <see cref="PolicyException"/> listing every problem: the processes cannot run without their policy. Without a
    /// definitions folder there is no policy (<c>beleid.*</c> is absent) and no form.
    /// </summary>
    public static IServiceCollection AddKeten(this IServiceCollection services, IConfiguration configuration, string? definitionsFolder)
    {
        services.AddSingleton<IExpressionFunctionProvider>(_ => new DomainFunctions());
        services.AddSingleton<IExpressionFunctionProvider>(_ => new RegelFunctions());

        var gemeenten = definitionsFolder is null ? null : Path.Combine(definitionsFolder, "gemeenten");
        if (gemeenten is not null && Directory.Exists(gemeenten))
        {
            services.AddSingleton(PolicyCatalog.LoadOrThrow(gemeenten));
            services.AddSingleton<IExpressionFunctionProvider>(sp => new BeleidFunctions(sp.GetRequiredService<PolicyCatalog>()));

            // Resolved only where the engine is registered too (the server, the demo).
            services.AddSingleton<Overleg.CasuistiekoverlegStarter>();
        }

        services.AddSingleton(new FormCatalog(definitionsFolder is null ? null : Path.Combine(definitionsFolder, "forms")));
        services.AddInburgeringActivities(configuration);
        return services;
    }
}
