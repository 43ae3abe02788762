using System.Text.Json;
using Inburgering.Activities.Partners;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inburgering.Simulators;

/// <summary>Answers in the style of our own partner contracts (JSON, problem+json with a <c>code</c>, Idempotency-Key on every POST).</summary>
internal static class PartnerSimulator
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>400 when a state-changing request carries no Idempotency-Key.</summary>
    public static ProblemHttpResult? MissingKey(HttpContext http, out string key)
    {
        key = http.Request.Headers[IdempotencyHeader].ToString();
        return key.Length > 0
            ? null
            : TypedResults.Problem(detail: "De header Idempotency-Key ontbreekt.", statusCode: StatusCodes.Status400BadRequest, title: "Ongeldig verzoek");
    }

    public static string Fingerprint(object? request) => JsonSerializer.Serialize(request, PartnerHttp.Json);

    public static StoredResponse Json(int status, object body, string fingerprint) =>
        new(status, JsonSerializer.Serialize(body, PartnerHttp.Json), fingerprint);

    /// <summary>A problem+json answer; <paramref name="code"/> is a stable machine-readable reason.</summary>
    public static StoredResponse Problem(int status, string title, string detail, string code, string fingerprint) =>
        new(
            status,
            JsonSerializer.Serialize(new { type = "about:blank", title, status, detail, code }, PartnerHttp.Json),
            fingerprint,
            "application/problem+json");

    public static IResult Answer(StoredResponse response) =>
        response.BodyJson is null
            ? TypedResults.StatusCode(response.Status)
            : TypedResults.Content(response.BodyJson, response.ContentType, System.Text.Encoding.UTF8, response.Status);

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Ongeldig verzoek");
}
