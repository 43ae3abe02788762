using System.Collections.Frozen;

namespace Inburgering.Engine.Bpmn;

/// <summary>What a flow node is, as far as the engine runs it.</summary>
internal enum NodeKind
{
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    Task,
    ManualTask,
    UserTask,
    ServiceTask,
    SendTask,
    ReceiveTask,
    SubProcess,
    CallActivity,
    ExclusiveGateway,
    ParallelGateway,
    InclusiveGateway,
}

/// <summary>The event definition of an event node.</summary>
internal enum EventTrigger
{
    None,
    Message,
    Timer,
    Error,
    Terminate,
}

/// <summary>Which of the three BPMN timer definitions a timer event carries.</summary>
internal enum TimerDefinitionKind
{
    Date,
    Duration,
    Cycle,
}

/// <summary>A BPMN timer definition: literal ISO text or a <c>${…}</c> expression computing it.</summary>
internal sealed record TimerDefinition(TimerDefinitionKind Kind, string Text);

/// <summary>One <c>camunda:inputParameter</c> or <c>camunda:outputParameter</c>.</summary>
internal sealed record IoParameter(string Name, IoValue Value);

/// <summary>The value of an I/O parameter or a call-activity mapping.</summary>
internal abstract record IoValue
{
    private IoValue() { }

    /// <summary>Literal text, or a template with <c>${…}</c> expressions.</summary>
    public sealed record Text(string Value) : IoValue;

    /// <summary>A JavaScript script (<c>camunda:script scriptFormat="javascript"</c>); its completion value is the result.</summary>
    public sealed record Script(string Source) : IoValue;

    public sealed record List(IReadOnlyList<IoValue> Items) : IoValue;

    public sealed record Map(IReadOnlyList<KeyValuePair<string, IoValue>> Entries) : IoValue;

    /// <summary>No value: the parameter is set to null.</summary>
    public sealed record Empty : IoValue;
}

/// <summary>A <c>camunda:in</c> or <c>camunda:out</c> mapping on a call activity.</summary>
/// <param name="Source">Variable name to copy (null when <paramref name="SourceExpression"/> or <paramref name="AllVariables"/>).</param>
/// <param name="SourceExpression">Expression to evaluate (in the source scope).</param>
/// <param name="Target">Variable name in the target scope.</param>
/// <param name="AllVariables"><c>variables="all"</c>: copy every variable.</param>
internal sealed record CallMapping(string? Source, string? SourceExpression, string? Target, bool AllVariables);

/// <summary>How a call activity chooses the version of the called process.</summary>
internal enum CalledVersionBinding
{
    Latest,
    Version,
    Deployment,
}

/// <summary>The human side of a user task.</summary>
internal sealed record UserTaskSpec(
    string? Assignee,
    string? CandidateGroups,
    string? CandidateUsers,
    string? DueDate,
    string? FollowUpDate,
    string? FormKey,
    string? Priority);

/// <summary>The call of a call activity.</summary>
internal sealed record CallActivitySpec(
    string CalledElement,
    CalledVersionBinding Binding,
    int? Version,
    IReadOnlyList<CallMapping> In,
    IReadOnlyList<CallMapping> Out,
    string? BusinessKeyExpression);

/// <summary>An element with an id inside a process.</summary>
internal abstract class FlowElement
{
    protected FlowElement(string id, string? name)
    {
        Id = id;
        Name = name;
    }

    public string Id { get; }

    public string? Name { get; }

    /// <summary>The process or sub-process this element sits in directly.</summary>
    public ScopeModel Scope { get; internal set; } = null!;

    public override string ToString() => Name is null ? Id : $"{Id} ({Name})";
}

/// <summary>A sequence flow between two nodes of the same scope.</summary>
internal sealed class SequenceFlow : FlowElement
{
    internal SequenceFlow(string id, string? name, string? condition)
        : base(id, name)
    {
        Condition = condition;
    }

    public FlowNode Source { get; internal set; } = null!;

    public FlowNode Target { get; internal set; } = null!;

    /// <summary>JavaScript condition (bare or <c>${…}</c>); null = always.</summary>
    public string? Condition { get; }

    public bool IsDefault => Source.DefaultFlow == this;
}

/// <summary>A node tokens pass through: event, activity or gateway.</summary>
internal sealed class FlowNode : FlowElement
{
    private readonly List<SequenceFlow> _incoming = [];
    private readonly List<SequenceFlow> _outgoing = [];
    private readonly List<FlowNode> _boundaryEvents = [];

    internal FlowNode(string id, string? name, NodeKind kind)
        : base(id, name)
    {
        Kind = kind;
    }

    public NodeKind Kind { get; }

    public EventTrigger Trigger { get; internal set; }

    public TimerDefinition? Timer { get; internal set; }

    /// <summary>The message name of a message event or receive task.</summary>
    public string? MessageName { get; internal set; }

    /// <summary>The error code thrown (error end) or caught (error boundary; null = every error).</summary>
    public string? ErrorCode { get; internal set; }

    /// <summary>For a boundary event: the activity it is attached to.</summary>
    public FlowNode? AttachedTo { get; internal set; }

    /// <summary>For a boundary event: interrupting (the default) or not.</summary>
    public bool CancelActivity { get; internal set; } = true;

    /// <summary>For a service or send task: the activity type key (<c>camunda:topic</c>).</summary>
    public string? Topic { get; internal set; }

    public UserTaskSpec? UserTask { get; internal set; }

    public CallActivitySpec? Call { get; internal set; }

    /// <summary>For a sub-process: its inner scope.</summary>
    public ScopeModel? SubScope { get; internal set; }

    public SequenceFlow? DefaultFlow { get; internal set; }

    public IReadOnlyList<IoParameter> Inputs { get; internal set; } = [];

    public IReadOnlyList<IoParameter> Outputs { get; internal set; } = [];

    /// <summary><c>camunda:properties</c>: free name/value pairs (e.g. four-eyes settings).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; internal set; } = FrozenDictionary<string, string>.Empty;

    public string? Documentation { get; internal set; }

    public IReadOnlyList<SequenceFlow> Incoming => _incoming;

    public IReadOnlyList<SequenceFlow> Outgoing => _outgoing;

    /// <summary>Boundary events attached to this activity.</summary>
    public IReadOnlyList<FlowNode> BoundaryEvents => _boundaryEvents;

    public bool IsActivity => Kind is NodeKind.Task or NodeKind.ManualTask or NodeKind.UserTask or NodeKind.ServiceTask
        or NodeKind.SendTask or NodeKind.ReceiveTask or NodeKind.SubProcess or NodeKind.CallActivity;

    public bool IsGateway => Kind is NodeKind.ExclusiveGateway or NodeKind.ParallelGateway or NodeKind.InclusiveGateway;

    internal void AddIncoming(SequenceFlow flow) => _incoming.Add(flow);

    internal void AddOutgoing(SequenceFlow flow) => _outgoing.Add(flow);

    internal void AddBoundaryEvent(FlowNode boundary) => _boundaryEvents.Add(boundary);
}

/// <summary>A process or an embedded sub-process: the nodes and flows it holds directly.</summary>
internal class ScopeModel
{
    private readonly List<FlowNode> _nodes = [];
    private readonly List<SequenceFlow> _flows = [];

    internal ScopeModel(string id, FlowNode? owner)
    {
        Id = id;
        Owner = owner;
    }

    public string Id { get; }

    /// <summary>The sub-process node owning this scope; null for the process itself.</summary>
    public FlowNode? Owner { get; }

    public IReadOnlyList<FlowNode> Nodes => _nodes;

    public IReadOnlyList<SequenceFlow> Flows => _flows;

    public IEnumerable<FlowNode> StartEvents => _nodes.Where(n => n.Kind == NodeKind.StartEvent);

    /// <summary>The none start event a token enters the scope by (null for a process started only by message or timer).</summary>
    public FlowNode? NoneStartEvent => _nodes.FirstOrDefault(n => n.Kind == NodeKind.StartEvent && n.Trigger == EventTrigger.None);

    internal void Add(FlowNode node) => _nodes.Add(node);

    internal void Add(SequenceFlow flow) => _flows.Add(flow);
}

/// <summary>An executable process: an immutable graph, parsed once per deployed version.</summary>
internal sealed class ProcessModel : ScopeModel
{
    private FrozenDictionary<string, FlowNode> _nodesById = FrozenDictionary<string, FlowNode>.Empty;
    private FrozenDictionary<string, FrozenSet<string>> _inclusiveUpstream = FrozenDictionary<string, FrozenSet<string>>.Empty;

    internal ProcessModel(string id, string? name, bool isExecutable)
        : base(id, null)
    {
        Name = name;
        IsExecutable = isExecutable;
    }

    public string? Name { get; }

    public bool IsExecutable { get; }

    public string? Documentation { get; internal set; }

    /// <summary>Every node of the process, including those inside sub-processes.</summary>
    public IReadOnlyDictionary<string, FlowNode> AllNodes => _nodesById;

    public FlowNode Node(string id) =>
        _nodesById.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"Element '{id}' is not in process '{Id}'.");

    public FlowNode? FindNode(string id) => _nodesById.GetValueOrDefault(id);

    /// <summary>Message start events, by message name.</summary>
    public IEnumerable<FlowNode> MessageStartEvents => StartEvents.Where(s => s.Trigger == EventTrigger.Message);

    public IEnumerable<FlowNode> TimerStartEvents => StartEvents.Where(s => s.Trigger == EventTrigger.Timer);

    /// <summary>
    /// Whether a token at <paramref name="nodeId"/> (same scope as the inclusive gateway) could still
    /// arrive at <paramref name="inclusiveGatewayId"/> without passing through it.
    /// </summary>
    public bool CanReach(string nodeId, string inclusiveGatewayId) =>
        _inclusiveUpstream.TryGetValue(inclusiveGatewayId, out var upstream) && upstream.Contains(nodeId);

    internal void Freeze(IEnumerable<FlowNode> allNodes)
    {
        _nodesById = allNodes.ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);
        _inclusiveUpstream = _nodesById.Values
            .Where(n => n.Kind == NodeKind.InclusiveGateway)
            .ToFrozenDictionary(n => n.Id, Upstream, StringComparer.Ordinal);
    }

    /// <summary>Nodes from which the gateway is reachable by sequence flows (boundary events count for their activity).</summary>
    private static FrozenSet<string> Upstream(FlowNode gateway)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<FlowNode>();
        foreach (var flow in gateway.Incoming)
        {
            work.Push(flow.Source);
        }

        while (work.Count > 0)
        {
            var node = work.Pop();
            if (node == gateway || !seen.Add(node.Id))
            {
                continue;
            }

            if (node.Kind == NodeKind.BoundaryEvent && node.AttachedTo is not null)
            {
                work.Push(node.AttachedTo);
            }

            foreach (var flow in node.Incoming)
            {
                work.Push(flow.Source);
            }
        }

        return seen.ToFrozenSet(StringComparer.Ordinal);
    }
}
