using Serilog;
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
        builder.Logging.AddSerilog(logger, dispose: true);
    }

    private static ITextFormatter Formatter(string? format) => format?.Trim().ToUpperInvariant() switch
    {
        null or "" or "TEXT" => new ExpressionTemplate(TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture),
        "JSON" => new RenderedCompactJsonFormatter(),
        _ => throw new StartupRefusedException(
            $"{FormatSetting}='{format}' is geen logformaat.",
            $"Gebruik {FormatSetting}=text (standaard) of {FormatSetting}=json."),
    };
}
