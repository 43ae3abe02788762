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

    /// <summary>
    /// The names of the variables set in this step (instance variables and locals), so the due dates computed from them can
    /// follow (<see cref="Executor"/>'s due-date follow-up).
    /// </summary>
    public HashSet<string> SetInThisStep { get; } = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Every variable visible at an execution: instance variables, overlaid by the locals of its scopes, innermost last, and
    /// <see cref="ExecutionVariable"/>. A view, read when asked: an expression reads the few variables it names, and a
    /// traject's instances hold 50 to 120 in the demo (all of them are gathered only when enumerated).
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?> VisibleVariables(ExecutionEntity? execution) => new Visible(this, execution);

    private JsonObject ExecutionObject(ExecutionEntity? execution) => new()
    {
        ["instanceId"] = Entity.Id.ToString(),
        ["businessKey"] = Entity.BusinessKey,
        [TenantVariable] = Entity.TenantId,
        ["definitionKey"] = Entity.DefinitionKey,
        ["elementId"] = execution?.ElementId,
    };

    /// <summary>The variables visible at an execution, looked up by name on demand (see <see cref="VisibleVariables"/>).</summary>
    private sealed class Visible(InstanceState instance, ExecutionEntity? execution) : IReadOnlyDictionary<string, JsonNode?>
    {
        private Dictionary<string, JsonNode?>? _all;
        private JsonObject? _execution;

        public int Count => All.Count;

        public IEnumerable<string> Keys => All.Keys;

        public IEnumerable<JsonNode?> Values => All.Values;

        public JsonNode? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, out JsonNode? value)
        {
            if (key == ExecutionVariable)
            {
                value = _execution ??= instance.ExecutionObject(execution);
                return true;
            }

            // Innermost scope first: a local hides the variables of the scopes around it and the instance's.
            for (var e = execution; e is not null; e = instance.Parent(e))
            {
                if (instance.HasLocals(e) && instance.Locals(e).TryGetPropertyValue(key, out value))
                {
                    return true;
                }
            }

            return instance.Variables.TryGetPropertyValue(key, out value);
        }

        public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() => All.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private Dictionary<string, JsonNode?> All => _all ??= Gather();

        private Dictionary<string, JsonNode?> Gather()
        {
            var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var (name, value) in instance.Variables)
            {
                result[name] = value;
            }

            var chain = new Stack<ExecutionEntity>();
            for (var e = execution; e is not null; e = instance.Parent(e))
            {
                chain.Push(e);
            }

            foreach (var e in chain)
            {
                if (!instance.HasLocals(e))
                {
                    continue;
                }

                foreach (var (name, value) in instance.Locals(e))
                {
                    result[name] = value;
                }
            }

            TryGetValue(ExecutionVariable, out var executionObject);
            result[ExecutionVariable] = executionObject;
            return result;
        }
    }

    /// <summary>
    /// Sets a variable where it lives: the nearest scope (from <paramref name="scope"/> outward) that has it as a local,
    /// else on the instance.
    /// </summary>
    public void SetVariable(ExecutionEntity? scope, string name, JsonNode? value)
    {
        SetInThisStep.Add(name);
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
