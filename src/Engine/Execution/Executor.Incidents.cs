using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Inburgering.Engine.Execution;

// The executor's incidents: open, close and retry.
internal sealed partial class Executor
{
    private void OpenIncident(InstanceState instance, ExecutionEntity execution, string elementId, string type, EngineError error, string operation, JobEntity? job = null, Activities.PartnerExchange? exchange = null)
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
            Exchange = exchange is null ? null : System.Text.Json.JsonSerializer.Serialize(exchange, Json.Options),
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
                job.TraceParent = EngineMetrics.TraceParent() ?? job.TraceParent;
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
