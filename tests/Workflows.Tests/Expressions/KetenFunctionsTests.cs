using Inburgering.Engine.Expressions;
using Inburgering.Workflows.Expressions;
using Inburgering.Workflows.Policy;
using Inburgering.Workflows.Tests.Policy;

namespace Inburgering.Workflows.Tests.Expressions;

public sealed class KetenFunctionsTests
{
    private static readonly Dictionary<string, Delegate> Fn =
        new IExpressionFunctionProvider[] { new DomainFunctions(), new RegelFunctions(), new BeleidFunctions(PolicyCatalog.LoadOrThrow(RepoRoot.GemeentenFolder)) }
            .SelectMany(p => p.Functions).ToDictionary(f => f.Name, f => f.Implementation);

    /// <summary>Calls a function; a named-argument function gets its input record built from the arguments in declaration order.</summary>
    private static object? Call(string name, params object?[] args) => ExpressionCalls.Call(Fn[name], args);

    [Fact]
    public void Beleid_ReadsTheGemeentePolicy()
    {
        Assert.Equal("consulent,begeleider", Call("beleid.vierOgenRollen", "0632", true));
        Assert.Equal("", Call("beleid.vierOgenRollen", "0632", false));
        Assert.Equal(3.0, Call("beleid.voortgangsIntervalMaanden", "0335"));
        Assert.Equal("taal-midden-holland", Call("beleid.taalaanbieder", "1901", "B"));
        Assert.Equal("1000000002", Call("beleid.taalaanbiederInstelling", "0632", "O"));
        Assert.Equal("P4W", Call("beleid.interventieBesprekenBinnen", "0632"));
        Assert.Equal("P1W", Call("beleid.interventieBesprekenBinnen", "0589"));
        Assert.Equal(false, Call("beleid.duoResultaatboete", "0632", "Asielstatushouder"));
        Assert.Equal(true, Call("beleid.duoResultaatboete", "0632", "Gezinsmigrant"));
        Assert.ThrowsAny<Exception>(() => Call("beleid.vierOgen", "9999"));
    }

    /// <summary>Issue 13, point 6: the zienswijzetermijn (Awb 4:8) and the mandate to vaststellen the PIP (Awb 10:3) come from the policy.</summary>
    [Fact]
    public void Beleid_ZienswijzetermijnAndMandaat()
    {
        foreach (var gemeente in new[] { "0632", "0505", "0388" })
        {
            Assert.Equal(2.0, Call("beleid.zienswijzeTermijnWeken", gemeente));
            Assert.Equal("consulent", Call("beleid.mandaatPipVaststellen", gemeente));
        }
    }

    [Fact]
    public void Awb_Deadlines()
    {
        Assert.Equal("2026-01-21", Call("awb.zienswijzeUiterlijk", "2026-01-07", 2.0));
        Assert.Equal("2026-04-08", Call("awb.boetebesluitUiterlijk", "2026-01-07"));
        Assert.Equal("2026-02-18", Call("awb.bezwaartermijnEinde", "2026-01-07"));
        Assert.Equal("2026-02-19", Call("awb.onherroepelijkOp", "2026-01-07"));
        Assert.Equal(true, Call("awb.bezwaarTijdig", "2026-02-18", "2026-01-07"));
        Assert.Equal(false, Call("awb.bezwaarTijdig", "2026-02-19", "2026-01-07"));
        Assert.Equal("2026-04-01", Call("awb.beslissingOpBezwaarUiterlijk", "2026-01-07", false));
        Assert.Equal("2026-01-08", Call("awb.dagNa", "2026-01-07"));
    }

    [Fact]
    public void Regel_WetDoelgroepEnPip()
    {
        Assert.Equal("WET-WI2013", Call("regel.wet", true, "2021-06-01", null));
        Assert.Equal(true, Call("regel.inWi2021", true, "2022-01-01", null));
        Assert.Equal("Gezinsmigrant", Call("regel.doelgroep", "Gezinsmigrant en overige migrant", "Gezinsvormer"));
        Assert.Equal(false, Call("regel.ontzorging", "Gezinsmigrant", true));
        Assert.Equal("", Call("regel.pipFouten", "Asielstatushouder", "2025-01-01", "2025-02-01", "2025-03-01", "B", null, 600.0, null, null));
        Assert.Contains("onderwijsroute", (string)Call("regel.pipFouten", "Asielstatushouder", "2025-01-01", "2025-02-01", "2025-03-01", "O", "A2", null, null, null)!);
        Assert.Contains("verwijtbaarheid", (string)Call("regel.resultaatFouten", "MAP", "2026-01-10", "Nee", "2025-03-02", "2028-03-02", "2026-01-10")!);
        Assert.Equal(true, Call("regel.zrouteCompleet", "Asielstatushouder", 800.0, 800.0));
        Assert.Equal(false, Call("regel.zrouteCompleet", "Asielstatushouder", 800.0, 0.0));
        Assert.Equal(false, Call("regel.boeteMag", null, null, "2025-05-01"));
        Assert.Contains("800", (string)Call("regel.boeteFouten", 900.0, "NietMeewerkenAanBredeIntake")!);
    }

    [Fact]
    public void Deadlines_AddedForTheKeten()
    {
        Assert.Equal("2025-05-15", Call("voortgang.margeTot", "2025-02-01", null, 3.0, 14.0));
        Assert.Equal("2025-05-16", Call("voortgang.achterstalligVanaf", "2025-02-01", null, 3.0, 14.0));
        Assert.Equal("2025-08-31", Call("ontzorging.evaluatieOp", "2025-09-01"));
        Assert.Equal("2025-12-01", Call("ontzorging.verleng", "2025-09-01", 3.0, null));
        Assert.Equal("2025-10-15", Call("ontzorging.verleng", "2025-09-01", 3.0, "2025-10-15"));
        Assert.Equal("2026-08-02", Call("termijn.vooraf", "2026-09-02", "P1M"));
    }
}
