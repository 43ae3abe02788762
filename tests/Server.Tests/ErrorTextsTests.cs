using System.Reflection;
using System.Text.RegularExpressions;
using Inburgering.Engine;
using Inburgering.Server.Api;

namespace Inburgering.Tests;

/// <summary>The engine speaks codes and neutral English; the service words every code in Dutch.</summary>
public sealed partial class ErrorTextsTests
{
    [Fact]
    public void EveryEngineCode_HasADutchText_ThatUsesOnlyItsArguments_AndKeepsItsCause()
    {
        var problems = new List<string>();
        foreach (var code in EngineErrors.All)
        {
            if (ErrorTexts.Template(code.Code) is not { } template)
            {
                problems.Add($"{code.Code}: no Dutch text");
                continue;
            }

            // A Dutch text may leave out an argument people need not read (an id), but names no argument the error lacks
            // and never drops the text of the error it follows from.
            var known = code.Parameters.Append("cause").ToHashSet(StringComparer.Ordinal);
            var used = ErrorTexts.Placeholders(template);
            if (!used.IsSubsetOf(known) || code.HasCause != used.Contains("cause"))
            {
                problems.Add($"{code.Code}: the Dutch text uses {{{string.Join("}, {", used)}}}, the code has {{{string.Join("}, {", code.Parameters)}}}{(code.HasCause ? " and a cause" : "")}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryCode_IsStableAscii_AndUnique_AndEveryDutchTextBelongsToACode()
    {
        var engine = EngineErrors.All.Select(c => c.Code).ToList();
        var server = typeof(ServerErrors).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.NotEmpty(engine);
        Assert.All(engine.Concat(server), code => Assert.Matches(CodePattern(), code));
        Assert.Equal(engine.Count + server.Count, engine.Concat(server).Distinct(StringComparer.Ordinal).Count());
        Assert.All(server, code => Assert.NotNull(ErrorTexts.Template(code)));
        Assert.Empty(ErrorTexts.Codes.Except(engine.Concat(server), StringComparer.Ordinal));
    }

    [Fact]
    public void Describe_WordsTheErrorAndItsCauses_InDutch()
    {
        var error = EngineErrors.ClockDurationInvalid.Because(
            EngineErrors.DurationInvalid.Because(EngineErrors.DurationMissingP.With(), ("text", "drie maanden")),
            ("duration", "drie maanden"));

        Assert.Equal(
            "'drie maanden' is geen ISO 8601-duur (zoals P3M of PT10M): 'drie maanden' is geen geldige ISO 8601-duur: een duur begint met 'P' (bijvoorbeeld P3M, PT10M of -P1D).",
            ErrorTexts.Describe(error));
        Assert.Equal(
            "'drie maanden' is not an ISO 8601 duration (such as P3M or PT10M): 'drie maanden' is not a valid ISO 8601 duration: a duration starts with 'P' (e.g. P3M, PT10M or -P1D).",
            error.Message);
    }

    [GeneratedRegex("^[a-z0-9]+(?:[.-][a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}
