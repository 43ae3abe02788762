// @vitest-environment node
import traject from '../../../../../workflow-definitions/inburgeringstraject.bpmn?raw';
import schakel3 from '../../../../../workflow-definitions/schakel3-brede-intake-en-pip.bpmn?raw';
import schakel4 from '../../../../../workflow-definitions/schakel4-inburgeren-en-participeren.bpmn?raw';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without declarations (shared with Node's parity script)
import { lintXml } from './lint-xml.js';
import { setKnownActivities, setKnownFunctions, validateExpression } from './rules.js';

const process = (body: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
  ${extra}
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="Start" />
    ${body}
  </bpmn:process>
</bpmn:definitions>`;

interface Report {
  errors: { id: string | null; code: string; message: string }[];
  warnings: { id: string | null; code: string }[];
}

const lint = (xml: string) => lintXml(xml) as Promise<Report>;

afterEach(() => {
  setKnownActivities(null);
  setKnownFunctions(null);
});

describe('the studio lint', () => {
  it('accepts every keten definition', async () => {
    for (const [file, xml] of Object.entries({ traject, schakel3, schakel4 })) {
      const report = await lint(xml);
      expect(report.errors, file).toEqual([]);
    }
  }, 120_000); // a generous bound for a busy 2-core machine; idle it takes well under a second

  it('refuses a script task at the element, with the engine code and a Dutch text', async () => {
    const report = await lint(process('<bpmn:scriptTask id="S" /><bpmn:sequenceFlow id="f" sourceRef="Start" targetRef="S" />'));
    expect(report.errors.map((e) => [e.id, e.code])).toEqual([['S', 'bpmn.unsupported.script-task']]);
    expect(report.errors[0]?.message).toContain('Scripttaken worden niet ondersteund');
  });

  it('refuses a service task without an activity, and one with an unknown activity when the catalogue is known', async () => {
    const noTopic = await lint(process('<bpmn:serviceTask id="T" /><bpmn:sequenceFlow id="f" sourceRef="Start" targetRef="T" />'));
    expect(noTopic.errors.map((e) => e.code)).toEqual(['bpmn.service-task.topic-missing']);

    const xml = process('<bpmn:serviceTask id="T" camunda:type="external" camunda:topic="duo.bestaat-niet" /><bpmn:sequenceFlow id="f" sourceRef="Start" targetRef="T" />');
    expect((await lint(xml)).errors).toEqual([]);
    setKnownActivities(['duo.pip-melden']);
    expect((await lint(xml)).errors.map((e) => [e.id, e.code])).toEqual([['T', 'bpmn.service-task.activity-unknown']]);
  });

  it('reports an unreachable element and a condition that is not JavaScript on the flow', async () => {
    const report = await lint(
      process(`<bpmn:exclusiveGateway id="G" /><bpmn:endEvent id="E" /><bpmn:endEvent id="Los" />
        <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="G" />
        <bpmn:sequenceFlow id="f2" sourceRef="G" targetRef="E"><bpmn:conditionExpression>Service Level == 'Premium'</bpmn:conditionExpression></bpmn:sequenceFlow>`),
    );
    expect(report.errors.map((e) => [e.id, e.code]).sort()).toEqual([
      ['Los', 'bpmn.element.unreachable-no-incoming'],
      ['f2', 'bpmn.condition.invalid'],
    ]);
  });

  it('checks expressions as the engine does: strict JavaScript inside ${…}, calls of the catalogue by namespace', () => {
    expect(validateExpression("${leerroute === 'B1'}", false)).toBeNull();
    expect(validateExpression('P2W', false)).toBeNull();
    expect(validateExpression('${ {a: 1} }', false)).toBeNull();
    expect(validateExpression('${vergeten = }', false)).toContain('syntaxfout');
    expect(validateExpression('${', false)).toContain('geen bijbehorende');
    setKnownFunctions(['regel.wet']);
    expect(validateExpression('${regel.wet({})}', false)).toBeNull();
    expect(validateExpression('${regel.bestaatNiet(1)}', false)).toContain("'regel.bestaatNiet'");
  });

  it('gives one error without an element for a file that is not XML', async () => {
    const report = await lint('<niet-af');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]?.id).toBeNull();
  });
});
