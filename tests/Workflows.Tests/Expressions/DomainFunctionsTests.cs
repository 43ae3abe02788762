using Inburgering.Engine.Expressions;
using Inburgering.Workflows.Expressions;
using Inburgering.Workflows.Termijnen;

namespace Inburgering.Workflows.Tests.Expressions;

/// <summary>The expression functions, called through their delegates as the engine will.</summary>
public class DomainFunctionsTests
{
    private static readonly DomainFunctions Provider = new();

    // Through the interface, as the engine sees it.
    private static IEnumerable<ExpressionFunction> All => ((IExpressionFunctionProvider)Provider).Functions;

    private static T Fn<T>(string name) where T : Delegate =>
        Assert.IsType<T>(All.Single(f => f.Name == name).Implementation);

    /// <summary>A named-argument function with its input record built from <paramref name="args"/> in declaration order.</summary>
    private static Func<object?[], TResult> Named<TResult>(string name) =>
        args => (TResult)ExpressionCalls.Call(All.Single(f => f.Name == name).Implementation, args)!;

    [Fact]
    public void Functions_HaveUniqueNamespacedNamesAndADutchDescription()
    {
        var functions = All.ToList();

        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct().Count());
        Assert.All(functions, f =>
        {
            Assert.Matches(@"^[a-z]+\.[a-zA-Z]+$", f.Name);
            Assert.False(string.IsNullOrWhiteSpace(f.Description));
        });
        Assert.Contains(functions, f => f.Name == "termijn.einde");
        Assert.Contains(functions, f => f.Name == "pip.uiterlijk");
        Assert.Contains(functions, f => f.Name == "ontzorging.einde");
        Assert.Contains(functions, f => f.Name == "voortgang.volgende");
        Assert.Contains(functions, f => f.Name == "leerroute.wisselenTot");
    }

    [Fact]
    public void TermijnStartAndEinde_FromTheFirstPip()
    {
        Assert.Equal("2022-03-15", Fn<Func<string, string>>("termijn.start")("2022-03-14"));
        Assert.Equal("2025-03-15", Fn<Func<string, string>>("termijn.einde")("2022-03-14"));
    }

    [Theory]
    [InlineData("automatisch", null, "2025-09-15")]
    [InlineData("bevalling", null, "2025-07-05")]
    [InlineData("overig", 2.0, "2025-05-15")]
    public void TermijnVerleng_AddsToTheEnd(string grond, double? maanden, string expected) =>
        Assert.Equal(expected, Named<string>("termijn.verleng")(["2025-03-15", grond, maanden]));

    [Fact]
    public void TermijnVerleng_UnknownGround_Throws() =>
        Assert.Throws<ArgumentException>(() => Named<string>("termijn.verleng")(["2025-03-15", "ziekte", null]));

    [Fact]
    public void TermijnTweeMaandenVoorEindeAndOverschreden()
    {
        Assert.Equal("2025-01-15", Fn<Func<string, string>>("termijn.tweeMaandenVoorEinde")("2025-03-15"));
        var overschreden = Named<bool>("termijn.overschreden");
        Assert.False(overschreden(["2025-03-15", "2025-03-14"]));
        Assert.True(overschreden(["2025-03-15", "2025-03-15"]));
    }

    [Fact]
    public void PipUiterlijk_WithAndWithoutBrp()
    {
        var uiterlijk = Named<string>("pip.uiterlijk");

        Assert.Equal("2022-05-10", uiterlijk(["2022-03-01", null]));
        Assert.Equal("2022-06-24", uiterlijk(["2022-03-01", "2022-04-15"]));
    }

    [Fact]
    public void PipUiterlijkMetDerdenAndEscalatie()
    {
        Assert.Equal("2022-05-23", Named<string>("pip.uiterlijkMetDerden")(["2022-05-10", "2022-05-09"]));
        Assert.Equal("2022-04-26", Named<string>("pip.escalatie")(["2022-05-10", 2]));
    }

    /// <summary>Wi2021 art. 15(1), Besluit art. 5.3: the PIP within ten weeks; the last day is inside, the day after is late.</summary>
    [Fact]
    public void PipVerstrekenOpAndOpTijd_TheLastDayIsOnTime()
    {
        Assert.Equal("2022-05-11", Fn<Func<string, string>>("pip.verstrekenOp")("2022-05-10"));
        var opTijd = Named<bool>("pip.opTijd");
        Assert.True(opTijd(["2022-05-09", "2022-05-10"]));
        Assert.True(opTijd(["2022-05-10", "2022-05-10"]));
        Assert.False(opTijd(["2022-05-11", "2022-05-10"]));
    }

    [Fact]
    public void OntzorgingEinde_SixMonthsOrWhenBijstandEnds()
    {
        var einde = Named<string>("ontzorging.einde");

        Assert.Equal("2023-07-10", einde(["2023-01-10", 6, null]));
        Assert.Equal("2023-04-01", einde(["2023-01-10", 6, "2023-04-01"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => einde(["2023-01-10", 3, null]));
    }

    [Fact]
    public void VoortgangVolgendeAndAchterstallig()
    {
        Assert.Equal("2023-04-15", Named<string>("voortgang.volgende")(["2023-01-15", null, 3]));
        Assert.Equal("2023-08-02", Named<string>("voortgang.volgende")(["2023-01-15", "2023-05-02", 3]));

        var achterstallig = Named<bool>("voortgang.achterstallig");
        Assert.False(achterstallig(["2023-01-15", null, 3, 14, "2023-04-29"]));
        Assert.True(achterstallig(["2023-01-15", null, 3, 14, "2023-04-30"]));
    }

    [Fact]
    public void LeerrouteWisselenTotAndMagWisselen()
    {
        Assert.Equal("2023-09-15", Fn<Func<string, string>>("leerroute.wisselenTot")("2022-03-15"));

        var mag = Named<bool>("leerroute.magWisselen");
        Assert.True(mag(["B1Route", "ZRoute", "2022-03-15", "2023-09-14"]));
        Assert.False(mag(["B", "Z", "2022-03-15", "2023-09-15"]));
        Assert.True(mag(["O", "B", "2022-03-15", "2024-09-15"]));
    }

    [Fact]
    public void TimerTijdstip_IsAnIsoDateTimeInDutchTime() =>
        Assert.Equal("2025-03-15T08:00:00+01:00", Fn<Func<string, string>>("timer.tijdstip")("2025-03-15"));

    [Theory]
    [InlineData("2026-12-14T09:30:00+00:00", "14 december 2026 om 10:30")] // winter: UTC+1
    [InlineData("2026-07-01T06:05:00Z", "1 juli 2026 om 08:05")] // summer: UTC+2
    [InlineData("2026-12-14", "14 december 2026")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void DatumTekst_IsHowAPersonInTheNetherlandsReadsIt(string? moment, string expected) =>
        Assert.Equal(expected, Fn<Func<string?, string>>("datum.tekst")(moment));

    [Fact]
    public void DatumTekst_NotAMoment_SaysWhatItExpects() =>
        Assert.Contains("jjjj-mm-dd", Assert.Throws<FormatException>(() => Fn<Func<string?, string>>("datum.tekst")("morgen")).Message, StringComparison.Ordinal);

    [Fact]
    public void Functions_NotADate_ThrowFormatExceptionInDutch()
    {
        var ex = Assert.Throws<FormatException>(() => Fn<Func<string, string>>("termijn.einde")("14-03-2022"));

        Assert.Contains("jjjj-mm-dd", ex.Message);
    }

    [Fact]
    public void Functions_NotAWholeNumber_Throw() =>
        Assert.Throws<ArgumentException>(() => Named<string>("voortgang.volgende")(["2023-01-15", null, 2.5]));

    [Fact]
    public void Functions_UseConfiguredNormen()
    {
        var provider = new DomainFunctions(Wi2021Normen.Default with { Inburgeringstermijn = Period.OfYears(2) });

        var einde = Assert.IsType<Func<string, string>>(provider.Functions.Single(f => f.Name == "termijn.einde").Implementation);

        Assert.Equal("2024-03-15", einde("2022-03-14"));
    }
}
