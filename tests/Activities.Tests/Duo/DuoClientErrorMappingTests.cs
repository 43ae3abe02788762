using System.Net;
using System.Text;
using Inburgering.Activities.Duo;
using Inburgering.Activities.Partners;
using Inburgering.Workflows.Personen;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inburgering.Activities.Tests.Duo;

/// <summary>How the client reads DUO's answers, against a canned HTTP handler.</summary>
public sealed class DuoClientErrorMappingTests
{
    private static readonly DuoCall Call = new(Bsn.Parse("111222333"), Gemeentecode.Parse("0632"), "job-1");

    private sealed class CannedHandler(HttpStatusCode status, string? body, string? apiVersion = "1.2.2") : HttpMessageHandler
    {
        public HttpRequestMessage? Last { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            var response = new HttpResponseMessage(status);
            if (body is not null)
            {
                response.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            if (apiVersion is not null)
            {
                response.Headers.Add("API-Version", apiVersion);
            }

            return Task.FromResult(response);
        }
    }

    private static (DuoClient Client, CannedHandler Handler) Client(HttpStatusCode status, string? body = null, string? apiVersion = "1.2.2")
    {
        var handler = new CannedHandler(status, body, apiVersion);
        var http = new HttpClient(handler) { BaseAddress = new Uri("https://duo.example/v1/") };
        return (new DuoClient(http, Options.Create(new DuoOptions()), NullLogger<DuoClient>.Instance), handler);
    }

    [Fact]
    public async Task EveryRequest_CarriesBronDoelAndADerivedBerichtId()
    {
        var (client, handler) = Client(HttpStatusCode.OK, """{"indicatorInburgeringsplicht":true}""");

        await client.GetInburgeringsplichtAsync(Call, CancellationToken.None);

        var request = handler.Last!;
        Assert.Equal("https://duo.example/v1/personen/111222333/inburgeringsplicht", request.RequestUri!.ToString());
        Assert.Equal(DuoOptions.SyntheticOin("0632"), request.Headers.GetValues("bron").Single());
        Assert.Equal(DuoOptions.SimulatorDuoOin, request.Headers.GetValues("doel").Single());
        Assert.Equal(DuoBerichtId.Derive("job-1", "getInburgeringsplichtByBsn").ToString("D"), request.Headers.GetValues("berichtId").Single());
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task ServerErrorsAndThrottling_AreTransient(HttpStatusCode status)
    {
        var (client, _) = Client(status);
        Assert.Equal(PartnerOutcome.Transient, (await client.PutZrouteAsync(Call, new DuoResultaatZroute(), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A403WithDuosFoutmeldingen_IsARejectionCarryingTheDutchTexts()
    {
        var (client, _) = Client(HttpStatusCode.Forbidden, """[{"fouttekst":"De persoon heeft geen PIP."},{"fouttekst":"Tweede fout."}]""");

        var result = await client.PutMapAsync(Call, new DuoResultaatMap(), CancellationToken.None);

        Assert.Equal(PartnerOutcome.Rejected, result.Outcome);
        Assert.Equal(["De persoon heeft geen PIP.", "Tweede fout."], result.Messages);
    }

    [Fact]
    public async Task A403WithoutBody_IsAnAuthorisationProblemNotARejection()
    {
        var (client, _) = Client(HttpStatusCode.Forbidden);
        Assert.Equal(PartnerOutcome.Permanent, (await client.GetInburgeringsplichtAsync(Call, CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    public async Task ContractAndAuthenticationErrors_ArePermanent(HttpStatusCode status)
    {
        var (client, _) = Client(status);
        Assert.Equal(PartnerOutcome.Permanent, (await client.PostPipAsync(Call, new DuoPip(new DateOnly(2026, 1, 1), "B"), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A404_MeansNotFound()
    {
        var (client, _) = Client(HttpStatusCode.NotFound);
        Assert.Equal(PartnerOutcome.NotFound, (await client.GetOntheffingenAsync(Call, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task AnAnswerOutsideTheSpec_IsAContractError()
    {
        var (client, _) = Client(HttpStatusCode.OK, """[{"resultaat":"Misschien","behaaldeScore":"40,00","benodigdeScore":"40,00","datumAfname":"2026-01-01"}]""", "1.2.0");

        var result = await client.GetLbtResultatenAsync(Call, CancellationToken.None);

        Assert.Equal(PartnerOutcome.Permanent, result.Outcome);
        Assert.Contains("resultaat moet een van", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherMajorApiVersion_IsAContractError()
    {
        var (client, _) = Client(HttpStatusCode.OK, """{"indicatorInburgeringsplicht":true}""", "2.0.0");
        Assert.Equal(PartnerOutcome.Permanent, (await client.GetInburgeringsplichtAsync(Call, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task AGemeenteWithoutAConfiguredOin_FailsPermanentlyWithoutSending()
    {
        var (client, handler) = Client(HttpStatusCode.OK, "{}");

        var result = await client.GetInburgeringsplichtAsync(Call with { Gemeente = Gemeentecode.Parse("0999") }, CancellationToken.None);

        Assert.Equal(PartnerOutcome.Permanent, result.Outcome);
        Assert.Null(handler.Last);
    }

    [Fact]
    public async Task WithoutABaseUrl_FailsPermanently()
    {
        var client = new DuoClient(new HttpClient(), Options.Create(new DuoOptions()), NullLogger<DuoClient>.Instance);
        Assert.Equal(PartnerOutcome.Permanent, (await client.GetInburgeringsplichtAsync(Call, CancellationToken.None)).Outcome);
    }
}
