namespace Inburgering.Engine.Tests.Queries;

/// <summary>A process with one user task ("taak") between start and end: instances that wait, for the query tests.</summary>
internal static class OneTaskProcess
{
    public static string Xml(string id) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="{id}" isExecutable="true">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="taak" />
            <userTask id="taak" />
            <sequenceFlow id="f2" sourceRef="taak" targetRef="e" />
            <endEvent id="e" />
          </process>
        </definitions>
        """;
}
