using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Inburgering.Server.Tests.Support;

/// <summary>The whole service in memory (WebApplicationFactory) on a fresh SQLite or PostgreSQL database, simulation clock on.</summary>
public sealed class ApiFactory(TestDatabase database, bool developmentSignIn = true) : WebApplicationFactory<Program>
{
    public static async Task<ApiFactory> CreateAsync(DatabaseProvider provider, bool developmentSignIn = true) =>
        new(await TestDatabases.CreateAsync(provider), developmentSignIn);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Inburgering", database.ConnectionString);
        builder.UseSetting("Inburgering:Database", database.Provider.ToString());
        builder.UseSetting("Inburgering:SimulationClock", "true");
        builder.UseSetting("Inburgering:DevelopmentSignIn", developmentSignIn ? "true" : "false");
        builder.UseSetting("Inburgering:DeployDefinitionsAtStartup", "false");
        builder.UseEnvironment("Development");
    }

    /// <summary>A client signed in as <paramref name="user"/> with roles and gemeenten.</summary>
    public HttpClient As(string user, string roles = "consulent,procesontwerper,beheerder", string gemeenten = "0632,1901,0335,0589")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-User", user);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("X-Gemeenten", gemeenten);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }
}

public static class HttpJson
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty response");
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static async Task<HttpResponseMessage> DeployAsync(this HttpClient client, string xml)
    {
        using var content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml");
        return await client.PostAsync("/api/v1/definitions", content);
    }
}
