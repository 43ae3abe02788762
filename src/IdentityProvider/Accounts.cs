using System.Security.Cryptography;
using System.Text;

namespace Inburgering.IdentityProvider;

/// <summary>One account: user name, display name, password, roles and the CBS gemeentecodes the person works for.</summary>
public sealed class Account
{
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Password { get; set; } = "";

    public IList<string> Roles { get; } = [];

    public IList<string> Gemeenten { get; } = [];
}

/// <summary>
/// The accounts (section <c>IdentityProvider:Accounts</c> of identityprovider.json, or configuration). Development data:
/// passwords are compared in constant time, not hashed at rest, because these accounts exist only for demos and tests.
/// </summary>
public sealed class Accounts(IEnumerable<Account> accounts)
{
    private readonly Dictionary<string, Account> _byName = accounts
        .Where(a => !string.IsNullOrWhiteSpace(a.UserName))
        .GroupBy(a => a.UserName, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public IReadOnlyCollection<Account> All => _byName.Values;

    public Account? Find(string? userName) => userName is null ? null : _byName.GetValueOrDefault(userName);

    /// <summary>The account when the password is right; null otherwise (an unknown user costs the same comparison).</summary>
    public Account? SignIn(string? userName, string? password)
    {
        var account = Find(userName);
        var expected = Encoding.UTF8.GetBytes(account?.Password ?? "\u0001no-such-account");
        var given = Encoding.UTF8.GetBytes(password ?? "");
        var same = CryptographicOperations.FixedTimeEquals(SHA256.HashData(expected), SHA256.HashData(given));
        return account is not null && same && account.Password.Length > 0 ? account : null;
    }

    public static Accounts From(IConfiguration configuration)
    {
        var list = new List<Account>();
        configuration.GetSection("IdentityProvider:Accounts").Bind(list);
        return new Accounts(list);
    }
}
