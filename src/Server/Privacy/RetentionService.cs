using Inburgering.Engine;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Server.Privacy;

/// <summary>
/// The retention job: every <see cref="PrivacySettings.ErasureInterval"/> (and once shortly after start-up) it erases the
/// personal variables (<see cref="PrivacySettings.Variables"/>) of every traject that ended longer ago than its gemeente's
/// retention period, by the service's clock (virtual time under the simulation clock). Durable without a schedule of its
/// own: what is due is read from the database each round (an ended traject not yet erased), so a restart, a crash or a
/// second node loses nothing; erasing is idempotent (a tree already erased is skipped, a race between nodes is lost by one).
/// </summary>
public sealed class RetentionService(ProcessEngine engine, PrivacySettings settings, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>The system user the journal and the access log name for an erasure.</summary>
    public const string User = "bewaartermijn";

    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EraseDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round (database away) must not stop the job: the next round tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.RetentionJobFailed(logger, settings.ErasureInterval, exception);
            }

            try
            {
                await Task.Delay(settings.ErasureInterval, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: erases every traject that is due now; returns how many.</summary>
    public async Task<int> EraseDueAsync(CancellationToken cancellationToken)
    {
        var erased = 0;
        var now = time.GetUtcNow();
        var variables = settings.Variables;
        foreach (var gemeente in await engine.TenantsWithUnerasedEndedTreesAsync(cancellationToken))
        {
            var endedBefore = settings.RetentionOf(gemeente).Before(now);
            while (true)
            {
                var due = await engine.TreesDueForErasureAsync(gemeente, endedBefore, BatchSize, cancellationToken);
                foreach (var root in due)
                {
                    try
                    {
                        if (await engine.ErasePersonalDataAsync(root, variables, User, cancellationToken))
                        {
                            erased++;
                            Log.PersonalDataErased(logger, root, gemeente, endedBefore);
                        }
                    }
                    catch (DbUpdateConcurrencyException)
                    {
                        // Another node erased it at the same moment.
                    }
                }

                if (due.Count < BatchSize)
                {
                    break;
                }
            }
        }

        return erased;
    }
}
