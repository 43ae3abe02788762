using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Templates;

namespace Inburgering.Server.Hosting;

/// <summary>
/// The service's log output through Serilog: one line per event with an ISO 8601 UTC timestamp (<c>text</c>, the default), or
/// one JSON object per line for a log collector (<c>Inburgering:Logging:Format=json</c>: compact JSON with <c>@t</c>,
/// <c>@l</c>, <c>@mt</c>, <c>@m</c>, <c>@x</c> and every structured property). Which categories log at which level stays
/// the standard <c>Logging:LogLevel</c> section.
/// </summary>
public static class Logging
{
    /// <summary>The setting that chooses the log format.</summary>
    public const string FormatSetting = "Inburgering:Logging:Format";

    /// <summary>The text layout: UTC time, level, the category's last part, the message; an exception's stack only where one is logged.</summary>
    private const string TextTemplate =
        "{UtcDateTime(@t):yyyy-MM-ddTHH:mm:ss.fffZ} {@l:u3} {Substring(SourceContext, LastIndexOf(SourceContext, '.') + 1)}: {@m}\n{@x}";

    public static void AddInburgeringLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var format = Formatter(builder.Configuration[FormatSetting]);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose() // the Logging:LogLevel filters decide
            .Enrich.FromLogContext()
            .WriteTo.Console(format)
            .CreateLogger();
        builder.Logging.ClearProviders();

        // As a plain provider, so that the Logging:LogLevel rules apply to it (AddSerilog would let everything through).
        builder.Logging.AddProvider(new SerilogLoggerProvider(logger, dispose: true));

        // Expected events are not failures: /health/ready answers 503 while the demo is built (the answer says how far it is),
        // and a unique index that catches a repeated message is the engine's way of recognising it (it logs "duplicate").
        // Whatever the engine does not handle reaches a handler that logs it with its stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.Critical);
    }

    private static ITextFormatter Formatter(string? format) => format?.Trim().ToUpperInvariant() switch
    {
        null or "" or "TEXT" => new ExpressionTemplate(TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture),
        "JSON" => new RenderedCompactJsonFormatter(),
        _ => throw new StartupRefusedException(
            $"Inburgering cannot start: {FormatSetting}='{format}' is not a log format.",
            $"Use {FormatSetting}=text (the default) or {FormatSetting}=json."),
    };
}
