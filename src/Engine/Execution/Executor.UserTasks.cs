using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;
using Inburgering.Engine.Timers;

namespace Inburgering.Engine.Execution;

// The executor's user tasks: create with assignee, candidates and dates; complete.
internal sealed partial class Executor
{
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
}
