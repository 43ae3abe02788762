using System.Text.Json.Nodes;
using Inburgering.Workflows.Policy;

namespace Inburgering.Workflows.Tests.Policy;

/// <summary>Validation of policy files: each problem names the file, the JSON path and a Dutch reason.</summary>
public class PolicyCatalogTests
{
    private const string Valid = """
        {
          "organisatie": { "id": "test", "naam": "Testdienst" },
          "standaard": {
            "voortgangsgesprek": { "intervalMaanden": 6, "margeDagen": 7 },
            "casuistiekoverleg": { "vorm": "periodiek", "intervalWeken": 2 },
            "taalaanbieders": {
              "B1Route": { "naam": "Taal B", "partnerId": "taal-b", "duoInstellingsnummer": "1000000001" },
              "ZRoute": { "naam": "Taal Z", "partnerId": "taal-z", "duoInstellingsnummer": "1000000001" },
              "Onderwijsroute": { "naam": "Taal O", "partnerId": "taal-o", "duoInstellingsnummer": "1000000002" }
            },
            "maatschappelijkeBegeleiding": { "naam": "MB", "partnerId": "mb" },
            "financieleZelfredzaamheid": { "naam": "FZ", "partnerId": "fz" },
            "ontzorging": { "kostenposten": ["huur", "zorgverzekering"], "duurMaanden": 9 },
            "vierOgen": true,
            "pipEscalatieWekenVooraf": 3,
            "mandaat": { "pipVaststellen": "consulent" },
            "duoContactpersoon": { "naam": "Team Inburgering", "email": "inburgering@voorbeeld.example", "telefoonnummer": "020 000 0000", "duoContactpersoonId": 12 }
          },
          "gemeenten": [
            { "code": "0363", "naam": "Amsterdam", "arbeidsmarktregio": "Groot Amsterdam", "duoOin": "00000001002564440000" },
            { "code": "0344", "naam": "Utrecht", "arbeidsmarktregio": "Midden-Utrecht", "duoOin": "00000001999990344000", "duoOinIsPlaceholder": true,
              "afwijkingen": { "vierOgen": false, "casuistiekoverleg": { "vorm": "adHoc" },
                "duoContactpersoon": { "naam": "Team Inburgering Utrecht", "email": "inburgering@utrecht.example", "telefoonnummer": "030 000 0000", "isPlaceholder": true } } }
          ]
        }
        """;

    private static PolicyLoadResult LoadOne(string json, string file = "test.json") => PolicyCatalog.LoadFrom([(file, json)]);

    private static string Edit(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Valid)!;
        change(node);
        return node.ToJsonString();
    }

    private static PolicyProblem SingleProblem(PolicyLoadResult result)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Catalog);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void LoadFrom_ValidFile_ResolvesDefaultsAndOverrides()
    {
        var result = LoadOne(Valid);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        var amsterdam = result.Catalog!.For("0363");
        var utrecht = result.Catalog.For("0344");
        Assert.True(amsterdam.VierOgen);
        Assert.False(utrecht.VierOgen);
        Assert.Equal(Casuistiekoverlegvorm.Periodiek, amsterdam.Casuistiekoverleg.Vorm);
        Assert.Equal(Casuistiekoverlegvorm.AdHoc, utrecht.Casuistiekoverleg.Vorm);
        Assert.Equal(6, utrecht.VoortgangsgesprekIntervalMaanden);
        Assert.Equal(7, utrecht.VoortgangsgesprekMargeDagen);
        Assert.Equal(9, utrecht.Ontzorging.DuurMaanden);
        Assert.Equal(3, amsterdam.PipEscalatieWekenVooraf);
        Assert.False(amsterdam.Oin.IsPlaceholder);
        Assert.True(amsterdam.TaalaanbiederFor(Workflows.Leerroutes.Leerroute.ZRoute).IsBevestigd);
        Assert.Equal(new DuoContactpersoon("Team Inburgering", "inburgering@voorbeeld.example", "020 000 0000", 12, false), amsterdam.DuoContactpersoon);
        Assert.Equal(new DuoContactpersoon("Team Inburgering Utrecht", "inburgering@utrecht.example", "030 000 0000", null, true), utrecht.DuoContactpersoon);
    }

    [Fact]
    public void LoadFrom_WithoutAContactpersoonForDuo_IsRefusedForEachGemeenteWithoutOne()
    {
        var result = LoadOne(Edit(n => n["standaard"]!.AsObject().Remove("duoContactpersoon")));

        var problem = SingleProblem(result);
        Assert.Equal("$.standaard.duoContactpersoon", problem.Path);
        Assert.Contains("Amsterdam", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("De contactpersoon voor DUO", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFrom_MalformedJson_GivesFileLineAndDutchReason()
    {
        var problem = SingleProblem(LoadOne("{ \"organisatie\": { \"id\": \"x\", }\n", "kapot.json"));

        Assert.Equal("kapot.json", problem.File);
        Assert.Contains("geen geldig beleidsbestand", problem.Reason);
        Assert.Contains("regel 1", problem.Reason);
    }

    [Fact]
    public void LoadFrom_UnknownField_IsReportedWithItsPath()
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["standaard"]!["voortgangsgesprekken"] = 3)));

        Assert.Contains("onbekend veld", problem.Reason);
        Assert.Contains("voortgangsgesprekken", problem.Reason + problem.Path);
    }

    [Fact]
    public void LoadFrom_WrongType_IsReportedWithItsPath()
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["standaard"]!["vierOgen"] = "ja")));

        Assert.Equal("$.standaard.vierOgen", problem.Path);
    }

    [Theory]
    [InlineData("363")]
    [InlineData("03630")]
    [InlineData("GM03")]
    public void LoadFrom_GemeentecodeNotFourDigits_IsRefused(string code)
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["gemeenten"]![0]!["code"] = code)));

        Assert.Equal("$.gemeenten[0].code", problem.Path);
        Assert.Contains("4 cijfers", problem.Reason);
    }

    [Fact]
    public void LoadFrom_DuplicateCodeAcrossFiles_NamesBothFiles()
    {
        var other = Edit(n =>
        {
            n["organisatie"]!["id"] = "ander";
            n["gemeenten"]!.AsArray().RemoveAt(1);
        });

        var result = PolicyCatalog.LoadFrom([("a.json", Valid), ("b.json", other)]);

        var problem = SingleProblem(result);
        Assert.Equal("b.json", problem.File);
        Assert.Equal("$.gemeenten[0].code", problem.Path);
        Assert.Contains("a.json", problem.Reason);
        Assert.Contains("0363", problem.Reason);
    }

    [Fact]
    public void LoadFrom_DuplicateCodeInOneFile_IsRefused()
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["gemeenten"]![1]!["code"] = "0363")));

        Assert.Contains("twee keer", problem.Reason);
    }

    [Fact]
    public void LoadFrom_DuplicateOrganisationId_IsRefused()
    {
        var second = Edit(n => { n["gemeenten"]![0]!["code"] = "0001"; n["gemeenten"]![1]!["code"] = "0002"; });

        var problem = SingleProblem(PolicyCatalog.LoadFrom([("a.json", Valid), ("b.json", second)]));

        Assert.Equal("b.json", problem.File);
        Assert.Equal("$.organisatie.id", problem.Path);
    }

    [Fact]
    public void LoadFrom_FileWithoutGemeenten_IsRefused()
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["gemeenten"]!.AsArray().Clear())));

        Assert.Equal("$.gemeenten", problem.Path);
    }

    /// <summary>Issue 13, point 6: who may vaststellen the PIP is named in the policy, as roles of the service (Awb 10:3).</summary>
    [Fact]
    public void LoadFrom_MandaatMissingOrNamingAnUnknownRole_IsReported()
    {
        var missing = LoadOne(Edit(n => n["standaard"]!.AsObject().Remove("mandaat")));
        Assert.Contains(missing.Problems, p => p.Path == "$.standaard.mandaat.pipVaststellen");

        var unknown = LoadOne(Edit(n => n["standaard"]!["mandaat"] = JsonNode.Parse("""{ "pipVaststellen": "wethouder" }""")));
        Assert.Contains(unknown.Problems, p => p.Path == "$.standaard.mandaat.pipVaststellen" && p.Reason.Contains("wethouder", StringComparison.Ordinal));

        var zienswijze = LoadOne(Edit(n => n["standaard"]!["handhaving"] = JsonNode.Parse("""{ "zienswijzeTermijnWeken": 0 }""")));
        Assert.Contains(zienswijze.Problems, p => p.Path == "$.standaard.handhaving.zienswijzeTermijnWeken");
    }

    [Fact]
    public void LoadFrom_ValueMissingInStandaardAndGemeente_IsReportedForEachGemeenteAndSaysWhereToPutIt()
    {
        var result = LoadOne(Edit(n => n["standaard"]!.AsObject().Remove("pipEscalatieWekenVooraf")));

        Assert.Equal(2, result.Problems.Count);
        Assert.All(result.Problems, p =>
        {
            Assert.Equal("$.standaard.pipEscalatieWekenVooraf", p.Path);
            Assert.Contains("\"standaard\"", p.Reason);
        });
        Assert.Contains("Amsterdam", result.Problems[0].Reason);
        Assert.Contains("Utrecht", result.Problems[1].Reason);
    }

    [Fact]
    public void LoadFrom_ValueMissingInStandaardButGivenByTheGemeente_IsValidForThatGemeente()
    {
        var result = LoadOne(Edit(n =>
        {
            n["standaard"]!.AsObject().Remove("pipEscalatieWekenVooraf");
            n["gemeenten"]![0]!["afwijkingen"] = JsonNode.Parse("""{ "pipEscalatieWekenVooraf": 1 }""");
        }));

        var problem = SingleProblem(result);
        Assert.Contains("Utrecht", problem.Reason);
        Assert.Equal("$.standaard.pipEscalatieWekenVooraf", problem.Path);
    }

    [Fact]
    public void LoadFrom_PeriodicOverlegWithoutInterval_IsRefused()
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["standaard"]!["casuistiekoverleg"]!.AsObject().Remove("intervalWeken"))));

        Assert.Equal("$.standaard.casuistiekoverleg.intervalWeken", problem.Path);
    }

    [Fact]
    public void LoadFrom_AdHocOverlegWithInterval_IsRefusedAtTheGemeentesOverride()
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["gemeenten"]![1]!["afwijkingen"]!["casuistiekoverleg"]!["intervalWeken"] = 4)));

        Assert.Equal("$.gemeenten[1].afwijkingen.casuistiekoverleg.intervalWeken", problem.Path);
    }

    [Fact]
    public void LoadFrom_UnknownOverlegVorm_IsRefused()
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["gemeenten"]![1]!["afwijkingen"]!["casuistiekoverleg"]!["vorm"] = "wekelijks")));

        Assert.Contains("periodiek", problem.Reason);
    }

    [Fact]
    public void LoadFrom_OntzorgingShorterThanSixMonths_IsRefusedWithTheLaw()
    {
        var result = LoadOne(Edit(n => n["standaard"]!["ontzorging"]!["duurMaanden"] = 5));

        Assert.All(result.Problems, p => Assert.Equal("$.standaard.ontzorging.duurMaanden", p.Path));
        Assert.Contains("56a", result.Problems[0].Reason);
    }

    [Fact]
    public void LoadFrom_OntzorgingEvaluatieVoorlooptijd_DefaultsToFourWeeks_AndCannotExceedThePeriod()
    {
        var standaard = LoadOne(Edit(n => n["standaard"]!["ontzorging"]!.AsObject().Remove("evaluatieVoorlooptijdWeken")));
        Assert.Empty(standaard.Problems);

        var result = LoadOne(Edit(n => n["standaard"]!["ontzorging"]!["evaluatieVoorlooptijdWeken"] = 30));
        Assert.Contains(result.Problems, p => p.Path == "$.standaard.ontzorging.evaluatieVoorlooptijdWeken");
    }

    [Fact]
    public void LoadFrom_MissingTaalaanbiederForARoute_IsRefused()
    {
        var result = LoadOne(Edit(n => n["standaard"]!["taalaanbieders"]!.AsObject().Remove("Onderwijsroute")));

        Assert.Contains(result.Problems, p => p.Path == "$.standaard.taalaanbieders.Onderwijsroute");
    }

    [Fact]
    public void LoadFrom_TaalaanbiederForAnUnknownRoute_IsRefused()
    {
        var result = LoadOne(Edit(n => n["standaard"]!["taalaanbieders"]!["A2Route"] = JsonNode.Parse("""{ "naam": "x", "partnerId": "x" }""")));

        Assert.Contains(result.Problems, p => p.Path == "$.standaard.taalaanbieders.A2Route");
    }

    [Theory]
    [InlineData("0000000100256444000", "20 cijfers")]
    [InlineData("00000001002564441000", "elfproef")]
    [InlineData("00000003002564440000", "vorm van een gemeente-OIN")]
    public void LoadFrom_InvalidOin_IsRefused(string oin, string reason)
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["gemeenten"]![0]!["duoOin"] = oin)));

        Assert.Equal("$.gemeenten[0].duoOin", problem.Path);
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public void LoadFrom_MissingOin_AsksForAMarkedPlaceholder()
    {
        var problem = SingleProblem(LoadOne(Edit(n => n["gemeenten"]![0]!.AsObject().Remove("duoOin"))));

        Assert.Contains("placeholder", problem.Reason);
    }

    [Fact]
    public void LoadFrom_NoFiles_IsAProblem() =>
        Assert.False(PolicyCatalog.LoadFrom([]).IsValid);

    [Fact]
    public void LoadOrThrow_MalformedFileInAFolder_ThrowsWithEveryProblem()
    {
        var folder = Directory.CreateTempSubdirectory("beleid-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "goed.json"), Valid);
            File.WriteAllText(Path.Combine(folder.FullName, "kapot.json"), "{ \"organisatie\": ");

            var ex = Assert.Throws<PolicyException>(() => PolicyCatalog.LoadOrThrow(folder.FullName));

            var problem = Assert.Single(ex.Problems);
            Assert.Equal("kapot.json", problem.File);
            Assert.Contains("kapot.json", ex.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFolder_IsAProblem() =>
        Assert.False(PolicyCatalog.Load(Path.Combine(Path.GetTempPath(), "bestaat-niet-" + Guid.NewGuid())).IsValid);

    [Theory]
    [InlineData("002564440", true)]
    [InlineData("002564441", false)]
    [InlineData("000000000", false)]
    public void IsElfproef_ChecksTheRsin(string rsin, bool valid) =>
        Assert.Equal(valid, Inburgering.Workflows.Personen.Elfproef.Holds(rsin));
}
