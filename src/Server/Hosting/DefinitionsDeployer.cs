using Inburgering.Engine;

namespace Inburgering.Server.Hosting;

/// <summary>
/// Deploys every workflow-definitions/*.bpmn at start-up, the same way as the API: identical files make no new version. All or
/// nothing: every file is validated before the first is deployed, so a broken file leaves the deployed versions as they were.
/// </summary>
public sealed class DefinitionsDeployer(ProcessEngine engine, ILogger<DefinitionsDeployer> logger)
{
    public async Task DeployFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var files = new List<(string Name, string Xml)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            files.Add((Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken)));
        }

        var refused = files
            .Select(f => (f.Name, Result: engine.Validate(f.Xml)))
            .Where(f => !f.Result.IsValid)
            .ToList();
        if (refused.Count > 0)
        {
            // A broken file must not go unnoticed: refuse to start rather than run without it, and deploy none of the others.
            throw new StartupRefusedException(
                $"Inburgering cannot start: {string.Join("; ", refused.Select(f => $"workflow-definitions/{f.Name} does not validate: "
                    + string.Join(", ", f.Result.Errors.Select(e => $"{e.ElementId ?? "(file)"} {e.Code}: {e.Message}"))))}. Nothing was deployed.",
                "Correct the file (POST /api/v1/definitions answers the same errors), or move it out of the folder.");
        }

        foreach (var (name, xml) in files)
        {
            var result = await engine.DeployAsync(xml, name, Actor.System, cancellationToken);
            if (!result.Succeeded)
            {
                throw new StartupRefusedException(
                    $"Inburgering cannot start: workflow-definitions/{name} cannot be deployed: {string.Join(", ", result.Errors.Select(e => $"{e.ElementId ?? "(file)"} {e.Code}: {e.Message}"))}.",
                    "Correct the file (POST /api/v1/definitions answers the same errors).");
            }

            foreach (var warning in result.Warnings)
            {
                Log.DefinitionWarning(logger, name, warning.ElementId ?? "(file)", warning.Code);
            }

            foreach (var definition in result.Definitions)
            {
                Log.DefinitionDeployed(logger, name, definition.Key, definition.Version, definition.IsNew);
            }
        }
    }
}
