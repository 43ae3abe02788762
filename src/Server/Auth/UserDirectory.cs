namespace Inburgering.Server.Auth;

/// <summary>One person who works with the service: user name (as signed in), display name, roles and gemeenten.</summary>
public sealed class DirectoryUser
{
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>A line about the person's job, shown on the development sign-in page (e.g. "Consulent Woerden").</summary>
    public string? Description { get; set; }

    public IList<string> Roles { get; } = [];

    public IList<string> Gemeenten { get; } = [];
}

/// <summary>
/// The people the service knows by name (configuration section <c>Inburgering:Users</c>): who a task can be handed to, and
/// in development the users to sign in as. With an identity provider this list comes from its directory instead.
/// </summary>
public sealed class UserDirectory
{
    private readonly Dictionary<string, DirectoryUser> _byName;

    public UserDirectory(IEnumerable<DirectoryUser> users)
    {
        Users = users.Where(u => !string.IsNullOrWhiteSpace(u.UserName)).ToList();
        _byName = Users.GroupBy(u => u.UserName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<DirectoryUser> Users { get; }

    public DirectoryUser? Find(string userName) => _byName.GetValueOrDefault(userName);

    public string DisplayName(string userName) => Find(userName)?.DisplayName is { Length: > 0 } name ? name : userName;

    /// <summary>The people who work for <paramref name="gemeente"/> and hold one of <paramref name="roles"/> (any role when empty).</summary>
    public IEnumerable<DirectoryUser> Colleagues(string gemeente, IReadOnlyCollection<string> roles) =>
        Users.Where(u => u.Gemeenten.Contains(gemeente, StringComparer.Ordinal) && (roles.Count == 0 || u.Roles.Any(roles.Contains)));

    public static UserDirectory From(IConfiguration configuration)
    {
        var users = new List<DirectoryUser>();
        configuration.GetSection("Inburgering:Users").Bind(users);
        return new UserDirectory(users);
    }
}
