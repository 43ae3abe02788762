using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Microsoft.Extensions.Options;

namespace Inburgering.Server.Hosting;

/// <summary>A start-up the service refuses: what is wrong and how to fix it, printed as two lines; the process exits with 1.</summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException(string problem, string fix)
        : base(problem)
    {
        Fix = fix;
    }

    public StartupRefusedException()
        : this("The service cannot start.", "")
    {
    }

    public StartupRefusedException(string message)
        : this(message, "")
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Fix = "";
    }

    /// <summary>What to do about it (a setting to change, a command to run).</summary>
    public string Fix { get; }
}

/// <summary>
/// The service's start-up in the order that loses nothing: the listening addresses are checked before the database is
/// touched, the database is reached (or the setting to fix is named), and the definitions are all validated before any is
/// deployed. Whatever stops a start-up ends the process with exit code 1 and one or two lines, not a stack trace.
/// </summary>
public static class StartupChecks
{
    /// <summary>Exit code of a refused start-up.</summary>
    public const int RefusedExitCode = 1;

    /// <summary>
    /// From here on, an exception that ends the start-up (a <see cref="StartupRefusedException"/>, an unreachable database, an address
    /// in use, a setting the host refuses) is printed as one or two lines and the process exits with <see cref="RefusedExitCode"/>.
    /// An unexpected exception keeps its stack trace (it is a bug), and still exits with 1.
    /// </summary>
    public static void RefuseClearly()
    {
        if (System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name != "Inburgering.Server")
        {
            return; // hosted by a test (WebApplicationFactory): its exceptions go to the test
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var exception = e.ExceptionObject as Exception;
            Console.Out.Flush();
            Console.Error.WriteLine(Describe(exception));
            Console.Error.Flush();
            Environment.Exit(RefusedExitCode);
        };
    }

    /// <summary>The lines printed for an exception that stopped the start-up.</summary>
    public static string Describe(Exception? exception)
    {
        var refusal = exception switch
        {
            StartupRefusedException r => r,
            _ when Find<SocketException>(exception) is { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
                new StartupRefusedException("Inburgering cannot start: the address to listen on is already in use.", "Stop the other process, or choose another port with --urls http://127.0.0.1:<port>."),
            // A setting our own code refuses (e.g. PersoonReferentie:Secret, DemoData without the simulation clock).
            OptionsValidationException or InvalidOperationException when exception.InnerException is null
                && exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("Inburgering", StringComparison.Ordinal) == true =>
                new StartupRefusedException($"Inburgering cannot start: {exception.Message}", ""),
            _ => null,
        };
        return refusal is null
            ? $"Inburgering stopped on an unexpected error during start-up:\n{exception}"
            : string.IsNullOrEmpty(refusal.Fix) ? refusal.Message : $"{refusal.Message}\n  Fix: {refusal.Fix}";
    }

    /// <summary>
    /// Refuses the start when an address Kestrel is to listen on is taken, before the database is migrated or anything is
    /// deployed (an address in use is otherwise found only after all of that).
    /// </summary>
    public static void EnsureAddressesFree(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var urls = (app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? app.Configuration["URLS"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls)
        {
            if (Endpoint(url) is not { } endpoint)
            {
                continue;
            }

            try
            {
                using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(endpoint);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new StartupRefusedException(
                    $"Inburgering cannot start: port {endpoint.Port} ({url}) is already in use by another process. Nothing was changed.",
                    $"Stop that process (`ss -ltnp 'sport = :{endpoint.Port}'` shows it), or choose another port: --urls http://127.0.0.1:{endpoint.Port + 1}");
            }
            catch (SocketException)
            {
                // Not ours to judge (an address of another interface): Kestrel says what it thinks of it.
            }
        }
    }

    /// <summary>Migrates the database; an unreachable or refused database stops the start with the setting to fix.</summary>
    public static async Task InitializeDatabaseAsync(WebApplication app, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            await app.Services.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
        }
        catch (Exception ex) when (Find<DbException>(ex) is { } db)
        {
            var connection = app.Configuration.GetConnectionString("Inburgering") ?? "";
            throw new StartupRefusedException(
                $"Inburgering cannot start: the {settings.Database} database of ConnectionStrings:Inburgering ({Redacted(connection)}) cannot be used: {FirstLine(db.Message)}",
                settings.Database == Engine.Persistence.DatabaseProvider.PostgreSql
                    ? "Start PostgreSQL or correct ConnectionStrings:Inburgering (Host, Port, Database, Username, Password), e.g. --ConnectionStrings:Inburgering \"Host=127.0.0.1;Port=5432;Database=inburgering;Username=inburgering;Password=…\""
                    : "Correct ConnectionStrings:Inburgering (e.g. \"Data Source=data/inburgering.sqlite\", relative to the working directory) and check that its folder is writable.");
        }
    }

    /// <summary>
    /// Deploys every workflow-definitions/*.bpmn, all or nothing: every file is validated first, and one that does not
    /// validate stops the start-up with its reasons before any file is deployed. No folder, or one without definitions, stops
    /// the start-up too (a service without its processes, policy and forms would only look as if it ran).
    /// </summary>
    public static async Task DeployDefinitionsAsync(WebApplication app, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.DeployDefinitionsAtStartup)
        {
            return;
        }

        var folder = DefinitionsFolder(settings, app.Environment.ContentRootPath);
        await app.Services.GetRequiredService<DefinitionsDeployer>().DeployFolderAsync(folder, CancellationToken.None);
    }

    /// <summary>The workflow-definitions folder, or a refusal naming <c>Inburgering:DefinitionsPath</c>.</summary>
    public static string DefinitionsFolder(ServerSettings settings, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = settings.ResolveDefinitionsPath(contentRoot);
        const string fix = "Set Inburgering:DefinitionsPath to the repository's workflow-definitions folder (the one holding the *.bpmn files, forms/ and gemeenten/).";
        if (folder is null)
        {
            throw new StartupRefusedException($"Inburgering cannot start: no workflow-definitions folder found above {contentRoot}.", fix);
        }

        if (!Directory.Exists(folder))
        {
            throw new StartupRefusedException($"Inburgering cannot start: Inburgering:DefinitionsPath {folder} does not exist.", fix);
        }

        if (!Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.TopDirectoryOnly).Any())
        {
            var below = Directory.EnumerateDirectories(folder).FirstOrDefault(d => Directory.EnumerateFiles(d, "*.bpmn", SearchOption.TopDirectoryOnly).Any());
            throw new StartupRefusedException(
                $"Inburgering cannot start: {folder} holds no *.bpmn definitions" + (below is null ? "." : $" (they are in {below})."),
                fix);
        }

        return folder;
    }

    private static IPEndPoint? Endpoint(string url)
    {
        // Kestrel's own forms: http://host:port with host an address, localhost, or * / + / 0.0.0.0 for every address.
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.IsDefaultPort && !url.Contains($":{uri.Port}", StringComparison.Ordinal) || uri.Port == 0)
        {
            return null;
        }

        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) => parsed,
            _ => null,
        };
        return address is null ? null : new IPEndPoint(address, uri.Port);
    }

    /// <summary>The connection string without its password, for the message.</summary>
    private static string Redacted(string connection)
    {
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.StartsWith("Password", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("Pwd", StringComparison.OrdinalIgnoreCase));
        return string.Join(';', parts);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(f => f is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
