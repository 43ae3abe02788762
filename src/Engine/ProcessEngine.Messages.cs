using System.Text.Json.Nodes;
using Inburgering.Engine.Definitions;
using Inburgering.Engine.Execution;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>
    /// Correlates a message by name and correlation key (the instance's business key): every execution waiting for it
    /// receives it; if none waits, message start events start new instances; if nothing takes it and it has a key,
    /// it is kept (buffered) for a catch that comes later.
    /// </summary>
    public async Task<CorrelationResult> CorrelateMessageAsync(CorrelateMessage message, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(message.Name) || message.Name.Length > MaxKeyLength)
        {
            throw EngineErrors.MessageNameInvalid.Exception(("maxLength", MaxKeyLength));
        }

        if (message.CorrelationKey is { Length: > MaxKeyLength })
        {
            throw EngineErrors.MessageCorrelationKeyTooLong.Exception(("maxLength", MaxKeyLength));
        }

        if (message.TenantId is not null)
        {
            Tenants.Validate(message.TenantId);
            if (!actor.MayAccess(message.TenantId))
            {
                throw EngineErrors.TenantForbidden.Exception(("tenantId", message.TenantId));
            }
        }

        var variables = message.Variables ?? [];
        var scope = MessageScope(message, actor);
        if (message.MessageId is not null && await IsDuplicateAsync(scope, message.MessageId, cancellationToken))
        {
            return new CorrelationResult([], [], null, Duplicate: true);
        }

        // The message id is written to the ledger in the same transaction as the message's first effect (delivery, start or
        // buffering); a unique index makes a concurrent repeat on another node or thread lose that transaction.
        var ledger = new MessageLedger(message, scope, variables, _options.MessageBufferTimeToLive);
        try
        {
            var correlated = new List<Guid>();
            foreach (var (subscriptionId, instanceId) in await FindSubscriptionsAsync(message, actor, cancellationToken))
            {
                var delivered = await RunAsync("correlate", actor, async (step, executor, ct) =>
                {
                    var instance = await step.LoadAsync(instanceId, ct);
                    var subscription = instance?.Subscriptions.FirstOrDefault(s => s.Id == subscriptionId);
                    if (instance is null || !instance.IsActive || subscription is null)
                    {
                        return false;
                    }

                    EngineMetrics.TagStep(null, subscription.ElementId);

                    ledger.WriteWith(step.Db, step.Now);
                    executor.DeliverMessage(instance, subscription, variables.DeepClone().AsObject());
                    return true;
                }, cancellationToken);
                if (delivered)
                {
                    ledger.Written = true;
                    correlated.Add(instanceId);
                }
            }

            var started = new List<Guid>();
            if (correlated.Count == 0)
            {
                started.AddRange(await StartByMessageAsync(message, variables, actor, ledger, cancellationToken));
            }

            Guid? bufferedId = null;
            if (correlated.Count == 0 && started.Count == 0)
            {
                if (message.CorrelationKey is null)
                {
                    throw EngineErrors.MessageNotCorrelated.Exception(("name", message.Name));
                }

                bufferedId = await BufferAsync(message, scope, variables, cancellationToken);

                // A catch whose step looked for buffered messages before this one was kept, and committed its subscription
                // after the lookup above, would wait for it for ever: look again, now that the message is kept. (That step
                // looks again after its commit too, so between the two of them one sees the other.)
                foreach (var (subscriptionId, instanceId) in await FindSubscriptionsAsync(message, actor, cancellationToken))
                {
                    if (await DeliverBufferedAsync(instanceId, subscriptionId, bufferedId.Value, actor, cancellationToken))
                    {
                        correlated.Add(instanceId);
                        bufferedId = null;
                        break;
                    }
                }
            }

            Log.MessageCorrelated(_logger, message.Name, correlated.Count, started.Count, bufferedId is not null);
            return new CorrelationResult(correlated.Distinct().ToList(), started, bufferedId, Duplicate: false);
        }
        catch (DbUpdateException ex) when (!ledger.Written && message.MessageId is not null && IsUniqueViolation(ex))
        {
            return new CorrelationResult([], [], null, Duplicate: true);
        }
    }

    internal static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Whose a message is: its tenant, or the tenants of its sender when it names none (every tenant for an unrestricted
    /// sender). Stored in the message's <c>Tenants</c> column; a message id is unique within it, so one tenant's message id
    /// neither suppresses nor reveals another tenant's message with the same id.
    /// </summary>
    internal static string MessageScope(CorrelateMessage message, Actor actor) =>
        message.TenantId is not null ? Engine.Tenants.ListColumn([message.TenantId])
        : actor.Tenants is null ? Engine.Tenants.All
        : Engine.Tenants.ListColumn(actor.Tenants.Order(StringComparer.Ordinal));

    /// <summary>Records a message id once, together with the first effect of the message.</summary>
    private sealed class MessageLedger(CorrelateMessage message, string scope, JsonObject variables, TimeSpan timeToLive)
    {
        public bool Written { get; set; }

        public void WriteWith(EngineDbContext db, DateTimeOffset now)
        {
            if (Written || message.MessageId is null)
            {
                return;
            }

            db.BufferedMessages.Add(new BufferedMessageEntity
            {
                Id = Guid.CreateVersion7(now),
                Name = message.Name,
                CorrelationKey = message.CorrelationKey,
                Tenants = scope,
                Variables = variables.ToJsonString(Execution.Json.Options),
                MessageId = message.MessageId,
                ReceivedAt = now,
                ExpiresAt = now + (message.TimeToLive ?? timeToLive),
                ConsumedAt = now,
            });
        }
    }

    private async Task<bool> IsDuplicateAsync(string scope, string messageId, CancellationToken cancellationToken)
    {
        await using var db = _databases.Create();
        return await db.BufferedMessages.AnyAsync(m => m.Tenants == scope && m.MessageId == messageId, cancellationToken);
    }

    private static readonly ModelBound<Func<EngineDbContext, string, string, string, IAsyncEnumerable<MessageSubscriptionEntity>>> SubscriptionsByKey =
        new(() => EF.CompileAsyncQuery<EngineDbContext, string, string, string, MessageSubscriptionEntity>((db, name, key, tenantId) => db.MessageSubscriptions.AsNoTracking()
            .Where(s => s.MessageName == name && s.CorrelationKey == key && s.TenantId == tenantId)
            .OrderBy(s => s.CreatedAt)));

    private async Task<List<(Guid SubscriptionId, Guid InstanceId)>> FindSubscriptionsAsync(CorrelateMessage message, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = _databases.Create();
        var subscriptions = new List<MessageSubscriptionEntity>();
        if (message.CorrelationKey is not null && message.TenantId is not null)
        {
            // The usual message (a partner's answer for one inburgeraar of one gemeente): one compiled, indexed lookup.
            await foreach (var subscription in SubscriptionsByKey.For(db)(db, message.Name, message.CorrelationKey, message.TenantId).WithCancellation(cancellationToken))
            {
                subscriptions.Add(subscription);
            }
        }
        else
        {
            var query = db.MessageSubscriptions.AsNoTracking().Where(s => s.MessageName == message.Name);
            if (message.CorrelationKey is not null)
            {
                query = query.Where(s => s.CorrelationKey == message.CorrelationKey);
            }

            if (message.TenantId is not null)
            {
                query = query.Where(s => s.TenantId == message.TenantId);
            }

            subscriptions = await query.OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        }

        return subscriptions
            .Where(s => actor.MayAccess(s.TenantId))
            .Select(s => (s.Id, s.InstanceId))
            .ToList();
    }

    private async Task<List<Guid>> StartByMessageAsync(CorrelateMessage message, JsonObject variables, Actor actor, MessageLedger ledger, CancellationToken cancellationToken)
    {
        var target = message.TenantId ?? (actor.Tenants is { Count: 1 } only ? only.First() : null);
        List<DefinitionEntity> definitions;
        await using (var db = _databases.Create())
        {
            var pattern = $",{message.Name},";
            var candidates = await db.Definitions.AsNoTracking()
                .Where(d => d.MessageStarts.Contains(pattern))
                .Select(d => d.Key)
                .Distinct()
                .ToListAsync(cancellationToken);
            definitions = [];
            foreach (var key in candidates)
            {
                // Only the latest version of a key starts new instances, and never a second active one for the same business key.
                var latest = await DefinitionRegistry.LatestAsync(db, key, cancellationToken);
                if (latest is null || !latest.MessageStarts.Contains(pattern, StringComparison.Ordinal))
                {
                    continue;
                }

                if (message.CorrelationKey is not null
                    && await db.Instances.AnyAsync(i => i.DefinitionKey == key && i.BusinessKey == message.CorrelationKey && i.TenantId == target && i.Status == InstanceStatus.Active, cancellationToken))
                {
                    continue;
                }

                definitions.Add(latest);
            }
        }

        if (definitions.Count == 0)
        {
            return [];
        }

        var tenantId = target ?? throw EngineErrors.TenantRequired.Exception(("name", message.Name));

        var started = new List<Guid>();
        foreach (var definition in definitions)
        {
            var id = await RunAsync("correlate", actor, async (step, executor, ct) =>
            {
                var model = await _definitions.ModelAsync(definition.Id, definition.Key, ct);
                var start = model.MessageStartEvents.First(s => s.MessageName == message.Name);
                EngineMetrics.TagStep(definition.Key, start.Id);
                ledger.WriteWith(step.Db, step.Now);
                var instance = executor.CreateInstance(definition.Id, model, definition.Version, message.CorrelationKey, tenantId, [], null, null);
                step.Journal(instance, "message-correlated", start.Id, new { name = message.Name, correlationKey = message.CorrelationKey, messageId = message.MessageId }, actor.Name);
                executor.Begin(instance, start, variables.DeepClone().AsObject());
                return instance.Id;
            }, cancellationToken);
            ledger.Written = true;
            started.Add(id);
        }

        return started;
    }

    /// <summary>
    /// After a step that began waiting for keyed messages has committed: delivers a message that was kept (buffered) while the
    /// step ran, after it had looked and before its subscriptions were there to be found. Without this look the message would
    /// stay kept while the catch waits. One query when nothing was kept meanwhile.
    /// </summary>
    private async Task CatchMessagesKeptMeanwhileAsync(Step step)
    {
        var waiting = step.NewKeyedSubscriptions
            .Where(s => step.Instances.Any(i => i.Id == s.InstanceId && i.IsActive && i.Subscriptions.Contains(s)))
            .ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        try
        {
            // Not the command's token: the step has committed, and a caller that gives up now must not leave a message kept.
            var pairs = new List<KeptForCatch>();
            foreach (var message in await KeptForAsync(step.Db, waiting))
            {
                pairs.AddRange(waiting
                    .Where(s => s.MessageName == message.Name && s.CorrelationKey == message.CorrelationKey)
                    .Select(s => new KeptForCatch(message.Id, message.Tenants, s.Id, s.InstanceId, s.TenantId)));
            }

            await DeliverKeptAsync(pairs, step.Actor, CancellationToken.None);
        }
#pragma warning disable CA1031 // After commit nothing may fail the command; the message stays kept, as it would have before.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.KeptMessageLookFailed(_logger, ex);
        }
    }

    /// <summary>The kept messages for new catches' names and keys, oldest first (compiled: it follows every step that began a keyed catch).</summary>
    private static readonly ModelBound<Func<EngineDbContext, List<string>, List<string>, DateTimeOffset, IAsyncEnumerable<BufferedMessageEntity>>> KeptForCatches =
        new(() => EF.CompileAsyncQuery<EngineDbContext, List<string>, List<string>, DateTimeOffset, BufferedMessageEntity>((db, names, keys, now) => db.BufferedMessages.AsNoTracking()
            .Where(m => names.Contains(m.Name) && keys.Contains(m.CorrelationKey!) && m.ConsumedAt == null && m.ExpiresAt > now)
            .OrderBy(m => m.ReceivedAt)));

    /// <summary>The kept messages for new catches, on the step's own context (its transaction has committed).</summary>
    private async Task<List<BufferedMessageEntity>> KeptForAsync(EngineDbContext db, List<MessageSubscriptionEntity> catches)
    {
        var names = catches.Select(s => s.MessageName).Distinct().ToList();
        var keys = catches.Select(s => s.CorrelationKey!).Distinct().ToList();
        var kept = new List<BufferedMessageEntity>();
        await foreach (var message in KeptForCatches.For(db)(db, names, keys, _time.GetUtcNow()))
        {
            kept.Add(message);
        }

        return kept;
    }

    /// <summary>A kept message and a subscription that waits for its name and key (in the order they are to be tried).</summary>
    private readonly record struct KeptForCatch(Guid MessageId, string Tenants, Guid SubscriptionId, Guid InstanceId, string TenantId);

    /// <summary>Delivers each kept message to the first of its catches it may reach (its tenants); returns how many were delivered.</summary>
    private async Task<int> DeliverKeptAsync(IEnumerable<KeptForCatch> pairs, Actor actor, CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var message in pairs.GroupBy(p => p.MessageId))
        {
            foreach (var pair in message.Where(p => Executor.Reaches(p.Tenants, p.TenantId)))
            {
                if (await DeliverBufferedAsync(pair.InstanceId, pair.SubscriptionId, pair.MessageId, actor, cancellationToken))
                {
                    delivered++;
                    break;
                }
            }
        }

        return delivered;
    }

    /// <summary>
    /// Delivers every kept message that a subscription waits for: what is left when a node stopped between a catch's commit
    /// and its look for messages kept meanwhile (or that look failed). The reconciler runs it with its full pass, the
    /// simulation clock with every advance. Oldest message first; each to one catch. Returns how many were delivered.
    /// </summary>
    internal async Task<int> DeliverKeptMessagesAsync(CancellationToken cancellationToken)
    {
        List<KeptForCatch> pairs;
        await using (var db = _databases.Create())
        {
            // In SQL, not LINQ: EF Core joins nullable keys as C# compares them (`OR both NULL`), which leaves the database
            // only the name to join on, every kept message of a name against every catch of it (35 ms an advance at 10,000
            // trajecten). The kept messages here have a key, so plain equality is the same join, on both columns.
            var now = _time.GetUtcNow();
            object nowValue = _databases.Provider == DatabaseProvider.PostgreSql ? now : now.UtcTicks;
            pairs = (await db.Database.SqlQuery<KeptForCatchRow>(
                    $"""
                    SELECT m.id AS "MessageId", m.tenants AS "Tenants", s.id AS "SubscriptionId", s.instance_id AS "InstanceId", s.tenant_id AS "TenantId"
                    FROM buffered_messages m JOIN message_subscriptions s ON s.message_name = m.name AND s.correlation_key = m.correlation_key
                    WHERE m.consumed_at IS NULL AND m.expires_at > {nowValue}
                    ORDER BY m.received_at, s.created_at, m.id, s.id
                    LIMIT 500
                    """).ToListAsync(cancellationToken))
                .Select(p => new KeptForCatch(p.MessageId, p.Tenants, p.SubscriptionId, p.InstanceId, p.TenantId))
                .ToList();
        }

        return await DeliverKeptAsync(pairs, Actor.System, cancellationToken);
    }

    /// <summary>A row of <see cref="DeliverKeptMessagesAsync"/>'s query.</summary>
    private sealed class KeptForCatchRow
    {
        public Guid MessageId { get; init; }

        public required string Tenants { get; init; }

        public Guid SubscriptionId { get; init; }

        public Guid InstanceId { get; init; }

        public required string TenantId { get; init; }
    }

    /// <summary>
    /// Delivers a kept message to a subscription that waits for it, as its catch would have taken it: once (a message taken
    /// meanwhile, by this instance or another, is left alone), and only while the subscription is there.
    /// </summary>
    private async Task<bool> DeliverBufferedAsync(Guid instanceId, Guid subscriptionId, Guid messageId, Actor actor, CancellationToken cancellationToken) =>
        await RunAsync("correlate-kept", actor, async (step, executor, ct) =>
        {
            var instance = await step.LoadAsync(instanceId, ct);
            var subscription = instance?.Subscriptions.FirstOrDefault(s => s.Id == subscriptionId);
            var message = subscription is null ? null : await step.Db.BufferedMessages.FirstOrDefaultAsync(m => m.Id == messageId, ct);
            if (instance is null || !instance.IsActive || subscription is null || message is null || message.ConsumedAt is not null || message.ExpiresAt <= step.Now)
            {
                step.Forget(instance);
                return false;
            }

            EngineMetrics.TagStep(null, subscription.ElementId);
            executor.DeliverKeptMessage(instance, subscription, message);
            return true;
        }, cancellationToken);

    private async Task<Guid> BufferAsync(CorrelateMessage message, string scope, JsonObject variables, CancellationToken cancellationToken)
    {
        await using var db = _databases.Create();
        var now = _time.GetUtcNow();
        var ttl = message.TimeToLive ?? _options.MessageBufferTimeToLive;
        var entity = new BufferedMessageEntity
        {
            Id = Guid.CreateVersion7(now),
            Name = message.Name,
            CorrelationKey = message.CorrelationKey,
            Tenants = scope,
            Variables = variables.ToJsonString(Execution.Json.Options),
            MessageId = message.MessageId,
            ReceivedAt = now,
            ExpiresAt = now + ttl,
        };
        db.BufferedMessages.Add(entity);
        await StepSave.SaveAsync(db, [], cancellationToken);
        return entity.Id;
    }
}

/// <summary>
/// A message to correlate. <see cref="TenantId"/> (optional) limits it to one tenant's instances and says for whom a message
/// start event starts one; <see cref="MessageId"/> (optional) makes a repeat of the same message harmless.
/// </summary>
public sealed record CorrelateMessage(
    string Name,
    string? CorrelationKey,
    JsonObject? Variables,
    string? TenantId = null,
    string? MessageId = null,
    TimeSpan? TimeToLive = null);

/// <summary>Where a message went: instances that received it, instances it started, or the buffer.</summary>
public sealed record CorrelationResult(IReadOnlyList<Guid> CorrelatedInstances, IReadOnlyList<Guid> StartedInstances, Guid? BufferedMessageId, bool Duplicate);
