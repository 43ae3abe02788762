using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// Writes the counted values (<see cref="CountedVariables"/>) of instances that do not have them under the configured names yet —
/// every instance after an upgrade, or after the host counts other variables — in batches, in the background after start-up.
/// Until it is done the counts stay right (those rows are read the slow way). A row a step changed meanwhile is left to that
/// step, which writes the values itself.
/// </summary>
internal sealed partial class CountedVariablesBackfill(IEngineDbContextFactory databases, IOptions<EngineOptions> options, ILogger<CountedVariablesBackfill> logger) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var counted = new CountedVariables(options.Value.CountedVariables);
        if (counted.IsEmpty)
        {
            return;
        }

        await Task.Yield();
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var rewritten = await RunAsync(counted, stoppingToken);
            var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            var names = string.Join(", ", counted.Names);
            if (rewritten > 0)
            {
                LogDone(logger, rewritten, names, seconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogFailed(logger, ex);
        }
    }

    /// <summary>Rewrites every row not current under <paramref name="counted"/>; returns how many it wrote.</summary>
    public async Task<int> RunAsync(CountedVariables counted, CancellationToken cancellationToken)
    {
        var signature = counted.Signature;
        var total = 0;
        while (true)
        {
            await using var db = databases.Create();
            var batch = await db.Instances.AsNoTracking()
                .Where(i => i.CountedValues == null || !i.CountedValues.StartsWith(signature))
                .OrderBy(i => i.Id)
                .Select(i => new { i.Id, i.Version, i.Variables })
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            var written = 0;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                foreach (var row in batch)
                {
                    var values = counted.Of(row.Variables);
                    written += await db.Instances.Where(i => i.Id == row.Id && i.Version == row.Version)
                        .ExecuteUpdateAsync(s => s.SetProperty(i => i.CountedValues, values), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            total += written;
            if (written == 0)
            {
                // Every row of the batch changed under us: their steps write the values; look again shortly.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted variables ({Names}) written for {Count} instances in {Seconds:0.0} s.")]
    private static partial void LogDone(ILogger logger, int count, string names, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the counted variables stopped; counts stay right, read the slow way.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
