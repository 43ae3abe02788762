namespace Inburgering.Engine.Expressions;

/// <summary>Limits and settings for <see cref="JintExpressionEvaluator"/>. Every evaluation gets a fresh engine with these limits.</summary>
public sealed class ExpressionOptions
{
    /// <summary>Wall-clock time one evaluation may take (all <c>${...}</c> segments of a template together).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>JavaScript statements one expression (or one template segment) may execute.</summary>
    public int MaxStatements { get; set; } = 10_000;

    /// <summary>How deep one function may call itself (Jint counts recursion per function).</summary>
    public int MaxRecursionDepth { get; set; } = 64;

    /// <summary>Bytes the script may allocate in total, counted from the start of execution on the evaluating thread.</summary>
    public long MaxAllocatedBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Maximum length of the expression text in characters.</summary>
    public int MaxLength { get; set; } = 8192;

    /// <summary>IANA or Windows id of the zone for <c>today()</c>, calendar arithmetic and local JavaScript dates.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";
}
