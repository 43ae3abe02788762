using System.Diagnostics;
using System.Text.RegularExpressions;
using Inburgering.Engine;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Inburgering.Server.Hosting;

/// <summary>
/// OpenTelemetry traces: the ASP.NET Core request, the engine's spans (<see cref="EngineMetrics"/>: one per step, one per
/// partner-call attempt) and the HTTP call to the partner, which carries the W3C <c>traceparent</c> to it. Always on, so a
/// partner sees the trace id of the API call that caused its call; exported over OTLP only when an endpoint is configured
/// (<c>Inburgering:Tracing:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). No span carries a BSN: the
/// engine tags definitions, elements, activity types and outcomes; URLs are cut where a path holds a number like a BSN.
/// </summary>
internal static partial class TracingHosting
{
    public const string ServiceName = "inburgering";

    /// <summary>The OTLP endpoint traces go to, or null (the default: nothing is exported).</summary>
    public static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        var value = configuration["Inburgering:Tracing:OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new StartupRefusedException(
                $"Inburgering cannot start: the OTLP endpoint for traces '{value}' is not an http(s) URL.",
                "Set Inburgering:Tracing:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) to the collector's URL, e.g. http://localhost:4317, or leave it empty to export nothing.");
    }

    public static void AddInburgeringTracing(this WebApplicationBuilder builder)
    {
        var endpoint = OtlpEndpoint(builder.Configuration);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(ServiceName);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(EngineMetrics.Name)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        // Scrapes, probes and the web app's files are not worth a trace.
                        o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal)
                            && !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                            && !context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal);
                        o.EnrichWithHttpRequest = (activity, request) =>
                        {
                            if (request.Path.Value is { } path && Redact(path) is var redacted && redacted != path)
                            {
                                activity.SetTag("url.path", redacted);
                                activity.DisplayName = $"{request.Method} {redacted}";
                            }
                        };
                    })
                    .AddHttpClientInstrumentation(o =>
                    {
                        o.EnrichWithHttpRequestMessage = (activity, request) =>
                        {
                            if (request.RequestUri is { IsAbsoluteUri: true } uri)
                            {
                                activity.SetTag("url.full", $"{uri.GetLeftPart(UriPartial.Authority)}{Redact(uri.AbsolutePath)}");
                            }
                        };
                    });
                if (endpoint is not null)
                {
                    // The standard variables (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS…) are read by the exporter
                    // itself (for http/protobuf it appends /v1/traces); our own setting is taken as the full address.
                    var own = !string.IsNullOrWhiteSpace(builder.Configuration["Inburgering:Tracing:OtlpEndpoint"]);
                    tracing.AddOtlpExporter(o =>
                    {
                        if (own)
                        {
                            o.Endpoint = endpoint;
                        }
                    });
                }
            });
    }

    /// <summary>A URL path with every segment of eight or more digits (a BSN: DUO's <c>/personen/{bsn}/…</c>) replaced by <c>{bsn}</c>.</summary>
    internal static string Redact(string path) => DigitsSegment().Replace(path, "/{bsn}");

    [GeneratedRegex("/[0-9]{8,}(?=/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DigitsSegment();
}
