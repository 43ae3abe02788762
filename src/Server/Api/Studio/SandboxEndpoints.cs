using Inburgering.Engine;
using Inburgering.Server.Auth;
using Inburgering.Server.Sandbox;
using Inburgering.Simulators.Demo;

namespace Inburgering.Server.Api.Studio;

/// <summary>Try before publishing: draft BPMN (and forms) through the keten's scenarios in a sandbox of their own.</summary>
public static class SandboxEndpoints
{
    /// <summary>The largest draft file taken (the keten's largest definition is well under this).</summary>
    public const int MaxFileLength = 2_000_000;

    public static void MapSandbox(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/studio/sandbox-runs").WithTags("Studio").RequireAuthorization(Policies.Design);
        group.MapPost("", Start)
            .WithSummary("Start een proefrun: de conceptbestanden (files[{name, content}]) vervangen de uitgerolde versies in een eigen service met eigen database en simulatieklok; de keten-scenario's (scenarios, standaard alle) lopen er in virtuele tijd doorheen. 202 met de run; volg hem met GET.");
        group.MapGet("/{id:guid}", Get).WithSummary("Stand en uitkomst van een proefrun: per scenario geslaagd, of waar het stopte (incident, vastgelopen token, onverwacht einde) met de element-id's.");
        group.MapGet("/scenarios", () => TypedResults.Ok(SandboxService.AllScenarios)).WithSummary("De keten-scenario's die een proefrun kan draaien.");
    }

    public sealed record FileDto(string? Name, string? Content);

    public sealed record StartRequest(IReadOnlyList<FileDto>? Files, IReadOnlyList<string>? Scenarios, int? Months);

    /// <summary>A draft BPMN file's problems, as deploying would report them; the file name tells which draft.</summary>
    public sealed record DraftProblem(string File, string? ElementId, string Code, string Message);

    private static IResult Start(StartRequest? request, HttpContext context, SandboxService sandbox, ProcessEngine engine)
    {
        if (request?.Files is not { Count: > 0 } files)
        {
            throw new RequestException(ServerErrors.FieldRequired, ("field", "files"));
        }

        foreach (var file in files)
        {
            var name = Path.GetFileName(file?.Name ?? "");
            if (name.Length == 0 || name != file!.Name || !(name.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".form", StringComparison.OrdinalIgnoreCase)))
            {
                throw new RequestException(ServerErrors.SandboxFileInvalid, ("name", file?.Name ?? ""));
            }

            if (string.IsNullOrWhiteSpace(file.Content) || file.Content.Length > MaxFileLength)
            {
                throw new RequestException(ServerErrors.SandboxFileInvalid, ("name", name));
            }
        }

        var scenarios = new List<DemoRoute>();
        foreach (var scenario in request.Scenarios ?? [])
        {
            if (!Enum.TryParse<DemoRoute>(scenario, ignoreCase: false, out var route) || !Enum.IsDefined(route))
            {
                throw new RequestException(ServerErrors.ParameterValueUnknown, ("parameter", "scenarios"), ("value", scenario), ("allowed", string.Join(", ", SandboxService.AllScenarios)));
            }

            scenarios.Add(route);
        }

        if (request.Months is < 1 or > 48)
        {
            throw new RequestException(ServerErrors.ParameterValueUnknown, ("parameter", "months"), ("value", request.Months), ("allowed", "1 t/m 48"));
        }

        // A draft the engine would refuse is not run: its errors come back pinned to their elements, as deploying would give them.
        var errors = new List<DraftProblem>();
        var warnings = new List<DraftProblem>();
        foreach (var file in files.Where(f => f!.Name!.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase)))
        {
            var validation = engine.Validate(file!.Content!);
            errors.AddRange(validation.Errors.Select(DefinitionEndpoints.ProblemItem.From).Select(p => new DraftProblem(file.Name!, p.ElementId, p.Code, p.Message)));
            warnings.AddRange(validation.Warnings.Select(DefinitionEndpoints.ProblemItem.From).Select(p => new DraftProblem(file.Name!, p.ElementId, p.Code, p.Message)));
        }

        if (errors.Count > 0)
        {
            return Problems.Result(
                StatusCodes.Status422UnprocessableEntity,
                "Concept niet uitvoerbaar",
                ServerErrors.SandboxDraftInvalid,
                ErrorTexts.Describe(ServerErrors.SandboxDraftInvalid, ("count", errors.Count)),
                new Dictionary<string, object?> { ["errors"] = errors, ["warnings"] = warnings });
        }

        var run = sandbox.Start(files.Select(f => new SandboxFile(f.Name!, f.Content!)).ToList(), scenarios, request.Months, Actors.From(context.User).Name);
        return TypedResults.Accepted($"/api/v1/studio/sandbox-runs/{run.Id}", run);
    }

    private static IResult Get(Guid id, SandboxService sandbox) =>
        sandbox.Find(id) is { } run ? TypedResults.Ok(run) : Problems.NotFound(ServerErrors.SandboxRunNotFound, ("id", id));
}
