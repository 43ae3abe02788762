using Inburgering.Engine.Queries;
using Prometheus;

namespace Inburgering.Server.Hosting;

/// <summary>
/// <c>/metrics</c> in Prometheus format (prometheus-net): the engine's own meter (steps, step latency, timer lateness,
/// partner-call attempts per activity type and outcome, exported through prometheus-net's .NET meter adapter), HTTP
/// request metrics, the process's own, and the queue depths and open incidents counted from the engine's rows every
/// <see cref="SampleInterval"/>. No label carries a person, a business key or a BSN.
/// </summary>
internal static class MetricsHosting
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(15);

    public static void AddEngineMetrics(this IServiceCollection services) => services.AddHostedService<WorkloadSampler>();

    public static void UseEngineMetrics(this WebApplication app)
    {
        app.UseHttpMetrics();
        app.MapMetrics("/metrics");
    }

    /// <summary>Counts the work waiting in the rows (the timers' and partner calls' queues) and the open incidents.</summary>
    internal sealed class WorkloadSampler(EngineQueries queries, TimeProvider time, ILogger<WorkloadSampler> logger) : BackgroundService
    {
        private static readonly Gauge Timers = Prometheus.Metrics.CreateGauge("inburgering_timers", "Timers by state: scheduled (all waiting) and overdue (due, not yet fired).", "state");

        private static readonly Gauge PartnerCalls = Prometheus.Metrics.CreateGauge("inburgering_partner_calls", "Open partner calls by state: due (queued now), waiting (back-off after a failure), running.", "state");

        private static readonly Gauge OpenIncidents = Prometheus.Metrics.CreateGauge("inburgering_open_incidents", "Open incidents.");

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(SampleInterval);
            do
            {
                try
                {
                    var workload = await queries.WorkloadAsync(time.GetUtcNow(), stoppingToken);
                    Timers.WithLabels("scheduled").Set(workload.ScheduledTimers);
                    Timers.WithLabels("overdue").Set(workload.OverdueTimers);
                    PartnerCalls.WithLabels("due").Set(workload.DuePartnerCalls);
                    PartnerCalls.WithLabels("waiting").Set(workload.WaitingPartnerCalls);
                    PartnerCalls.WithLabels("running").Set(workload.RunningPartnerCalls);
                    OpenIncidents.Set(workload.OpenIncidents);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A database hiccup must not stop the sampler; the gauges keep their last value.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.WorkloadNotSampled(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
    }
}
