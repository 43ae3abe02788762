namespace Inburgering.Engine;

/// <summary>Settings of the engine (the host binds them, e.g. from a configuration section).</summary>
public sealed class EngineOptions
{
    /// <summary>How long a message that nothing waits for yet is kept for a later catch.</summary>
    public TimeSpan MessageBufferTimeToLive { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a node may hold a running job before another may take it over (crash recovery).</summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one activity attempt may take before it counts as a transient failure.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a step is retried after losing an optimistic-concurrency race.</summary>
    public int MaxConcurrencyRetries { get; set; } = 8;

    /// <summary>
    /// Under the simulation clock: for how many instances at once an advance fires the timers and runs the partner calls
    /// that fall due at one moment (each instance's own in due order). Unset: 8 on PostgreSQL (enough steps in flight to
    /// keep the cores busy while commits wait for the disk), 2 on SQLite (one writer).
    /// </summary>
    public int? SimulationParallelism { get; set; }

    /// <summary>How many operations one step may run before the engine calls it an endless loop and opens an incident.</summary>
    public int MaxOperationsPerStep { get; set; } = 10_000;

    /// <summary>The time zone for calendar arithmetic (months, dates without offset).</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>The tenants a timer start event starts an instance for (one each).</summary>
    public IList<string> TimerStartTenants { get; } = [];

    /// <summary>
    /// The name under which expressions see the instance's tenant: <c>execution.tenantId</c> by default; a host may use its
    /// own word for it (e.g. <c>execution.organisation</c>).
    /// </summary>
    public string TenantVariable { get; set; } = "tenantId";

    /// <summary>This node's name in job locks and logs.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Activity types with their own retry policy overrides, by type key (e.g. "duo.pip-melden").</summary>
    public IDictionary<string, Activities.RetryPolicy> RetryPolicies { get; } = new Dictionary<string, Activities.RetryPolicy>(StringComparer.Ordinal);

    /// <summary>
    /// Instance variables shown with every task (e.g. who the case is about), read from the task's instance or its root
    /// instance in the same query as the task list.
    /// </summary>
    public IList<string> TaskDisplayVariables { get; } = [];

    /// <summary>
    /// Top-level instance variables that operations count instances by (e.g. a target group, a route): the engine keeps their
    /// values beside each instance, so <see cref="Queries.EngineQueries.VariableCountsAsync"/> need not parse every instance's
    /// variables. Counting by other variables still works, the slow way. Values are cut to 100 characters.
    /// </summary>
    public IList<string> CountedVariables { get; } = [];

    internal TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
