using System.Net;
using System.Text.Json.Nodes;
using Inburgering.Engine.Persistence;

namespace Inburgering.Server.Tests;

/// <summary>
/// Issue 8: the OpenAPI document is the API's contract for the people who build on it. Every operation has an operationId,
/// a summary or description, a schema for every answer with a body and for its request body, and the problems it can answer;
/// an endpoint added without them fails here, by name (src/Server/Api/OpenApi/OperationCatalog.cs is where they go).
/// </summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task EveryOperation_HasAnOperationId_ADescription_SchemasForItsBodies_AndItsProblems()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

        var problems = new List<string>();
        var ids = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                operations++;
                var operation = node!.AsObject();
                var name = $"{method.ToUpperInvariant()} {path}";
                if ((string?)operation["operationId"] is { Length: > 0 } id)
                {
                    ids.Add(id);
                }
                else
                {
                    problems.Add($"{name}: no operationId");
                }

                if (string.IsNullOrWhiteSpace((string?)operation["summary"]) && string.IsNullOrWhiteSpace((string?)operation["description"]))
                {
                    problems.Add($"{name}: no summary or description");
                }

                var responses = operation["responses"]?.AsObject() ?? [];
                var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
                if (successes.Count == 0)
                {
                    problems.Add($"{name}: no success response");
                }

                foreach (var (status, response) in successes)
                {
                    var content = response?["content"]?.AsObject();
                    if (content is null || content.Count == 0)
                    {
                        if (status is not ("201" or "202" or "204"))
                        {
                            problems.Add($"{name}: {status} without a response schema");
                        }

                        continue;
                    }

                    problems.AddRange(content.Where(c => c.Value?["schema"] is null).Select(c => $"{name}: {status} {c.Key} without a schema"));
                }

                if (operation["requestBody"]?["content"]?.AsObject() is { } body)
                {
                    foreach (var (type, media) in body)
                    {
                        var schema = media?["schema"]?.ToJsonString() ?? "";
                        if (schema.Length == 0 || schema.Contains("\"oneOf\"", StringComparison.Ordinal) && schema.Contains("\"null\"", StringComparison.Ordinal))
                        {
                            problems.Add($"{name}: request body {type} without a schema, or typed 'null or …'");
                        }
                    }
                }

                // An operation without input and without sign-in (the development users) cannot be refused.
                var canBeRefused = operation["parameters"] is not null || operation["requestBody"] is not null || responses.ContainsKey("401");
                if (canBeRefused && !responses.Any(r => r.Key.StartsWith('4') && r.Value?["content"]?["application/problem+json"]?["schema"] is not null))
                {
                    problems.Add($"{name}: no problem response documented");
                }
            }
        }

        Assert.True(operations >= 40, $"Only {operations} operations in the document.");
        problems.AddRange(ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"operationId {g.Key} used {g.Count()} times"));
        Assert.True(problems.Count == 0, "The OpenAPI document is incomplete:\n" + string.Join("\n", problems));
        Assert.NotNull(document["components"]?["schemas"]?["Problem"]?["properties"]?["code"]);
    }

    [Fact]
    public async Task Operations_ThatNeedSignIn_Document401And403_AndTheirExamplesCarryACode()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var claim = document["paths"]!["/api/v1/tasks/{id}/claim"]!["post"]!;
        Assert.Equal("claimTask", (string?)claim["operationId"]);
        foreach (var status in new[] { "401", "403", "404", "409" })
        {
            var example = claim["responses"]![status]?["content"]?["application/problem+json"]?["example"];
            Assert.True(example?["code"] is not null, $"claimTask documents no {status} problem with an example code.");
        }

        var list = document["paths"]!["/api/v1/tasks"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!.ToJsonString();
        Assert.Contains("\"items\"", list, StringComparison.Ordinal);
        Assert.Contains("elementId", list, StringComparison.Ordinal);
        var start = document["paths"]!["/api/v1/instances"]!["post"]!["requestBody"]!["content"]!["application/json"]!;
        Assert.NotNull(start["example"]?["definitionKey"]);
    }

    [Fact]
    public async Task ApiBrowser_IsServedInDevelopment_OnTheDocument()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var response = await factory.CreateClient().GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
