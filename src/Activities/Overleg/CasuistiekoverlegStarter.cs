using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Workflows.Policy;

namespace Inburgering.Activities.Overleg;

/// <summary>
/// Starts the periodic casuïstiekoverleg (workflow-definitions/casuistiekoverleg.bpmn) of every gemeente whose policy has one
/// (<c>casuistiekoverleg.vorm</c> = <c>periodiek</c>; seed 001: Woerden and Bodegraven-Reeuwijk), once: business key
/// <c>casuistiekoverleg-{code}</c> in the gemeente's tenant. A restart finds the running instance and starts nothing; two nodes
/// starting together send the same message id (the key and how many instances of it ended before), so the engine's unique
/// message ledger lets only one start it. A gemeente that turns the overleg off ends its instance at the next agenda (the
/// process asks the policy); turning it on again starts a new one at the next start. The server calls it at start-up, the demo
/// once it has set its clock (it needs an empty database for that).
/// </summary>
public sealed class CasuistiekoverlegStarter(ProcessEngine engine, EngineQueries queries, PolicyCatalog policy, TimeProvider time)
{
    public const string MessageName = "casuistiekoverleg.starten";

    public static string BusinessKey(string gemeente) => $"casuistiekoverleg-{gemeente}";

    /// <summary>Starts the overleg of every gemeente with a periodic one that has none running; how many it started.</summary>
    public async Task<int> StartAllAsync(CancellationToken cancellationToken = default)
    {
        if ((await queries.DefinitionsAsync(CasuistiekoverlegAgendaActivity.DefinitionKey, latestOnly: true, new Paging(1, 1), cancellationToken)).Total == 0)
        {
            return 0;
        }

        var started = 0;
        foreach (var gemeente in policy.Gemeenten.Where(g => g.Casuistiekoverleg is { Vorm: Casuistiekoverlegvorm.Periodiek, IntervalWeken: not null }))
        {
            if (await StartOneAsync(gemeente.Code, gemeente.Casuistiekoverleg.IntervalWeken!.Value, cancellationToken))
            {
                started++;
            }
        }

        return started;
    }

    /// <summary>Starts the gemeente's overleg unless it runs; true when this call started it.</summary>
    public async Task<bool> StartOneAsync(string gemeente, int intervalWeken, CancellationToken cancellationToken = default)
    {
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
