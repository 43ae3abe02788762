using Inburgering.Engine.Bpmn;
using Inburgering.Engine.Execution;

namespace Inburgering.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>
    /// Checks a BPMN file exactly as <see cref="DeployAsync"/> does (same parser, expressions, timers and activity
    /// catalogue), without deploying anything: for a designer's tool that shows the refusals before deploying, and for a host that
    /// checks a set of files before it deploys any of them.
    /// </summary>
    public BpmnValidation Validate(string xml)
    {
        var parsed = BpmnParser.Parse(xml, new EngineValidationHooks(_expressions, _activities));
        return new BpmnValidation(parsed.Processes.Select(p => p.Id).ToList(), parsed.Errors, parsed.Warnings);
    }
}

/// <summary>What <see cref="ProcessEngine.Validate"/> found: the executable processes (their keys), or the reasons the file would be refused.</summary>
public sealed record BpmnValidation(IReadOnlyList<string> ProcessKeys, IReadOnlyList<BpmnProblem> Errors, IReadOnlyList<BpmnProblem> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
