namespace Inburgering.Engine;

/// <summary>
/// Who performs a command: a person (from sign-in) or the system (timers, partner calls).
/// <see cref="Gemeenten"/> null means every gemeente (the system); otherwise the CBS codes the actor works for.
/// </summary>
public sealed record Actor(string Name, IReadOnlySet<string> Roles, IReadOnlySet<string>? Gemeenten)
{
    /// <summary>The engine itself: timers, activities, start-up deployment.</summary>
    public static Actor System { get; } = new("systeem", new HashSet<string>(StringComparer.Ordinal), null);

    public bool MayAccess(string gemeente) => Gemeenten is null || Gemeenten.Contains(gemeente);

    public bool HasRole(string role) => Roles.Contains(role);
}
