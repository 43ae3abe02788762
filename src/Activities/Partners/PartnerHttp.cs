using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Inburgering.Engine.Activities;
using Microsoft.Extensions.Logging;

namespace Inburgering.Activities.Partners;

/// <summary>The raw answer of one HTTP exchange, or the transport error that prevented it.</summary>
internal sealed record PartnerResponse(HttpStatusCode? Status, string Body, string? ApiVersion, string? TransportError, bool TimedOut)
{
    public bool IsSuccess => Status is { } s && (int)s is >= 200 and < 300;

    /// <summary>No request was sent because the client is not configured: retrying cannot help.</summary>
    public bool Misconfigured { get; init; }
}

/// <summary>Transport shared by the partner clients: send, time out, classify transport failures. No body or URL is logged.</summary>
internal static class PartnerHttp
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<PartnerResponse> SendAsync(HttpClient http, HttpRequestMessage request, ILogger logger, string partner, string operation, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null && request.RequestUri is not { IsAbsoluteUri: true })
        {
            return new PartnerResponse(null, "", null, $"Partners:{partner}:BaseUrl is niet geconfigureerd.", false) { Misconfigured = true };
        }

        // The engine keeps the last exchange of a failed call on its incident (for a beheerder; never logged).
        var url = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute : new Uri(http.BaseAddress!, request.RequestUri!);
        var method = request.Method.Method;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var apiVersion = response.Headers.TryGetValues("API-Version", out var values) ? values.FirstOrDefault() : null;
            Log.PartnerCall(logger, partner, operation, (int)response.StatusCode, watch.ElapsedMilliseconds);
            PartnerExchanges.Record(method, url, (int)response.StatusCode, body);
            return new PartnerResponse(response.StatusCode, body, apiVersion, null, false);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.HttpRequestError == HttpRequestError.Unknown ? "transportfout" : ex.HttpRequestError.ToString();
            Log.PartnerUnreachable(logger, partner, operation, reason);
            var error = $"{partner} is niet bereikbaar ({reason}).";
            PartnerExchanges.Record(method, url, null, error);
            return new PartnerResponse(null, "", null, error, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.PartnerUnreachable(logger, partner, operation, "timeout");
            var error = $"{partner} antwoordde niet binnen {http.Timeout.TotalSeconds:0.#} s.";
            PartnerExchanges.Record(method, url, null, error);
            return new PartnerResponse(null, "", null, error, true);
        }
    }

    public static HttpRequestMessage Request(HttpMethod method, string relativeUri, object? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, new Uri(relativeUri, UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        return request;
    }

    /// <summary>
    /// The mapping for our own partners (Intake, Taalaanbieder, Uitkering), whose errors are problem+json:
    /// 2xx ok; 404 not found; 409/422 rejected with the problem's detail; 400/401/403 permanent; 408/429/5xx and transport transient.
    /// </summary>
    public static PartnerResult<T> Interpret<T>(PartnerResponse response, string partner, ILogger logger, string operation)
    {
        if (response.Status is not { } status)
        {
            return PartnerResult.Failed<T>(response.Misconfigured ? PartnerOutcome.Permanent : PartnerOutcome.Transient, response.TransportError ?? $"{partner} is niet bereikbaar.");
        }

        var code = (int)status;
        if (response.IsSuccess)
        {
            try
            {
                var value = JsonSerializer.Deserialize<T>(string.IsNullOrWhiteSpace(response.Body) ? "{}" : response.Body, Json);
                if (value is not null)
                {
                    return PartnerResult.Ok(value, status);
                }
            }
            catch (JsonException)
            {
            }

            Log.PartnerContractError(logger, partner, operation, "unreadable body");
            return PartnerResult.Failed<T>(PartnerOutcome.Permanent, $"{partner} gaf een onleesbaar antwoord op {operation}.", status);
        }

        var (detail, problemCode) = Problem(response.Body);
        if (code is 408 or 429 || code >= 500)
        {
            return PartnerResult.Failed<T>(PartnerOutcome.Transient, $"{partner} gaf HTTP {code} op {operation}.", status);
        }

        if (code == 404)
        {
            return PartnerResult.Failed<T>(PartnerOutcome.NotFound, detail ?? $"{partner} kent dit niet ({operation}).", status);
        }

        if (code is 409 or 422)
        {
            Log.PartnerRejected(logger, partner, operation, 1);
            return PartnerResult.Failed<T>(PartnerOutcome.Rejected, detail ?? $"{partner} wees het verzoek af.", status) with { Code = problemCode };
        }

        Log.PartnerContractError(logger, partner, operation, $"HTTP {code}");
        return PartnerResult.Failed<T>(PartnerOutcome.Permanent, $"{partner} weigerde {operation} met HTTP {code}: {detail ?? "geen toelichting"}.", status);
    }

    /// <summary>The <c>detail</c> (or <c>title</c>) and the <c>code</c> extension of a problem+json body.</summary>
    private static (string? Detail, string? Code) Problem(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? Text(string name) =>
                doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

            return (Text("detail") ?? Text("title"), Text("code"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
