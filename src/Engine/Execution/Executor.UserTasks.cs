using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Expressions;
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

    /// <summary>
    /// A due date or follow-up date follows the variables it is computed from: when a step sets a variable that an open task's
    /// <c>camunda:dueDate</c> or <c>camunda:followUpDate</c> expression names (DUO extends the inburgeringstermijn, and the
    /// PVT and MAP tasks due at its end move with it), the expression is evaluated again. A duration stays counted from the
    /// task's creation. A date that can no longer be evaluated keeps its old value, with the reason in the journal.
    /// </summary>
    private void FollowDueDates()
    {
        foreach (var instance in Step.Instances)
        {
            if (instance.SetInThisStep.Count == 0)
            {
                continue;
            }

            var changed = instance.SetInThisStep.ToList();
            instance.SetInThisStep.Clear();
            if (!instance.IsActive)
            {
                continue;
            }

            foreach (var task in instance.Tasks.Where(t => t.Status == UserTaskStatus.Open).ToList())
            {
                if (instance.Model.FindNode(task.ElementId) is not { UserTask: { } spec } node || instance.FindExecution(task.ExecutionId) is not { } execution)
                {
                    continue;
                }

                var due = Follow(spec.DueDate, task.DueAt, "camunda:dueDate");
                var followUp = Follow(spec.FollowUpDate, task.FollowUpAt, "camunda:followUpDate");
                if (due != task.DueAt || followUp != task.FollowUpAt)
                {
                    Step.Journal(instance, "task-dates-moved", node.Id, new { taskId = task.Id, dueAt = due, previousDueAt = task.DueAt, followUpAt = followUp, previousFollowUpAt = task.FollowUpAt, after = changed.Where(n => Names(spec.DueDate, n) || Names(spec.FollowUpDate, n)).Order(StringComparer.Ordinal).ToList() });
                    task.DueAt = due;
                    task.FollowUpAt = followUp;
                }

                DateTimeOffset? Follow(string? template, DateTimeOffset? current, string what)
                {
                    if (template is null || !changed.Any(n => Names(template, n)))
                    {
                        return current;
                    }

                    try
                    {
                        return EvaluateDate(instance, execution, template, what, task.CreatedAt);
                    }
                    catch (Exception ex) when (ex is ExpressionException or ModelRuntimeException)
                    {
                        Step.Journal(instance, "task-date-kept", node.Id, new { taskId = task.Id, attribute = what, reason = Truncate(ex.Message) });
                        return current;
                    }
                }
            }
        }

        // An expression names a variable when the name stands as a whole identifier in it (not a property after a dot).
        static bool Names(string? template, string name) =>
            template is not null && template.Contains("${", StringComparison.Ordinal)
            && IdentifiersIn.GetOrAdd(template, t => Identifier().Matches(t).Select(m => m.Value).ToFrozenSet(StringComparer.Ordinal)).Contains(name);
    }

    // The identifiers of each date template, read once per template text (templates come from the deployed models).
    private static readonly ConcurrentDictionary<string, FrozenSet<string>> IdentifiersIn = new(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![\w$.])[A-Za-z_$][\w$]*", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    /// <summary>A due or follow-up date: an ISO date/time, or a duration from now (P2W) or from <paramref name="durationFrom"/>.</summary>
    private DateTimeOffset? EvaluateDate(InstanceState instance, ExecutionEntity execution, string? template, string what, DateTimeOffset? durationFrom = null)
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
            return duration!.FirstDue(durationFrom ?? Now, Services.Zone).ToUniversalTime();
        }

        throw new ModelRuntimeException(EngineErrors.DateInvalid.With(("attribute", what), ("value", text)));
    }
}
