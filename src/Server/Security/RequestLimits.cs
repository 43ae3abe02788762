using System.Net.Http.Headers;
using Inburgering.Server.Api;

namespace Inburgering.Server.Security;

/// <summary>
/// Refuses hostile input before it reaches an endpoint, each with a problem+json that names the limit (and never a 500):
/// a body larger than its limit (413), a charset other than UTF-8 (415), and a NUL character in the path, the query or a
/// JSON body (400) — PostgreSQL cannot store NUL in text, and no business key, variable or message name needs it.
/// </summary>
public static class RequestLimits
{
    /// <summary>The largest JSON body (variables, messages, forms): 1 MiB.</summary>
    public const long MaxJsonBody = 1024 * 1024;

    /// <summary>The largest body of a BPMN upload: the parser's limit in characters, as UTF-8 with room for non-ASCII names.</summary>
    public const long MaxBpmnBody = 8L * 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (ContainsNul(request.Path.Value) || ContainsNul(request.QueryString.Value) || ContainsNul(Uri.UnescapeDataString(request.QueryString.Value ?? "")))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, ServerErrors.NulCharacter, ("where", "URL"));
            return;
        }

        if (!HasBody(request))
        {
            await next(context);
            return;
        }

        if (request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.CharSet is { } charset && !IsUtf8(charset))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, ServerErrors.CharsetUnsupported, ("charset", charset.Trim('"')));
            return;
        }

        var limit = request.Path.StartsWithSegments("/api/v1/definitions", StringComparison.OrdinalIgnoreCase) ? MaxBpmnBody : MaxJsonBody;
        if (request.ContentLength > limit)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, ServerErrors.BodyTooLarge, ("max", limit));
            return;
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        if (IsJson(request.ContentType))
        {
            // Read the (bounded) body once to look for NUL: as a raw byte, or as the JSON escape \u0000.
            request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
            byte[] body;
            try
            {
                using var copy = new MemoryStream();
                await request.Body.CopyToAsync(copy, context.RequestAborted);
                body = copy.ToArray();
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, ServerErrors.BodyTooLarge, ("max", limit));
                return;
            }
            catch (IOException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, ServerErrors.BodyTooLarge, ("max", limit));
                return;
            }

            if (JsonContainsNul(body))
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, ServerErrors.NulCharacter, ("where", "JSON"));
                return;
            }

            request.Body.Position = 0;
        }

        await next(context);
    });

    internal static bool ContainsNul(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal);

    /// <summary>Whether UTF-8 JSON holds a NUL: a 0 byte, or <c>\u0000</c> where the backslash is not itself escaped.</summary>
    internal static bool JsonContainsNul(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        for (var i = json.IndexOf("u0000"u8); i >= 0;)
        {
            var backslashes = 0;
            for (var j = i - 1; j >= 0 && json[j] == (byte)'\\'; j--)
            {
                backslashes++;
            }

            if (backslashes % 2 == 1)
            {
                return true;
            }

            var next = json[(i + 5)..].IndexOf("u0000"u8);
            i = next < 0 ? -1 : i + 5 + next;
        }

        return false;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsUtf8(string charset)
    {
        var name = charset.Trim('"').Trim();
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static Task RefuseAsync(HttpContext context, int status, string code, params (string Name, object? Value)[] arguments)
    {
        var title = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "Te groot",
            StatusCodes.Status415UnsupportedMediaType => "Verkeerd formaat",
            _ => "Ongeldig verzoek",
        };
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["arguments"] = arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal),
        };
        return Problems.WriteAsync(context, status, title, code, ErrorTexts.Describe(code, arguments), extensions);
    }
}
