using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Server.Tests.Durability;

/// <summary>A timer start event fired by two nodes at the same moment starts its instances once.</summary>
[Collection(DurabilityCollection.Name)]
public sealed class TimerStartTests
{
    [SkippableFact]
    public async Task TimerStartEvent_FiredByTwoNodesAtOnce_StartsItsInstanceOnce()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.PostgreSql);
        await using var first = await InProcessEngine.CreateAsync(database, quartz: false, configure: o => o.TimerStartTenants.Add("0632"));
        await using var second = await InProcessEngine.CreateAsync(database, quartz: false, configure: o => o.TimerStartTenants.Add("0632"));
        const int rounds = 15;
        for (var round = 0; round < rounds; round++)
        {
            // Every deployment of changed XML is a new version with its own start timer, due at once.
            await first.DeployAsync(DurabilityBpmn.TimerStart.Replace("name=\"Taak\"", $"name=\"Taak {round}\"", StringComparison.Ordinal));
            Guid timer;
            await using (var db = database.Context())
            {
                timer = await db.Timers.Where(t => t.InstanceId == null && t.Status == TimerStatus.Scheduled).Select(t => t.Id).SingleAsync();
            }

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = Task.Run(async () => { await gate.Task; return await first.Engine.FireTimerAsync(timer); });
            var b = Task.Run(async () => { await gate.Task; return await second.Engine.FireTimerAsync(timer); });
            gate.SetResult();
            var fired = await Task.WhenAll(a, b);

            Assert.Equal(1, fired.Count(f => f));
        }

        await using (var db = database.Context())
        {
            var perDefinition = await db.Instances.GroupBy(i => i.DefinitionId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(rounds, perDefinition.Count);
            Assert.All(perDefinition, c => Assert.Equal(1, c));
        }
    }
}
