using Inburgering.Engine;
using Inburgering.Engine.InstanceMigration;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api.Migrations;

/// <summary>
/// Instance migration for procesontwerpers: generate a plan (equal ids), check an edited plan, validate it against running
/// instances (a dry run: nothing changes), and migrate in batches with a report per instance.
/// </summary>
public static class MigrationEndpoints
{
    public static void MapMigrations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/migrations").WithTags("Migratie").RequireAuthorization(Policies.Design);
        group.MapPost("/plans", GenerateAsync)
            .WithSummary("Maakt een migratieplan van versie A naar versie B (standaard de nieuwste) voor gelijke element-id's, met de elementen van beide versies om het plan te bewerken.");
        group.MapPost("/plans/check", CheckAsync).WithSummary("Controleert een (bewerkt) plan zonder instanties.");
        group.MapPost("/validate", ValidateAsync)
            .WithSummary("Proefmigratie: zegt per actieve instantie of elk token, elke taak, timer, berichtabonnement en lopende aanroep op een geldige wachtplek van de nieuwe versie landt, en wat er met timers gebeurt. Verandert niets.");
        group.MapPost("/batches", StartBatchAsync)
            .WithSummary("Start een migratiebatch: elke instantie in een eigen transactie, vastgelegd in het journaal; gaat na een herstart verder.");
        group.MapGet("/batches", ListBatchesAsync).WithSummary("De laatste migratiebatches.");
        group.MapGet("/batches/{id:guid}", BatchAsync).WithSummary("Stand en rapport van één batch, per instantie.");
    }

    public sealed record GenerateRequest(string? SourceKey, int? SourceVersion, string? TargetKey, int? TargetVersion);

    public sealed record PlanDto(string SourceKey, int SourceVersion, string TargetKey, int TargetVersion, IReadOnlyList<MigrationInstruction> Instructions);

    public sealed record RunRequest(PlanDto? Plan, IReadOnlyList<Guid>? InstanceIds);

    public sealed record ProblemDto(string? ElementId, string Code, string Message);

    public sealed record PlanResponse(MigrationPlan Plan, IReadOnlyList<MigrationElement> SourceElements, IReadOnlyList<MigrationElement> TargetElements, IReadOnlyList<ProblemDto> Problems);

    /// <summary>One instance's verdict; <paramref name="Gemeente"/> is its tenant, named as everywhere in the API.</summary>
    public sealed record InstanceDto(Guid InstanceId, string? BusinessKey, string Gemeente, bool CanMigrate, IReadOnlyList<MigratedWait> Waits, IReadOnlyList<ProblemDto> Problems);

    public sealed record ValidationResponse(MigrationPlan Plan, IReadOnlyList<ProblemDto> PlanProblems, int Migratable, int NotMigratable, IReadOnlyList<InstanceDto> Instances);

    public sealed record BatchItemDto(Guid InstanceId, string Status, DateTimeOffset? At, IReadOnlyList<ProblemDto> Problems, IReadOnlyList<MigratedWait> Waits);

    public sealed record BatchResponse(
        Guid Id, MigrationPlan Plan, string Status, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
        int Total, int Pending, int Migrated, int Failed, IReadOnlyList<BatchItemDto> Items);

    private static async Task<IResult> GenerateAsync(GenerateRequest? request, ProcessEngine engine, EngineQueries queries, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.SourceKey))
        {
            throw new RequestException(ServerErrors.FieldRequired, ("field", "sourceKey"));
        }

        if (request.SourceVersion is not { } sourceVersion)
        {
            throw new RequestException(ServerErrors.FieldRequired, ("field", "sourceVersion"));
        }

        var targetKey = string.IsNullOrWhiteSpace(request.TargetKey) ? request.SourceKey : request.TargetKey;
        var targetVersion = request.TargetVersion;
        if (targetVersion is null)
        {
            var latest = await queries.DefinitionsAsync(targetKey, true, new Paging(1, 1), cancellationToken);
            if (latest.Items.Count == 0)
            {
                return Problems.NotFound("definition.not-found", ("key", targetKey));
            }

            targetVersion = latest.Items[0].Version;
        }

        var draft = await engine.GenerateMigrationPlanAsync(request.SourceKey, sourceVersion, targetKey, targetVersion.Value, cancellationToken);
        return TypedResults.Ok(ToDto(draft));
    }

    private static async Task<IResult> CheckAsync(PlanDto? plan, ProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToDto(await engine.CheckMigrationPlanAsync(ToPlan(plan), cancellationToken)));

    private static async Task<IResult> ValidateAsync(RunRequest? request, HttpContext context, ProcessEngine engine, CancellationToken cancellationToken)
    {
        var validation = await engine.ValidateMigrationAsync(ToPlan(request?.Plan), request?.InstanceIds, Actors.From(context.User), cancellationToken);
        return TypedResults.Ok(new ValidationResponse(
            validation.Plan,
            validation.PlanProblems.Select(ToDto).ToList(),
            validation.Migratable,
            validation.NotMigratable,
            validation.Instances.Select(i => new InstanceDto(i.InstanceId, i.BusinessKey, i.TenantId, i.CanMigrate, i.Waits, i.Problems.Select(ToDto).ToList())).ToList()));
    }

    private static async Task<IResult> StartBatchAsync(RunRequest? request, HttpContext context, ProcessEngine engine, CancellationToken cancellationToken)
    {
        var started = await engine.StartMigrationBatchAsync(ToPlan(request?.Plan), request?.InstanceIds, Actors.From(context.User), cancellationToken);
        if (started.BatchId is not { } id)
        {
            return Problems.Result(
                StatusCodes.Status422UnprocessableEntity,
                "Plan niet uitvoerbaar",
                ServerErrors.MigrationPlanInvalid,
                ErrorTexts.Describe(ServerErrors.MigrationPlanInvalid, ("count", started.PlanProblems.Count)),
                new Dictionary<string, object?> { ["errors"] = started.PlanProblems.Select(ToDto).ToList() });
        }

        var batch = await engine.MigrationBatchAsync(id, cancellationToken);
        return TypedResults.Accepted($"/api/v1/migrations/batches/{id}", ToDto(batch));
    }

    private static async Task<IResult> ListBatchesAsync(ProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok((await engine.MigrationBatchesAsync(50, cancellationToken)).Select(ToDto).ToList());

    private static async Task<IResult> BatchAsync(Guid id, ProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToDto(await engine.MigrationBatchAsync(id, cancellationToken)));

    private static MigrationPlan ToPlan(PlanDto? plan)
    {
        if (plan is null)
        {
            throw new RequestException(ServerErrors.FieldRequired, ("field", "plan"));
        }

        if (string.IsNullOrWhiteSpace(plan.SourceKey) || string.IsNullOrWhiteSpace(plan.TargetKey))
        {
            throw new RequestException(ServerErrors.FieldRequired, ("field", string.IsNullOrWhiteSpace(plan.SourceKey) ? "plan.sourceKey" : "plan.targetKey"));
        }

        var instructions = plan.Instructions ?? [];
        if (instructions.Any(i => string.IsNullOrWhiteSpace(i?.SourceElementId) || string.IsNullOrWhiteSpace(i.TargetElementId)))
        {
            throw new RequestException(ServerErrors.FieldRequired, ("field", "plan.instructions[].sourceElementId/targetElementId"));
        }

        return new MigrationPlan(plan.SourceKey, plan.SourceVersion, plan.TargetKey, plan.TargetVersion, instructions);
    }

    private static ProblemDto ToDto(MigrationProblem problem) => new(problem.ElementId, problem.Error.Code, ErrorTexts.Describe(problem.Error));

    private static PlanResponse ToDto(MigrationPlanDraft draft) =>
        new(draft.Plan, draft.SourceElements, draft.TargetElements, draft.Problems.Select(ToDto).ToList());

    private static BatchResponse ToDto(MigrationBatchView batch) => new(
        batch.Id, batch.Plan, batch.Status, batch.CreatedBy, batch.CreatedAt, batch.CompletedAt, batch.Total, batch.Pending, batch.Migrated, batch.Failed,
        batch.Items.Select(i => new BatchItemDto(i.InstanceId, i.Status, i.At, i.Problems.Select(ToDto).ToList(), i.Waits)).ToList());
}
