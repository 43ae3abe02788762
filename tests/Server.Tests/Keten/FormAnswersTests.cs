using System.Text.Json.Nodes;
using Inburgering.Simulators.Keten;

namespace Inburgering.Server.Tests.Keten;

/// <summary>The scripted consulent's answers: data beside the forms, valid, and only about fields the forms have.</summary>
public sealed class FormAnswersTests
{
    private static string Forms => Path.Combine(ServerProcess.RepositoryRoot(), "workflow-definitions", "forms");

    private static readonly FormAnswers Answers = FormAnswers.Load(Path.Combine(Forms, "answers"));

    public static IEnumerable<object[]> AnswerFiles =>
        Directory.GetFiles(Path.Combine(Forms, "answers"), "*.json").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

    [Theory]
    [MemberData(nameof(AnswerFiles))]
    public void EveryAnswer_IsAboutAFormAndOnlyItsFields(string formKey)
    {
        var form = Path.Combine(Forms, formKey + ".form");
        Assert.True(File.Exists(form), $"answers/{formKey}.json answers no form: workflow-definitions/forms/{formKey}.form does not exist.");
        var fields = Keys(JsonNode.Parse(File.ReadAllText(form))!).ToHashSet(StringComparer.Ordinal);
        var variants = new[] { (string?)null }.Concat(Enum.GetNames<Inburgering.Simulators.Demo.DemoRoute>()).ToList();
        foreach (var variant in variants)
        {
            for (var times = 0; times < 5; times++)
            {
                var answer = Answers.Answer(formKey, variant, times, new DateOnly(2026, 1, 5));
                Assert.All(answer, field => Assert.True(fields.Contains(field.Key), $"{formKey} ({variant ?? "standaard"}): '{field.Key}' is no field of the form."));
            }
        }
    }

    [Theory]
    [MemberData(nameof(AnswerFiles))]
    public void EveryAnswer_FillsEveryRequiredFieldOfItsForm(string formKey)
    {
        var required = Required(JsonNode.Parse(File.ReadAllText(Path.Combine(Forms, formKey + ".form")))!).ToList();
        foreach (var variant in new[] { (string?)null }.Concat(Enum.GetNames<Inburgering.Simulators.Demo.DemoRoute>()))
        {
            for (var times = 0; times < 5; times++)
            {
                var answer = Answers.Answer(formKey, variant, times, new DateOnly(2026, 1, 5));
                Assert.All(required, field => Assert.True(answer.ContainsKey(field), $"{formKey} ({variant ?? "standaard"}, keer {times + 1}): the required field '{field}' has no answer."));
            }
        }
    }

    [Fact]
    public void EveryFormWithARequiredField_HasAnAnswer_ExceptThePipChange()
    {
        // The scripted consulent never changes a PIP (its voortgangsgesprekken end "voldoende"): pip-wijzigen is left to people.
        var without = Directory.GetFiles(Forms, "*.form")
            .Where(f => Required(JsonNode.Parse(File.ReadAllText(f))!).Any())
            .Select(Path.GetFileNameWithoutExtension)
            .Where(key => !Answers.FormKeys.Contains(key!))
            .ToList();

        Assert.Equal(["pip-wijzigen"], without);
    }

    [Fact]
    public void AnAnswer_FillsInToday_AndTheNthTimeTakesTheNthAnswer()
    {
        var today = new DateOnly(2026, 1, 5);

        Assert.Equal("2026-01-05", (string)Answers.Answer("pvt-ondertekening", null, 0, today)["datumOndertekeningPvt"]!);
        Assert.False((bool)Answers.Answer("brede-intake", "NoShow", 0, today)["verschenen"]!);
        Assert.True((bool)Answers.Answer("brede-intake", "NoShow", 1, today)["verschenen"]!);
        Assert.True((bool)Answers.Answer("brede-intake", "NoShow", 7, today)["verschenen"]!); // the last one repeats
        Assert.True((bool)Answers.Answer("brede-intake", "AsielB1", 0, today)["verschenen"]!); // no variant: the form's answer
        Assert.Empty(Answers.Answer("pip-wijzigen", null, 0, today)); // no answer file: done with no answer
    }

    [Fact]
    public void WaitWeeks_FromTheFileOrThePersonasTempo()
    {
        Assert.Equal(30, Answers.WaitWeeks("pvt-ondertekening", null, tempo: 2, number: 3));
        Assert.Equal(44 + 3, Answers.WaitWeeks("map-eindgesprek", null, tempo: 2, number: 3));
        Assert.Equal(11, Answers.WaitWeeks("brede-intake", "PipTeLaat", tempo: 2, number: 3));
        Assert.Equal(2, Answers.WaitWeeks("brede-intake", "AsielB1", tempo: 2, number: 3));
    }

    [Fact]
    public void ABrokenAnswerFile_StopsWithEveryProblemNamed()
    {
        var folder = Directory.CreateTempSubdirectory("inburgering-answers-").FullName;
        File.WriteAllText(Path.Combine(folder, "a.json"), """{ "antwoord": 5, "wachtweken": 1 }""");
        File.WriteAllText(Path.Combine(folder, "b.json"), "{ niet json");

        var problems = Assert.Throws<InvalidOperationException>(() => FormAnswers.Load(folder)).Message;

        Assert.Contains("a.json: onbekend veld 'wachtweken'", problems, StringComparison.Ordinal);
        Assert.Contains("a.json: 'antwoord' is een object of een lijst van objecten.", problems, StringComparison.Ordinal);
        Assert.Contains("b.json: geen geldige JSON", problems, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Required(JsonNode node) => node switch
    {
        JsonObject o => (o["key"] is JsonValue k && o["validate"]?["required"] is JsonValue r && (bool)r ? [(string)k!] : Array.Empty<string>())
            .Concat(o.SelectMany(p => p.Value is null ? [] : Required(p.Value))),
        JsonArray a => a.SelectMany(x => x is null ? [] : Required(x)),
        _ => [],
    };

    private static IEnumerable<string> Keys(JsonNode node) => node switch
    {
        JsonObject o => (o["key"] is JsonValue k ? [(string)k!] : Array.Empty<string>()).Concat(o.SelectMany(p => p.Value is null ? [] : Keys(p.Value))),
        JsonArray a => a.SelectMany(x => x is null ? [] : Keys(x)),
        _ => [],
    };
}
