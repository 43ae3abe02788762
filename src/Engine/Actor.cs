namespace Inburgering.Engine;

/// <summary>
/// Who performs a command, as the host's sign-in decided: a person, or the system (timers, partner calls, start-up).
/// The engine knows no roles: the host tells it what the actor may do in the engine's own terms.
/// </summary>
/// <param name="Name">Recorded in the journal (who claimed, completed, cancelled).</param>
/// <param name="Groups">The groups the actor belongs to: matched against a task's candidate groups and its four-eyes groups.</param>
/// <param name="Tenants">The tenants whose instances, tasks and incidents the actor may see and touch; null for all.</param>
/// <param name="IsAdministrator">
/// May act on any task of the tenants it sees, whoever holds it or whichever group it is for (complete, give back).
/// </param>
public sealed record Actor(string Name, IReadOnlySet<string> Groups, IReadOnlySet<string>? Tenants, bool IsAdministrator = false)
{
    /// <summary>The engine itself and the host's own work: timers, activities, start-up deployment, partner notifications.</summary>
    public static Actor System { get; } = new("system", new HashSet<string>(StringComparer.Ordinal), null, IsAdministrator: true);

    public bool MayAccess(string tenantId) => Tenants is null || Tenants.Contains(tenantId);

    public bool IsMemberOf(string group) => Groups.Contains(group);
}
