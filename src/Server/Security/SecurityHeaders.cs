namespace Inburgering.Server.Security;

/// <summary>
/// The security headers on every answer: no sniffing, no framing, no referrer to other sites, a Content-Security-Policy
/// fit for the single-page application at <c>/</c> (Vite bundles only: no inline or foreign scripts; bpmn-js and form-js
/// set inline SVG styles, so styles may be inline), and HSTS outside Development (browsers heed it only over HTTPS, so it is sent behind a TLS-terminating proxy too).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every answer. <c>connect-src</c> gains the identity provider's origin when one is configured.</summary>
    public static string ContentSecurityPolicy(string? extraConnectOrigin) =>
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        $"connect-src 'self'{(extraConnectOrigin is null ? "" : " " + extraConnectOrigin)}; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>
    /// API reference pages (under <c>/scalar</c>) start from an inline script with their configuration; they alone may run
    /// inline scripts. They show no personal data.
    /// </summary>
    private const string ReferencePagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app, string? identityProviderOrigin)
    {
        ArgumentNullException.ThrowIfNull(app);
        var policy = ContentSecurityPolicy(identityProviderOrigin);
        var hsts = !app.Environment.IsDevelopment();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase)
                    ? ReferencePagePolicy
                    : policy;
                if (hsts)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !headers.ContainsKey("Cache-Control"))
                {
                    // Case data is not for shared caches or the browser's disk.
                    headers.CacheControl = "no-store";
                }

                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
