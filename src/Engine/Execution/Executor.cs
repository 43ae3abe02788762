using System.Text.Json.Nodes;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Timers;

namespace Inburgering.Engine.Execution;

/// <summary>
/// Moves tokens through the model until every one of them waits (run to wait state), inside one <see cref="Step"/>.
/// Work is an agenda of small operations (enter a node, leave a node); an expression or model failure in one of them
/// opens an incident on that execution and stops only that path.
/// </summary>
internal sealed partial class Executor(Step step, EngineServices services)
{
    private readonly Queue<WorkItem> _agenda = new();
    private int _operations;

    private Step Step { get; } = step;

    private EngineServices Services { get; } = services;

    private DateTimeOffset Now => Step.Now;

    /// <summary>Runs the agenda until every token waits; then fires inclusive joins that became ready, and again.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_agenda.TryDequeue(out var item))
            {
                if (!item.Instance.IsActive || (item.Execution is not null && !item.Instance.Executions.Contains(item.Execution)))
                {
                    continue;
                }

                if (++_operations > Services.Options.MaxOperationsPerStep && item.Execution is not null)
                {
                    // A loop without a wait state: stop this instance's paths here, visibly, instead of spinning forever.
                    OpenIncident(item.Instance, item.Execution, item.Node!.Id, "model", EngineErrors.StepLimit.With(("limit", Services.Options.MaxOperationsPerStep)), item.Operation);
                    var rest = _agenda.Where(i => i.Instance != item.Instance).ToList();
                    _agenda.Clear();
                    rest.ForEach(_agenda.Enqueue);
                    continue;
                }

                try
                {
                    await item.Run(cancellationToken);
                }
                catch (ExpressionException ex) when (item.Execution is not null)
                {
                    OpenIncident(item.Instance, item.Execution, item.Node!.Id, "expression", EngineErrors.ExpressionFailed.With(("reason", Truncate(ex.Message))), item.Operation);
                }
                catch (ModelRuntimeException ex) when (item.Execution is not null)
                {
                    OpenIncident(item.Instance, item.Execution, item.Node!.Id, "model", ex.Error, item.Operation);
                }
            }

            if (!FireReadyInclusiveJoins())
            {
                FollowDueDates();
                return;
            }
        }
    }

    // ---------------------------------------------------------------- starting

    /// <summary>Creates an instance row and its first token at <paramref name="startEvent"/>.</summary>
    public InstanceState CreateInstance(
        Guid definitionId,
        ProcessModel model,
        int definitionVersion,
        string? businessKey,
        string tenantId,
        JsonObject variables,
        InstanceState? parent,
        ExecutionEntity? parentExecution)
    {
        var entity = new InstanceEntity
        {
            Id = Guid.CreateVersion7(Now),
            DefinitionId = definitionId,
            DefinitionKey = model.Id,
            DefinitionVersion = definitionVersion,
            BusinessKey = businessKey,
            TenantId = tenantId,
            Status = InstanceStatus.Active,
            Variables = variables.ToJsonString(Json.Options),
            ParentInstanceId = parent?.Id,
            ParentExecutionId = parentExecution?.Id,
            StartedAt = Now,
            StartedBy = Step.Actor.Name,
        };
        entity.RootInstanceId = parent?.Entity.RootInstanceId ?? entity.Id;
        var instance = Step.Add(entity, model);
        Step.Journal(instance, "instance-started", null, new { definitionKey = model.Id, version = definitionVersion, businessKey, tenantId, parentInstanceId = parent?.Id }, Step.Actor.Name);
        return instance;
    }

    /// <summary>Puts the first token on a start event and lets it run.</summary>
    public void Begin(InstanceState instance, FlowNode startEvent, JsonObject? triggerVariables = null)
    {
        var execution = NewExecution(instance, null, startEvent.Id);
        if (triggerVariables is not null)
        {
            SetVariables(instance, null, triggerVariables);
        }

        Schedule(instance, execution, startEvent, "enter", ct => EnterAsync(instance, execution, startEvent, null, ct));
    }

    // ---------------------------------------------------------------- entering and leaving

    private void Schedule(InstanceState instance, ExecutionEntity? execution, FlowNode? node, string operation, Func<CancellationToken, Task> run) =>
        _agenda.Enqueue(new WorkItem(instance, execution, node, operation, run));

    private void ScheduleEnter(InstanceState instance, ExecutionEntity execution, FlowNode node, SequenceFlow? via) =>
        Schedule(instance, execution, node, "enter", ct => EnterAsync(instance, execution, node, via, ct));

    private void ScheduleLeave(InstanceState instance, ExecutionEntity execution, FlowNode node) =>
        Schedule(instance, execution, node, "leave", ct => LeaveAsync(instance, execution, node, ct));

    private async Task EnterAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, SequenceFlow? via, CancellationToken cancellationToken)
    {
        execution.ElementId = node.Id;
        execution.ArrivedBy = via?.Id;
        execution.State = ExecutionState.Waiting;
        execution.FailedOperation = null;
        if (node.Inputs.Count > 0)
        {
            var values = node.Inputs.Select(p => (p.Name, Value: EvaluateIo(instance, instance.Parent(execution), p.Value))).ToList();
            var locals = instance.Locals(execution);
            foreach (var (name, value) in values)
            {
                locals[name] = value;
            }
        }

        if (node.Kind is not NodeKind.ParallelGateway and not NodeKind.InclusiveGateway || node.Incoming.Count <= 1)
        {
            Step.Journal(instance, "element-entered", node.Id);
        }

        switch (node.Kind)
        {
            case NodeKind.StartEvent or NodeKind.Task or NodeKind.ManualTask or NodeKind.IntermediateThrowEvent:
                ScheduleLeave(instance, execution, node);
                break;
            case NodeKind.EndEvent:
                await EndAsync(instance, execution, node, cancellationToken);
                break;
            case NodeKind.ExclusiveGateway:
                EnterExclusiveGateway(instance, execution, node);
                break;
            case NodeKind.ParallelGateway:
                EnterParallelGateway(instance, execution, node);
                break;
            case NodeKind.InclusiveGateway:
                EnterInclusiveGateway(instance, execution, node);
                break;
            case NodeKind.UserTask:
                CreateUserTask(instance, execution, node);
                await ArmBoundaryEventsAsync(instance, execution, node, cancellationToken);
                break;
            case NodeKind.ServiceTask or NodeKind.SendTask:
                CreateJob(instance, execution, node);
                await ArmBoundaryEventsAsync(instance, execution, node, cancellationToken);
                break;
            case NodeKind.ReceiveTask:
                await ArmBoundaryEventsAsync(instance, execution, node, cancellationToken);
                await SubscribeAsync(instance, execution, node, node.MessageName!, cancellationToken);
                break;
            case NodeKind.IntermediateCatchEvent when node.Trigger == EventTrigger.Timer:
                CreateTimer(instance, execution, node);
                break;
            case NodeKind.IntermediateCatchEvent when node.Trigger == EventTrigger.Message:
                await SubscribeAsync(instance, execution, node, node.MessageName!, cancellationToken);
                break;
            case NodeKind.SubProcess:
                await EnterSubProcessAsync(instance, execution, node, cancellationToken);
                break;
            case NodeKind.CallActivity:
                await StartCallAsync(instance, execution, node, cancellationToken);
                break;
            default:
                throw new ModelRuntimeException(EngineErrors.ElementNotExecutable.With(("elementId", node.Id), ("kind", node.Kind)));
        }
    }

    private async Task EnterSubProcessAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, CancellationToken cancellationToken)
    {
        var start = node.SubScope!.NoneStartEvent ?? throw new ModelRuntimeException(EngineErrors.SubProcessWithoutStart.With(("elementId", node.Id)));
        execution.State = ExecutionState.Scope;
        await ArmBoundaryEventsAsync(instance, execution, node, cancellationToken);
        var child = NewExecution(instance, execution.Id, start.Id);
        ScheduleEnter(instance, child, start, null);
    }

    /// <summary>Applies output parameters, picks the outgoing flows, disarms boundary events and moves on.</summary>
    private async Task LeaveAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, CancellationToken cancellationToken)
    {
        // Evaluate first, change afterwards: a failing expression leaves the token where it was.
        var outputs = node.Outputs.Select(p => (p.Name, Value: EvaluateIo(instance, execution, p.Value))).ToList();
        var flows = SelectOutgoing(instance, execution, node);

        foreach (var (name, value) in outputs)
        {
            instance.SetVariable(instance.Parent(execution), name, value);
        }

        await DisarmAsync(instance, execution, cancellationToken);
        instance.ClearLocals(execution);
        Step.Journal(instance, "element-left", node.Id);
        TakeFlows(instance, execution, flows);
    }

    /// <summary>Outgoing flows of an activity or event: all unconditional ones plus the conditional ones that hold; else the default.</summary>
    private List<SequenceFlow> SelectOutgoing(InstanceState instance, ExecutionEntity execution, FlowNode node)
    {
        if (node.Outgoing.Count == 0 || node.IsGateway)
        {
            return [.. node.Outgoing];
        }

        if (node.Outgoing.All(f => f.Condition is null && !f.IsDefault))
        {
            return [.. node.Outgoing];
        }

        var variables = instance.VisibleVariables(execution);
        var taken = node.Outgoing
            .Where(f => !f.IsDefault && (f.Condition is null || Condition(f, variables)))
            .ToList();
        if (taken.Count == 0)
        {
            taken.Add(node.DefaultFlow ?? throw new ModelRuntimeException(EngineErrors.NoFlowApplies.With(("elementId", node.Id))));
        }

        return taken;
    }

    private bool Condition(SequenceFlow flow, IReadOnlyDictionary<string, JsonNode?> variables) =>
        Services.Expressions.EvaluateCondition(flow.Condition!, variables);

    /// <summary>Sends the execution down the first flow and new sibling executions down the others; none means the path ends here.</summary>
    private void TakeFlows(InstanceState instance, ExecutionEntity execution, IReadOnlyList<SequenceFlow> flows)
    {
        if (flows.Count == 0)
        {
            EndExecution(instance, execution, implicitEnd: true);
            return;
        }

        for (var i = 1; i < flows.Count; i++)
        {
            var sibling = NewExecution(instance, execution.ParentId, flows[i].Target.Id);
            ScheduleEnter(instance, sibling, flows[i].Target, flows[i]);
        }

        execution.ElementId = flows[0].Target.Id;
        ScheduleEnter(instance, execution, flows[0].Target, flows[0]);
    }

    // ---------------------------------------------------------------- gateways

    private void EnterExclusiveGateway(InstanceState instance, ExecutionEntity execution, FlowNode node)
    {
        var variables = instance.VisibleVariables(execution);
        var flow = node.Outgoing.FirstOrDefault(f => !f.IsDefault && (f.Condition is null || Condition(f, variables)))
            ?? node.DefaultFlow
            ?? throw new ModelRuntimeException(EngineErrors.GatewayNoConditionTrue.With(("elementId", node.Id)));
        Step.Journal(instance, "element-left", node.Id, new { flow = flow.Id });
        TakeFlows(instance, execution, [flow]);
    }

    private void EnterParallelGateway(InstanceState instance, ExecutionEntity execution, FlowNode node)
    {
        if (node.Incoming.Count > 1)
        {
            execution.State = ExecutionState.Joining;
            var waiting = instance.Executions
                .Where(e => e.ParentId == execution.ParentId && e.ElementId == node.Id && e.State == ExecutionState.Joining)
                .ToList();
            var onePerFlow = new List<ExecutionEntity>();
            foreach (var incoming in node.Incoming)
            {
                var arrived = waiting.FirstOrDefault(e => e.ArrivedBy == incoming.Id);
                if (arrived is null)
                {
                    return;
                }

                onePerFlow.Add(arrived);
            }

            execution = Merge(instance, onePerFlow, node);
        }

        Step.Journal(instance, "element-left", node.Id);
        TakeFlows(instance, execution, node.Outgoing);
    }

    private void EnterInclusiveGateway(InstanceState instance, ExecutionEntity execution, FlowNode node)
    {
        if (node.Incoming.Count > 1)
        {
            // Waits until no other token in this scope can still reach the gateway; checked when the agenda runs dry.
            execution.State = ExecutionState.Joining;
            return;
        }

        ForkInclusive(instance, execution, node);
    }

    private void ForkInclusive(InstanceState instance, ExecutionEntity execution, FlowNode node)
    {
        var variables = instance.VisibleVariables(execution);
        var flows = node.Outgoing.Where(f => !f.IsDefault && (f.Condition is null || Condition(f, variables))).ToList();
        if (flows.Count == 0)
        {
            flows.Add(node.DefaultFlow ?? throw new ModelRuntimeException(EngineErrors.GatewayNoConditionTrue.With(("elementId", node.Id))));
        }

        Step.Journal(instance, "element-left", node.Id, new { flows = flows.Select(f => f.Id) });
        execution.State = ExecutionState.Waiting;
        TakeFlows(instance, execution, flows);
    }

    /// <summary>Fires every inclusive join that no other token of its scope can still reach. True when one fired.</summary>
    private bool FireReadyInclusiveJoins()
    {
        var fired = false;
        foreach (var instance in Step.Instances.Where(i => i.IsActive))
        {
            var joins = instance.Executions
                .Where(e => e.State == ExecutionState.Joining && instance.Model.FindNode(e.ElementId)?.Kind == NodeKind.InclusiveGateway)
                .GroupBy(e => (e.ParentId, e.ElementId))
                .ToList();
            foreach (var group in joins)
            {
                var node = instance.Model.Node(group.Key.ElementId);
                var blocked = instance.Executions.Any(e =>
                    e.ParentId == group.Key.ParentId
                    && !(e.ElementId == node.Id && e.State == ExecutionState.Joining)
                    && instance.Model.CanReach(e.ElementId, node.Id));
                if (blocked)
                {
                    continue;
                }

                var merged = Merge(instance, group.ToList(), node);
                Schedule(instance, merged, node, "enter", _ =>
                {
                    ForkInclusive(instance, merged, node);
                    return Task.CompletedTask;
                });
                fired = true;
            }
        }

        return fired;
    }

    /// <summary>Keeps the first of the joined executions and removes the others.</summary>
    private ExecutionEntity Merge(InstanceState instance, List<ExecutionEntity> joined, FlowNode gateway)
    {
        foreach (var other in joined.Skip(1))
        {
            RemoveExecution(instance, other);
        }

        var survivor = joined[0];
        survivor.State = ExecutionState.Waiting;
        Step.Journal(instance, "element-joined", gateway.Id, new { branches = joined.Count });
        return survivor;
    }

    // ---------------------------------------------------------------- helpers

    private ExecutionEntity NewExecution(InstanceState instance, Guid? parentId, string elementId)
    {
        var execution = new ExecutionEntity
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = instance.Id,
            ParentId = parentId,
            ElementId = elementId,
            State = ExecutionState.Waiting,
            CreatedAt = Now,
        };
        instance.Executions.Add(execution);
        Step.Db.Executions.Add(execution);
        return execution;
    }

    private void RemoveExecution(InstanceState instance, ExecutionEntity execution)
    {
        instance.ClearLocals(execution);
        instance.Executions.Remove(execution);
        Step.Db.Executions.Remove(execution);
    }

    /// <summary>Sets result variables (task completion, activity output, message payload) where they belong.</summary>
    public static void SetResultVariables(InstanceState instance, ExecutionEntity execution, FlowNode node, JsonObject? variables)
    {
        if (variables is null || variables.Count == 0)
        {
            return;
        }

        if (node.Outputs.Count > 0)
        {
            // With output parameters the result is local to the activity; the outputs decide what leaves it.
            var locals = instance.Locals(execution);
            foreach (var (name, value) in variables)
            {
                locals[name] = value?.DeepClone();
            }
        }
        else
        {
            SetVariables(instance, instance.Parent(execution), variables);
        }
    }

    private static void SetVariables(InstanceState instance, ExecutionEntity? scope, JsonObject variables)
    {
        foreach (var (name, value) in variables)
        {
            instance.SetVariable(scope, name, value);
        }
    }

    private JsonNode? EvaluateIo(InstanceState instance, ExecutionEntity? scope, IoValue value)
    {
        var variables = instance.VisibleVariables(scope);
        return EvaluateIo(value, variables);
    }

    private JsonNode? EvaluateIo(IoValue value, IReadOnlyDictionary<string, JsonNode?> variables) => value switch
    {
        IoValue.Text text => Services.Expressions.EvaluateTemplate(text.Value, variables),
        IoValue.Script script => Services.Expressions.Evaluate(script.Source, variables),
        IoValue.List list => new JsonArray(list.Items.Select(i => EvaluateIo(i, variables)).ToArray()),
        IoValue.Map map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key, EvaluateIo(e.Value, variables)))),
        _ => null,
    };

    /// <summary>Evaluates a template that must give text (assignee, message names...).</summary>
    private string? EvaluateText(InstanceState instance, ExecutionEntity execution, string? template)
    {
        if (template is null)
        {
            return null;
        }

        if (!ExpressionSyntax.ContainsExpression(template))
        {
            return template;
        }

        var value = Services.Expressions.EvaluateTemplate(template, instance.VisibleVariables(execution));
        return value switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => value.ToJsonString(),
        };
    }

    private DateTimeOffset ComputeDue(TimerKind kind, string spec, out TimerSchedule schedule)
    {
        if (!TimerSchedule.TryParse(kind, spec, out var parsed, out var error))
        {
            throw new ModelRuntimeException(EngineErrors.TimerInvalidAtRunTime.Because(error, ("spec", spec)));
        }

        schedule = parsed!;

        // Stored as UTC: a timeDate with an offset (+01:00) is the same moment, and PostgreSQL's timestamptz takes offset 0 only.
        return schedule.FirstDue(Now, Services.Zone).ToUniversalTime();
    }

    /// <summary>Cuts a text from outside (an activity's reason, an expression's message) to a length an incident keeps.</summary>
    internal static string Truncate(string text, int length = 2000) => text.Length > length ? text[..length] : text;

    /// <summary>One operation on the agenda. Without an execution it concerns the instance as a whole (completing it).</summary>
    private sealed record WorkItem(InstanceState Instance, ExecutionEntity? Execution, FlowNode? Node, string Operation, Func<CancellationToken, Task> Run);
}

/// <summary>A failure of the model at run time (no flow applies, called process missing…): becomes an incident.</summary>
internal sealed class ModelRuntimeException(EngineError error) : Exception(error.Message)
{
    public EngineError Error { get; } = error;
}
