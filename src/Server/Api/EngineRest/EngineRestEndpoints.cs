using System.Globalization;
using System.Text;
using Inburgering.Engine;
using Inburgering.Server.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Inburgering.Server.Api.EngineRest;

/// <summary>
/// The part of Camunda 7's REST API that Camunda Modeler (desktop) uses to deploy: <c>POST /engine-rest/deployment/create</c>
/// (multipart: deployment-name, deployment-source, deploy-changed-only, tenant-id, the files as parts), the connection check
/// <c>GET /engine-rest/deployment</c> and <c>GET /engine-rest/version</c>. Answers in Camunda 7's shapes, so "Deploy" in the
/// Modeler works against this service. Procesontwerper role, signed in like the API or with HTTP Basic (see
/// <see cref="DevelopmentBasicSignInHandler"/>).
/// </summary>
public static class EngineRestEndpoints
{
    /// <summary>The Camunda 7 version this surface answers as (the Modeler reads it to pick its features).</summary>
    public const string CamundaVersion = "7.22.0";

    public static void MapEngineRest(this WebApplication app, string[] schemes)
    {
        ArgumentNullException.ThrowIfNull(app);
        var policy = new AuthorizationPolicyBuilder(schemes).RequireRole(Roles.Procesontwerper, Roles.Beheerder).Build();
        var group = app.MapGroup("/engine-rest").WithTags("Camunda Modeler").RequireAuthorization(policy);
        group.MapGet("/version", () => TypedResults.Ok(new { version = CamundaVersion })).WithSummary("Camunda 7-versie (voor Camunda Modeler).");
        group.MapGet("/deployment", () => TypedResults.Ok(Array.Empty<object>())).WithSummary("Verbindingscontrole van Camunda Modeler.");
        group.MapPost("/deployment/create", CreateDeploymentAsync).DisableAntiforgery()
            .WithSummary("Camunda 7-deployment (multipart, zoals Camunda Modeler hem stuurt): rolt elk .bpmn-bestand uit als nieuwe versie.");
    }

    private static async Task<IResult> CreateDeploymentAsync(HttpRequest request, ProcessEngine engine, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Verkeerd formaat", ServerErrors.EngineRestNotMultipart, ErrorTexts.Describe(ServerErrors.EngineRestNotMultipart));
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var name = form["deployment-name"].ToString();
        var source = form["deployment-source"].ToString();
        var changedOnly = string.Equals(form["deploy-changed-only"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var bpmnFiles = form.Files.Where(f => IsBpmn(f.FileName) || IsBpmn(f.Name)).ToList();
        if (bpmnFiles.Count == 0)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Geen BPMN", ServerErrors.EngineRestNoResources, ErrorTexts.Describe(ServerErrors.EngineRestNoResources));
        }

        var actor = Actors.From(request.HttpContext.User);
        var deployed = new Dictionary<string, object?>(StringComparer.Ordinal);
        DateTimeOffset? deployedAt = null;
        Guid? deploymentId = null;
        foreach (var file in bpmnFiles)
        {
            string xml;
            using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8))
            {
                xml = await reader.ReadToEndAsync(cancellationToken);
            }

            var resource = string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName;
            var origin = string.IsNullOrWhiteSpace(source) ? "camunda-modeler" : source.Trim();
            var result = await engine.DeployAsync(xml, Truncate($"{origin}: {(string.IsNullOrWhiteSpace(name) ? resource : name)} ({resource})", 500), actor, cancellationToken);
            if (!result.Succeeded)
            {
                // Camunda 7 answers a deployment that does not parse with 400 and a ParseException; the Modeler shows message and details.
                var message = ErrorTexts.Describe(ServerErrors.DefinitionNotDeployable, ("count", result.Errors.Count)) + " "
                    + string.Join(" ", result.Errors.Select(e => e.ElementId is null ? ErrorTexts.Describe(e.Error) : $"{e.ElementId}: {ErrorTexts.Describe(e.Error)}"));
                return TypedResults.Json(
                    new
                    {
                        type = "ParseException",
                        message,
                        code = ServerErrors.DefinitionNotDeployable,
                        details = new Dictionary<string, object>(StringComparer.Ordinal)
                        {
                            [resource] = new
                            {
                                errors = result.Errors.Select(e => Report(e)).ToList(),
                                warnings = result.Warnings.Select(e => Report(e)).ToList(),
                            },
                        },
                    },
                    statusCode: StatusCodes.Status400BadRequest);
            }

            foreach (var d in result.Definitions.Where(d => d.IsNew || !changedOnly))
            {
                deploymentId ??= d.Id;
                deployedAt ??= d.DeployedAt;
                var id = string.Create(CultureInfo.InvariantCulture, $"{d.Key}:{d.Version}:{d.Id}");
                deployed[id] = new
                {
                    id,
                    key = d.Key,
                    category = "http://bpmn.io/schema/bpmn",
                    description = (string?)null,
                    name = d.Name,
                    version = d.Version,
                    resource,
                    deploymentId = d.Id.ToString(),
                    diagram = (string?)null,
                    suspended = false,
                    tenantId = (string?)null,
                    versionTag = (string?)null,
                    historyTimeToLive = (int?)null,
                    startableInTasklist = true,
                };
            }
        }

        var deployment = (deploymentId ?? Guid.Empty).ToString();
        var href = $"{request.Scheme}://{request.Host}/engine-rest/deployment/{deployment}";
        return TypedResults.Ok(new
        {
            links = new[] { new { method = "GET", href, rel = "self" } },
            id = deployment,
            name = string.IsNullOrWhiteSpace(name) ? null : name,
            source = string.IsNullOrWhiteSpace(source) ? null : source,
            deploymentTime = deployedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzz00", CultureInfo.InvariantCulture),
            tenantId = (string?)null,
            deployedProcessDefinitions = deployed.Count == 0 ? null : deployed,
            deployedCaseDefinitions = (object?)null,
            deployedDecisionDefinitions = (object?)null,
            deployedDecisionRequirementsDefinitions = (object?)null,
        });
    }

    private static object Report(Engine.Bpmn.BpmnProblem problem) => new
    {
        message = ErrorTexts.Describe(problem.Error),
        code = problem.Code,
        line = 0,
        column = 0,
        mainElementId = problem.ElementId,
        elementIds = problem.ElementId is null ? Array.Empty<string>() : [problem.ElementId],
    };

    private static bool IsBpmn(string? fileName) =>
        fileName is not null && (fileName.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase));

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
