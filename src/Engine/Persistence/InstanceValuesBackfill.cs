using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// Writes the values the engine keeps beside each instance (the counted values, <see cref="CountedVariables"/>, and the
/// display values, <see cref="DisplayVariables"/>) where a row does not have them under the configured names yet — every
/// instance after an upgrade, or after the host counts or shows other variables — in batches, in the background after
/// start-up. Until it is done the counts and lists stay right (those rows are read from their variables). A row a step
/// changed meanwhile is left to that step, which writes the values itself.
/// </summary>
internal sealed partial class InstanceValuesBackfill(IEngineDbContextFactory databases, CountedVariables counted, DisplayVariables display, ILogger<InstanceValuesBackfill> logger) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (counted.IsEmpty && display.IsEmpty)
        {
            return;
        }

        await Task.Yield();
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var rewritten = await RunAsync(stoppingToken);
            var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            var names = string.Join(", ", counted.Names.Concat(display.Names).Distinct(StringComparer.Ordinal));
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

    /// <summary>Rewrites every row not current under the counted and displayed names (in key order, once); returns how many it wrote.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var db = databases.Create();

            // By key, so each batch reads the next stretch of the primary key instead of the whole table again; the short
            // columns first, and the variables (about 2 KB a traject) only of the rows that need rewriting.
            var last = after;
            var batch = await db.Instances.AsNoTracking()
                .Where(i => i.Id.CompareTo(last) > 0)
                .OrderBy(i => i.Id)
                .Select(i => new { i.Id, i.CountedValues, i.DisplayValues })
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                counted.BackfillCompleted();
                return total;
            }

            after = batch[^1].Id;
            var staleIds = batch.Where(r => IsStale(r.CountedValues, r.DisplayValues)).Select(r => r.Id).ToList();
            if (staleIds.Count == 0)
            {
                continue;
            }

            // The version read with the variables guards the write: a row a step changed after this read is that step's.
            var stale = await db.Instances.AsNoTracking()
                .Where(i => staleIds.Contains(i.Id))
                .Select(i => new { i.Id, i.Version, i.Variables, i.CountedValues, i.DisplayValues })
                .ToListAsync(cancellationToken);
            stale.RemoveAll(r => !IsStale(r.CountedValues, r.DisplayValues));

            // One batched UPDATE per stretch, each row guarded by its version: a row a step changed meanwhile is that step's.
            foreach (var row in stale)
            {
                var entity = new InstanceEntity { Id = row.Id, Version = row.Version, DefinitionKey = "", TenantId = "", CountedValues = row.CountedValues, DisplayValues = row.DisplayValues };
                db.Instances.Attach(entity);
                entity.CountedValues = counted.Of(row.Variables);
                entity.DisplayValues = display.Of(row.Variables);
            }

            try
            {
                total += await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                foreach (var row in stale)
                {
                    var countedValues = counted.Of(row.Variables);
                    var displayValues = display.Of(row.Variables);
                    total += await db.Instances.Where(i => i.Id == row.Id && i.Version == row.Version)
                        .ExecuteUpdateAsync(s => s.SetProperty(i => i.CountedValues, countedValues).SetProperty(i => i.DisplayValues, displayValues), cancellationToken);
                }
            }
        }
    }

    private bool IsStale(string? countedValues, string? displayValues) => !counted.IsCurrent(countedValues) || !display.IsCurrent(displayValues);

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted and display variables ({Names}) written for {Count} instances in {Seconds:0.0} s.")]
    private static partial void LogDone(ILogger logger, int count, string names, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the counted and display variables stopped; counts and lists stay right, read the slow way.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
