using System.Net;
using System.Text.Json.Nodes;

namespace Inburgering.Server.Tests.Keten;

/// <summary>What the keten tests check of a refusal: the status, the problem's <c>code</c>, and a text for a person.</summary>
internal static class Problems
{
    public static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {body}");
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(code, (string?)problem["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
    }
}
