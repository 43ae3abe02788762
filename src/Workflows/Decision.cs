namespace Inburgering.Workflows;

/// <summary>
/// The outcome of a rule: allowed or refused, with a stable ASCII code (for BPMN gateways, logs and tests)
/// and a Dutch reason a consulent can read.
/// </summary>
public sealed record Decision(bool IsAllowed, string Code, string Reason)
{
    public static Decision Allow(string code, string reason) => new(true, code, reason);

    public static Decision Refuse(string code, string reason) => new(false, code, reason);
}

/// <summary>One broken rule: a stable ASCII code and a Dutch message.</summary>
public sealed record Violation(string Code, string Message);

/// <summary>The result of validating something against a set of rules; valid when no rule is broken.</summary>
public sealed record ValidationResult(IReadOnlyList<Violation> Violations)
{
    public static readonly ValidationResult Valid = new([]);

    public bool IsValid => Violations.Count == 0;

    public bool Has(string code) => Violations.Any(v => v.Code == code);
}

/// <summary>A date the service must act on or by, with the Dutch explanation of how it was computed.</summary>
public sealed record Deadline(DateOnly Date, string Reason)
{
    public string Iso => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
