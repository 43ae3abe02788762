using System.Text.Json;
using System.Text.Json.Nodes;
using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Persistence;

namespace Inburgering.Engine.Execution;

/// <summary>One instance loaded into a step: its row, its model and everything that waits in it.</summary>
internal sealed class InstanceState
{
    /// <summary>The variable through which expressions see the instance itself (<c>execution.businessKey</c>, its tenant…).</summary>
    public const string ExecutionVariable = "execution";

    private readonly Dictionary<Guid, JsonObject> _locals = [];

    /// <param name="tenantVariable">The name under which expressions see the tenant in <c>execution</c> (the host's word for it).</param>
    public InstanceState(InstanceEntity entity, ProcessModel model, string tenantVariable)
    {
        Entity = entity;
        Model = model;
        TenantVariable = tenantVariable;
        Variables = Json.ParseObject(entity.Variables);
    }

    public string TenantVariable { get; }

    public InstanceEntity Entity { get; }

    public ProcessModel Model { get; }

    public JsonObject Variables { get; }

    public bool VariablesChanged { get; set; }

    public List<ExecutionEntity> Executions { get; } = [];

    public List<UserTaskEntity> Tasks { get; } = [];

    public List<TimerEntity> Timers { get; } = [];

    public List<MessageSubscriptionEntity> Subscriptions { get; } = [];

    public List<JobEntity> Jobs { get; } = [];

    public Guid Id => Entity.Id;

    public bool IsActive => Entity.Status == InstanceStatus.Active;

    public ExecutionEntity? FindExecution(Guid id) => Executions.FirstOrDefault(e => e.Id == id);

    public IEnumerable<ExecutionEntity> ChildrenOf(Guid? parentId) => Executions.Where(e => e.ParentId == parentId);

    public ExecutionEntity? Parent(ExecutionEntity execution) => execution.ParentId is { } p ? FindExecution(p) : null;

    /// <summary>The local variables of an execution (its input parameters), created on demand.</summary>
    public JsonObject Locals(ExecutionEntity execution)
    {
        if (!_locals.TryGetValue(execution.Id, out var locals))
        {
            locals = execution.LocalVariables is null ? [] : Json.ParseObject(execution.LocalVariables);
            _locals[execution.Id] = locals;
        }

        return locals;
    }

    public bool HasLocals(ExecutionEntity execution) =>
        (_locals.TryGetValue(execution.Id, out var l) && l.Count > 0) || execution.LocalVariables is not null;

    public void ClearLocals(ExecutionEntity execution)
    {
        _locals.Remove(execution.Id);
        execution.LocalVariables = null;
    }

    /// <summary>Every variable visible at an execution: instance variables, overlaid by the locals of its scopes, innermost last.</summary>
    public Dictionary<string, JsonNode?> VisibleVariables(ExecutionEntity? execution)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in Variables)
        {
            result[name] = value;
        }

        var chain = new Stack<ExecutionEntity>();
        for (var e = execution; e is not null; e = Parent(e))
        {
            chain.Push(e);
        }

        foreach (var e in chain)
        {
            if (!HasLocals(e))
            {
                continue;
            }

            foreach (var (name, value) in Locals(e))
            {
                result[name] = value;
            }
        }

        result[ExecutionVariable] = new JsonObject
        {
            ["instanceId"] = Entity.Id.ToString(),
            ["businessKey"] = Entity.BusinessKey,
            [TenantVariable] = Entity.TenantId,
            ["definitionKey"] = Entity.DefinitionKey,
            ["elementId"] = execution?.ElementId,
        };
        return result;
    }

    /// <summary>
    /// Sets a variable where it lives: the nearest scope (from <paramref name="scope"/> outward) that has it as a local,
    /// else on the instance.
    /// </summary>
    public void SetVariable(ExecutionEntity? scope, string name, JsonNode? value)
    {
        for (var e = scope; e is not null; e = Parent(e))
        {
            if (HasLocals(e) && Locals(e).ContainsKey(name))
            {
                Locals(e)[name] = value?.DeepClone();
                return;
            }
        }

        Variables[name] = value?.DeepClone();
        VariablesChanged = true;
    }

    /// <summary>
    /// The most an instance's variables may take, as JSON text (issue 9: variables grew without bound, and every read
    /// returns them all). One request is limited by the host (1 MiB); this bounds what many requests add up to.
    /// </summary>
    public const int MaxVariablesLength = 4 * 1024 * 1024;

    /// <summary>Writes changed variables and locals back to the rows; refuses variables beyond <see cref="MaxVariablesLength"/>.</summary>
    public void Flush()
    {
        if (VariablesChanged)
        {
            var json = Variables.ToJsonString(Json.Options);
            if (json.Length > MaxVariablesLength)
            {
                throw EngineErrors.VariablesTooLarge.Exception(("length", json.Length), ("max", MaxVariablesLength));
            }

            Entity.Variables = json;
            VariablesChanged = false;
        }

        foreach (var execution in Executions)
        {
            if (_locals.TryGetValue(execution.Id, out var locals))
            {
                execution.LocalVariables = locals.Count == 0 ? null : locals.ToJsonString(Json.Options);
            }
        }
    }
}

/// <summary>JSON helpers for variable storage.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject ParseObject(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        return JsonNode.Parse(json) as JsonObject ?? [];
    }
}
