using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// The time, memory and stack one evaluation may use, checked at every loop iteration, every function entry, every
/// string concatenation and every call of a built-in or host function (see <see cref="ScriptInstrumenter"/> and
/// <see cref="Sandbox"/>). Jint 2 has no memory limit and interrupts only between statements, so this is where runaway
/// scripts are stopped.
/// </summary>
/// <remarks>
/// Memory is measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>: bytes allocated on the evaluating thread
/// since <see cref="Start"/>, garbage included, so it limits the work a script does with memory rather than what it keeps.
/// The interpreter's own short-lived objects count too (roughly 300 bytes per executed statement). One check costs a few
/// nanoseconds. Jint's debug mode (a Step event per statement) was measured as the alternative and rejected: its debug
/// information costs ~2.7 µs and ~1.2 KB per statement, more with many variables, and would itself exhaust the budget.
/// </remarks>
internal sealed class EvaluationBudget
{
    private readonly ExpressionOptions _options;
    private long _startBytes;
    private long _startTimestamp;
    private int _threadId;

    public EvaluationBudget(ExpressionOptions options)
    {
        _options = options;
    }

    /// <summary>Starts counting on the current thread (the thread that will execute the script).</summary>
    public void Start()
    {
        _threadId = Environment.CurrentManagedThreadId;
        _startTimestamp = Stopwatch.GetTimestamp();
        _startBytes = GC.GetAllocatedBytesForCurrentThread();
    }

    public long AllocatedBytes => GC.GetAllocatedBytesForCurrentThread() - _startBytes;

    /// <summary>Bytes the script may still allocate.</summary>
    public long RemainingBytes => Math.Max(0, _options.MaxAllocatedBytes - AllocatedBytes);

    /// <summary>Throws <see cref="EvaluationFailedException"/> when a limit is exceeded.</summary>
    public void Check()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new EvaluationFailedException("de functies roepen elkaar te diep aan (te weinig stackruimte)");
        }

        if (Environment.CurrentManagedThreadId == _threadId && AllocatedBytes > _options.MaxAllocatedBytes)
        {
            throw new EvaluationFailedException($"gebruikt meer dan {FormatBytes(_options.MaxAllocatedBytes)} geheugen");
        }

        if (Stopwatch.GetElapsedTime(_startTimestamp) > _options.Timeout)
        {
            throw new EvaluationFailedException($"duurt langer dan {FormatTime(_options.Timeout)}");
        }
    }

    /// <summary>Time left for the evaluation, used to bound a single regular-expression match.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var remaining = _options.Timeout - Stopwatch.GetElapsedTime(_startTimestamp);
            return remaining > TimeSpan.FromMilliseconds(1) ? remaining : TimeSpan.FromMilliseconds(1);
        }
    }

    internal static string FormatBytes(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    internal static string FormatTime(TimeSpan time) =>
        time.TotalMilliseconds < 10_000
            ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.#} s");
}

/// <summary>The script hit a sandbox limit or produced something unusable; the message is a Dutch clause ("duurt langer dan 250 ms").</summary>
internal sealed class EvaluationFailedException : Exception
{
    public EvaluationFailedException()
    {
    }

    public EvaluationFailedException(string message)
        : base(message)
    {
    }

    public EvaluationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
