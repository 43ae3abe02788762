using Inburgering.Engine.Expressions;
using Inburgering.Server.Api;
using Inburgering.Workflows.Expressions;
using Inburgering.Workflows.Policy;

namespace Inburgering.Server.Hosting;

/// <summary>
/// What the keten's process definitions need besides the engine: the domain functions (deadlines and rules) and the
/// gemeente policy for expressions, and the human-task forms beside the definitions.
/// </summary>
public static class Keten
{
    public static void AddKeten(this WebApplicationBuilder builder, ServerSettings settings)
    {
        var folder = settings.ResolveDefinitionsPath(builder.Environment.ContentRootPath);
        builder.Services.AddSingleton<IExpressionFunctionProvider>(_ => new DomainFunctions());
        builder.Services.AddSingleton<IExpressionFunctionProvider>(_ => new RegelFunctions());

        var gemeenten = folder is null ? null : Path.Combine(folder, "gemeenten");
        if (gemeenten is not null && Directory.Exists(gemeenten))
        {
            // A policy file with a problem stops the start-up with every problem listed: the processes cannot run without it.
            var catalog = PolicyCatalog.LoadOrThrow(gemeenten);
            builder.Services.AddSingleton(catalog);
            builder.Services.AddSingleton<IExpressionFunctionProvider>(sp => new BeleidFunctions(sp.GetRequiredService<PolicyCatalog>()));
        }

        builder.Services.AddSingleton(new FormCatalog(folder is null ? null : Path.Combine(folder, "forms")));
    }
}
