using Inburgering.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Inburgering.Server.Tests;

/// <summary>Issue 11: the tracing set-up's own rules: where traces go, and no BSN in a span's URL.</summary>
public sealed class TracingHostingTests
{
    [Theory]
    [InlineData("/sim/duo/v1/personen/123456782/inburgeringsplicht", "/sim/duo/v1/personen/{bsn}/inburgeringsplicht")]
    [InlineData("/v1/contactpersonen/12/personen/123456782", "/v1/contactpersonen/12/personen/{bsn}")]
    [InlineData("/api/v1/instances/0192f4c8-1d2e-7a3b-9c4d-5e6f7a8b9c0d", "/api/v1/instances/0192f4c8-1d2e-7a3b-9c4d-5e6f7a8b9c0d")]
    [InlineData("/api/v1/beheer/cijfers", "/api/v1/beheer/cijfers")]
    public void Redact_CutsABsnFromAPath_AndLeavesIdsAlone(string path, string expected) =>
        Assert.Equal(expected, TracingHosting.Redact(path));

    [Fact]
    public void OtlpEndpoint_IsOff_WithoutASetting_OurSettingWins_AndANonUrlRefusesTheStart()
    {
        Assert.Null(TracingHosting.OtlpEndpoint(Configuration([])));
        Assert.Equal(new Uri("http://collector:4317"), TracingHosting.OtlpEndpoint(Configuration(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317" })));
        Assert.Equal(new Uri("http://own:4318/v1/traces"), TracingHosting.OtlpEndpoint(Configuration(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["Inburgering:Tracing:OtlpEndpoint"] = "http://own:4318/v1/traces",
        })));
        var refused = Assert.Throws<StartupRefusedException>(() => TracingHosting.OtlpEndpoint(Configuration(new() { ["Inburgering:Tracing:OtlpEndpoint"] = "collector:4317" })));
        Assert.Contains("OTLP endpoint", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
