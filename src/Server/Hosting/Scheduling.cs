using Hangfire;
using Hangfire.Dashboard;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Persistence;
using Inburgering.Server.Api.EngineRest;
using Inburgering.Server.Auth;
using Microsoft.AspNetCore.Authentication;

namespace Inburgering.Server.Hosting;

/// <summary>
/// Real-time scheduling of the server: timers on Quartz (section <c>Inburgering:Scheduler</c>), partner calls on Hangfire
/// (section <c>Inburgering:Hangfire</c>), the reconciler (section <c>Inburgering:Reconciler</c>), and the Hangfire Dashboard
/// at <c>/hangfire</c> for beheerders.
/// </summary>
internal static class SchedulingHosting
{
    public const string DashboardPath = "/hangfire";

    public static void AddWorkScheduling(this WebApplicationBuilder builder, EngineDatabaseOptions database)
    {
        var scheduler = new SchedulerSettings();
        builder.Configuration.GetSection("Inburgering:Scheduler").Bind(scheduler);
        var hangfire = new HangfireSettings();
        builder.Configuration.GetSection("Inburgering:Hangfire").Bind(hangfire);
        builder.Services.AddWorkScheduling(database, scheduler, hangfire, o => builder.Configuration.GetSection("Inburgering:Reconciler").Bind(o));

        // The dashboard's services (its storage is the engine's; the server and the client are the engine's own, not these).
        builder.Services.AddHangfire((services, configuration) => configuration.UseStorage(services.GetRequiredService<JobStorage>()));
    }

    private static readonly Prometheus.Gauge QuartzTriggers = Prometheus.Metrics.CreateGauge("inburgering_quartz_triggers", "Quartz triggers of timers by state (waiting: stored, not yet fired); timers due in one tenth of a second share one trigger.", "state");

    private static readonly Prometheus.Gauge HangfireJobs = Prometheus.Metrics.CreateGauge("inburgering_hangfire_jobs", "Hangfire jobs of partner calls by state: enqueued (due, waiting for a worker), scheduled (due later), processing.", "state");

    /// <summary>The schedulers' queue depths in <c>/metrics</c>, read at each scrape (real-time scheduling only).</summary>
    public static void UseSchedulerQueueMetrics(this WebApplication app)
    {
        if (app.Services.GetService<SchedulerQueues>() is not { } queues)
        {
            return;
        }

        var logger = app.Services.GetRequiredService<ILogger<SchedulerQueues>>();
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(async cancellationToken =>
        {
            try
            {
                var depths = await queues.ReadAsync(cancellationToken);
                QuartzTriggers.WithLabels("waiting").Set(depths.QuartzTimersWaiting);
                HangfireJobs.WithLabels("enqueued").Set(depths.HangfireEnqueued);
                HangfireJobs.WithLabels("scheduled").Set(depths.HangfireScheduled);
                HangfireJobs.WithLabels("processing").Set(depths.HangfireProcessing);
            }
#pragma warning disable CA1031 // A scrape must answer even when a store does not: the gauges keep their last value.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Log.QueueDepthsNotRead(logger, ex);
            }
        });
    }

    /// <summary>The Hangfire Dashboard at <c>/hangfire</c>, after authentication: 401 without sign-in, 403 for anyone but a beheerder.</summary>
    public static void MapHangfireDashboard(this WebApplication app, bool developmentSignIn)
    {
        if (app.Services.GetService<JobStorage>() is not { } storage)
        {
            // Simulation clock: the in-process dispatcher runs partner calls, there is no Hangfire.
            return;
        }

        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            AsyncAuthorization = [new BeheerderDashboardAuthorization(developmentSignIn)],
            DashboardTitle = "Inburgering · partneraanroepen",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }, storage);
    }
}

/// <summary>
/// Lets beheerders into the Hangfire Dashboard, with the service's own sign-in. In development a browser, which cannot send
/// the X-User headers, may sign in with HTTP Basic as a user of <c>Inburgering:Users</c> (as Camunda Modeler does).
/// </summary>
internal sealed class BeheerderDashboardAuthorization(bool developmentSignIn) : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true && developmentSignIn)
        {
            var basic = await http.AuthenticateAsync(DevelopmentBasicSignInHandler.SchemeName);
            if (basic.Succeeded)
            {
                http.User = basic.Principal;
            }
            else
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"Inburgering\", charset=\"UTF-8\"";
            }
        }

        // Hangfire answers 401 to an anonymous request and 403 to a signed-in one refused here.
        return http.User.Identity?.IsAuthenticated == true && http.User.IsInRole(Roles.Beheerder);
    }
}
