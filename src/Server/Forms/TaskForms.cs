using System.Text.Json.Nodes;
using Inburgering.Engine;
using Inburgering.Engine.Queries;
using Inburgering.Server.Api;
using Inburgering.Workflows.Forms;

namespace Inburgering.Server.Forms;

/// <summary>A task with its form filled in from the process: what the task page shows.</summary>
public sealed record TaskFormView(
    TaskView Task,
    JsonObject? Form,
    JsonObject Data,
    TaskReturnView? Returned,
    IReadOnlyList<JournalEntryView> History);

/// <summary>The last time a four-eyes task was sent back to the first person, and why.</summary>
public sealed record TaskReturnView(string By, DateTimeOffset At, string Reason);

/// <summary>Task forms: the form with its data for the task page, and the check of a completion against the same form.</summary>
public sealed class TaskForms(EngineQueries queries, FormCatalog forms)
{
    public async Task<TaskFormView?> GetAsync(Guid taskId, Actor actor, CancellationToken cancellationToken)
    {
        var task = await queries.TaskAsync(taskId, actor, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var form = task.FormKey is { } key ? forms.Find(key) : null;
        var variables = await CurrentAsync(task, actor, cancellationToken);
        var history = await queries.TaskHistoryAsync(taskId, actor, cancellationToken) ?? [];
        var returned = history.LastOrDefault(h => h.Type == "task-returned") is { } r && r.Data is JsonObject data
            && !history.Any(h => h.Id > r.Id && h.Type == "task-approved")
            ? new TaskReturnView(r.User ?? "", r.At, (string?)data["reason"] ?? "")
            : null;
        return new TaskFormView(task, form, form is null ? new JsonObject() : FormValidator.DataFor(form, variables), returned, history);
    }

    /// <summary>
    /// The check of a completion against the task's form, for the engine to run inside the step that completes the task
    /// (so the form is judged against the variables the completion itself reads, with no reads of its own). It refuses
    /// with a <see cref="TaskFormRefusedException"/>: a 422 naming every refused field, or a 409 when the task's form is missing.
    /// A task without a form passes.
    /// </summary>
    public Action<TaskCompletionCheck> Check(JsonObject? submitted) => task =>
    {
        if (task.FormKey is not { } key)
        {
            return;
        }

        if (forms.Find(key) is not { } form)
        {
            throw new TaskFormRefusedException(Problems.Result(StatusCodes.Status409Conflict, "Formulier ontbreekt", ServerErrors.TaskFormMissing, ErrorTexts.Describe(ServerErrors.TaskFormMissing, ("key", key))));
        }

        var errors = FormValidator.Validate(form, submitted ?? [], task.Current);
        if (errors.Count == 0)
        {
            return;
        }

        var detail = errors.Count == 1
            ? errors[0].Message
            : $"{errors.Count} velden zijn niet in orde: {string.Join(" ", errors.Select(e => e.Message))}";
        throw new TaskFormRefusedException(Problems.Result(StatusCodes.Status422UnprocessableEntity, "Formulier niet in orde", ServerErrors.FormInvalid, detail, new Dictionary<string, object?>
        {
            ["errors"] = errors,
        }));
    };

    /// <summary>The task's instance variables with, for a four-eyes task, what the first person(s) entered on top.</summary>
    private async Task<JsonObject> CurrentAsync(TaskView task, Actor actor, CancellationToken cancellationToken)
    {
        var variables = await queries.VariablesAsync(task.InstanceId, actor, cancellationToken) ?? [];
        foreach (var approval in task.Approvals)
        {
            foreach (var (name, value) in approval.Variables ?? [])
            {
                variables[name] = value?.DeepClone();
            }
        }

        return variables;
    }
}

/// <summary>A completion the task's form refuses (<see cref="TaskForms.Check"/>): the problem to answer with; nothing was stored.</summary>
#pragma warning disable CA1032 // Carries a ready answer, not a message.
public sealed class TaskFormRefusedException(IResult result) : Exception("The task's form refuses the completion.")
#pragma warning restore CA1032
{
    public IResult Result { get; } = result;
}
