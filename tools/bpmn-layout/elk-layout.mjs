// A layered layout with ELK (elkjs) for the BPMN files bpmn-auto-layout cannot lay out: every flow node of a process or
// sub-process placed left to right, sequence flows routed orthogonally, boundary events on their host's lower edge,
// sub-processes drawn collapsed with their content on a drill-down plane of their own (as bpmn-js and Camunda Modeler do).
import ELK from 'elkjs/lib/elk.bundled.js';

const elk = new ELK();

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '50',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.edgeNode': '25',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

const margin = 60;

function size(element) {
  if (element.$type.endsWith('Gateway')) return { width: 50, height: 50 };
  if (element.$type.endsWith('Event')) return { width: 36, height: 36 };
  return { width: 100, height: 80 };
}

/** Lays out one container (process or sub-process); returns the shapes and edges of its plane. */
async function layoutContainer(container) {
  const elements = container.flowElements ?? [];
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow' && e.sourceRef && e.targetRef);
  const boundaries = elements.filter((e) => e.$type === 'bpmn:BoundaryEvent');
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:BoundaryEvent' && e.$type !== 'bpmn:DataObject' && e.$type !== 'bpmn:DataObjectReference');
  const onGraph = (element) => (element.$type === 'bpmn:BoundaryEvent' ? element.attachedToRef : element);

  const graph = {
    id: 'root',
    layoutOptions,
    children: nodes.map((n) => ({ id: n.id, ...size(n) })),
    edges: flows.map((f) => ({ id: f.id, sources: [onGraph(f.sourceRef).id], targets: [onGraph(f.targetRef).id] })),
  };
  const laidOut = await elk.layout(graph);

  const shapes = new Map();
  for (const child of laidOut.children) {
    shapes.set(child.id, { x: Math.round(child.x + margin), y: Math.round(child.y + margin), width: child.width, height: child.height });
  }

  // Boundary events sit on the lower edge of their host, side by side from the left.
  const perHost = new Map();
  for (const boundary of boundaries) {
    const host = shapes.get(boundary.attachedToRef?.id);
    if (!host) continue;
    const index = perHost.get(host) ?? 0;
    perHost.set(host, index + 1);
    shapes.set(boundary.id, { x: host.x + 8 + index * 40, y: host.y + host.height - 18, width: 36, height: 36 });
  }

  const edges = new Map();
  const byId = new Map(laidOut.edges.map((e) => [e.id, e]));
  for (const flow of flows) {
    const section = byId.get(flow.id)?.sections?.[0];
    if (!section) continue;
    let points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: Math.round(p.x + margin), y: Math.round(p.y + margin) }));
    if (flow.sourceRef.$type === 'bpmn:BoundaryEvent') {
      // Out of the bottom of the boundary event, down, then along to where ELK's route ends.
      const b = shapes.get(flow.sourceRef.id);
      const end = points[points.length - 1];
      const start = { x: b.x + b.width / 2, y: b.y + b.height };
      const below = { x: start.x, y: Math.max(start.y + 20, end.y) };
      points = below.y === end.y ? [start, below, end] : [start, below, { x: end.x, y: below.y }, end];
    }
    edges.set(flow.id, points);
  }

  return { shapes, edges };
}

/** Replaces the diagrams of <definitions> with an ELK layout: one plane per process and per sub-process. */
export async function elkLayout(moddle, definitions) {
  const diagrams = [];
  const planeFor = async (container, planeId) => {
    const { shapes, edges } = await layoutContainer(container);
    const planeElements = [];
    for (const element of container.flowElements ?? []) {
      const bounds = shapes.get(element.id);
      if (bounds) {
        const shape = moddle.create('bpmndi:BPMNShape', { id: `${element.id}_di`, bpmnElement: element, bounds: moddle.create('dc:Bounds', bounds) });
        if (element.$type === 'bpmn:SubProcess') shape.isExpanded = false;
        if (element.$type === 'bpmn:ExclusiveGateway') shape.isMarkerVisible = true;
        planeElements.push(shape);
      }
    }
    for (const element of container.flowElements ?? []) {
      const points = edges.get(element.id);
      if (points) {
        planeElements.push(moddle.create('bpmndi:BPMNEdge', { id: `${element.id}_di`, bpmnElement: element, waypoint: points.map((p) => moddle.create('dc:Point', p)) }));
      }
    }
    const plane = moddle.create('bpmndi:BPMNPlane', { id: planeId, bpmnElement: container, planeElement: planeElements });
    diagrams.push(moddle.create('bpmndi:BPMNDiagram', { id: `BPMNDiagram_${container.id}`, plane }));
    for (const element of container.flowElements ?? []) {
      if (element.$type === 'bpmn:SubProcess') await planeFor(element, `BPMNPlane_${element.id}`);
    }
  };
  for (const root of definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Process') await planeFor(root, `BPMNPlane_${root.id}`);
  }
  definitions.diagrams = diagrams;
}
