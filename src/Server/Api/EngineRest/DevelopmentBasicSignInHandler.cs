using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Inburgering.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Inburgering.Server.Api.EngineRest;

/// <summary>
/// Development only, for <c>/engine-rest</c>: Camunda Modeler cannot send the X-User headers, but it can send HTTP Basic. The
/// user name must be a user of <c>Inburgering:Users</c> (their roles and gemeenten apply); like the X-User header in
/// development, the password is not checked. A request without Basic is handed to the development sign-in (X-User headers),
/// so scripts and tests sign in as on the API. Used only when <c>Inburgering:DevelopmentSignIn</c> is true.
/// </summary>
public sealed class DevelopmentBasicSignInHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserDirectory users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentBasic";

    /// <summary>Without Basic in the request, authenticate (and challenge) with the development sign-in instead.</summary>
    public static void Configure(AuthenticationSchemeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? null : DevelopmentSignInHandler.SchemeName;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string userName;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            userName = decoded.Split(':', 2)[0].Trim();
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("De Basic-aanmelding is geen geldige base64."));
        }

        if (users.Find(userName) is not { } user)
        {
            return Task.FromResult(AuthenticateResult.Fail($"'{userName}' is geen bekende gebruiker (Inburgering:Users)."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user.UserName) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToLowerInvariant())));
        claims.AddRange(user.Gemeenten.Select(g => new Claim(Actors.GemeenteClaim, g)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (Response.HasStarted)
        {
            return;
        }

        Response.Headers.WWWAuthenticate = "Basic realm=\"engine-rest\", charset=\"UTF-8\"";
        await Problems.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            "Niet aangemeld",
            result.Failure is null ? ServerErrors.NotSignedIn : ServerErrors.SignInInvalid,
            result.Failure is null ? ErrorTexts.Describe(ServerErrors.NotSignedIn) : ErrorTexts.Describe(ServerErrors.SignInInvalid, ("reason", result.Failure.Message)));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Geen toegang", ServerErrors.Forbidden, ErrorTexts.Describe(ServerErrors.Forbidden));
}
