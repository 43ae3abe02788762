using System.Security.Claims;
using System.Text.Json;
using Inburgering.Server.Api;
using Inburgering.Workflows.Personen;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Inburgering.Server.Auth;

/// <summary>
/// OIDC sign-in (section <c>Inburgering:Authentication</c>): access tokens from the identity provider at
/// <see cref="Authority"/> (Keycloak, Entra ID, the development provider in src/IdentityProvider), for
/// <see cref="Audience"/>; which claims carry the user, the roles and the gemeenten is configuration.
/// </summary>
public sealed class AuthenticationSettings
{
    public const string Section = "Inburgering:Authentication";

    /// <summary>The issuer's address; its discovery document (/.well-known/openid-configuration) gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience the tokens must be for (the <c>aud</c> claim).</summary>
    public string Audience { get; set; } = "inburgering-api";

    /// <summary>Only https authorities (true outside Development; a local provider on http needs false in Development).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim with the user name (as the service stores it in assignees and journals).</summary>
    public string UserClaim { get; set; } = "preferred_username";

    /// <summary>The claim with the roles (procesontwerper, consulent, begeleider, beheerder); an array or a space/comma-separated string.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim with the CBS gemeentecodes the user works for; an array or a space/comma-separated string.</summary>
    public string GemeenteClaim { get; set; } = "gemeenten";

    /// <summary>The client id the web application signs in with (authorization code + PKCE), told to it by GET /api/v1/auth/config.</summary>
    public string WebClientId { get; set; } = "inburgering-web";

    /// <summary>The scopes the web application asks for.</summary>
    public string WebScopes { get; set; } = "openid profile roles gemeenten inburgering-api";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public static AuthenticationSettings From(IConfiguration configuration)
    {
        var settings = new AuthenticationSettings();
        configuration.GetSection(Section).Bind(settings);
        return settings;
    }
}

/// <summary>The authentication schemes: development sign-in, OIDC bearer tokens, or none (every call refused), by configuration.</summary>
public static class SignIn
{
    /// <summary>The scheme that picks bearer tokens when a request carries one and development sign-in otherwise (both on).</summary>
    public const string EitherScheme = "BearerOrDevelopment";

    public static AuthenticationBuilder AddSignIn(this WebApplicationBuilder builder, bool developmentSignIn)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var oidc = AuthenticationSettings.From(builder.Configuration);
        var defaultScheme = (developmentSignIn, oidc.IsConfigured) switch
        {
            (true, true) => EitherScheme,
            (true, false) => DevelopmentSignInHandler.SchemeName,
            (false, true) => JwtBearerDefaults.AuthenticationScheme,
            _ => NoSignInHandler.SchemeName,
        };
        var authentication = builder.Services.AddAuthentication(defaultScheme)
            .AddScheme<AuthenticationSchemeOptions, DevelopmentSignInHandler>(DevelopmentSignInHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, NoSignInHandler>(NoSignInHandler.SchemeName, null)
            .AddPolicyScheme(EitherScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : DevelopmentSignInHandler.SchemeName);
        if (oidc.IsConfigured)
        {
            authentication.AddJwtBearer(o => Configure(o, oidc));
        }

        builder.Services.AddSingleton(oidc);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RoleAwareAuthorizationResultHandler>();
        return authentication;
    }

    private static void Configure(JwtBearerOptions options, AuthenticationSettings settings)
    {
        options.Authority = settings.Authority;
        options.Audience = settings.Audience;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            NameClaimType = settings.UserClaim,
            RoleClaimType = settings.RoleClaim,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (ToServicePrincipal(context.Principal!, settings, out var reason) is { } principal)
                {
                    context.Principal = principal;
                }
                else
                {
                    context.Fail(reason!);
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                // problem+json with a code, and the WWW-Authenticate header RFC 6750 asks for.
                context.HandleResponse();
                var error = context.AuthenticateFailure is null ? "" : ", error=\"invalid_token\"";
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"inburgering\"{error}";
                var (code, detail) = context.AuthenticateFailure is { } failure
                    ? (ServerErrors.SignInInvalid, ErrorTexts.Describe(ServerErrors.SignInInvalid, ("reason", Reason(failure))))
                    : (ServerErrors.BearerRequired, ErrorTexts.Describe(ServerErrors.BearerRequired));
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Niet aangemeld", code, detail);
            },
        };
    }

    /// <summary>
    /// The principal the service works with (<see cref="ClaimTypes.Name"/>, <see cref="ClaimTypes.Role"/>, <see cref="Actors.GemeenteClaim"/>),
    /// or null with the reason when the token lacks the user or names an invalid gemeente (a partial sign-in: 401).
    /// </summary>
    internal static ClaimsPrincipal? ToServicePrincipal(ClaimsPrincipal token, AuthenticationSettings settings, out string? reason)
    {
        var user = token.FindFirst(settings.UserClaim)?.Value?.Trim();
        if (string.IsNullOrEmpty(user))
        {
            reason = $"het token heeft geen claim '{settings.UserClaim}' met de gebruikersnaam.";
            return null;
        }

        if (user.Length > 200)
        {
            reason = "de gebruikersnaam is langer dan 200 tekens.";
            return null;
        }

        var gemeenten = Values(token, settings.GemeenteClaim);
        var invalid = gemeenten.Where(g => !Gemeentecode.IsValid(g)).ToList();
        if (invalid.Count > 0)
        {
            reason = $"claim '{settings.GemeenteClaim}' bevat ongeldige CBS-codes: {string.Join(", ", invalid.Take(5))}.";
            return null;
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user) };
        claims.AddRange(Values(token, settings.RoleClaim).Select(r => new Claim(ClaimTypes.Role, r.ToLowerInvariant())));
        claims.AddRange(gemeenten.Select(g => new Claim(Actors.GemeenteClaim, Gemeentecode.Parse(g).Value)));
        reason = null;
        return new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>A claim's values: one claim per value, a JSON array in one claim, or a space/comma-separated string.</summary>
    private static List<string> Values(ClaimsPrincipal token, string type)
    {
        var values = new List<string>();
        foreach (var claim in token.FindAll(type))
        {
            var text = claim.Value.Trim();
            if (text.StartsWith('['))
            {
                try
                {
                    values.AddRange(JsonSerializer.Deserialize<string[]>(text) ?? []);
                    continue;
                }
                catch (JsonException)
                {
                    // Not an array after all: split it as text.
                }
            }

            values.AddRange(text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return values.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Reason(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "het token is verlopen.",
        SecurityTokenInvalidAudienceException => "het token is niet voor deze service (audience).",
        SecurityTokenInvalidIssuerException => "het token komt niet van de geconfigureerde identity provider.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "de handtekening van het token klopt niet.",
        AuthenticationFailureException or InvalidOperationException when failure.Message.Length < 300 => failure.Message,
        _ => "het token is ongeldig.",
    };
}
