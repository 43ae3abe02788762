using System.Text.Json.Nodes;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Execution;

// The executor's service tasks: the partner-call job rows and their outcomes.
internal sealed partial class Executor
{
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
            TraceParent = EngineMetrics.TraceParent(),
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
    public void FailJob(InstanceState instance, JobEntity job, EngineError error, Activities.PartnerExchange? exchange = null)
    {
        var execution = instance.FindExecution(job.ExecutionId) ?? throw EngineErrors.PathGone.Exception();
        job.Status = JobStatus.Failed;
        job.LastError = Truncate(error.Message);
        job.LockedBy = null;
        job.LockedUntil = null;
        instance.Jobs.Remove(job);
        OpenIncident(instance, execution, job.ElementId, "activity", error, "job", job, exchange);
    }
}
