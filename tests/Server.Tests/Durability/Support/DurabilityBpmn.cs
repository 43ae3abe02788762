namespace Inburgering.Server.Tests.Durability.Support;

/// <summary>The small processes of the durability tests, deployed through the API.</summary>
public static class DurabilityBpmn
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="durability" targetNamespace="http://inburgering.test/durability">
        """;

    /// <summary>
    /// <c>wachten</c>: a timer (duration from the variable <c>wacht</c>), then a user task. <c>aanmelden</c>: the real
    /// <c>taalaanbieder.aanmelden</c> activity (inputs bsn, taalaanbiederId, leerroute from variables), then a user task.
    /// </summary>
    public const string TimerAndPartnerCall = Header + """
          <bpmn:process id="wachten" name="Wachten" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wacht" />
            <bpmn:intermediateCatchEvent id="wacht" name="Wacht">
              <bpmn:timerEventDefinition><bpmn:timeDuration>${wacht}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wacht" targetRef="na" />
            <bpmn:userTask id="na" name="Na de timer" />
            <bpmn:sequenceFlow id="f3" sourceRef="na" targetRef="einde" />
            <bpmn:endEvent id="einde" />
          </bpmn:process>
          <bpmn:process id="aanmelden" name="Aanmelden" isExecutable="true">
            <bpmn:startEvent id="start2" />
            <bpmn:sequenceFlow id="g1" sourceRef="start2" targetRef="meldAan" />
            <bpmn:serviceTask id="meldAan" name="Aanmelden bij taalaanbieder" camunda:type="external" camunda:topic="taalaanbieder.aanmelden" />
            <bpmn:sequenceFlow id="g2" sourceRef="meldAan" targetRef="na2" />
            <bpmn:userTask id="na2" name="Na de aanmelding" />
            <bpmn:sequenceFlow id="g3" sourceRef="na2" targetRef="einde2" />
            <bpmn:endEvent id="einde2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary><c>cyclus</c>: a user task with a non-interrupting boundary timer that repeats forever (<c>R/PT2S</c>).</summary>
    public const string Cycle = Header + """
          <bpmn:process id="cyclus" name="Cyclus" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak" />
            <bpmn:userTask id="taak" name="Taak met herinnering" />
            <bpmn:boundaryEvent id="herinner" name="Herinnering" attachedToRef="taak" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeCycle>R/PT2S</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="taak" targetRef="einde" />
            <bpmn:sequenceFlow id="f3" sourceRef="herinner" targetRef="herinnerd" />
            <bpmn:endEvent id="einde" />
            <bpmn:endEvent id="herinnerd" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>
    /// <c>taakMetTermijn</c>: a user task with an interrupting boundary timer (duration from <c>termijn</c>); completing the
    /// task ends the timer's scope.
    /// </summary>
    public const string TaskWithDeadline = Header + """
          <bpmn:process id="taakMetTermijn" name="Taak met termijn" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak" />
            <bpmn:userTask id="taak" name="Taak" />
            <bpmn:boundaryEvent id="termijn" attachedToRef="taak">
              <bpmn:timerEventDefinition><bpmn:timeDuration>${termijn}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="taak" targetRef="klaar" />
            <bpmn:sequenceFlow id="f3" sourceRef="termijn" targetRef="verlopen" />
            <bpmn:endEvent id="klaar" />
            <bpmn:userTask id="verlopen" name="Termijn verlopen" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>
    /// <c>tweeNodes</c>: a user task, then a receive task (message <c>twee-nodes-bericht</c> by business key), then a timer
    /// (duration from <c>wacht</c>), then a second user task.
    /// </summary>
    public const string TwoNodes = Header + """
          <bpmn:message id="bericht" name="twee-nodes-bericht" />
          <bpmn:process id="tweeNodes" name="Twee nodes" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak1" />
            <bpmn:userTask id="taak1" name="Eerste taak" />
            <bpmn:sequenceFlow id="f2" sourceRef="taak1" targetRef="ontvang" />
            <bpmn:receiveTask id="ontvang" name="Bericht" messageRef="bericht" />
            <bpmn:sequenceFlow id="f3" sourceRef="ontvang" targetRef="wacht" />
            <bpmn:intermediateCatchEvent id="wacht">
              <bpmn:timerEventDefinition><bpmn:timeDuration>${wacht}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="wacht" targetRef="taak2" />
            <bpmn:userTask id="taak2" name="Tweede taak" />
            <bpmn:sequenceFlow id="f5" sourceRef="taak2" targetRef="einde" />
            <bpmn:endEvent id="einde" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary><c>echo</c>: one service task of the test activity <c>durability.echo</c>, then a user task.</summary>
    public const string Echo = Header + """
          <bpmn:process id="echo" name="Echo" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="roep" />
            <bpmn:serviceTask id="roep" name="Roep" camunda:type="external" camunda:topic="durability.echo" />
            <bpmn:sequenceFlow id="f2" sourceRef="roep" targetRef="na" />
            <bpmn:userTask id="na" name="Na de roep" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary><c>startOpTijd</c>: a timer start event (a date long past, so due at once), then a user task.</summary>
    public const string TimerStart = Header + """
          <bpmn:process id="startOpTijd" name="Start op tijd" isExecutable="true">
            <bpmn:startEvent id="start">
              <bpmn:timerEventDefinition><bpmn:timeDate>2020-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taak" />
            <bpmn:userTask id="taak" name="Taak" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
