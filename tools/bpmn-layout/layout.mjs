// Adds diagram information (BPMNDI) to BPMN files with bpmn-auto-layout, so the designer (bpmn-js, Camunda Modeler)
// and the dossier show them with their sequence flows. Usage (from the repository root):
//   IBM_TELEMETRY_DISABLED=true npm ci --ignore-scripts --prefix tools/bpmn-layout
//   node tools/bpmn-layout/layout.mjs workflow-definitions/*.bpmn
// Existing diagram information is replaced. Sub-processes come out collapsed, with their content on a drill-down plane.
// bpmn-auto-layout follows each node's <incoming>/<outgoing> references, which hand-written files often leave out (the
// engine reads sourceRef/targetRef): they are filled in from the sequence flows first, else the layout has no edges.
// A file bpmn-auto-layout 1.3.0 cannot handle (it fails on some large fan-outs, e.g. schakel 4) is laid out with ELK
// instead (elk-layout.mjs); the line printed says which.
import { readFileSync, writeFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { layoutProcess } from 'bpmn-auto-layout';
import { elkLayout } from './elk-layout.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node layout.mjs file.bpmn...');
  process.exit(2);
}

function linkFlows(container) {
  for (const element of container.flowElements ?? []) {
    if (element.$type === 'bpmn:SequenceFlow' && element.sourceRef && element.targetRef) {
      const outgoing = element.sourceRef.get('outgoing');
      if (!outgoing.includes(element)) outgoing.push(element);
      const incoming = element.targetRef.get('incoming');
      if (!incoming.includes(element)) incoming.push(element);
    }
    if (element.flowElements) linkFlows(element);
  }
}

const moddle = new BpmnModdle();
const failed = [];
for (const file of files) {
  try {
    const source = readFileSync(file, 'utf8').replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>\s*/g, '');
    const { rootElement } = await moddle.fromXML(source);
    for (const root of rootElement.rootElements ?? []) {
      if (root.$type === 'bpmn:Process') linkFlows(root);
    }
    const { xml } = await moddle.toXML(rootElement, { format: true });
    let laidOut;
    let how = 'bpmn-auto-layout';
    try {
      laidOut = await layoutProcess(xml);
    } catch (error) {
      how = `ELK, as bpmn-auto-layout failed: ${error.message}`;
      await elkLayout(moddle, rootElement);
      laidOut = (await moddle.toXML(rootElement, { format: true })).xml;
    }
    const edges = (laidOut.match(/<bpmndi:BPMNEdge /g) ?? []).length;
    writeFileSync(file, laidOut.endsWith('\n') ? laidOut : laidOut + '\n');
    console.log(`${file}: laid out with ${how} (${edges} sequence flows drawn)`);
  } catch (error) {
    failed.push(file);
    console.error(`${file}: not laid out, left unchanged (${error.message})`);
  }
}
process.exit(failed.length === 0 ? 0 : 1);
