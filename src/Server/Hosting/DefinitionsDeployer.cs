using Inburgering.Engine;

namespace Inburgering.Server.Hosting;

/// <summary>Deploys every workflow-definitions/*.bpmn at start-up, the same way as the API: identical files make no new version.</summary>
public sealed class DefinitionsDeployer(ProcessEngine engine, ILogger<DefinitionsDeployer> logger)
{
    public async Task DeployFolderAsync(string folder, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var xml = await File.ReadAllTextAsync(file, cancellationToken);
            var result = await engine.DeployAsync(xml, Path.GetFileName(file), Actor.System, cancellationToken);
            if (!result.Succeeded)
            {
                // A broken file must not go unnoticed: refuse to start rather than run without it.
                throw new InvalidOperationException(
                    $"workflow-definitions/{Path.GetFileName(file)} kan niet worden uitgerold: "
                    + string.Join("; ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
            }

            foreach (var definition in result.Definitions)
            {
                Log.DefinitionDeployed(logger, name, definition.Key, definition.Version, definition.IsNew);
            }
        }
    }
}
