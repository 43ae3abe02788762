namespace Inburgering.Engine.Scheduling;

/// <summary>
/// Timers before partner calls on one node: while a timer pump drains here, a partner-call job waits (at most
/// <see cref="Hosting.SchedulerSettings.TimerPrecedence"/>) before it starts its attempt, so a burst of calls — a bulk
/// "retry now" the day DUO is back — does not take the cores from deadlines falling due at that moment. The calls keep their
/// order and their attempts; they start a little later.
/// </summary>
internal sealed class TimerPrecedence
{
    private readonly Lock _gate = new();
    private int _pumps;
    private TaskCompletionSource _idle = Completed();

    /// <summary>A pump drains until the returned value is disposed.</summary>
    public IDisposable Draining()
    {
        lock (_gate)
        {
            if (_pumps++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Exit(this);
    }

    /// <summary>Completes when no pump drains on this node, or after <paramref name="longest"/>.</summary>
    public async Task WaitAsync(TimeSpan longest, CancellationToken cancellationToken)
    {
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
        }

        if (idle.IsCompleted || longest <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await idle.WaitAsync(longest, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Waited long enough: the call goes ahead beside the timers.
        }
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_pumps == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed class Exit(TimerPrecedence precedence) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                precedence.Leave();
            }
        }
    }
}
