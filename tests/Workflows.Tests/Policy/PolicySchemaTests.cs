using System.Text.Json.Nodes;
using Inburgering.Activities;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Workflows.Tests.Policy;

/// <summary>
/// Issue 13, point 1: the policy files are checked against gemeentebeleid.schema.json at start-up, and a gemeente whose
/// taalaanbieder has no DUO instellingsnummer refuses the start, naming the gemeente and the field (DUO's Inburgeringsaanbod
/// API, POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}: without the number the melding is refused).
/// </summary>
public class PolicySchemaTests
{
    private static JsonNode RepoFile(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.GemeentenFolder, name)))!;

    [Fact]
    public void RepoFiles_NameTheSchema_AndFitIt()
    {
        foreach (var file in new[] { "fermwerk.json", "sdd.json", "werksaam.json" })
        {
            var json = File.ReadAllText(Path.Combine(RepoRoot.GemeentenFolder, file));
            Assert.Equal("./" + PolicySchema.FileName, (string)JsonNode.Parse(json)!["$schema"]!);
            Assert.Empty(PolicySchema.Validate(file, json));
        }

        // The schema the service embeds is the one beside the policy files (editors validate against that one).
        Assert.Equal(File.ReadAllText(Path.Combine(RepoRoot.GemeentenFolder, PolicySchema.FileName)), PolicySchema.Text);
    }

    [Theory]
    [InlineData("0505", "Dordrecht", "1000000004", "1000000004", "1000000005")]
    [InlineData("0405", "Hoorn", "1000000006", "1000000008", "1000000007")]
    [InlineData("0632", "Woerden", "1000000001", "1000000001", "1000000002")]
    public void EveryTaalaanbieder_HasADuoInstellingsnummer(string code, string naam, string b1, string z, string o)
    {
        var beleid = PolicyCatalog.LoadOrThrow(RepoRoot.GemeentenFolder).For(code);

        Assert.Equal(naam, beleid.Naam);
        Assert.Equal(b1, beleid.TaalaanbiederFor(Leerroute.B1Route).DuoInstellingsnummer);
        Assert.Equal(z, beleid.TaalaanbiederFor(Leerroute.ZRoute).DuoInstellingsnummer);
        Assert.Equal(o, beleid.TaalaanbiederFor(Leerroute.Onderwijsroute).DuoInstellingsnummer);
    }

    [Fact]
    public void MissingInstellingsnummer_IsRefusedForEveryGemeente_NamingGemeenteAndField()
    {
        var node = RepoFile("sdd.json");
        node["standaard"]!["taalaanbieders"]!["ZRoute"]!.AsObject().Remove("duoInstellingsnummer");

        var result = PolicyCatalog.LoadFrom([("sdd.json", node.ToJsonString())]);

        Assert.False(result.IsValid);
        Assert.Null(result.Catalog);
        Assert.Equal(4, result.Problems.Count); // Dordrecht, Zwijndrecht, Papendrecht, Hendrik-Ido-Ambacht; the schema's own report is not repeated.
        Assert.All(result.Problems, p =>
        {
            Assert.Equal("sdd.json", p.File);
            Assert.Equal("$.standaard.taalaanbieders.ZRoute.duoInstellingsnummer", p.Path);
            Assert.Contains("DUO-instellingsnummer van de taalaanbieder voor de Z-route ontbreekt", p.Reason, StringComparison.Ordinal);
        });
        Assert.Contains(result.Problems, p => p.Reason.Contains("ontbreekt voor Dordrecht", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Reason.Contains("ontbreekt voor Hendrik-Ido-Ambacht", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownFieldInAGemeentesAfwijkingen_IsNamedAtItsPathByTheSchema()
    {
        var node = RepoFile("werksaam.json");
        node["gemeenten"]![2]!["afwijkingen"] = new JsonObject { ["vierOgn"] = true };

        var result = PolicyCatalog.LoadFrom([("werksaam.json", node.ToJsonString())]);

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems, p => p.Path == "$.gemeenten[2].afwijkingen.vierOgn");
        Assert.Contains("Onbekend veld 'vierOgn' = true: een onbekend veld", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("intervalMaanden", "\"drie\"", "verkeerde type")]
    [InlineData("margeDagen", "120", "groter dan het maximum 92")]
    public void WrongValues_AreNamedByTheSchemaInDutch(string field, string value, string reason)
    {
        var node = RepoFile("werksaam.json");
        node["standaard"]!["voortgangsgesprek"]![field] = JsonNode.Parse(value);

        var problems = PolicySchema.Validate("werksaam.json", node.ToJsonString());

        var problem = Assert.Single(problems);
        Assert.Equal($"$.standaard.voortgangsgesprek.{field}", problem.Path);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void StartUp_WithATaalaanbiederWithoutInstellingsnummer_IsRefused_NamingGemeenteAndField()
    {
        var folder = Directory.CreateTempSubdirectory("inburgering-policy-");
        try
        {
            var gemeenten = Directory.CreateDirectory(Path.Combine(folder.FullName, "gemeenten"));
            foreach (var file in Directory.GetFiles(RepoRoot.GemeentenFolder))
                File.Copy(file, Path.Combine(gemeenten.FullName, Path.GetFileName(file)));
            var node = RepoFile("werksaam.json");
            node["standaard"]!["taalaanbieders"]!["B1Route"]!.AsObject().Remove("duoInstellingsnummer");
            File.WriteAllText(Path.Combine(gemeenten.FullName, "werksaam.json"), node.ToJsonString());

            var ex = Assert.Throws<PolicyException>(() => new ServiceCollection().AddKeten(new ConfigurationBuilder().Build(), folder.FullName));

            Assert.Equal(7, ex.Problems.Count);
            Assert.Contains("werksaam.json $.standaard.taalaanbieders.B1Route.duoInstellingsnummer", ex.Message, StringComparison.Ordinal);
            Assert.Contains("ontbreekt voor Hoorn", ex.Message, StringComparison.Ordinal);
            Assert.Contains("ontbreekt voor Stede Broec", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
