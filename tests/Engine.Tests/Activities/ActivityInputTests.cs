using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;

namespace Inburgering.Engine.Tests.Activities;

/// <summary>
/// A typed activity checks its input before it runs: the required fields are read from its input record once per type,
/// and every call still names the ones it lacks.
/// </summary>
public sealed class ActivityInputTests
{
    [Fact]
    public async Task AMissingRequiredField_FailsTheAttempt_WithoutRetry_AndNamesTheField()
    {
        var result = await new Greet().ExecuteAsync(Context(new JsonObject { ["times"] = 2 }), CancellationToken.None);

        var failed = Assert.IsType<ActivityResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Equal("activity.input-required-missing", failed.Error?.Code);
        Assert.Contains("name", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("title", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequiredFieldThatIsNull_CountsAsMissing()
    {
        var result = await new Greet().ExecuteAsync(Context(new JsonObject { ["name"] = null }), CancellationToken.None);

        Assert.Equal("activity.input-required-missing", Assert.IsType<ActivityResult.Failed>(result).Error?.Code);
    }

    [Fact]
    public async Task EveryCallChecksItsOwnInput_OptionalFieldsMayBeLeftOut()
    {
        var activity = new Greet();

        var first = await activity.ExecuteAsync(Context(new JsonObject { ["name"] = "Amal" }), CancellationToken.None);
        var second = await activity.ExecuteAsync(Context([]), CancellationToken.None);
        var third = await activity.ExecuteAsync(Context(new JsonObject { ["name"] = "Yusuf", ["title"] = "mevrouw" }), CancellationToken.None);

        Assert.Equal("Hallo Amal", Assert.IsType<ActivityResult.Completed>(first).Output["text"]?.GetValue<string>());
        Assert.Equal("activity.input-required-missing", Assert.IsType<ActivityResult.Failed>(second).Error?.Code);
        Assert.Equal("Hallo mevrouw Yusuf", Assert.IsType<ActivityResult.Completed>(third).Output["text"]?.GetValue<string>());
    }

    private static ActivityContext Context(JsonObject input) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "proces", "taak", null, "woerden", "test.groet", "sleutel", 1, input, DateTimeOffset.UnixEpoch);

    [Activity("test.groet", "Groet")]
    private sealed class Greet : Activity<Greet.Input, Greet.Output>
    {
        public sealed record Input(string Name, string? Title = null, int Times = 1);

        public sealed record Output(string Text);

        protected override ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Complete(new Output(input.Title is null ? $"Hallo {input.Name}" : $"Hallo {input.Title} {input.Name}")));
    }
}
