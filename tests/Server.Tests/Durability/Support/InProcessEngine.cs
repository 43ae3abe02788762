using System.ComponentModel;
using Inburgering.Engine;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>
/// The engine in the test process, with or without Quartz, and with no hosted service running: nothing fires by itself,
/// so a test can look at the rows and the triggers between two calls.
/// </summary>
public sealed class InProcessEngine : IAsyncDisposable
{
    public static readonly Actor Admin = new("tester", new HashSet<string> { "beheerder", "procesontwerper", "consulent" }, null, IsAdministrator: true);

    private readonly ServiceProvider _services;

    private InProcessEngine(ServiceProvider services) => _services = services;

    public ProcessEngine Engine => _services.GetRequiredService<ProcessEngine>();

    /// <summary>An instance of <typeparamref name="T"/> built from this engine's services (a Quartz job, say).</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    /// <summary>Deploys a file (a partner activity of the server becomes the test's echo activity here) or throws its errors.</summary>
    public async Task DeployAsync(string xml)
    {
        var result = await Engine.DeployAsync(xml.Replace("taalaanbieder.aanmelden", "durability.echo", StringComparison.Ordinal), "test", Admin);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        }
    }

    /// <summary>A reconciler of this engine (not started: the test calls its passes).</summary>
    internal WorkReconciler Reconciler() => ActivatorUtilities.CreateInstance<WorkReconciler>(_services);

    /// <summary>The partner calls' Hangfire scheduler of this engine.</summary>
    internal HangfireWorkScheduler Hangfire() => _services.GetRequiredService<HangfireWorkScheduler>();

    public async Task<IScheduler> SchedulerAsync() => await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    /// <summary>With <paramref name="quartz"/> false the rows are written and no trigger is made (as after a crash before the hand-over).</summary>
    public static async Task<InProcessEngine> CreateAsync(TestDatabase database, bool quartz, int reconcilerBatch = 500, Action<EngineOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddActivity<EchoActivity>();
        services.AddProcessEngine(database.Options, configure);
        if (quartz)
        {
            // No Hangfire server either: partner-call jobs wait in Hangfire's storage until the test looks at them.
            services.AddWorkScheduling(database.Options, new SchedulerSettings(), new HangfireSettings(), o => o.BatchSize = reconcilerBatch, runServer: false);
        }

        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<EngineDatabaseInitializer>().InitializeAsync();
        return new InProcessEngine(provider);
    }

    /// <summary>The trigger names of one group (timers or jobs).</summary>
    public async Task<HashSet<string>> TriggersAsync(string group) =>
        (await (await SchedulerAsync()).GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group))).Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (_services.GetService<ISchedulerFactory>() is { } factory)
        {
            foreach (var scheduler in await factory.GetAllSchedulers())
            {
                await scheduler.Shutdown(waitForJobsToComplete: false);
            }
        }

        await _services.DisposeAsync();
    }
}

/// <summary>A test activity that answers at once.</summary>
[Activity("durability.echo", "Echo")]
public sealed class EchoActivity : Activity<EchoActivity.Input, EchoActivity.Output>
{
    public sealed record Input([property: Description("Wat terugkomt")] string? Tekst = null);

    public sealed record Output([property: Description("Wat terugkwam")] string? Echo);

    protected override ValueTask<ActivityResult> ExecuteAsync(Input input, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Complete(new Output(input.Tekst)));
}
