using System.Text.Json.Nodes;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Engine.Tests.Constructs;

/// <summary>
/// A message that arrives while a catch for it is being set up: the catch's step has looked for kept messages and found none,
/// the message finds no subscription yet and is kept, then the step commits its subscription. Neither saw the other; the
/// engine looks again after both, so the message is delivered once and nothing waits for ever.
/// </summary>
public sealed class MessageRaceTests
{
    // The fork's first branch enters the receive task (its catch looks for a kept "duo.examen" and finds none); the second
    // branch, two elements later in the same step, sends that message from outside in its condition (test.stuur), while
    // the step has not committed yet.
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://inburgering.test">
          <bpmn:message id="mExamen" name="duo.examen" />
          <bpmn:process id="race" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="examen" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="later1" />
            <bpmn:intermediateThrowEvent id="later1" />
            <bpmn:sequenceFlow id="f6" sourceRef="later1" targetRef="later2" />
            <bpmn:intermediateThrowEvent id="later2" />
            <bpmn:sequenceFlow id="f7" sourceRef="later2" targetRef="choose" />
            <bpmn:receiveTask id="examen" messageRef="mExamen" />
            <bpmn:sequenceFlow id="f3" sourceRef="examen" targetRef="uitslag" />
            <bpmn:userTask id="uitslag" />
            <bpmn:exclusiveGateway id="choose" default="f5" />
            <bpmn:sequenceFlow id="f4" sourceRef="choose" targetRef="sent">
              <bpmn:conditionExpression>${test.stuur(execution.businessKey)}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f5" sourceRef="choose" targetRef="sent" />
            <bpmn:endEvent id="sent" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AMessageKeptWhileItsCatchIsBeingSetUp_IsDeliveredOnce_AfterTheCatchCommits(DatabaseProvider provider)
    {
        CorrelationResult? sent = null;
        ProcessEngine? engine = null;
        await using var h = await EngineHarness.CreateAsync(provider, services =>
        {
            services.Configure<ExpressionOptions>(o => o.Timeout = TimeSpan.FromMinutes(1));
            services.AddSingleton<IExpressionFunctionProvider>(new TestFunctions(new ExpressionFunction("test.stuur", (Func<string, bool>)(key =>
            {
                // Another request, on another thread, while this step runs: the step's own lookup is done and it has not committed.
                sent = Task.Run(() => engine!.CorrelateMessageAsync(new CorrelateMessage("duo.examen", key, new JsonObject { ["resultaat"] = "Geslaagd" }, "0632", "SS199-1"), EngineHarness.Admin)).GetAwaiter().GetResult();
                return true;
            }), "Stuurt de examenuitslag terwijl de stap loopt.")));
        });
        engine = h.Engine;
        await h.DeployAsync(Process);

        var id = await h.StartAsync("race", businessKey: "P-1");

        // The message found no subscription and was kept ...
        Assert.NotNull(sent);
        Assert.NotNull(sent.BufferedMessageId);
        Assert.Empty(sent.CorrelatedInstances);

        // ... and the catch, once committed, took it: the token moved on with the message's variables, the message is consumed.
        Assert.Equal(["uitslag"], await h.ActiveAsync(id));
        Assert.Equal("Geslaagd", (await h.InstanceAsync(id)).Variables["resultaat"]!.GetValue<string>());
        var journal = await h.JournalAsync(id);
        var caught = Assert.Single(journal, j => j.Type == "message-correlated");
        Assert.Equal("examen", caught.ElementId);
        await using var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create();
        var kept = await db.BufferedMessages.AsNoTracking().SingleAsync(m => m.Id == sent.BufferedMessageId);
        Assert.Equal(id, kept.ConsumedByInstanceId);
        Assert.False(await db.MessageSubscriptions.AnyAsync(s => s.InstanceId == id));

        // A repeat of the message is recognised by its id and changes nothing.
        var again = await h.Engine.CorrelateMessageAsync(new CorrelateMessage("duo.examen", "P-1", new JsonObject { ["resultaat"] = "Gezakt" }, "0632", "SS199-1"), EngineHarness.Admin);
        Assert.True(again.Duplicate);
        Assert.Equal("Geslaagd", (await h.InstanceAsync(id)).Variables["resultaat"]!.GetValue<string>());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AKeptMessageIsTakenByOneCatchOnly_WhenTwoLookAtOnce(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(Process.Replace("${test.stuur(execution.businessKey)}", "${false}", StringComparison.Ordinal));

        // Two instances with the same business key wait; one message kept for that key may reach only one of them.
        var message = await h.Engine.CorrelateMessageAsync(new CorrelateMessage("duo.examen", "P-2", new JsonObject(), "0632", "SS199-2"), EngineHarness.Admin);
        Assert.NotNull(message.BufferedMessageId);
        var first = h.StartAsync("race", businessKey: "P-2");
        var second = h.StartAsync("race", businessKey: "P-2");
        var ids = await Task.WhenAll(first, second);

        var active = new List<IReadOnlyList<string>>();
        foreach (var id in ids)
        {
            active.Add(await h.ActiveAsync(id));
        }

        Assert.Single(active, a => a.SequenceEqual(["uitslag"]));
        Assert.Single(active, a => a.SequenceEqual(["examen"]));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task WhatANodeLeftWhenItStoppedBetweenTheTwo_IsDeliveredByTheNextAdvance_ToItsOwnGemeenteOnly(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await h.DeployAsync(Process.Replace("${test.stuur(execution.businessKey)}", "${false}", StringComparison.Ordinal));
        var id = await h.StartAsync("race", businessKey: "P-3");
        Assert.Equal(["examen"], await h.ActiveAsync(id));

        // The message was kept and its node stopped before it looked again: kept beside the catch that waits for it. Another
        // gemeente's message with the same key may not reach this instance, nor may one of its own kept past its time (the
        // oldest of the three, so it would be tried first).
        var mine = Guid.CreateVersion7();
        var theirs = Guid.CreateVersion7();
        var expired = Guid.CreateVersion7();
        await using (var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create())
        {
            BufferedMessageEntity Kept(Guid messageId, string gemeente, string resultaat, int receivedDaysAgo = 0) => new()
            {
                Id = messageId,
                Name = "duo.examen",
                CorrelationKey = "P-3",
                Tenants = Tenants.ListColumn([gemeente]),
                Variables = $$"""{"resultaat":"{{resultaat}}"}""",
                ReceivedAt = h.Clock.GetUtcNow().AddDays(-receivedDaysAgo),
                ExpiresAt = h.Clock.GetUtcNow().AddDays(30 - receivedDaysAgo),
            };
            db.BufferedMessages.AddRange(Kept(expired, "0632", "Verlopen", receivedDaysAgo: 31), Kept(theirs, "0344", "Gezakt"), Kept(mine, "0632", "Geslaagd"));
            await db.SaveChangesAsync();
        }

        await h.AdvanceAsync("PT0S");

        Assert.Equal(["uitslag"], await h.ActiveAsync(id));
        Assert.Equal("Geslaagd", (await h.InstanceAsync(id)).Variables["resultaat"]!.GetValue<string>());
        await using (var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create())
        {
            Assert.Equal(id, (await db.BufferedMessages.AsNoTracking().SingleAsync(m => m.Id == mine)).ConsumedByInstanceId);
            Assert.Null((await db.BufferedMessages.AsNoTracking().SingleAsync(m => m.Id == theirs)).ConsumedAt);
            Assert.Null((await db.BufferedMessages.AsNoTracking().SingleAsync(m => m.Id == expired)).ConsumedAt);
        }

        // Nothing left to deliver: the next advance changes nothing.
        await h.AdvanceAsync("PT0S");
        Assert.Single(await h.JournalAsync(id), j => j.Type == "message-correlated");
    }

    private sealed class TestFunctions(params ExpressionFunction[] functions) : IExpressionFunctionProvider
    {
        public IEnumerable<ExpressionFunction> Functions => functions;
    }
}
