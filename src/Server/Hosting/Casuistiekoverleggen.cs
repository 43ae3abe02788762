using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Activities.Overleg;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Workflows.Policy;

namespace Inburgering.Server.Hosting;

/// <summary>
/// Starts the periodic casuïstiekoverleg (workflow-definitions/casuistiekoverleg.bpmn) of every gemeente whose policy has one
/// (<c>casuistiekoverleg.vorm</c> = <c>periodiek</c>; seed 001: Woerden and Bodegraven-Reeuwijk), once: business key
/// <c>casuistiekoverleg-{code}</c> in the gemeente's tenant. A restart finds the running instance and starts nothing; two nodes
/// starting together send the same message id (the key and how many instances of it ended before), so the engine's unique
/// message ledger lets only one start it. A gemeente that turns the overleg off ends its instance at the next agenda (the
/// process asks the policy); turning it on again starts a new one at the next start-up.
/// </summary>
public static class Casuistiekoverleggen
{
    public const string MessageName = "casuistiekoverleg.starten";

    public static string BusinessKey(string gemeente) => $"casuistiekoverleg-{gemeente}";

    public static async Task StartAsync(WebApplication app, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.DeployDefinitionsAtStartup || app.Services.GetService<PolicyCatalog>() is not { } policy)
        {
            return;
        }

        var engine = app.Services.GetRequiredService<ProcessEngine>();
        var queries = app.Services.GetRequiredService<EngineQueries>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        if ((await queries.DefinitionsAsync(CasuistiekoverlegAgendaActivity.DefinitionKey, latestOnly: true, new Paging(1, 1), CancellationToken.None)).Total == 0)
        {
            return;
        }

        foreach (var gemeente in policy.Gemeenten.Where(g => g.Casuistiekoverleg is { Vorm: Casuistiekoverlegvorm.Periodiek, IntervalWeken: not null }))
        {
            await StartOneAsync(engine, queries, time, gemeente.Code, gemeente.Casuistiekoverleg.IntervalWeken!.Value, CancellationToken.None);
        }
    }

    /// <summary>Starts the gemeente's overleg unless it runs; true when this call started it.</summary>
    public static async Task<bool> StartOneAsync(ProcessEngine engine, EngineQueries queries, TimeProvider time, string gemeente, int intervalWeken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(time);
        var key = BusinessKey(gemeente);
        var earlier = await queries.InstancesAsync(new InstanceFilter(CasuistiekoverlegAgendaActivity.DefinitionKey, key, gemeente), Actor.System, new Paging(1, Paging.MaxPageSize), cancellationToken);
        if (earlier.Items.Any(i => i.Status == "active"))
        {
            return false;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);
        var (overleg, agenda) = CasuistiekoverlegAgendaActivity.First(intervalWeken, today);
        var result = await engine.CorrelateMessageAsync(
            new CorrelateMessage(
                MessageName,
                key,
                new JsonObject
                {
                    ["overlegOp"] = overleg.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["agendaOp"] = agenda.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                gemeente,
                MessageId: $"{key}:{earlier.Total}"),
            Actor.System,
            cancellationToken);
        return result.StartedInstances.Count > 0;
    }
}
