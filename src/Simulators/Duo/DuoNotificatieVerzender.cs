using System.Net.Http.Json;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Partners;
using Inburgering.Simulators;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Simulators.Duo;

/// <summary>
/// The simulated DUO's sending side: posts queued notificaties to the gemeente's Notificatie API with
/// <c>bron</c> = DUO's OIN, <c>doel</c> = the gemeente's OIN and a <c>berichtId</c> per notificatie. A notificatie
/// stays queued until the gemeente answers 2xx (DUO tries again). With the failure plan's DuplicateDelivery, each is
/// delivered twice with the same BerichtId; while the plan says DUO is down, nothing is sent.
/// </summary>
public sealed class DuoNotificatieVerzender(
    DuoSimulatorState state,
    IHttpClientFactory httpClients,
    IOptions<DuoOptions> duo,
    IOptions<DuoSimulatorOptions> options,
    SimulatorFailures failures,
    IServiceProvider services,
    ILogger<DuoNotificatieVerzender> logger) : IDisposable
{
    public const string HttpClientName = "duo-simulator-notificaties";

    /// <summary>One delivery round at a time: DUO sends a notificatie once, and again only after it failed.</summary>
    private readonly SemaphoreSlim _round = new(1, 1);

    public void Dispose() => _round.Dispose();

    /// <summary>Delivers every pending notificatie once (twice with duplicate delivery); returns those attempted.</summary>
    public async Task<IReadOnlyList<DuoSimNotificatie>> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        var injector = failures.For(DuoSimulatorEndpoints.Partner);
        if (Target() is not { } url || injector.IsDown)
        {
            return [];
        }

        await _round.WaitAsync(cancellationToken);
        try
        {
            return await DeliverAsync(url, injector, cancellationToken);
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task<IReadOnlyList<DuoSimNotificatie>> DeliverAsync(Uri url, FailureInjector injector, CancellationToken cancellationToken)
    {
        List<DuoSimNotificatie> pending;
        lock (state.Gate)
        {
            pending = state.Outbox.Where(n => !n.Delivered).ToList();
        }

        var http = httpClients.CreateClient(HttpClientName);

        // Persons side by side, each person's notificaties in the order DUO queued them.
        var perPerson = pending.GroupBy(n => n.Notificatie.Bsn ?? n.Notificatie.VNummer?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? n.BerichtId.ToString("N"), StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.DeliveryParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(perPerson, parallel, async (notificaties, ct) =>
        {
            foreach (var notificatie in notificaties)
            {
                var times = injector.DuplicateDelivery ? 2 : 1;
                for (var i = 0; i < times; i++)
                {
                    var status = await SendAsync(http, url, notificatie, ct);
                    lock (state.Gate)
                    {
                        notificatie.Attempts++;
                        notificatie.LastStatus = status;
                        if (status is >= 200 and < 300)
                        {
                            notificatie.Deliveries++;
                            notificatie.Delivered = true;
                        }
                    }
                }
            }
        });

        return pending;
    }

    /// <summary>The configured URL; a path is resolved against this host's own first listening address.</summary>
    private Uri? Target()
    {
        var configured = options.Value.NotificatieUrl;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (!configured.StartsWith('/'))
        {
            return new Uri(configured, UriKind.Absolute);
        }

        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        var own = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (own.Host is "0.0.0.0" or "[::]" or "::")
        {
            own.Host = "localhost";
        }

        return new Uri(own.Uri, configured);
    }

    private async Task<int?> SendAsync(HttpClient http, Uri url, DuoSimNotificatie notificatie, CancellationToken cancellationToken)
    {
        var doel = duo.Value.OinFor(Gemeentecode.Parse(notificatie.Gemeentecode));
        if (doel is null)
        {
            Log.SimulatorNotificatieFailed(logger, notificatie.Notificatie.GebeurtenisId, "no OIN for the gemeente");
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(notificatie.Notificatie, options: PartnerHttp.Json),
        };
        request.Headers.Add("bron", duo.Value.DuoOin);
        request.Headers.Add("doel", doel);
        request.Headers.Add("berichtId", notificatie.BerichtId.ToString("D"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            Log.SimulatorNotificatieDelivered(logger, notificatie.Notificatie.GebeurtenisId, (int)response.StatusCode);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException ex)
        {
            Log.SimulatorNotificatieFailed(logger, notificatie.Notificatie.GebeurtenisId, ex.HttpRequestError.ToString());
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.SimulatorNotificatieFailed(logger, notificatie.Notificatie.GebeurtenisId, "timeout");
            return null;
        }
    }
}

/// <summary>Delivers the simulated DUO's outbox every few seconds of real time when <see cref="DuoSimulatorOptions.AutoDeliver"/> is on.</summary>
internal sealed class DuoNotificatieBezorgService(DuoNotificatieVerzender verzender, IOptions<DuoSimulatorOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.AutoDeliver)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.DeliveryIntervalSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await verzender.DeliverPendingAsync(stoppingToken);
        }
    }
}
