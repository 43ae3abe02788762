import { describe, expect, it } from 'vitest';
import { drawnAnchor, type ModdleElement } from './drawnAnchor';

describe('where a pin hangs', () => {
  const process: ModdleElement = { id: 'P', $type: 'bpmn:Process', flowElements: [] };
  const sub: ModdleElement = { id: 'Sub', $type: 'bpmn:SubProcess', $parent: process, flowElements: [] };
  const gateway: ModdleElement = { id: 'Gw', $type: 'bpmn:ExclusiveGateway', $parent: process };
  const task: ModdleElement = { id: 'Task', $type: 'bpmn:UserTask', $parent: sub };
  const flow: ModdleElement = { id: 'Flow', $type: 'bpmn:SequenceFlow', $parent: process, sourceRef: gateway, targetRef: sub };
  const inner: ModdleElement = { id: 'Inner', $type: 'bpmn:SequenceFlow', $parent: sub, sourceRef: task, targetRef: task };
  process.flowElements = [gateway, sub, flow];
  sub.flowElements = [task, inner];
  const definitions: ModdleElement = { $type: 'bpmn:Definitions', rootElements: [process] };
  const registry = (drawn: string[]) => ({ get: (id: string) => (drawn.includes(id) ? {} : undefined) });

  it('is the element itself when the diagram draws it', () => {
    expect(drawnAnchor(definitions, registry(['Flow', 'Gw']), 'Flow')).toBe('Flow');
  });

  it("is an undrawn flow's source, else its target", () => {
    expect(drawnAnchor(definitions, registry(['Gw', 'Sub']), 'Flow')).toBe('Gw');
    expect(drawnAnchor(definitions, registry(['Sub']), 'Flow')).toBe('Sub');
  });

  it('is the nearest drawn ancestor of an element on a plane that is not shown', () => {
    expect(drawnAnchor(definitions, registry(['Sub']), 'Inner')).toBe('Sub');
    expect(drawnAnchor(definitions, registry(['P']), 'Task')).toBe('P');
  });

  it('is nothing for an id the file does not hold', () => {
    expect(drawnAnchor(definitions, registry(['P']), 'Onbekend')).toBeUndefined();
  });
});
