using System.Net.Http.Json;
using Inburgering.Activities.Duo;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Tests.Infrastructure;

/// <summary>Talks to the DUO simulator without the client, for rules the client would catch first and for spec checks.</summary>
public static class DuoRaw
{
    public static async Task<HttpResponseMessage> SendAsync(
        this PartnerSimulatorFixture sim,
        HttpMethod method,
        string path,
        object? body = null,
        string gemeente = "0632",
        string? berichtId = null,
        string? bron = null,
        string? doel = null)
    {
        using var request = new HttpRequestMessage(method, sim.Url("/sim/duo/v1/" + path));
        request.Headers.Add("bron", bron ?? DuoOptions.SyntheticOin(gemeente));
        request.Headers.Add("doel", doel ?? DuoOptions.SimulatorDuoOin);
        request.Headers.Add("berichtId", berichtId ?? Guid.NewGuid().ToString("D"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ActivityJson.Options);
        }

        return await sim.Http.SendAsync(request);
    }

    public static async Task<List<string>> FouttekstenAsync(this HttpResponseMessage response) =>
        DuoClient.Foutteksten(await response.Content.ReadAsStringAsync());
}
