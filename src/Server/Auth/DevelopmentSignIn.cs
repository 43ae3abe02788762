using System.Security.Claims;
using System.Text.Encodings.Web;
using Inburgering.Engine;
using Inburgering.Server.Api;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Inburgering.Server.Auth;

/// <summary>
/// Development sign-in: the user comes from the <c>X-User</c>, <c>X-Roles</c> and <c>X-Gemeenten</c> headers.
/// Registered only when <c>Inburgering:DevelopmentSignIn</c> is true; without it every request is refused.
/// </summary>
public sealed class DevelopmentSignInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentSignIn";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers["X-User"].ToString().Trim();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (user.Length > 200)
        {
            return Task.FromResult(AuthenticateResult.Fail("X-User is langer dan 200 tekens."));
        }

        var given = Split(Request.Headers["X-Gemeenten"].ToString());
        var invalid = given.Where(g => !Gemeentecode.IsValid(g)).ToList();
        if (invalid.Count > 0)
        {
            return Task.FromResult(AuthenticateResult.Fail($"X-Gemeenten bevat ongeldige CBS-codes: {string.Join(", ", invalid)} (vier cijfers, bijvoorbeeld 0632)."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user) };
        claims.AddRange(Split(Request.Headers["X-Roles"].ToString()).Select(r => new Claim(ClaimTypes.Role, r.ToLowerInvariant())));
        claims.AddRange(given.Select(g => new Claim(Actors.GemeenteClaim, Gemeentecode.Parse(g).Value)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is { } failure)
        {
            await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Niet aangemeld", ServerErrors.SignInInvalid, ErrorTexts.Describe(ServerErrors.SignInInvalid, ("reason", failure.Message)));
            return;
        }

        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Niet aangemeld", ServerErrors.NotSignedIn, ErrorTexts.Describe(ServerErrors.NotSignedIn));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Geen toegang", ServerErrors.Forbidden, ErrorTexts.Describe(ServerErrors.Forbidden));

    private static List<string> Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>When no sign-in is configured, every request is refused with a clear reason.</summary>
public sealed class NoSignInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "None";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Niet aangemeld", ServerErrors.SignInNotConfigured, ErrorTexts.Describe(ServerErrors.SignInNotConfigured));
}

/// <summary>
/// Turns the signed-in user into the engine's <see cref="Actor"/>: the gemeenten they work for are their tenants, their roles
/// are their groups (matched against candidate groups and four-eyes roles), and a beheerder may do everything on the tasks
/// of those gemeenten.
/// </summary>
public static class Actors
{
    public const string GemeenteClaim = "gemeente";

    public static Actor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(
            user.Identity?.Name ?? "onbekend",
            roles,
            user.FindAll(GemeenteClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            IsAdministrator: roles.Contains(Roles.Beheerder));
    }
}

/// <summary>The authorization policies of the API, by what a role may do.</summary>
public static class Policies
{
    public const string Design = "design";
    public const string Operate = "operate";
    public const string CaseWork = "casework";

    /// <summary>Handing a traject to another casusregisseur: a consulent (the current casusregisseur) or a beheerder.</summary>
    public const string CaseOwnership = "case-ownership";

    /// <summary>Every read of the API: one of the service's roles (a signed-in user without a role reads nothing).</summary>
    public const string Read = "read";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Design, p => p.RequireRole(Roles.Procesontwerper, Roles.Beheerder));
        options.AddPolicy(Operate, p => p.RequireRole(Roles.Beheerder));
        options.AddPolicy(CaseWork, p => p.RequireRole(Roles.Consulent, Roles.Begeleider, Roles.Beheerder, Roles.Procesontwerper));
        options.AddPolicy(CaseOwnership, p => p.RequireRole(Roles.Consulent, Roles.Beheerder));
        options.AddPolicy(Read, p => p.RequireRole(Roles.Consulent, Roles.Begeleider, Roles.Beheerder, Roles.Procesontwerper));
    }
}
