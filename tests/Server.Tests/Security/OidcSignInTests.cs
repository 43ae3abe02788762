using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Inburgering.Server.Tests.Durability;

namespace Inburgering.Server.Tests.Security;

/// <summary>
/// End to end through the development identity provider: tokens from OpenIddict over HTTP (password grant), the real server
/// (Kestrel, its own process) validating them against the provider's discovery document and signing keys.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class OidcSignInTests
{
    [Fact]
    public async Task Tokens_from_the_identity_provider_sign_in_roles_and_gemeenten_come_from_their_claims()
    {
        await using var provider = await IdentityProviderProcess.StartAsync();
        await using var database = await TestDatabases.CreateAsync(Engine.Persistence.DatabaseProvider.Sqlite);
        var arguments = DurableServers.Arguments(database, null, [.. provider.ServerArguments(), "--Inburgering:DevelopmentSignIn", "false"]);
        await using var server = await DurableServers.StartAsync(arguments);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        // No token: 401 with a WWW-Authenticate challenge and a problem+json that says what to send.
        using (var response = await http.GetAsync(new Uri("/api/v1/instances", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
            Assert.Equal("auth.bearer-required", (await response.JsonAsync())["code"]!.GetValue<string>());
        }

        // A consulent of Woerden: who they are comes from preferred_username, roles and gemeenten.
        var carla = await provider.TokenAsync("carla");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", carla);
            using var response = await http.SendAsync(request);
            var me = await response.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("carla", me["user"]!.GetValue<string>());
            Assert.Equal(["consulent"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Equal(["0632"], me["gemeenten"]!.AsArray().Select(g => g!["code"]!.GetValue<string>()));
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instances"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", carla);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Signed in without a role: reads nothing, and the 403 names the roles that may.
        var zonderRol = await provider.TokenAsync("zonderrol");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instances"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", zonderRol);
            using var response = await http.SendAsync(request);
            var problem = await response.JsonAsync();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("auth.role-required", problem["code"]!.GetValue<string>());
            Assert.Contains("consulent", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // A token with its signature changed: 401, invalid_token.
        var tampered = carla[..^4] + (carla[^4] == 'A' ? "BBBB" : "AAAA");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instances"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tampered);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal("auth.sign-in-invalid", (await response.JsonAsync())["code"]!.GetValue<string>());
        }

        // A wrong password gets no token at all.
        using (var response = await provider.TokenResponseAsync("carla", "fout"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        // The web application learns how to sign in; the OpenAPI document declares the schemes.
        var config = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/auth/config", UriKind.Relative)))!;
        Assert.Equal("oidc", config["mode"]!.GetValue<string>());
        Assert.Equal("inburgering-web", config["clientId"]!.GetValue<string>());
        var openApi = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var schemes = openApi["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.EndsWith("/.well-known/openid-configuration", schemes["oidc"]!["openIdConnectUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(openApi["security"]!.AsArray());
    }
}
