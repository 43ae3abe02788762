using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inburgering.Simulators;

/// <summary>What every simulator shares: failure injection and the request journal on its API, and the control endpoints under <c>_sim</c>.</summary>
public static class SimulatorEndpoints
{
    public const string ControlSegment = "_sim";

    /// <summary>
    /// The group a simulator maps its partner API on: every request passes the failure injector and lands in the journal.
    /// <paramref name="keyHeader"/> names the header that carries the idempotency/message key (DUO: berichtId).
    /// </summary>
    public static RouteGroupBuilder MapPartnerApi(this IEndpointRouteBuilder endpoints, string prefix, string partner, string keyHeader)
    {
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(new SimulatorFilter(partner, keyHeader));
        group.ExcludeFromDescription();
        return group;
    }

    /// <summary>Maps <c>{prefix}/_sim/failure</c> and <c>{prefix}/_sim/requests</c> for one simulator.</summary>
    public static RouteGroupBuilder MapSimulatorControl(this IEndpointRouteBuilder endpoints, string prefix, string partner)
    {
        var control = endpoints.MapGroup($"{prefix.TrimEnd('/')}/{ControlSegment}");
        control.ExcludeFromDescription();
        control.MapGet("/failure", (SimulatorFailures failures) => TypedResults.Ok(failures.For(partner).Plan));
        control.MapPost("/failure", (FailurePlan plan, SimulatorFailures failures, ILoggerFactory loggers) =>
        {
            failures.For(partner).Set(plan);
            Log.FailurePlanSet(loggers.CreateLogger("Inburgering.Activities.Simulators"), partner, plan.ToString());
            return TypedResults.Ok(plan);
        });
        control.MapDelete("/failure", (SimulatorFailures failures) =>
        {
            failures.For(partner).Reset();
            return TypedResults.NoContent();
        });
        control.MapGet("/requests", (RequestJournal journal) => TypedResults.Ok(journal.Snapshot(partner)));
        control.MapDelete("/requests", (RequestJournal journal) =>
        {
            journal.Clear(partner);
            return TypedResults.NoContent();
        });
        return control;
    }

    /// <summary>Answers a state-changing request once per key and replays that answer for every repeat.</summary>
    public static IResult Idempotent(HttpContext http, string partner, string? key, string fingerprint, Func<StoredResponse> execute)
    {
        if (string.IsNullOrEmpty(key))
        {
            var once = execute();
            return Stored(once);
        }

        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var (response, replayed, conflict) = store.Execute(partner, key, fingerprint, execute);
        if (conflict)
        {
            return TypedResults.Problem(
                title: "Idempotency-Key hergebruikt",
                detail: "Deze sleutel is eerder gebruikt voor een ander verzoek.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        if (replayed)
        {
            http.Items[SimulatorFilter.ReplayedItem] = true;
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Stored(response);
    }

    private static IResult Stored(StoredResponse response) =>
        response.BodyJson is null
            ? TypedResults.StatusCode(response.Status)
            : TypedResults.Content(response.BodyJson, response.ContentType, System.Text.Encoding.UTF8, response.Status);
}

/// <summary>Failure injection and journaling around every partner-API endpoint of a simulator.</summary>
internal sealed class SimulatorFilter(string partner, string keyHeader) : IEndpointFilter
{
    public const string ReplayedItem = "sim.replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var journal = services.GetRequiredService<RequestJournal>();
        var decision = services.GetRequiredService<SimulatorFailures>().For(partner).Decide();
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var key = http.Request.Headers[keyHeader].FirstOrDefault();
        var injected = decision.Outcome != FailureOutcome.Pass;
        var traceParent = http.Request.Headers["traceparent"].FirstOrDefault();

        http.Response.OnCompleted(() =>
        {
            journal.Record(new RecordedRequest(
                partner,
                http.Request.Method,
                http.Request.Path.Value ?? "",
                operation,
                key,
                http.Response.StatusCode,
                http.Items.ContainsKey(ReplayedItem),
                injected,
                time.GetUtcNow(),
                traceParent));
            return Task.CompletedTask;
        });

        if (decision.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(decision.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }

        switch (decision.Outcome)
        {
            case FailureOutcome.Refuse:
                http.Abort();
                return Results.Empty;
            case FailureOutcome.Unavailable:
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            case FailureOutcome.Error:
                return Results.StatusCode(decision.Status);
            default:
                return await next(context);
        }
    }
}
