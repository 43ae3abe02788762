using System.Text.Json.Nodes;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Definitions;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Execution;

internal sealed partial class Executor
{
    // ---------------------------------------------------------------- ends

    private async Task EndAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, CancellationToken cancellationToken)
    {
        switch (node.Trigger)
        {
            case EventTrigger.Terminate:
                await TerminateScopeAsync(instance, execution, node, cancellationToken);
                break;
            case EventTrigger.Error:
                await ThrowErrorAsync(instance, execution, node, node.ErrorCode!, EngineErrors.ErrorEndEvent.With(("elementId", node.Id)).Message, cancellationToken);
                break;
            default:
                EndExecution(instance, execution, implicitEnd: false);
                break;
        }
    }

    /// <summary>Removes a finished token; completes its sub-process or the instance when it was the last one.</summary>
    private void EndExecution(InstanceState instance, ExecutionEntity execution, bool implicitEnd)
    {
        var endElement = execution.ElementId;
        if (implicitEnd)
        {
            Step.Journal(instance, "path-ended", endElement);
        }

        var scope = instance.Parent(execution);
        RemoveExecution(instance, execution);
        if (scope is not null)
        {
            if (!instance.ChildrenOf(scope.Id).Any())
            {
                ScheduleLeave(instance, scope, instance.Model.Node(scope.ElementId));
            }

            return;
        }

        if (instance.Executions.Count == 0)
        {
            Schedule(instance, null, null, "complete", ct => CompleteInstanceAsync(instance, InstanceStatus.Completed, $"Ended at '{endElement}'", ct));
        }
    }

    private async Task TerminateScopeAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, CancellationToken cancellationToken)
    {
        var scope = instance.Parent(execution);
        RemoveExecution(instance, execution);
        foreach (var other in instance.ChildrenOf(scope?.Id).ToList())
        {
            await CancelExecutionAsync(instance, other, "terminated", cancellationToken);
        }

        if (scope is null)
        {
            await CompleteInstanceAsync(instance, InstanceStatus.Terminated, $"Terminated by end event '{node.Id}'", cancellationToken);
            return;
        }

        Step.Journal(instance, "scope-terminated", node.Id);
        ScheduleLeave(instance, scope, instance.Model.Node(scope.ElementId));
    }

    /// <summary>Ends the instance; a called instance hands its result back to the waiting call activity.</summary>
    private async Task CompleteInstanceAsync(InstanceState instance, InstanceStatus status, string reason, CancellationToken cancellationToken)
    {
        if (!instance.IsActive)
        {
            return;
        }

        // Anything still waiting (none on a normal end) is cancelled.
        foreach (var remaining in instance.Executions.Where(e => e.ParentId is null).ToList())
        {
            await CancelExecutionAsync(instance, remaining, "process ended", cancellationToken);
        }

        instance.Entity.Status = status;
        instance.Entity.EndedAt = Now;
        instance.Entity.EndReason = reason;
        Step.Journal(instance, status == InstanceStatus.Completed ? "instance-completed" : "instance-terminated", null, new { reason });

        if (instance.Entity.ParentInstanceId is { } parentId && instance.Entity.ParentExecutionId is { } parentExecutionId)
        {
            await ResumeCallerAsync(instance, parentId, parentExecutionId, cancellationToken);
        }
    }

    /// <summary>Cancels an execution and everything under it: tasks, jobs, timers, subscriptions, called instances.</summary>
    private async Task CancelExecutionAsync(InstanceState instance, ExecutionEntity execution, string reason, CancellationToken cancellationToken)
    {
        await CancelChildrenAndArtifactsAsync(instance, execution, cancellationToken, reason);
        if (instance.Executions.Contains(execution))
        {
            Step.Journal(instance, "element-cancelled", execution.ElementId, new { reason });
            RemoveExecution(instance, execution);
        }
    }

    /// <summary>Cancels what an execution waits for and the executions inside it, keeping the execution itself.</summary>
    private async Task CancelChildrenAndArtifactsAsync(InstanceState instance, ExecutionEntity execution, CancellationToken cancellationToken, string reason = "interrupted")
    {
        foreach (var child in instance.ChildrenOf(execution.Id).ToList())
        {
            await CancelExecutionAsync(instance, child, reason, cancellationToken);
        }

        await DisarmAsync(instance, execution, cancellationToken);
        foreach (var task in instance.Tasks.Where(t => t.ExecutionId == execution.Id).ToList())
        {
            task.Status = UserTaskStatus.Cancelled;
            task.CompletedAt = Now;
            instance.Tasks.Remove(task);
            Step.Journal(instance, "task-cancelled", task.ElementId, new { taskId = task.Id, reason });
        }

        foreach (var job in instance.Jobs.Where(j => j.ExecutionId == execution.Id).ToList())
        {
            job.Status = JobStatus.Cancelled;
            job.CompletedAt = Now;
            instance.Jobs.Remove(job);
            Step.CancelledJobs.Add(job);
        }

        var node = instance.Model.FindNode(execution.ElementId);
        if (node?.Kind == NodeKind.CallActivity)
        {
            var child = await Step.Db.Instances
                .Where(i => i.ParentExecutionId == execution.Id && i.Status == InstanceStatus.Active)
                .Select(i => i.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (child != Guid.Empty && await Step.LoadAsync(child, cancellationToken) is { } called)
            {
                await CancelInstanceAsync(called, $"Calling activity '{execution.ElementId}' {reason}", notifyCaller: false, cancellationToken);
            }
        }

        await CloseIncidentsAsync(instance, execution, cancellationToken);
    }

    /// <summary>Terminates a whole instance from outside (operator, interrupting parent) with its called instances.</summary>
    public async Task CancelInstanceAsync(InstanceState instance, string reason, bool notifyCaller, CancellationToken cancellationToken)
    {
        if (!instance.IsActive)
        {
            return;
        }

        foreach (var execution in instance.Executions.Where(e => e.ParentId is null).ToList())
        {
            await CancelExecutionAsync(instance, execution, "cancelled", cancellationToken);
        }

        instance.Entity.Status = InstanceStatus.Terminated;
        instance.Entity.EndedAt = Now;
        instance.Entity.EndReason = reason;
        Step.Journal(instance, "instance-terminated", null, new { reason }, Step.Actor.Name);
        if (notifyCaller && instance.Entity.ParentInstanceId is { } parentId && instance.Entity.ParentExecutionId is { } parentExecutionId)
        {
            await ResumeCallerAsync(instance, parentId, parentExecutionId, cancellationToken);
        }
    }

    // ---------------------------------------------------------------- call activities

    private async Task StartCallAsync(InstanceState instance, ExecutionEntity execution, FlowNode node, CancellationToken cancellationToken)
    {
        var spec = node.Call!;
        var key = EvaluateText(instance, execution, spec.CalledElement)!;
        var definition = spec.Binding switch
        {
            CalledVersionBinding.Version => await DefinitionRegistry.VersionAsync(Step.Db, key, spec.Version!.Value, cancellationToken),
            CalledVersionBinding.Deployment => await DefinitionRegistry.Heads(Step.Db.Definitions.AsNoTracking()
                    .Where(d => d.Key == key && d.DeploymentId == Step.Db.Definitions.Where(p => p.Id == instance.Entity.DefinitionId).Select(p => p.DeploymentId).FirstOrDefault()))
                    .FirstOrDefaultAsync(cancellationToken)
                ?? await DefinitionRegistry.LatestAsync(Step.Db, key, cancellationToken),
            _ => await DefinitionRegistry.LatestAsync(Step.Db, key, cancellationToken),
        };
        if (definition is null)
        {
            throw new ModelRuntimeException(spec.Binding == CalledVersionBinding.Version
                ? EngineErrors.CalledVersionNotDeployed.With(("key", key), ("version", spec.Version))
                : EngineErrors.CalledProcessNotDeployed.With(("key", key)));
        }

        var model = await Step.Definitions.ModelAsync(definition.Id, definition.Key, cancellationToken);
        var start = model.NoneStartEvent ?? throw new ModelRuntimeException(EngineErrors.CalledProcessWithoutStart.With(("key", key)));
        var visible = instance.VisibleVariables(execution);
        var variables = MapVariables(spec.In, visible);
        var businessKey = spec.BusinessKeyExpression is null ? instance.Entity.BusinessKey : EvaluateText(instance, execution, spec.BusinessKeyExpression);

        await ArmBoundaryEventsAsync(instance, execution, node, cancellationToken);
        var child = CreateInstance(definition.Id, model, definition.Version, businessKey, instance.Entity.TenantId, variables, instance, execution);
        Step.Journal(instance, "call-started", node.Id, new { childInstanceId = child.Id, definitionKey = key, version = definition.Version });
        Begin(child, start);
    }

    private JsonObject MapVariables(IReadOnlyList<CallMapping> mappings, IReadOnlyDictionary<string, JsonNode?> source)
    {
        var result = new JsonObject();
        foreach (var mapping in mappings)
        {
            if (mapping.AllVariables)
            {
                foreach (var (name, value) in source)
                {
                    if (name != InstanceState.ExecutionVariable)
                    {
                        result[name] = value?.DeepClone();
                    }
                }
            }
            else if (mapping.Source is not null)
            {
                result[mapping.Target!] = source.TryGetValue(mapping.Source, out var value) ? value?.DeepClone() : null;
            }
            else
            {
                result[mapping.Target!] = Services.Expressions.EvaluateTemplate(mapping.SourceExpression!, source)?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>A called instance ended: the waiting call activity takes its out-variables and leaves.</summary>
    private async Task ResumeCallerAsync(InstanceState child, Guid parentId, Guid parentExecutionId, CancellationToken cancellationToken)
    {
        var parent = await Step.LoadAsync(parentId, cancellationToken);
        var execution = parent?.FindExecution(parentExecutionId);
        if (parent is null || execution is null || !parent.IsActive)
        {
            return;
        }

        var node = parent.Model.Node(execution.ElementId);
        Schedule(parent, execution, node, "resume-call", _ =>
        {
            ResumeCall(parent, execution, node, child);
            return Task.CompletedTask;
        });
    }

    private void ResumeCall(InstanceState parent, ExecutionEntity execution, FlowNode node, InstanceState child)
    {
        var output = MapVariables(node.Call?.Out ?? [], child.VisibleVariables(null));
        SetResultVariables(parent, execution, node, output);
        Step.Journal(parent, "call-completed", node.Id, new { childInstanceId = child.Id, status = child.Entity.Status.ToString().ToLowerInvariant() });
        ScheduleLeave(parent, execution, node);
    }

    /// <summary>Redoes the hand-back of a called instance whose out-mapping failed (incident retry).</summary>
    public async Task RetryResumeCallAsync(InstanceState parent, ExecutionEntity execution, CancellationToken cancellationToken)
    {
        var childId = await Step.Db.Instances.Where(i => i.ParentExecutionId == execution.Id).OrderByDescending(i => i.StartedAt).Select(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        var child = await Step.LoadAsync(childId, cancellationToken) ?? throw EngineErrors.CalledInstanceNotFound.Exception();
        var node = parent.Model.Node(execution.ElementId);
        Schedule(parent, execution, node, "resume-call", _ =>
        {
            ResumeCall(parent, execution, node, child);
            return Task.CompletedTask;
        });
    }

    // ---------------------------------------------------------------- BPMN errors

    /// <summary>
    /// Throws a BPMN error from <paramref name="execution"/>: the nearest matching error boundary event (on the activity itself,
    /// its enclosing sub-processes, then the call activities of calling instances) catches it; uncaught, it is an incident.
    /// </summary>
    public async Task ThrowErrorAsync(InstanceState instance, ExecutionEntity execution, FlowNode origin, string errorCode, string message, CancellationToken cancellationToken)
    {
        var (catchInstance, catchExecution, boundary) = await FindErrorCatchAsync(instance, execution, origin, errorCode, cancellationToken);
        if (boundary is null)
        {
            OpenIncident(instance, execution, origin.Id, "unhandled-error", EngineErrors.UnhandledBpmnError.With(("errorCode", errorCode), ("message", Truncate(message))), "enter");
            return;
        }

        Step.Journal(instance, "error-thrown", origin.Id, new { errorCode, message, caughtBy = boundary.Id });

        // Terminate called instances between the thrower and the catcher.
        var current = instance;
        while (current != catchInstance)
        {
            var parentId = current.Entity.ParentInstanceId!.Value;
            await CancelInstanceAsync(current, $"Error '{errorCode}' passed to the calling process", notifyCaller: false, cancellationToken);
            current = (await Step.LoadAsync(parentId, cancellationToken))!;
        }

        await CancelChildrenAndArtifactsAsync(catchInstance!, catchExecution!, cancellationToken);
        var variables = new JsonObject();
        if (boundary.Properties.TryGetValue("errorCodeVariable", out var codeVariable))
        {
            variables[codeVariable] = errorCode;
        }

        if (boundary.Properties.TryGetValue("errorMessageVariable", out var messageVariable))
        {
            variables[messageVariable] = message;
        }

        SetVariables(catchInstance!, catchInstance!.Parent(catchExecution!), variables);
        TakeBoundary(catchInstance!, catchExecution!, boundary, interrupting: true);
    }

    private async Task<(InstanceState? Instance, ExecutionEntity? Execution, FlowNode? Boundary)> FindErrorCatchAsync(
        InstanceState instance, ExecutionEntity execution, FlowNode origin, string errorCode, CancellationToken cancellationToken)
    {
        var current = instance;
        var candidate = origin.IsActivity ? execution : instance.Parent(execution);
        while (true)
        {
            for (; candidate is not null; candidate = current.Parent(candidate))
            {
                var node = current.Model.Node(candidate.ElementId);
                var boundary = node.BoundaryEvents.FirstOrDefault(b => b.Trigger == EventTrigger.Error && b.ErrorCode == errorCode)
                    ?? node.BoundaryEvents.FirstOrDefault(b => b.Trigger == EventTrigger.Error && b.ErrorCode is null);
                if (boundary is not null)
                {
                    return (current, candidate, boundary);
                }
            }

            if (current.Entity.ParentInstanceId is not { } parentId || current.Entity.ParentExecutionId is not { } parentExecutionId)
            {
                return (null, null, null);
            }

            var parent = await Step.LoadAsync(parentId, cancellationToken);
            candidate = parent?.FindExecution(parentExecutionId);
            if (parent is null || candidate is null)
            {
                return (null, null, null);
            }

            current = parent;
        }
    }
}
