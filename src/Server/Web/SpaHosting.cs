using Inburgering.Server.Api;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Inburgering.Server.Web;

/// <summary>
/// Serves the web application (src/Web, built by this project's build into wwwroot) at <c>/</c>: its files, with the
/// hashed assets cached for a year, and <c>index.html</c> for every other path that is not the API, the health checks,
/// the OpenAPI document or a partner endpoint, so the application's own routes (e.g. /werkvoorraad) can be bookmarked.
/// </summary>
public static class SpaHosting
{
    private static readonly string[] ServerPaths = ["/api", "/health", "/openapi", "/sim", "/duo", "/engine-rest"];

    public static void UseWebApplication(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var path = context.Context.Request.Path;
                context.Context.Response.Headers[HeaderNames.CacheControl] = path.StartsWithSegments("/assets", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
    }

    public static void MapWebApplication(this WebApplication app)
    {
        var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        // GET and HEAD only: another method on an unknown route (or the wrong content type on a known one) keeps its 404/405/415.
        app.MapMethods("/{**path:nonfile}", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            var path = context.Request.Path;
            if (ServerPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var file = index.Exists ? index : app.Environment.WebRootFileProvider.GetFileInfo("index.html");
            if (!file.Exists)
            {
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Webtoepassing niet gebouwd", ServerErrors.WebNotBuilt, ErrorTexts.Describe(ServerErrors.WebNotBuilt));
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await context.Response.SendFileAsync(file);
        }).WithOrder(int.MaxValue).ExcludeFromDescription();
    }
}
