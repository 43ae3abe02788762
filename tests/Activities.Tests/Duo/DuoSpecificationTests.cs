using System.Net;
using Inburgering.Activities.Duo.Spec;
using Inburgering.Activities.Tests.Infrastructure;
using Inburgering.Simulators.Duo;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Activities.Tests.Duo;

/// <summary>The simulator serves every operation of DUO's files and holds requests to their schemas.</summary>
public sealed class DuoSpecificationTests : IClassFixture<PartnerSimulatorFixture>
{
    private readonly PartnerSimulatorFixture _sim;

    public DuoSpecificationTests(PartnerSimulatorFixture sim)
    {
        _sim = sim;
        _sim.Healthy();
    }

    [Fact]
    public void TheEmbeddedSpec_HasTheTwelveApisOfDuosReadme()
    {
        Assert.Equal(12, OpenApiSpec.Duo.Documents.Count);
        Assert.Equal("1.8.0", OpenApiSpec.Duo.Document("Notificatie").Version);
        Assert.Equal("1.2.2", OpenApiSpec.Duo.Document("Inburgeringsplicht").Version);
    }

    [Fact]
    public void TheSimulator_ServesEveryOperationExceptTheGemeentesOwnNotificatieApi()
    {
        var names = _sim.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .ToHashSet();
        var operations = OpenApiSpec.Duo.Documents.SelectMany(d => d.Operations).Where(o => o.OperationId != "opvoerenNotificatie").ToList();

        Assert.Equal(34, operations.Count);
        Assert.All(operations, o => Assert.Contains("duo." + o.OperationId, names));
    }

    [Fact]
    public async Task ABodyOutsideTheSchema_Is400WithTheProblemsNamed()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        using var response = await _sim.SendAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { dagtekeningPip = "2-3-2026", leerroute = "X", geschatteIntensiteitB1Route = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fouten = await response.FouttekstenAsync();
        Assert.Contains("body.dagtekeningPip moet een datum (jjjj-mm-dd) zijn", fouten);
        Assert.Contains("body.leerroute moet een van B, O, Z zijn", fouten);
        Assert.Contains("body.geschatteIntensiteitB1Route is kleiner dan 1", fouten);
        Assert.Null(_sim.Duo.Persoon(bsn)!.ActuelePip);
    }

    [Fact]
    public async Task AMissingRequiredField_Is400()
    {
        var bsn = TestBsn.Next();
        _sim.Duo.Seed(new DuoSimPersoonSeed(bsn, "0632"));

        using var response = await _sim.SendAsync(HttpMethod.Post, $"personen/{bsn}/PIP", new { leerroute = "B" });

        Assert.Equal(["body.dagtekeningPip is verplicht"], await response.FouttekstenAsync());
    }

    [Fact]
    public async Task ABsnOfEightDigits_Is400()
    {
        using var response = await _sim.SendAsync(HttpMethod.Get, "personen/12345678/inburgeringsplicht");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bsn is korter dan 9 tekens", await response.FouttekstenAsync());
    }

    [Fact]
    public async Task ABerichtIdThatIsNotAUuid_Is400()
    {
        using var response = await _sim.SendAsync(HttpMethod.Get, "verlengingsgronden", berichtId: "bericht-1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ATelefoonnummerOutsideThePattern_Is400()
    {
        using var response = await _sim.SendAsync(HttpMethod.Post, "contactpersonen", new { naam = "Jansen", email = "j@x.example", telefoonnummer = "bel me" });
        Assert.Contains("body.telefoonnummer voldoet niet aan het patroon", (await response.FouttekstenAsync()).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownBron_Is403WithoutBody()
    {
        using var response = await _sim.SendAsync(HttpMethod.Get, "verlengingsgronden", bron: "00000099000000999000");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWrongDoel_Is403()
    {
        using var response = await _sim.SendAsync(HttpMethod.Get, "verlengingsgronden", doel: "00000099000000000002");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheApiVersionOfItsFile()
    {
        using var response = await _sim.SendAsync(HttpMethod.Get, "instellingen");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OpenApiSpec.Duo.Operation("getInstellingen").Document.Version, response.Headers.GetValues("API-Version").Single());
    }

    [Fact]
    public async Task AnUnknownPerson_Is404()
    {
        using var response = await _sim.SendAsync(HttpMethod.Get, $"personen/{TestBsn.Next()}/doelgroep");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SeedingOverTheControlApi_MakesThePersonQueryable()
    {
        var bsn = TestBsn.Next();
        using (var seeded = await _sim.PostJsonAsync("/sim/duo/v1/_sim/personen", new { bsn, gemeentecode = "0632", doelgroep = "Gezinsmigrant en overige migrant" }))
        {
            Assert.Equal(HttpStatusCode.Created, seeded.StatusCode);
        }

        using var response = await _sim.SendAsync(HttpMethod.Get, $"personen/{bsn}/doelgroep");
        Assert.Contains("Gezinsmigrant en overige migrant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
