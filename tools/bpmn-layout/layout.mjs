// Adds diagram information (BPMNDI) to BPMN files with bpmn-auto-layout, so the designer (bpmn-js, Camunda Modeler)
// shows them. Usage (from the repository root):
//   IBM_TELEMETRY_DISABLED=true npm ci --ignore-scripts --prefix tools/bpmn-layout
//   node tools/bpmn-layout/layout.mjs workflow-definitions/*.bpmn
// Existing diagram information is replaced. Sub-processes come out collapsed, with their content on a drill-down plane.
import { readFileSync, writeFileSync } from 'node:fs';
import { layoutProcess } from 'bpmn-auto-layout';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node layout.mjs file.bpmn...');
  process.exit(2);
}

for (const file of files) {
  const xml = readFileSync(file, 'utf8').replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>\s*/g, '');
  const laidOut = await layoutProcess(xml);
  writeFileSync(file, laidOut.endsWith('\n') ? laidOut : laidOut + '\n');
  console.log(`${file}: laid out`);
}
