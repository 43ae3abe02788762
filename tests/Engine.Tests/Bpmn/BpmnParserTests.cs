using Inburgering.Engine.Bpmn;

namespace Inburgering.Engine.Tests.Bpmn;

/// <summary>What the parser reads from a valid file: the graph the executor runs.</summary>
public sealed class BpmnParserTests
{
    private static readonly Lazy<ProcessModel> LazyModel = new(() =>
    {
        var result = BpmnParser.Parse(File.ReadAllText(EngineHarness.BpmnPath("every-construct.bpmn")));
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        return Assert.Single(result.Processes);
    });

    private static ProcessModel Model => LazyModel.Value;

    [Fact]
    public void Parse_FileWithEveryConstruct_IsValidWithoutBpmnDi()
    {
        var xml = File.ReadAllText(EngineHarness.BpmnPath("every-construct.bpmn"));
        Assert.DoesNotContain("BPMNDiagram", xml);

        var result = BpmnParser.Parse(xml);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var process = Assert.Single(result.Processes);
        Assert.Equal("alles", process.Id);
        Assert.Equal("Alle constructies", process.Name);
        Assert.True(process.IsExecutable);
        Assert.Equal("Een proces met elk element dat de engine uitvoert.", process.Documentation);
    }

    [Fact]
    public void Parse_FileWithEveryConstruct_PassesTheChecksOfTheEngine()
    {
        var result = BpmnParser.Parse(File.ReadAllText(EngineHarness.BpmnPath("every-construct.bpmn")), EngineValidation.Hooks);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
    }

    [Theory]
    [InlineData("start", NodeKind.StartEvent)]
    [InlineData("startByMessage", NodeKind.StartEvent)]
    [InlineData("startByTimer", NodeKind.StartEvent)]
    [InlineData("split", NodeKind.ParallelGateway)]
    [InlineData("review", NodeKind.UserTask)]
    [InlineData("reminder", NodeKind.BoundaryEvent)]
    [InlineData("notify", NodeKind.SendTask)]
    [InlineData("choice", NodeKind.ExclusiveGateway)]
    [InlineData("sub", NodeKind.SubProcess)]
    [InlineData("waitMsg", NodeKind.IntermediateCatchEvent)]
    [InlineData("subErrorEnd", NodeKind.EndEvent)]
    [InlineData("call", NodeKind.CallActivity)]
    [InlineData("manual", NodeKind.ManualTask)]
    [InlineData("throwNone", NodeKind.IntermediateThrowEvent)]
    [InlineData("service", NodeKind.ServiceTask)]
    [InlineData("receive", NodeKind.ReceiveTask)]
    [InlineData("plain", NodeKind.Task)]
    [InlineData("join", NodeKind.InclusiveGateway)]
    [InlineData("stop", NodeKind.EndEvent)]
    public void Parse_EachElement_GetsItsKind(string id, object kind) =>
        Assert.Equal((NodeKind)kind, Model.Node(id).Kind);

    [Fact]
    public void Parse_AllNodes_IncludesSubProcessContents_ButNotFlowsOrArtifacts()
    {
        Assert.Equal(28, Model.AllNodes.Count);
        Assert.Contains("subGw", Model.AllNodes.Keys);
        Assert.Null(Model.FindNode("f1"));
        Assert.Null(Model.FindNode("note"));
        Assert.Null(Model.FindNode("laneConsulent"));
        Assert.Throws<KeyNotFoundException>(() => Model.Node("bestaat-niet"));
    }

    [Theory]
    [InlineData("start", EventTrigger.None)]
    [InlineData("startByMessage", EventTrigger.Message)]
    [InlineData("startByTimer", EventTrigger.Timer)]
    [InlineData("reminder", EventTrigger.Timer)]
    [InlineData("waitMsg", EventTrigger.Message)]
    [InlineData("wait", EventTrigger.Timer)]
    [InlineData("subErrorEnd", EventTrigger.Error)]
    [InlineData("subError", EventTrigger.Error)]
    [InlineData("callMsg", EventTrigger.Message)]
    [InlineData("stop", EventTrigger.Terminate)]
    [InlineData("end", EventTrigger.None)]
    [InlineData("throwNone", EventTrigger.None)]
    public void Parse_EachEvent_GetsItsTrigger(string id, object trigger) =>
        Assert.Equal((EventTrigger)trigger, Model.Node(id).Trigger);

    [Fact]
    public void Parse_StartEvents_AreSortedByTrigger()
    {
        Assert.Equal("start", Model.NoneStartEvent?.Id);
        Assert.Equal(["startByMessage"], Model.MessageStartEvents.Select(s => s.Id));
        Assert.Equal(["startByTimer"], Model.TimerStartEvents.Select(s => s.Id));
        Assert.Equal(3, Model.StartEvents.Count());
    }

    [Fact]
    public void Parse_Timers_KeepTheirKindAndText()
    {
        Assert.Equal(new TimerDefinition(TimerDefinitionKind.Cycle, "R/P3M"), Model.Node("startByTimer").Timer);
        Assert.Equal(new TimerDefinition(TimerDefinitionKind.Cycle, "R3/P1W"), Model.Node("reminder").Timer);
        Assert.Equal(new TimerDefinition(TimerDefinitionKind.Duration, "P14D"), Model.Node("wait").Timer);
        Assert.Null(Model.Node("start").Timer);
    }

    [Fact]
    public void Parse_MessageEventsAndReceiveTasks_CarryTheMessageName_NotItsId()
    {
        Assert.Equal("aanvraag-ontvangen", Model.Node("startByMessage").MessageName);
        Assert.Equal("reactie-ontvangen", Model.Node("waitMsg").MessageName);
        Assert.Equal("reactie-ontvangen", Model.Node("receive").MessageName);
        Assert.Equal("aanvraag-ingetrokken", Model.Node("callMsg").MessageName);
    }

    [Fact]
    public void Parse_ErrorEvents_CarryTheErrorCode_NotTheErrorId()
    {
        Assert.Equal("AFGEWEZEN", Model.Node("subErrorEnd").ErrorCode);
        Assert.Equal("AFGEWEZEN", Model.Node("subError").ErrorCode);
    }

    [Fact]
    public void Parse_ErrorBoundaryWithoutErrorRef_CatchesEveryError()
    {
        var model = Parse("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <task id="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />
            <boundaryEvent id="b" attachedToRef="t"><errorEventDefinition /></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="b" targetRef="e2" /><endEvent id="e2" />
            """);

        Assert.Equal(EventTrigger.Error, model.Node("b").Trigger);
        Assert.Null(model.Node("b").ErrorCode);
    }

    [Fact]
    public void Parse_BoundaryEvents_AreAttachedToTheirActivity_WithCancelActivity()
    {
        var reminder = Model.Node("reminder");
        Assert.Same(Model.Node("review"), reminder.AttachedTo);
        Assert.False(reminder.CancelActivity);
        Assert.Equal([reminder], Model.Node("review").BoundaryEvents);

        Assert.Same(Model.Node("sub"), Model.Node("subError").AttachedTo);
        Assert.True(Model.Node("subError").CancelActivity);
        Assert.Same(Model.Node("call"), Model.Node("callMsg").AttachedTo);
        Assert.True(Model.Node("callMsg").CancelActivity);
        Assert.Empty(Model.Node("service").BoundaryEvents);
    }

    [Fact]
    public void Parse_UserTask_ReadsTheHumanSide()
    {
        var spec = Model.Node("review").UserTask;

        Assert.Equal(
            new UserTaskSpec("${behandelaar}", "consulent, begeleider", "piet,marie", "P2W", "2026-03-01T09:00:00Z", "beoordelen.form", "60"),
            spec);
        Assert.Null(Model.Node("service").UserTask);
    }

    [Fact]
    public void Parse_ServiceAndSendTasks_CarryTheirActivityTopic()
    {
        Assert.Equal("test.echo", Model.Node("service").Topic);
        Assert.Equal("test.echo", Model.Node("notify").Topic);
        Assert.Null(Model.Node("review").Topic);
    }

    [Fact]
    public void Parse_CallActivity_ReadsCalledElementBindingAndMappings()
    {
        var call = Model.Node("call").Call!;

        Assert.Equal("deelproces", call.CalledElement);
        Assert.Equal(CalledVersionBinding.Version, call.Binding);
        Assert.Equal(3, call.Version);
        Assert.Equal("${bk}", call.BusinessKeyExpression);
        Assert.Equal(
            [new CallMapping("naam", null, "naam", false), new CallMapping(null, "${score * 2}", "dubbel", false)],
            call.In);
        Assert.Equal([new CallMapping(null, null, null, true)], call.Out);
    }

    [Theory]
    [InlineData("", CalledVersionBinding.Latest)]
    [InlineData("camunda:calledElementBinding=\"latest\"", CalledVersionBinding.Latest)]
    [InlineData("camunda:calledElementBinding=\"deployment\"", CalledVersionBinding.Deployment)]
    public void Parse_CallActivity_WithoutVersion_BindsByItsBinding(string attribute, object expected)
    {
        var binding = (CalledVersionBinding)expected;
        var model = Parse($"""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="c" />
            <callActivity id="c" calledElement="ander" {attribute} />
            <sequenceFlow id="f2" sourceRef="c" targetRef="e" /><endEvent id="e" />
            """);

        var call = model.Node("c").Call!;
        Assert.Equal(binding, call.Binding);
        Assert.Null(call.Version);
        Assert.Empty(call.In);
        Assert.Empty(call.Out);
        Assert.Null(call.BusinessKeyExpression);
    }

    [Fact]
    public void Parse_InputOutput_ReadsTextScriptListMapAndEmpty()
    {
        var review = Model.Node("review");

        Assert.Equal(["titel", "score", "lijst", "kaart", "leeg"], review.Inputs.Select(p => p.Name));
        Assert.Equal(new IoValue.Text("Beoordeel ${naam}"), review.Inputs[0].Value);
        Assert.Equal(new IoValue.Script("1 + 1"), review.Inputs[1].Value);
        var list = Assert.IsType<IoValue.List>(review.Inputs[2].Value);
        Assert.Equal([new IoValue.Text("a"), new IoValue.Text("${b}")], list.Items);
        var map = Assert.IsType<IoValue.Map>(review.Inputs[3].Value);
        Assert.Equal(
            [new KeyValuePair<string, IoValue>("k1", new IoValue.Text("v1")), new KeyValuePair<string, IoValue>("k2", new IoValue.Text("${k}"))],
            map.Entries);
        Assert.IsType<IoValue.Empty>(review.Inputs[4].Value);
        Assert.Equal([new IoParameter("besluit", new IoValue.Text("${akkoord}"))], review.Outputs);
    }

    [Fact]
    public void Parse_InputOutput_NestsListsAndMaps()
    {
        var model = Parse("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <task id="t">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="genest">
                    <camunda:list>
                      <camunda:list><camunda:value>x</camunda:value></camunda:list>
                      <camunda:map><camunda:entry key="k"><camunda:list><camunda:value>y</camunda:value></camunda:list></camunda:entry></camunda:map>
                    </camunda:list>
                  </camunda:inputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </task>
            <sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />
            """);

        var outer = Assert.IsType<IoValue.List>(Assert.Single(model.Node("t").Inputs).Value);
        var inner = Assert.IsType<IoValue.List>(outer.Items[0]);
        Assert.Equal([new IoValue.Text("x")], inner.Items);
        var map = Assert.IsType<IoValue.Map>(outer.Items[1]);
        var entry = Assert.Single(map.Entries);
        Assert.Equal("k", entry.Key);
        Assert.Equal([new IoValue.Text("y")], Assert.IsType<IoValue.List>(entry.Value).Items);
    }

    [Fact]
    public void Parse_Properties_AreReadAsNameValuePairs()
    {
        var properties = Model.Node("review").Properties;

        Assert.Equal(2, properties.Count);
        Assert.Equal("true", properties["vierOgen"]);
        Assert.Equal("consulent", properties["rol"]);
        Assert.Empty(Model.Node("service").Properties);
    }

    [Fact]
    public void Parse_Documentation_IsKeptOnTheNode()
    {
        Assert.Equal("Beoordeel de aanvraag.", Model.Node("review").Documentation);
        Assert.Null(Model.Node("service").Documentation);
    }

    [Fact]
    public void Parse_SequenceFlows_ConnectSourceAndTarget_InBothDirections()
    {
        var split = Model.Node("split");

        Assert.Equal(["f2", "f3", "f4"], split.Outgoing.Select(f => f.Id));
        Assert.Equal(["review", "call", "service"], split.Outgoing.Select(f => f.Target.Id));
        Assert.Equal(["f1", "fm", "ft"], split.Incoming.Select(f => f.Id));
        Assert.All(split.Incoming, f => Assert.Same(split, f.Target));
        Assert.Equal(["f7", "f10", "fc3", "f9b"], Model.Node("join").Incoming.Select(f => f.Id));
    }

    [Fact]
    public void Parse_DefaultFlows_AreMarked()
    {
        var choice = Model.Node("choice");

        Assert.Equal("f7", choice.DefaultFlow?.Id);
        Assert.True(choice.Outgoing.Single(f => f.Id == "f7").IsDefault);
        Assert.False(choice.Outgoing.Single(f => f.Id == "f6").IsDefault);
        Assert.Equal("sg2", Model.Node("subGw").DefaultFlow?.Id);
        Assert.Null(Model.Node("split").DefaultFlow);
    }

    [Fact]
    public void Parse_Conditions_AreKeptAsWritten_InBothNotations()
    {
        var f6 = Model.Node("choice").Outgoing.Single(f => f.Id == "f6");
        var sg1 = Model.Node("subGw").Outgoing.Single(f => f.Id == "sg1");

        Assert.Equal("${akkoord}", f6.Condition);
        Assert.Equal("ja", f6.Name);
        Assert.Equal("afgewezen === true", sg1.Condition);
        Assert.Null(Model.Node("choice").Outgoing.Single(f => f.Id == "f7").Condition);
    }

    [Fact]
    public void Parse_SubProcess_HasItsOwnScope_WithItsOwnStartEvent()
    {
        var sub = Model.Node("sub");
        var scope = sub.SubScope!;

        Assert.Same(sub, scope.Owner);
        Assert.Equal("sub", scope.Id);
        Assert.Equal("subStart", scope.NoneStartEvent?.Id);
        Assert.Equal(["subStart", "waitMsg", "subGw", "subErrorEnd", "wait", "subEnd"], scope.Nodes.Select(n => n.Id));
        Assert.Equal(["sf1", "sf2", "sg1", "sg2", "sf3"], scope.Flows.Select(f => f.Id));
        Assert.All(scope.Nodes, n => Assert.Same(scope, n.Scope));
        Assert.All(scope.Flows, f => Assert.Same(scope, f.Scope));
        Assert.Same(Model, sub.Scope);
        Assert.Null(Model.Owner);
        Assert.DoesNotContain(Model.Nodes, n => n.Id == "waitMsg");
    }

    [Fact]
    public void Parse_Nodes_AreActivitiesOrGateways_AsTheirKindSays()
    {
        Assert.True(Model.Node("review").IsActivity);
        Assert.True(Model.Node("sub").IsActivity);
        Assert.True(Model.Node("call").IsActivity);
        Assert.True(Model.Node("plain").IsActivity);
        Assert.False(Model.Node("join").IsActivity);
        Assert.True(Model.Node("join").IsGateway);
        Assert.False(Model.Node("reminder").IsGateway);
    }

    [Theory]
    [InlineData("start", true)]
    [InlineData("review", true)]
    [InlineData("choice", true)]
    [InlineData("sub", true)]
    [InlineData("receive", true)]
    [InlineData("throwNone", true)]
    [InlineData("callMsg", true)]
    [InlineData("end", false)]
    [InlineData("join", false)]
    [InlineData("notify", false)]
    [InlineData("stop", false)]
    [InlineData("callEnd", false)]
    public void CanReach_InclusiveGateway_FollowsFlowsBackwards(string nodeId, bool reachable) =>
        Assert.Equal(reachable, Model.CanReach(nodeId, "join"));

    [Fact]
    public void CanReach_ActivityWhoseOnlyWayToTheGatewayIsABoundaryEvent_CanReachIt()
    {
        Assert.DoesNotContain(Model.Node("call").Outgoing, f => f.Target.Id == "join");

        Assert.True(Model.CanReach("call", "join"));
    }

    [Fact]
    public void CanReach_NodeInsideASubProcess_IsNotUpstreamOfAGatewayOutsideIt() =>
        Assert.False(Model.CanReach("waitMsg", "join"));

    [Fact]
    public void CanReach_SomethingOtherThanAnInclusiveGateway_IsFalse() =>
        Assert.False(Model.CanReach("start", "choice"));

    [Fact]
    public void CanReach_InALoop_IncludesNodesAfterTheGateway()
    {
        var model = Parse("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="join" />
            <inclusiveGateway id="join" /><sequenceFlow id="f2" sourceRef="join" targetRef="again" />
            <exclusiveGateway id="again" default="f4" />
            <sequenceFlow id="f3" sourceRef="again" targetRef="join"><conditionExpression>opnieuw</conditionExpression></sequenceFlow>
            <sequenceFlow id="f4" sourceRef="again" targetRef="e" /><endEvent id="e" />
            """);

        Assert.True(model.CanReach("again", "join"));
        Assert.True(model.CanReach("s", "join"));
        Assert.False(model.CanReach("join", "join"));
        Assert.False(model.CanReach("e", "join"));
    }

    [Fact]
    public void Parse_ProcessWithoutIsExecutable_IsExecutable()
    {
        var result = BpmnParser.Parse($"""
            <definitions xmlns="{BpmnParser.BpmnNamespace}"><process id="p"><startEvent id="s" /></process></definitions>
            """);

        Assert.True(result.IsValid);
        Assert.True(Assert.Single(result.Processes).IsExecutable);
    }

    [Fact]
    public void Parse_TwoExecutableProcesses_ReturnsBoth_InDocumentOrder()
    {
        var result = BpmnParser.Parse($"""
            <definitions xmlns="{BpmnParser.BpmnNamespace}">
              <process id="eerste" isExecutable="true"><startEvent id="s1" /></process>
              <process id="tweede" isExecutable="true"><startEvent id="s2" /></process>
            </definitions>
            """);

        Assert.True(result.IsValid);
        Assert.Equal(["eerste", "tweede"], result.Processes.Select(p => p.Id));
        Assert.Null(result.Processes[0].FindNode("s2"));
    }

    [Fact]
    public void Parse_DataObjects_AreWarnings_NotErrors()
    {
        var result = BpmnParser.Parse(Xml("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="e" /><endEvent id="e" />
            <dataObject id="dossier" /><dataObjectReference id="dossierRef" dataObjectRef="dossier" />
            """));

        Assert.True(result.IsValid);
        Assert.Single(result.Processes);
        Assert.Equal(["dossier", "dossierRef"], result.Warnings.Select(w => w.ElementId));
        Assert.All(result.Warnings, w => Assert.Equal("bpmn.ignored.data-element", w.Code));
    }

    [Fact]
    public void Parse_MessageFlowsBetweenPools_AreWarnings_NotErrors()
    {
        var result = BpmnParser.Parse($"""
            <definitions xmlns="{BpmnParser.BpmnNamespace}">
              <collaboration id="samen">
                <participant id="gemeente" processRef="p" />
                <participant id="partner" />
                <messageFlow id="mf" sourceRef="t" targetRef="partner" />
              </collaboration>
              <process id="p" isExecutable="true">
                <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <task id="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />
              </process>
            </definitions>
            """);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("mf", warning.ElementId);
        Assert.Equal("bpmn.ignored.message-flow", warning.Code);
    }

    [Fact]
    public void Parse_ActivitiNamespace_IsReadAsCamunda_AsCamundaSevenDoes()
    {
        var result = BpmnParser.Parse($"""
            <definitions xmlns="{BpmnParser.BpmnNamespace}" xmlns:activiti="http://activiti.org/bpmn">
              <process id="p" isExecutable="true">
                <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <userTask id="t" activiti:assignee="piet" activiti:candidateGroups="consulent">
                  <extensionElements><activiti:properties><activiti:property name="vierOgen" value="true" /></activiti:properties></extensionElements>
                </userTask>
                <sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />
              </process>
            </definitions>
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        var task = result.Processes[0].Node("t");
        Assert.Equal("piet", task.UserTask?.Assignee);
        Assert.Equal("consulent", task.UserTask?.CandidateGroups);
        Assert.Equal("true", task.Properties["vierOgen"]);
    }

    [Fact]
    public void Parse_CamundaEightExtensions_AreWarnedAbout_OncePerElement()
    {
        var result = BpmnParser.Parse($"""
            <definitions xmlns="{BpmnParser.BpmnNamespace}" xmlns:camunda="{Camunda}" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
              <message id="m" name="bericht"><extensionElements><zeebe:subscription correlationKey="=id" /></extensionElements></message>
              <process id="p" isExecutable="true">
                <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <serviceTask id="t" camunda:type="external" camunda:topic="test.echo">
                  <extensionElements><zeebe:taskDefinition type="echo" /><zeebe:ioMapping><zeebe:input source="=a" target="b" /></zeebe:ioMapping></extensionElements>
                </serviceTask>
                <sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />
              </process>
            </definitions>
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(["m", "t"], result.Warnings.Select(w => w.ElementId));
        Assert.Equal("bpmn.ignored.camunda8-extensions", result.Warnings[1].Code);
        Assert.Equal("zeebe:taskDefinition, zeebe:ioMapping", result.Warnings[1].Error.Arguments["extensions"]);
    }

    internal const string Camunda = BpmnParser.CamundaNamespace;

    /// <summary>A file with one executable process "p" around <paramref name="body"/>, with the bpmn namespace as default.</summary>
    internal static string Xml(string body, string messages = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{BpmnParser.BpmnNamespace}" xmlns:camunda="{Camunda}" id="defs" targetNamespace="http://inburgering.test">
          {messages}
          <process id="p" isExecutable="true">
            {body}
          </process>
        </definitions>
        """;

    private static ProcessModel Parse(string body)
    {
        var result = BpmnParser.Parse(Xml(body));
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.ElementId}: {e.Message}")));
        return Assert.Single(result.Processes);
    }
}
