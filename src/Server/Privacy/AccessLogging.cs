using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Privacy;

/// <summary>
/// The AVG access log: an endpoint that answers with personal data (an instance with its variables, a journal, a task with
/// the traject's variables, a dossier) records who read which instance, when, as what, once its answer is a success. The
/// log is the engine's (<see cref="ProcessEngine.RecordAccessAsync"/>), per traject (the instance tree), and read by a
/// beheerder with <c>GET /api/v1/privacy/trajecten/{id}/access-log</c>.
/// </summary>
public static class AccessLogging
{
    /// <summary>What the route's <c>{id}</c> is.</summary>
    public enum Subject
    {
        Instance,
        Task,
    }

    /// <summary>Records a successful answer of this endpoint in the access log as <paramref name="action"/>.</summary>
    public static TBuilder RecordsAccess<TBuilder>(this TBuilder builder, string action, Subject subject = Subject.Instance)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 }
                && context.HttpContext.Request.RouteValues.TryGetValue("id", out var value)
                && Guid.TryParse(value?.ToString(), out var id))
            {
                var services = context.HttpContext.RequestServices;
                var http = context.HttpContext;
                var instanceId = subject == Subject.Instance
                    ? id
                    : (await services.GetRequiredService<EngineQueries>().TaskAsync(id, Actors.From(http.User), http.RequestAborted))?.InstanceId;
                if (instanceId is { } instance)
                {
                    var detail = subject == Subject.Task ? $"taak {id}" : null;
                    await services.GetRequiredService<ProcessEngine>().RecordAccessAsync(http.User.Identity?.Name ?? "onbekend", action, [instance], detail, CancellationToken.None);
                }
            }

            return result;
        });
}
