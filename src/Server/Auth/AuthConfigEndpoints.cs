namespace Inburgering.Server.Auth;

/// <summary>
/// GET /api/v1/auth/config (anonymous): how the web application signs in — <c>development</c> (sign-in headers) or
/// <c>oidc</c> (authorization code + PKCE at the authority, with this client id and these scopes).
/// </summary>
public static class AuthConfigEndpoints
{
    public sealed record AuthConfig(string Mode, string? Authority, string? ClientId, string? Scopes, string? Audience);

    public static void MapAuthConfig(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/auth/config", (AuthenticationSettings oidc, IConfiguration configuration) =>
            {
                var development = Hosting.ServerSettings.From(configuration).DevelopmentSignIn;
                // Development sign-in stays the web application's way in when both are on; a documented switch turns it off.
                return TypedResults.Ok(oidc.IsConfigured && !(development && !configuration.GetValue("Inburgering:Authentication:WebUsesOidc", false))
                    ? new AuthConfig("oidc", oidc.Authority, oidc.WebClientId, oidc.WebScopes, oidc.Audience)
                    : new AuthConfig(development ? "development" : "none", null, null, null, null));
            })
            .AllowAnonymous()
            .WithTags("Aanmelding")
            .WithSummary("Hoe de webtoepassing aanmeldt: development (ontwikkelaanmelding) of oidc (authorization code + PKCE bij de identity provider).");
    }
}
