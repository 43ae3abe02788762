using Inburgering.Server.Auth;
using Inburgering.Server.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Inburgering.Server.Security;

/// <summary>
/// Declares how to sign in, in the OpenAPI document: a bearer token (JWT from the identity provider), the provider's
/// OpenID Connect discovery document when one is configured, and in development the sign-in headers. Every operation under
/// <c>/api/v1</c> requires one of them (the document-level security requirement).
/// </summary>
public sealed class SecuritySchemeTransformer(AuthenticationSettings authentication, IConfiguration configuration) : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    public const string OpenIdConnect = "oidc";
    public const string Development = "developmentSignIn";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        var schemes = document.Components.SecuritySchemes;
        schemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Een toegangstoken van de identity provider (OIDC), voor audience " + authentication.Audience +
                ". De claims " + authentication.UserClaim + ", " + authentication.RoleClaim + " en " + authentication.GemeenteClaim +
                " geven gebruiker, rollen en gemeenten.",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] };
        var requirements = new List<OpenApiSecurityRequirement> { requirement };
        if (authentication.IsConfigured)
        {
            schemes[OpenIdConnect] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OpenIdConnect,
                OpenIdConnectUrl = new Uri(authentication.Authority!.TrimEnd('/') + "/.well-known/openid-configuration"),
                Description = "Aanmelden bij de identity provider (authorization code + PKCE), client " + authentication.WebClientId + ".",
            };
            requirements.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenIdConnect, document)] = [] });
        }

        if (ServerSettings.From(configuration).DevelopmentSignIn)
        {
            schemes[Development] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-User",
                Description = "Alleen in ontwikkeling: X-User, met X-Roles en X-Gemeenten (kommagescheiden).",
            };
            requirements.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Development, document)] = [] });
        }

        document.Security = requirements;
        return Task.CompletedTask;
    }
}
