using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Api;

/// <summary>
/// Partner calls waiting out their back-off, and "retry now" for one or in bulk (per activity type and gemeente): the day a
/// partner returns, operations need not wait for each call's back-off to end. Beheerders only.
/// </summary>
public static class PartnerCallEndpoints
{
    public static void MapPartnerCalls(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/partner-calls").WithTags("Partneraanroepen").RequireAuthorization(Policies.Operate);
        calls.MapGet("", ListAsync)
            .WithSummary("Partneraanroepen die na een mislukte poging op hun volgende poging wachten (state=waiting), te filteren op activityType en gemeente; de eerstvolgende poging eerst.");
        calls.MapPost("/{id:guid}/retry-now", RetryNowAsync)
            .WithSummary("Doet de volgende poging van een wachtende partneraanroep nu, in plaats van na de wachttijd. Pogingen en idempotentiesleutel blijven gelijk.");
        calls.MapPost("/retry-now", RetryAllNowAsync)
            .WithSummary("Doet de volgende poging nu van alle wachtende partneraanroepen die passen bij {activityType, gemeente} (beide optioneel); geeft {count} terug.");
    }

    public sealed record RetryNowRequest(string? ActivityType, string? Gemeente);

    public sealed record RetryNowResult(int Count);

    private static async Task<IResult> ListAsync(
        EngineQueries queries,
        HttpContext context,
        string? state,
        string? activityType,
        string? gemeente,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        if (state is not null && !string.Equals(state, "waiting", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid(ServerErrors.PartnerCallStateInvalid);
        }

        if (Problems.CheckGemeente(gemeente) is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await queries.PartnerCallsAsync(
            new PartnerCallFilter(gemeente, string.IsNullOrWhiteSpace(activityType) ? null : activityType),
            Actors.From(context.User),
            new Paging(page ?? 1, pageSize ?? 50),
            cancellationToken));
    }

    private static async Task<IResult> RetryNowAsync(Guid id, ProcessEngine engine, HttpContext context, CancellationToken cancellationToken)
    {
        await engine.RetryPartnerCallNowAsync(id, Actors.From(context.User), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RetryAllNowAsync(RetryNowRequest? request, ProcessEngine engine, HttpContext context, CancellationToken cancellationToken)
    {
        if (Problems.CheckGemeente(request?.Gemeente) is { } invalid)
        {
            return invalid;
        }

        var count = await engine.RetryPartnerCallsNowAsync(
            new PartnerCallFilter(request?.Gemeente, string.IsNullOrWhiteSpace(request?.ActivityType) ? null : request.ActivityType),
            Actors.From(context.User),
            cancellationToken);
        return TypedResults.Ok(new RetryNowResult(count));
    }
}
