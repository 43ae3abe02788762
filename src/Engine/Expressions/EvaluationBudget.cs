using System.Globalization;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// The memory one evaluation may still allocate, for the few built-ins <see cref="NativeGuards"/> checks before they
/// allocate. Jint's own <c>LimitMemory</c> measures the same thing (<see cref="GC.GetAllocatedBytesForCurrentThread"/>)
/// but only between statements, after such a call has already allocated.
/// </summary>
internal sealed class EvaluationBudget(long maxAllocatedBytes)
{
    private long _startBytes = GC.GetAllocatedBytesForCurrentThread();
    private int _threadId = Environment.CurrentManagedThreadId;

    /// <summary>Starts counting on the current thread (the thread that runs the script).</summary>
    public void Start()
    {
        _threadId = Environment.CurrentManagedThreadId;
        _startBytes = GC.GetAllocatedBytesForCurrentThread();
    }

    /// <summary>Bytes the script may still allocate.</summary>
    public long RemainingBytes =>
        Environment.CurrentManagedThreadId == _threadId
            ? Math.Max(0, maxAllocatedBytes - (GC.GetAllocatedBytesForCurrentThread() - _startBytes))
            : maxAllocatedBytes;

    internal static string FormatBytes(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    internal static string FormatTime(TimeSpan time) =>
        time.TotalMilliseconds < 10_000
            ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.#} s");
}

/// <summary>The evaluation produced something unusable; the message is a Dutch clause ("het resultaat ...").</summary>
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
