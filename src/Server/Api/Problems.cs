using Inburgering.Engine;
using Inburgering.Server.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Inburgering.Server.Api;

/// <summary>
/// Every error as application/problem+json: a Dutch <c>detail</c> and a stable <c>code</c> (the engine's codes and the
/// service's own, <see cref="ServerErrors"/>), with the error's <c>arguments</c> where it has them.
/// </summary>
public static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeFor(status), Instance = context.Request.Path };
        foreach (var (key, value) in WithCode(code, extensions))
        {
            problem.Extensions[key] = value;
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public static IResult Result(int status, string title, string code, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeFor(status), extensions: WithCode(code, extensions));

    public static IResult From(EngineException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return From(exception.Error);
    }

    /// <summary>An engine error: its kind decides the status, the code stays, the text is Dutch.</summary>
    public static IResult From(EngineError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var extensions = error.Arguments.Count == 0
            ? null
            : new Dictionary<string, object?> { ["arguments"] = error.Arguments };
        var detail = ErrorTexts.Describe(error);
        return error.Kind switch
        {
            EngineErrorKind.NotFound => Result(StatusCodes.Status404NotFound, "Niet gevonden", error.Code, detail, extensions),
            EngineErrorKind.Forbidden => Result(StatusCodes.Status403Forbidden, "Geen toegang", error.Code, detail, extensions),
            EngineErrorKind.Invalid => Result(StatusCodes.Status422UnprocessableEntity, "Ongeldige invoer", error.Code, detail, extensions),
            _ => Result(StatusCodes.Status409Conflict, "Conflict", error.Code, detail, extensions),
        };
    }

    /// <summary>400 for a request the service itself refuses (a missing field, a value in the wrong form).</summary>
    public static IResult Invalid(string code, params (string Name, object? Value)[] arguments) =>
        Result(StatusCodes.Status400BadRequest, "Ongeldig verzoek", code, ErrorTexts.Describe(code, arguments));

    public static IResult NotFound(string code, params (string Name, object? Value)[] arguments) =>
        Result(StatusCodes.Status404NotFound, "Niet gevonden", code, ErrorTexts.Describe(code, arguments));

    /// <summary>422 unless <paramref name="gemeente"/> is null or a CBS gemeentecode; null when it may be used.</summary>
    public static IResult? CheckGemeente(string? gemeente) =>
        gemeente is null || Auth.Gemeentecodes.IsValid(gemeente)
            ? null
            : Result(StatusCodes.Status422UnprocessableEntity, "Ongeldige invoer", ServerErrors.GemeenteInvalid, ErrorTexts.Describe(ServerErrors.GemeenteInvalid, ("gemeente", gemeente)));

    /// <summary>
    /// Whether an exception is an expected refusal (a 4xx: an engine rule, a bad request) rather than a fault: the framework then
    /// logs no error with a stack trace for it, and <see cref="HandleExceptionAsync"/> logs one information line.
    /// </summary>
    public static bool IsExpected(ExceptionHandlerSuppressDiagnosticsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Exception is EngineException or RequestException or BadHttpRequestException;
    }

    /// <summary>Maps exceptions escaping an endpoint to problem+json; unexpected ones to a 500 without internals.</summary>
    public static async Task HandleExceptionAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        await WriteForAsync(context, error);
        if (context.Response.StatusCode < 500 && error is not null)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Inburgering.Server.Api");
            var code = error switch
            {
                EngineException engine => engine.Error.Code,
                RequestException request => request.Code,
                _ => "request",
            };
            Log.RequestRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, code);
        }
    }

    private static async Task WriteForAsync(HttpContext context, Exception? error)
    {
        switch (error)
        {
            case EngineException engine:
                await From(engine).ExecuteAsync(context);
                break;
            case RequestException request:
                await Invalid(request.Code, [.. request.Arguments]).ExecuteAsync(context);
                break;
            case BadHttpRequestException bad:
                // In Dutch, naming the field and what it should be; never the framework's text with .NET type names.
                var (status, code, arguments) = RequestErrors.Describe(bad, context.Request);
                await WriteAsync(context, status, status == StatusCodes.Status415UnsupportedMediaType ? "Verkeerd formaat" : "Ongeldig verzoek", code, ErrorTexts.Describe(code, arguments));
                break;
            default:
                await WriteAsync(context, StatusCodes.Status500InternalServerError, "Interne fout", ServerErrors.InternalError, ErrorTexts.Describe(ServerErrors.InternalError));
                break;
        }
    }

    /// <summary>A status without a body (unknown route, wrong method…) as problem+json with a code.</summary>
    public static Task WriteStatusAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.Response.StatusCode;
        var request = context.Request;
        var code = status switch
        {
            StatusCodes.Status404NotFound => ServerErrors.RouteNotFound,
            StatusCodes.Status405MethodNotAllowed => ServerErrors.MethodNotAllowed,
            StatusCodes.Status415UnsupportedMediaType => ServerErrors.UnsupportedMediaType,
            _ => ServerErrors.HttpStatus,
        };
        var title = status switch
        {
            StatusCodes.Status404NotFound => "Niet gevonden",
            StatusCodes.Status405MethodNotAllowed => "Methode niet toegestaan",
            StatusCodes.Status415UnsupportedMediaType => "Verkeerd formaat",
            _ => "Fout",
        };
        if (status == StatusCodes.Status415UnsupportedMediaType)
        {
            code = ServerErrors.ContentTypeUnsupported;
        }

        return WriteAsync(context, status, title, code, ErrorTexts.Describe(
            code, ("status", status), ("method", request.Method), ("path", request.Path.Value), ("received", string.IsNullOrEmpty(request.ContentType) ? "(geen)" : request.ContentType)));
    }

    private static Dictionary<string, object?> WithCode(string code, IDictionary<string, object?>? extensions)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            result[key] = value;
        }

        return result;
    }

    private static string TypeFor(int status) => $"https://httpstatuses.io/{status}";
}
