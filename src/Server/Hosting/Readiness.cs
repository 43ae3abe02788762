using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inburgering.Server.Hosting;

/// <summary><c>/health/ready</c>: whether the service is ready for people (503 while the demo data is being built).</summary>
public static class Readiness
{
    /// <summary>The health-check tag of checks that say whether the service is ready for people.</summary>
    public const string Tag = "ready";

    /// <summary>The overall status and, per check, its status and description (the demo's progress), as JSON.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
