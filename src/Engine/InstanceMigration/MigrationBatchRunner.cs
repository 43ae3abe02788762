using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.InstanceMigration;

/// <summary>
/// Works off migration batches in the background: at start-up (a batch a crash interrupted carries on with its pending
/// instances), when a batch starts, and every <see cref="PollInterval"/> (a batch another node started).
/// </summary>
public sealed class MigrationBatchRunner(ProcessEngine engine, ILogger<MigrationBatchRunner> logger) : BackgroundService
{
    public static TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.RunMigrationBatchesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The runner must outlive a failing round (database away): the next round takes the batch up again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.MigrationRoundFailed(logger, ex);
            }

            try
            {
                await engine.WaitForMigrationWorkAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

public static class MigrationRegistration
{
    /// <summary>Runs migration batches in this process (every node may: items are taken with optimistic concurrency).</summary>
    public static IServiceCollection AddMigrationBatches(this IServiceCollection services) =>
        services.AddHostedService<MigrationBatchRunner>();
}
