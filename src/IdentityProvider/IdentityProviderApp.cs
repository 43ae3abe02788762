using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Inburgering.IdentityProvider;

/// <summary>
/// A small OpenID Connect provider (OpenIddict) for development and tests, with the demo users as accounts:
/// <list type="bullet">
/// <item>client <c>inburgering-web</c> (public): authorization code + PKCE, for the web application;</item>
/// <item>client <c>inburgering-tests</c> (public): the password grant, so tests and scripts get tokens over plain HTTP.</item>
/// </list>
/// Access tokens are JWTs for audience <c>inburgering-api</c> with <c>preferred_username</c>, <c>roles</c> and
/// <c>gemeenten</c>. Signing keys are made at start-up (a restart invalidates earlier tokens). Not for production.
/// </summary>
public static class IdentityProviderApp
{
    public const string ApiResource = "inburgering-api";
    public const string WebClient = "inburgering-web";
    public const string TestClient = "inburgering-tests";
    public const string RolesClaim = "roles";
    public const string GemeentenClaim = "gemeenten";
    public const string GemeentenScope = "gemeenten";

    public static async Task Main(string[] args)
    {
        var app = Create(args);
        await app.RunAsync();
    }

    /// <summary>Builds the provider (tests start it on a free port with <c>--urls</c>).</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "identityprovider.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables("IDENTITYPROVIDER_");
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        var accounts = Accounts.From(builder.Configuration);
        builder.Services.AddSingleton(accounts);

        // OpenIddict keeps clients, authorizations and tokens in a database: SQLite in memory, alive as long as the process.
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        builder.Services.AddSingleton(connection);
        builder.Services.AddDbContext<ProviderDbContext>(o =>
        {
            o.UseSqlite(connection);
            o.UseOpenIddict();
        });

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.Cookie.Name = "inburgering-idp";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        builder.Services.AddAuthorization();

        var webOrigins = WebRedirectUris(builder.Configuration).Select(u => u.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.Ordinal).ToArray();
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(webOrigins).AllowAnyHeader().WithMethods("GET", "POST")));

        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowPasswordFlow();
                o.AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, GemeentenScope, ApiResource);
                o.RegisterClaims(Claims.PreferredUsername, Claims.Name, RolesClaim, GemeentenClaim);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // The API validates the access token itself (JWKS from the discovery document): a signed, unencrypted JWT.
                o.DisableAccessTokenEncryption();
                o.SetAccessTokenLifetime(TimeSpan.FromHours(1));
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        Map(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Log.Started(app.Logger, accounts.All.Count, $"{WebClient}, {TestClient}", urls);
        });
        SeedAsync(app, WebRedirectUris(builder.Configuration)).GetAwaiter().GetResult();
        return app;
    }

    /// <summary>Where the web application may be sent back after signing in (IdentityProvider:WebRedirectUris).</summary>
    private static List<Uri> WebRedirectUris(ConfigurationManager configuration)
    {
        var configured = configuration.GetSection("IdentityProvider:WebRedirectUris").Get<string[]>() ?? [];
        return configured.Select(u => new Uri(u, UriKind.Absolute)).ToList();
    }

    private static async Task SeedAsync(WebApplication app, IReadOnlyList<Uri> redirectUris)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var scopes = new[] { Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + GemeentenScope, Permissions.Prefixes.Scope + ApiResource, Permissions.Prefixes.Scope + Scopes.OfflineAccess };

        var web = new OpenIddictApplicationDescriptor
        {
            ClientId = WebClient,
            ClientType = ClientTypes.Public,
            DisplayName = "Inburgering (webtoepassing)",
            ConsentType = ConsentTypes.Implicit,
        };
        web.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code, .. scopes]);
        web.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        foreach (var uri in redirectUris)
        {
            web.RedirectUris.Add(uri);
            web.PostLogoutRedirectUris.Add(new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"));
        }

        var tests = new OpenIddictApplicationDescriptor
        {
            ClientId = TestClient,
            ClientType = ClientTypes.Public,
            DisplayName = "Inburgering (tests en scripts)",
        };
        tests.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken, .. scopes]);

        await manager.CreateAsync(web);
        await manager.CreateAsync(tests);
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Text(
            "Identity provider voor ontwikkeling en tests (OpenIddict). Discovery: /.well-known/openid-configuration.", "text/plain; charset=utf-8"));

        app.MapGet("/account/login", (string? returnUrl, string? error, Accounts accounts) => Results.Content(LoginPage(returnUrl, error is not null, accounts), "text/html; charset=utf-8"));

        app.MapPost("/account/login", async (HttpContext context, Accounts accounts) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal))
            {
                returnUrl = "/";
            }

            if (accounts.SignIn(form["username"], form["password"]) is not { } account)
            {
                Log.SignInRefused(app.Logger, "login-page");
                return Results.Redirect($"/account/login?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, account.UserName)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl);
        }).DisableAntiforgery();

        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context, Accounts accounts) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Geen OpenID Connect-verzoek.");
            var cookie = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (!cookie.Succeeded || accounts.Find(cookie.Principal?.Identity?.Name) is not { } account)
            {
                var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
                return Results.Challenge(
                    new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters) },
                    [CookieAuthenticationDefaults.AuthenticationScheme]);
            }

            return Results.SignIn(Principal(account, request.GetScopes()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        app.MapPost("/connect/token", async (HttpContext context, Accounts accounts) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Geen OpenID Connect-verzoek.");
            Account? account;
            if (request.IsPasswordGrantType())
            {
                account = accounts.SignIn(request.Username, request.Password);
                if (account is null)
                {
                    Log.SignInRefused(app.Logger, request.ClientId ?? "-");
                    return Refuse("Onjuiste gebruikersnaam of wachtwoord.");
                }
            }
            else if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
            {
                var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                account = accounts.Find(result.Principal?.GetClaim(Claims.Subject));
                if (account is null)
                {
                    return Refuse("Dit account bestaat niet meer.");
                }
            }
            else
            {
                return Refuse("Deze grant wordt niet ondersteund.", Errors.UnsupportedGrantType);
            }

            Log.TokenIssued(app.Logger, request.ClientId ?? "-", request.GrantType ?? "-");
            var scopes = request.IsPasswordGrantType() ? request.GetScopes() : (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!.GetScopes();
            return Results.SignIn(Principal(account, scopes), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context, Accounts accounts) =>
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (accounts.Find(result.Principal?.GetClaim(Claims.Subject)) is not { } account)
            {
                return Results.Challenge(null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            return Results.Json(new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [Claims.Subject] = account.UserName,
                [Claims.PreferredUsername] = account.UserName,
                [Claims.Name] = account.DisplayName,
                [RolesClaim] = account.Roles,
                [GemeentenClaim] = account.Gemeenten,
            });
        });

        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
    }

    private static IResult Refuse(string description, string error = Errors.InvalidGrant) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>The token's subject: user name, display name, roles and gemeenten, for the API (audience inburgering-api).</summary>
    private static ClaimsPrincipal Principal(Account account, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.PreferredUsername, RolesClaim);
        identity.SetClaim(Claims.Subject, account.UserName)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaims(RolesClaim, [.. account.Roles])
            .SetClaims(GemeentenClaim, [.. account.Gemeenten]);
        identity.SetScopes(scopes);
        identity.SetResources(ApiResource);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    private static string LoginPage(string? returnUrl, bool failed, Accounts accounts)
    {
        var users = string.Join("", accounts.All.OrderBy(a => a.UserName, StringComparer.Ordinal)
            .Select(a => $"<li><code>{WebUtility.HtmlEncode(a.UserName)}</code> — {WebUtility.HtmlEncode(a.DisplayName)} ({WebUtility.HtmlEncode(string.Join(", ", a.Roles))}; {WebUtility.HtmlEncode(string.Join(", ", a.Gemeenten))})</li>"));
        return $$"""
            <!doctype html>
            <html lang="nl"><head><meta charset="utf-8"><title>Aanmelden — Inburgering (ontwikkeling)</title>
            <style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto}label{display:block;margin-top:1rem}</style></head>
            <body><h1>Aanmelden</h1>
            <p>Identity provider voor ontwikkeling en tests. Elk demo-account heeft het wachtwoord uit identityprovider.json.</p>
            {{(failed ? "<p role=\"alert\"><strong>Onjuiste gebruikersnaam of wachtwoord.</strong></p>" : "")}}
            <form method="post" action="/account/login">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
            <label for="username">Gebruikersnaam</label><input id="username" name="username" autocomplete="username" required>
            <label for="password">Wachtwoord</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <p><button type="submit">Aanmelden</button></p></form>
            <h2>Accounts</h2><ul>{{users}}</ul></body></html>
            """;
    }
}

/// <summary>OpenIddict's clients, authorizations, scopes and tokens.</summary>
public sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
