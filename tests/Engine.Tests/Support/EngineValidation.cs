using Inburgering.Engine.Activities;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Engine.Tests.Support;

/// <summary>
/// The deploy-time checks of a real engine (expression engine, timer parser, catalogue with the test activities),
/// without a database: what <see cref="Inburgering.Engine.ProcessEngine.DeployAsync"/> hands the parser.
/// </summary>
internal static class EngineValidation
{
    private static readonly Lazy<EngineValidationHooks> LazyHooks = new(Create);

    public static IBpmnValidationHooks Hooks => LazyHooks.Value;

    private static EngineValidationHooks Create()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ActivityProbe>();
        services.AddActivity<EchoActivity>();
        services.AddActivity<FlakyActivity>();
        services.AddActivity<RaiseErrorActivity>();

        // Nothing here opens the database; the connection string only has to be well-formed.
        services.AddProcessEngine(new EngineDatabaseOptions { Provider = Engine.Persistence.DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:" });
        var provider = services.BuildServiceProvider();
        return new EngineValidationHooks(provider.GetRequiredService<IExpressionEvaluator>(), provider.GetRequiredService<IActivityCatalog>());
    }
}
