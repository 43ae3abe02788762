using Inburgering.Engine;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Inburgering.Server;

/// <summary>Every error as application/problem+json, with a Dutch explanation.</summary>
public static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeFor(status), Instance = context.Request.Path };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public static IResult Result(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeFor(status), extensions: extensions);

    public static IResult From(EngineException exception) => exception.Kind switch
    {
        EngineErrorKind.NotFound => Result(StatusCodes.Status404NotFound, "Niet gevonden", exception.Message),
        EngineErrorKind.Forbidden => Result(StatusCodes.Status403Forbidden, "Geen toegang", exception.Message),
        EngineErrorKind.Invalid => Result(StatusCodes.Status422UnprocessableEntity, "Ongeldige invoer", exception.Message),
        _ => Result(StatusCodes.Status409Conflict, "Conflict", exception.Message),
    };

    public static IResult Invalid(string detail) => Result(StatusCodes.Status400BadRequest, "Ongeldig verzoek", detail);

    public static IResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, "Niet gevonden", detail);

    /// <summary>Maps exceptions escaping an endpoint to problem+json; unexpected ones to a 500 without internals.</summary>
    public static async Task HandleExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (error)
        {
            case EngineException engine:
                await From(engine).ExecuteAsync(context);
                break;
            case BadHttpRequestException bad:
                await WriteAsync(context, bad.StatusCode, "Ongeldig verzoek", PlainReason(bad));
                break;
            default:
                await WriteAsync(context, StatusCodes.Status500InternalServerError, "Interne fout", "Er ging iets mis in de service; de fout is gelogd.");
                break;
        }
    }

    private static string PlainReason(BadHttpRequestException exception) =>
        exception.InnerException is System.Text.Json.JsonException json
            ? $"De JSON in het verzoek is ongeldig: {json.Message}"
            : exception.Message;

    private static string TypeFor(int status) => $"https://httpstatuses.io/{status}";
}
