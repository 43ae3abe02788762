using System.Security.Cryptography;
using System.Text;
using Inburgering.Server.Api;

namespace Inburgering.Server.Security;

/// <summary>
/// How DUO proves itself on <c>/duo/v1/notificaties</c> (section <c>Inburgering:Duo</c>), beside the OINs in the headers:
/// a client certificate whose SHA-256 thumbprint is listed (PKIoverheid over Digikoppeling; Kestrel or the gateway asks for
/// it), and/or a bearer token whose SHA-256 (hex) is configured (the token itself is never stored in configuration).
/// With neither configured the endpoint is open — allowed only in Development, for the DUO simulator
/// (<see cref="Hosting.ProductionPosture"/> refuses to start otherwise).
/// </summary>
public sealed class DuoEndpointAuthentication
{
    public const string Section = "Inburgering:Duo";

    /// <summary>SHA-256 thumbprints (hex) of the client certificates DUO may present.</summary>
    public IList<string> ClientCertificateThumbprints { get; } = [];

    /// <summary>SHA-256 (hex) of the bearer token DUO sends (<c>Authorization: Bearer …</c>).</summary>
    public string? TokenSha256 { get; set; }

    public bool IsConfigured => ClientCertificateThumbprints.Any(t => !string.IsNullOrWhiteSpace(t)) || !string.IsNullOrWhiteSpace(TokenSha256);

    public static DuoEndpointAuthentication From(IConfiguration configuration)
    {
        var options = new DuoEndpointAuthentication();
        configuration.GetSection(Section).Bind(options);
        return options;
    }

    /// <summary>Null when the caller is DUO as configured; otherwise why not (in Dutch, without secrets).</summary>
    public string? Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsConfigured)
        {
            return null;
        }

        if (context.Connection.ClientCertificate is { } certificate)
        {
            var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            if (ClientCertificateThumbprints.Any(t => string.Equals(t.Replace(":", "", StringComparison.Ordinal).Trim(), thumbprint, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
        }

        if (!string.IsNullOrWhiteSpace(TokenSha256))
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
                byte[] expected;
                try
                {
                    expected = Convert.FromHexString(TokenSha256.Trim());
                }
                catch (FormatException)
                {
                    return "de geconfigureerde TokenSha256 is geen hexadecimale SHA-256.";
                }

                if (CryptographicOperations.FixedTimeEquals(presented, expected))
                {
                    return null;
                }

                return "het token is onjuist.";
            }
        }

        return "geen geldig clientcertificaat of token van DUO.";
    }

    /// <summary>Puts the check before the notificatie endpoint: 401 with a problem+json when the caller is not DUO.</summary>
    public static RouteHandlerBuilder RequireDuo(RouteHandlerBuilder endpoint, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = From(configuration);
        return endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            if (options.Check(invocation.HttpContext) is { } reason)
            {
                invocation.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"duo\"";
                return Problems.Result(StatusCodes.Status401Unauthorized, "Niet aangemeld", ServerErrors.DuoNotAuthenticated,
                    ErrorTexts.Describe(ServerErrors.DuoNotAuthenticated, ("reason", reason)));
            }

            return await next(invocation);
        });
    }
}
