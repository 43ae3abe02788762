using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Tests.Infrastructure;

public static class ResultAssertions
{
    public static JsonObject AssertCompleted(this ActivityResult result)
    {
        var completed = Assert.IsType<ActivityResult.Completed>(result);
        return completed.Output;
    }

    public static ActivityResult.BpmnError AssertBpmnError(this ActivityResult result, string code)
    {
        var error = Assert.IsType<ActivityResult.BpmnError>(result);
        Assert.Equal(code, error.ErrorCode);
        return error;
    }

    public static ActivityResult.Failed AssertFailed(this ActivityResult result, bool retryable)
    {
        var failed = Assert.IsType<ActivityResult.Failed>(result);
        Assert.Equal(retryable, failed.Retryable);
        return failed;
    }
}
