using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;

namespace Inburgering.Engine.Tests.Support;

/// <summary>Records what the test activities saw, to assert idempotency keys and attempts.</summary>
public sealed class ActivityProbe
{
    public ConcurrentQueue<ActivityContext> Calls { get; } = new();

    /// <summary>How many attempts a flaky activity fails before it succeeds (per idempotency key).</summary>
    public int FailuresBeforeSuccess { get; set; }

    /// <summary>When true the flaky activity fails every time (a partner that is down).</summary>
    public bool Down { get; set; }
}

/// <summary>Returns its input with "echoed": true.</summary>
[Activity("test.echo", "Echo", Category = "Test", Description = "Geeft de invoer terug.")]
public sealed class EchoActivity(ActivityProbe probe) : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        probe.Calls.Enqueue(context);
        var output = context.Input.DeepClone().AsObject();
        output["echoed"] = true;
        output["attempt"] = context.Attempt;
        return ValueTask.FromResult(ActivityResult.Complete(output));
    }
}

/// <summary>Fails transiently while the probe says so, then completes.</summary>
[Activity("test.flaky", "Wisselvallige partner", Category = "Test", MaxAttempts = 3, InitialDelaySeconds = 60)]
public sealed class FlakyActivity(ActivityProbe probe) : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        probe.Calls.Enqueue(context);
        if (probe.Down || context.Attempt <= probe.FailuresBeforeSuccess)
        {
            return ValueTask.FromResult(ActivityResult.Fail("503 Service Unavailable"));
        }

        return ValueTask.FromResult(ActivityResult.Complete(new JsonObject { ["partnerOk"] = true }));
    }
}

/// <summary>Raises the BPMN error named in its input variable "errorCode".</summary>
[Activity("test.raise", "Fout opwerpen", Category = "Test")]
public sealed class RaiseErrorActivity(ActivityProbe probe) : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        probe.Calls.Enqueue(context);
        var code = context.Input["errorCode"]?.GetValue<string>() ?? "ONBEKEND";
        return ValueTask.FromResult(ActivityResult.Raise(code, $"Partner weigerde: {code}"));
    }
}
