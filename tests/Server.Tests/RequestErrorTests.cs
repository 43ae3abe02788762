using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests;

/// <summary>
/// Issue 8: a request the framework cannot read is answered in Dutch, naming the field or parameter and what is expected,
/// with a stable code — never with a .NET type name.
/// </summary>
public sealed class RequestErrorTests
{
    [Theory]
    [InlineData("""{"definitionKey":5,"gemeente":"0632"}""", "request.json-value-invalid", "definitionKey", "tekst")]
    [InlineData("""{"definitionKey":"x","gemeente":"0632","variables":[1]}""", "request.json-value-invalid", "variables", "JSON-object")]
    [InlineData("""{"definitionKy":"x","gemeente":"0632"}""", "request.json-unknown-field", "definitionKy", "definitionKey")]
    [InlineData("""{"definitionKey":"x",""", "request.invalid-json", "regel 1", "positie")]
    public async Task BadJson_IsAnsweredInDutch_NamingTheFieldAndWhatIsExpected(string body, string code, string field, string expected)
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await factory.As("anna").PostAsync("/api/v1/instances", content);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(field, problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryParameterOfTheWrongKind_NamesTheParameterAndTheValue()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var response = await factory.As("anna").GetAsync("/api/v1/tasks?page=abc");

        var detail = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request.parameter-invalid");
        Assert.Equal("'abc' is geen geldige waarde voor page; verwacht is een geheel getal.", detail);
    }

    [Fact]
    public async Task AWrongContentType_Is415_NamingTheTypeReceivedAndTheOneExpected()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var content = new StringContent("definitionKey=x", Encoding.UTF8, "text/plain");
        using var response = await factory.As("anna").PostAsync("/api/v1/instances", content);

        var detail = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "request.content-type-unsupported");
        Assert.Contains("text/plain", detail, StringComparison.Ordinal);
        Assert.Contains("application/json", detail, StringComparison.Ordinal);
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(code, (string?)problem["code"]);
        var detail = (string)problem["detail"]!;
        foreach (var leak in new[] { "Inburgering.", "System.", "Nullable", "Microsoft.", "StartRequest", "exception" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }

        return detail;
    }
}
