namespace Inburgering.Engine.Scheduling;

/// <summary>Due work of many instances: instances in parallel, each instance's items one after the other in the order given.</summary>
internal static class ByInstance
{
    /// <summary>Runs <paramref name="run"/> for every item, up to <paramref name="parallelism"/> instances at once; returns how many returned true.</summary>
    public static async Task<int> RunAsync<T>(IEnumerable<T> items, Func<T, Guid> instance, int parallelism, Func<T, CancellationToken, Task<bool>> run, CancellationToken cancellationToken)
    {
        var done = 0;
        await Parallel.ForEachAsync(
            items.GroupBy(instance),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                foreach (var item in group)
                {
                    if (await run(item, ct))
                    {
                        Interlocked.Increment(ref done);
                    }
                }
            });
        return done;
    }
}
