using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Timers;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Execution;

internal sealed partial class Executor
{
    // ---------------------------------------------------------------- user tasks

    private void CreateUserTask(InstanceState instance, ExecutionEntity execution, FlowNode node)
    {
        var spec = node.UserTask ?? new UserTaskSpec(null, null, null, null, null, null, null);

        // Evaluate everything before creating anything.
        var assignee = EvaluateText(instance, execution, spec.Assignee);
        var groups = EvaluateList(instance, execution, spec.CandidateGroups);
        var users = EvaluateList(instance, execution, spec.CandidateUsers);
        var due = EvaluateDate(instance, execution, spec.DueDate, "camunda:dueDate");
        var followUp = EvaluateDate(instance, execution, spec.FollowUpDate, "camunda:followUpDate");
        var formKey = EvaluateText(instance, execution, spec.FormKey);
        var fourEyes = node.Properties.TryGetValue("fourEyes", out var fourEyesTemplate) ? EvaluateList(instance, execution, fourEyesTemplate, distinct: false) : [];
        if (fourEyes.Count == 1)
        {
            throw new ModelRuntimeException(EngineErrors.FourEyesOneGroup.With(("elementId", node.Id)));
        }
        var priorityText = EvaluateText(instance, execution, spec.Priority);
        var priority = 50;
        if (priorityText is not null && !int.TryParse(priorityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out priority))
        {
            throw new ModelRuntimeException(EngineErrors.PriorityInvalid.With(("value", priorityText)));
        }

        var task = new UserTaskEntity
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id,
            Name = node.Name,
            Documentation = node.Documentation,
            DefinitionKey = instance.Entity.DefinitionKey,
            BusinessKey = instance.Entity.BusinessKey,
            TenantId = instance.Entity.TenantId,
            Status = UserTaskStatus.Open,
            Assignee = assignee,
            CandidateGroups = ListColumn(groups),
            CandidateUsers = ListColumn(users),
            DueAt = due,
            FollowUpAt = followUp,
            FormKey = formKey,
            Priority = priority,
            Properties = node.Properties.Count == 0 ? null : JsonSerializer.Serialize(node.Properties, Json.Options),
            CreatedAt = Now,
            ClaimedAt = assignee is null ? null : Now,
            FourEyesRoles = ListColumn(fourEyes),
        };
        Step.Db.UserTasks.Add(task);
        instance.Tasks.Add(task);
        Step.Journal(instance, "task-created", node.Id, new { taskId = task.Id, assignee, candidateGroups = groups, dueAt = due, fourEyes = fourEyes.Count > 0 ? fourEyes : null });
    }

    /// <summary>Completes an open task and lets its token move on.</summary>
    public void CompleteUserTask(InstanceState instance, UserTaskEntity task, JsonObject? variables, string user)
    {
        var execution = instance.FindExecution(task.ExecutionId)
            ?? throw EngineErrors.PathGone.Exception();
        var node = instance.Model.Node(task.ElementId);
        task.Status = UserTaskStatus.Completed;
        task.CompletedAt = Now;
        task.CompletedBy = user;
        instance.Tasks.Remove(task);
        Step.Journal(instance, "task-completed", node.Id, new { taskId = task.Id, variables = variables?.Select(v => v.Key) }, user);
        SetResultVariables(instance, execution, node, variables);
        ScheduleLeave(instance, execution, node);
    }

    private List<string> EvaluateList(InstanceState instance, ExecutionEntity execution, string? template, bool distinct = true)
    {
        if (template is null)
        {
            return [];
        }

        if (Expressions.ExpressionSyntax.ContainsExpression(template))
        {
            var value = Services.Expressions.EvaluateTemplate(template, instance.VisibleVariables(execution));
            if (value is JsonArray array)
            {
                return array.Select(v => v?.ToString() ?? "").Where(v => v.Length > 0).ToList();
            }

            template = value?.ToString() ?? "";
        }

        var items = template.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return distinct ? items.Distinct(StringComparer.Ordinal).ToList() : [.. items];
    }

    internal static string ListColumn(IReadOnlyCollection<string> values) => values.Count == 0 ? "" : $",{string.Join(',', values)},";

    /// <summary>A due or follow-up date: an ISO date/time, or a duration from now (P2W).</summary>
    private DateTimeOffset? EvaluateDate(InstanceState instance, ExecutionEntity execution, string? template, string what)
    {
        var text = EvaluateText(instance, execution, template);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Stored as UTC (PostgreSQL's timestamptz takes offset 0 only); a date with an offset is the same moment.
        if (TimerSchedule.TryParse(TimerKind.Date, text, out var date, out _))
        {
            return date!.FirstDue(Now, Services.Zone).ToUniversalTime();
        }

        if (TimerSchedule.TryParse(TimerKind.Duration, text, out var duration, out _))
        {
            return duration!.FirstDue(Now, Services.Zone).ToUniversalTime();
        }

        throw new ModelRuntimeException(EngineErrors.DateInvalid.With(("attribute", what), ("value", text)));
    }

    // ---------------------------------------------------------------- service tasks (jobs)

    private void CreateJob(InstanceState instance, ExecutionEntity execution, FlowNode node)
    {
        var id = Guid.CreateVersion7(Now);
        var job = new JobEntity
        {
            Id = id,
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id,
            ActivityType = node.Topic!,
            DefinitionKey = instance.Entity.DefinitionKey,
            TenantId = instance.Entity.TenantId,
            BusinessKey = instance.Entity.BusinessKey,
            IdempotencyKey = id.ToString("N"),
            Status = JobStatus.Pending,
            DueAt = Now,
            CreatedAt = Now,
        };
        Step.Db.Jobs.Add(job);
        instance.Jobs.Add(job);
        Step.ReadyJobs.Add(job);
        Step.Journal(instance, "job-created", node.Id, new { jobId = id, activityType = node.Topic });
    }

    /// <summary>The activity completed: its output becomes variables and the token moves on.</summary>
    public void CompleteJob(InstanceState instance, JobEntity job, JsonObject output)
    {
        var execution = instance.FindExecution(job.ExecutionId) ?? throw EngineErrors.PathGone.Exception();
        var node = instance.Model.Node(job.ElementId);
        job.Status = JobStatus.Completed;
        job.CompletedAt = Now;
        job.LockedBy = null;
        job.LockedUntil = null;
        instance.Jobs.Remove(job);
        Step.Journal(instance, "job-completed", node.Id, new { jobId = job.Id, attempts = job.Attempts });
        SetResultVariables(instance, execution, node, output);
        ScheduleLeave(instance, execution, node);
    }

    /// <summary>The activity raised a BPMN error: its boundary (or an enclosing one) takes over.</summary>
    public async Task RaiseJobErrorAsync(InstanceState instance, JobEntity job, string errorCode, string message, JsonObject? variables, CancellationToken cancellationToken)
    {
        var execution = instance.FindExecution(job.ExecutionId) ?? throw EngineErrors.PathGone.Exception();
        var node = instance.Model.Node(job.ElementId);
        job.Status = JobStatus.Completed;
        job.CompletedAt = Now;
        job.LastError = $"{errorCode}: {message}";
        instance.Jobs.Remove(job);
        if (variables is not null)
        {
            SetVariables(instance, instance.Parent(execution), variables);
        }

        await ThrowErrorAsync(instance, execution, node, errorCode, message, cancellationToken);
    }

    /// <summary>The activity ran out of attempts: an incident holds the token at the task.</summary>
    public void FailJob(InstanceState instance, JobEntity job, EngineError error)
    {
        var execution = instance.FindExecution(job.ExecutionId) ?? throw EngineErrors.PathGone.Exception();
        job.Status = JobStatus.Failed;
        job.LastError = Truncate(error.Message);
        job.LockedBy = null;
        job.LockedUntil = null;
        instance.Jobs.Remove(job);
        OpenIncident(instance, execution, job.ElementId, "activity", error, "job", job);
    }

    // ---------------------------------------------------------------- timers

    private void CreateTimer(InstanceState instance, ExecutionEntity execution, FlowNode eventNode)
    {
        var definition = eventNode.Timer!;
        var spec = EvaluateText(instance, execution, definition.Text) ?? "";
        var kind = (TimerKind)(int)definition.Kind;
        var due = ComputeDue(kind, spec, out _);
        var timer = new TimerEntity
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            DefinitionId = instance.Entity.DefinitionId,
            ElementId = eventNode.Id,
            TenantId = instance.Entity.TenantId,
            Status = TimerStatus.Scheduled,
            DueAt = due,
            FirstDueAt = due,
            Spec = spec,
            Kind = kind.ToString(),
            CreatedAt = Now,
        };
        Step.Db.Timers.Add(timer);
        instance.Timers.Add(timer);
        Step.ScheduledTimers.Add(timer);
        Step.Journal(instance, "timer-scheduled", eventNode.Id, new { timerId = timer.Id, dueAt = due, spec });
    }

    /// <summary>A timer fell due: a catch event moves on, a boundary event interrupts or forks; cycles re-arm.</summary>
    public bool FireTimer(InstanceState instance, TimerEntity timer)
    {
        var execution = timer.ExecutionId is { } id ? instance.FindExecution(id) : null;
        if (execution is null || !instance.IsActive)
        {
            timer.Status = TimerStatus.Cancelled;
            instance.Timers.Remove(timer);
            return false;
        }

        var node = instance.Model.Node(timer.ElementId);
        var firedDue = timer.DueAt;
        timer.FiredCount++;
        timer.FiredAt = Now;
        Step.Journal(instance, "timer-fired", node.Id, new { timerId = timer.Id, dueAt = firedDue, count = timer.FiredCount });

        if (node.Kind == NodeKind.BoundaryEvent && !node.CancelActivity && NextDue(timer, firedDue) is { } next)
        {
            timer.DueAt = next;
            Step.ScheduledTimers.Add(timer);
        }
        else
        {
            timer.Status = TimerStatus.Fired;
            instance.Timers.Remove(timer);
        }

        if (node.Kind == NodeKind.BoundaryEvent)
        {
            Schedule(instance, execution, node, "boundary", async ct =>
            {
                if (node.CancelActivity)
                {
                    await CancelChildrenAndArtifactsAsync(instance, execution, ct);
                }

                TakeBoundary(instance, execution, node, node.CancelActivity);
            });
        }
        else
        {
            ScheduleLeave(instance, execution, node);
        }

        return true;
    }

    private DateTimeOffset? NextDue(TimerEntity timer, DateTimeOffset firedDue)
    {
        if (!Enum.TryParse<TimerKind>(timer.Kind, out var kind) || kind != TimerKind.Cycle
            || !TimerSchedule.TryParse(kind, timer.Spec, out var schedule, out _))
        {
            return null;
        }

        return schedule!.NextDue(firedDue, timer.FiredCount, Services.Zone, timer.FirstDueAt)?.ToUniversalTime();
    }

    /// <summary>Takes a boundary event: interrupting reuses the activity's execution, non-interrupting forks a new one.</summary>
    private void TakeBoundary(InstanceState instance, ExecutionEntity attached, FlowNode boundary, bool interrupting)
    {
        Step.Journal(instance, "boundary-triggered", boundary.Id, new { attachedTo = attached.ElementId, interrupting });
        if (interrupting)
        {
            Step.Journal(instance, "element-cancelled", attached.ElementId, new { reason = $"interrupted by '{boundary.Id}'" });
            instance.ClearLocals(attached);
            attached.ElementId = boundary.Id;
            attached.State = ExecutionState.Waiting;
            ScheduleLeave(instance, attached, boundary);
        }
        else
        {
            var forked = NewExecution(instance, attached.ParentId, boundary.Id);
            ScheduleLeave(instance, forked, boundary);
        }
    }

    private async Task ArmBoundaryEventsAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, CancellationToken cancellationToken)
    {
        foreach (var boundary in node.BoundaryEvents)
        {
            switch (boundary.Trigger)
            {
                case EventTrigger.Timer:
                    CreateTimer(instance, execution, boundary);
                    break;
                case EventTrigger.Message:
                    await SubscribeAsync(instance, execution, boundary, boundary.MessageName!, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Cancels the timers and message subscriptions an execution holds (its own and its boundary events').</summary>
    private Task DisarmAsync(InstanceState instance, ExecutionEntity execution, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        foreach (var timer in instance.Timers.Where(t => t.ExecutionId == execution.Id).ToList())
        {
            timer.Status = TimerStatus.Cancelled;
            instance.Timers.Remove(timer);
            Step.CancelledTimers.Add(timer);
        }

        foreach (var subscription in instance.Subscriptions.Where(s => s.ExecutionId == execution.Id).ToList())
        {
            instance.Subscriptions.Remove(subscription);
            Step.Db.MessageSubscriptions.Remove(subscription);
        }

        return Task.CompletedTask;
    }

    // ---------------------------------------------------------------- messages

    private async Task SubscribeAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, string messageName, CancellationToken cancellationToken)
    {
        var key = instance.Entity.BusinessKey;
        if (key is not null && await TakeBufferedAsync(instance, messageName, key, cancellationToken) is { } buffered)
        {
            Step.Journal(instance, "message-correlated", node.Id, new { name = messageName, bufferedMessageId = buffered.Id, receivedAt = buffered.ReceivedAt });
            var variables = Json.ParseObject(buffered.Variables);
            if (node.Kind == NodeKind.BoundaryEvent)
            {
                if (!node.CancelActivity)
                {
                    AddSubscription(instance, execution, node, messageName);
                }

                Schedule(instance, execution, node, "boundary", async ct => await TriggerMessageBoundaryAsync(instance, execution, node, variables, ct));
            }
            else
            {
                SetResultVariables(instance, execution, node, variables);
                ScheduleLeave(instance, execution, node);
            }

            return;
        }

        AddSubscription(instance, execution, node, messageName);
    }

    private void AddSubscription(InstanceState instance, ExecutionEntity execution, FlowNode node, string messageName)
    {
        var subscription = new MessageSubscriptionEntity
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id,
            MessageName = messageName,
            CorrelationKey = instance.Entity.BusinessKey,
            TenantId = instance.Entity.TenantId,
            CreatedAt = Now,
        };
        Step.Db.MessageSubscriptions.Add(subscription);
        instance.Subscriptions.Add(subscription);
    }

    private async Task<BufferedMessageEntity?> TakeBufferedAsync(InstanceState instance, string name, string key, CancellationToken cancellationToken)
    {
        var candidates = await Step.Db.BufferedMessages
            .Where(m => m.Name == name && m.CorrelationKey == key && m.ConsumedAt == null && m.ExpiresAt > Now)
            .OrderBy(m => m.ReceivedAt)
            .Take(20)
            .ToListAsync(cancellationToken);
        var tenant = Tenants.ListColumn([instance.Entity.TenantId]);
        var message = candidates.FirstOrDefault(m => m.Tenants == Tenants.All || m.Tenants.Contains(tenant, StringComparison.Ordinal));
        if (message is not null)
        {
            message.ConsumedAt = Now;
            message.ConsumedByInstanceId = instance.Id;
        }

        return message;
    }

    /// <summary>Delivers a message to a waiting subscription of this instance.</summary>
    public void DeliverMessage(InstanceState instance, MessageSubscriptionEntity subscription, JsonObject variables)
    {
        var execution = instance.FindExecution(subscription.ExecutionId) ?? throw EngineErrors.PathGone.Exception();
        var node = instance.Model.Node(subscription.ElementId);
        Step.Journal(instance, "message-correlated", node.Id, new { name = subscription.MessageName, correlationKey = subscription.CorrelationKey }, Step.Actor.Name);
        if (node.Kind == NodeKind.BoundaryEvent)
        {
            if (node.CancelActivity)
            {
                instance.Subscriptions.Remove(subscription);
                Step.Db.MessageSubscriptions.Remove(subscription);
            }

            Schedule(instance, execution, node, "boundary", async ct => await TriggerMessageBoundaryAsync(instance, execution, node, variables, ct));
            return;
        }

        instance.Subscriptions.Remove(subscription);
        Step.Db.MessageSubscriptions.Remove(subscription);
        SetResultVariables(instance, execution, node, variables);
        ScheduleLeave(instance, execution, node);
    }

    private async Task TriggerMessageBoundaryAsync(InstanceState instance, ExecutionEntity execution, FlowNode boundary, JsonObject variables, CancellationToken cancellationToken)
    {
        if (boundary.CancelActivity)
        {
            await CancelChildrenAndArtifactsAsync(instance, execution, cancellationToken);
        }

        SetVariables(instance, instance.Parent(execution), variables);
        TakeBoundary(instance, execution, boundary, boundary.CancelActivity);
    }

    // ---------------------------------------------------------------- incidents

    private void OpenIncident(InstanceState instance, ExecutionEntity execution, string elementId, string type, EngineError error, string operation, JobEntity? job = null)
    {
        var message = error.Message;
        execution.State = ExecutionState.Failed;
        execution.FailedOperation = operation;
        var incident = new IncidentEntity
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            JobId = job?.Id,
            ElementId = elementId,
            Type = type,
            Message = Truncate(message, 4000),
            Error = error.ToJson().ToJsonString(Json.Options),
            ActivityType = job?.ActivityType,
            Attempts = job?.Attempts ?? 0,
            DefinitionKey = instance.Entity.DefinitionKey,
            TenantId = instance.Entity.TenantId,
            Status = IncidentStatus.Open,
            CreatedAt = Now,
        };
        Step.Db.Incidents.Add(incident);
        instance.Entity.OpenIncidents++;
        Step.Journal(instance, "incident-opened", elementId, new { incidentId = incident.Id, type, code = error.Code, message = incident.Message, error = error.ToJson(), attempts = incident.Attempts });
    }

    private async Task CloseIncidentsAsync(InstanceState instance, ExecutionEntity execution, CancellationToken cancellationToken)
    {
        if (execution.State != ExecutionState.Failed)
        {
            return;
        }

        var open = await Step.Db.Incidents.Where(i => i.ExecutionId == execution.Id && i.Status == IncidentStatus.Open).ToListAsync(cancellationToken);
        foreach (var incident in open)
        {
            incident.Status = IncidentStatus.Resolved;
            incident.ResolvedAt = Now;
            incident.ResolvedBy = "obsolete: path ended";
            instance.Entity.OpenIncidents = Math.Max(0, instance.Entity.OpenIncidents - 1);
        }
    }

    /// <summary>Retries what an incident stopped: the job gets a fresh series of attempts; an expression step is redone.</summary>
    public async Task RetryIncidentAsync(InstanceState instance, IncidentEntity incident, CancellationToken cancellationToken)
    {
        var execution = incident.ExecutionId is { } id ? instance.FindExecution(id) : null;
        incident.Status = IncidentStatus.Resolved;
        incident.ResolvedAt = Now;
        incident.ResolvedBy = Step.Actor.Name;
        instance.Entity.OpenIncidents = Math.Max(0, instance.Entity.OpenIncidents - 1);
        Step.Journal(instance, "incident-resolved", incident.ElementId, new { incidentId = incident.Id }, Step.Actor.Name);
        if (execution is null || execution.State != ExecutionState.Failed)
        {
            return;
        }

        var node = instance.Model.Node(execution.ElementId);
        var operation = execution.FailedOperation;
        execution.State = node.Kind == NodeKind.SubProcess ? ExecutionState.Scope : ExecutionState.Waiting;
        execution.FailedOperation = null;
        switch (operation)
        {
            case "job" when incident.JobId is { } jobId:
                var job = await Step.Db.Jobs.FirstAsync(j => j.Id == jobId, cancellationToken);
                job.Status = JobStatus.Pending;
                job.Attempts = 0;
                job.DueAt = Now;
                job.LockedBy = null;
                job.LockedUntil = null;
                instance.Jobs.Add(job);
                Step.ReadyJobs.Add(job);
                break;
            case "leave":
                ScheduleLeave(instance, execution, node);
                break;
            case "resume-call":
                await RetryResumeCallAsync(instance, execution, cancellationToken);
                break;
            case "boundary":
                // A boundary event's outgoing path failed; leaving the boundary again redoes it.
                ScheduleLeave(instance, execution, node);
                break;
            default:
                await CancelChildrenAndArtifactsAsync(instance, execution, cancellationToken);
                var via = execution.ArrivedBy is { } flowId ? node.Incoming.FirstOrDefault(f => f.Id == flowId) : null;
                ScheduleEnter(instance, execution, node, via);
                break;
        }
    }
}
