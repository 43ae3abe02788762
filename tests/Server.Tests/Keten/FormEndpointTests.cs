using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests.Keten;

public sealed class FormEndpointTests
{
    [Fact]
    public async Task Forms_AreListed_AndServedByTheirFormKey()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.As("carla", "consulent");

        var list = (await client.GetJsonAsync("/api/v1/forms")).AsArray();
        Assert.Contains(list, f => (string)f!["key"]! == "brede-intake" && (string)f["title"]! == "Brede intake");
        Assert.True(list.Count >= 10);

        var form = await client.GetJsonAsync("/api/v1/forms/pip-vaststellen");
        Assert.Equal("pip-vaststellen", (string)form["id"]!);
        Assert.Contains(form["components"]!.AsArray(), c => (string?)c!["key"] == "pipLeerroute");

        var missing = await client.GetAsync("/api/v1/forms/bestaat-niet");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
