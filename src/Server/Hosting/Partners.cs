using Inburgering.Activities.Brp;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Intake;
using Inburgering.Activities.Taalaanbieder;
using Inburgering.Activities.Uitkering;
using Inburgering.Engine;
using Inburgering.Simulators;
using Inburgering.Simulators.Duo;

namespace Inburgering.Server.Hosting;

/// <summary>
/// The partners beside the activities (registered by <c>AddKeten</c>): DUO's notifications into the engine, and, when
/// <c>Inburgering:PartnerSimulators</c> is on, the simulators in this process (project Simulators, not part of production).
/// </summary>
public static class Partners
{
    public static void AddPartners(this WebApplicationBuilder builder, bool simulators)
    {
        builder.Services.AddSingleton<IDuoNotificatieReceiver, EngineDuoNotificatieReceiver>();
        if (!simulators)
        {
            return;
        }

        builder.Services.AddPartnerSimulators(builder.Configuration);

        // Partners not configured elsewhere talk to the simulators in this process.
        var self = SelfAddress(builder.Configuration);
        builder.Services.PostConfigure<DuoOptions>(o => o.BaseUrl ??= new Uri(self, "sim/duo/v1/"));
        builder.Services.PostConfigure<IntakeOptions>(o => o.BaseUrl ??= new Uri(self, "sim/intake/v1/"));
        builder.Services.PostConfigure<TaalaanbiederOptions>(o => o.BaseUrl ??= new Uri(self, "sim/taalaanbieder/v1/"));
        builder.Services.PostConfigure<UitkeringOptions>(o => o.BaseUrl ??= new Uri(self, "sim/uitkering/v1/"));
        builder.Services.PostConfigure<BrpOptions>(o => o.BaseUrl ??= new Uri(self, "sim/brp/haalcentraal/api/brp/"));
        builder.Services.PostConfigure<DuoSimulatorOptions>(o => o.NotificatieUrl ??= new Uri(self, "duo/v1/notificaties").ToString());
    }

    public static void MapPartners(this WebApplication app, bool simulators)
    {
        // DUO's machine-to-machine call: no user sign-in, but DUO's own (client certificate or token, Inburgering:Duo).
        Security.DuoEndpointAuthentication.RequireDuo(app.MapDuoNotificaties("/duo/v1/notificaties"), app.Configuration).WithTags("DUO");
        if (simulators)
        {
            app.MapPartnerSimulators("/sim");
        }
    }

    /// <summary>This service's own base address, from the first of its --urls (a wildcard host becomes 127.0.0.1).</summary>
    private static Uri SelfAddress(ConfigurationManager configuration)
    {
        var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5000")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return Loopback.For(first);
    }
}

/// <summary>Hands each DUO notification to the engine as a message: to the waiting traject, or starting one; repeats are recognised by BerichtId.</summary>
public sealed class EngineDuoNotificatieReceiver(ProcessEngine engine, ILogger<EngineDuoNotificatieReceiver> logger) : IDuoNotificatieReceiver
{
    public async Task<bool> ReceiveAsync(DuoProcessMessage message, string berichtId, string gemeentecode, CancellationToken cancellationToken)
    {
        try
        {
            var result = await engine.CorrelateMessageAsync(
                new CorrelateMessage(message.MessageName, message.CorrelationKey, message.Variables, gemeentecode, $"duo:{berichtId}"),
                Actor.System,
                cancellationToken);
            Log.DuoNotificationReceived(logger, message.MessageName, result.CorrelatedInstances.Count, result.StartedInstances.Count, result.BufferedMessageId is not null, result.Duplicate);
            if (result.StartedInstances.Count > 0)
            {
                Log.DuoNotificationStarted(logger, message.MessageName, result.StartedInstances.Count, result.StartedInstances);
            }
            return true;
        }
        catch (EngineException ex) when (ex.Kind == EngineErrorKind.NotFound)
        {
            // Nothing waits and the notification names no person: accepted, recorded in the log, nothing to keep.
            Log.DuoNotificationUnrouted(logger, message.MessageName);
            return true;
        }
    }
}
