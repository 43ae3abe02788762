// The draft's diagram with the elements where a scenario stopped marked, or its errors pinned to their elements (bpmn-js,
// loaded only when shown).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useEffect, useRef, useState } from 'react';

interface Canvas {
  zoom(level: string): void;
  addMarker(id: string, marker: string): void;
}

interface Overlays {
  add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
}

export interface Pin {
  elementId: string;
  message: string;
}

interface ElementRegistry {
  get(id: string): unknown;
}

/** The part of bpmn-moddle's tree this file walks: ids, parents, flow elements and a flow's ends. */
interface ModdleElement {
  id?: string;
  $type: string;
  $parent?: ModdleElement;
  rootElements?: ModdleElement[];
  flowElements?: ModdleElement[];
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
}

function findById(root: ModdleElement, id: string): ModdleElement | undefined {
  if (root.id === id) return root;
  for (const child of [...(root.rootElements ?? []), ...(root.flowElements ?? [])]) {
    const found = findById(child, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The element a pin can hang on: the element itself when the diagram draws it; otherwise (a file without diagram
 * information for it, as for some flows of the keten) the flow's source or target, or the nearest drawn ancestor.
 */
export function drawnAnchor(definitions: ModdleElement, registry: ElementRegistry, id: string): string | undefined {
  if (registry.get(id)) return id;
  const element = findById(definitions, id);
  if (!element) return undefined;
  for (const end of [element.sourceRef, element.targetRef]) {
    if (end?.id && registry.get(end.id)) return end.id;
  }
  for (let parent = element.$parent; parent; parent = parent.$parent) {
    if (parent.id && registry.get(parent.id)) return parent.id;
  }
  return undefined;
}

export default function StopDiagram({ xml, elementIds, label, pins = [] }: { xml: string; elementIds: string[]; label: string; pins?: Pin[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let cancelled = false;
    viewer
      .importXML(xml)
      .then(() => {
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        canvas.zoom('fit-viewport');
        elementIds.forEach((id) => {
          if (registry.get(id)) canvas.addMarker(id, 'highlight-active');
        });
        const overlays = viewer.get<Overlays>('overlays');
        const definitions = (viewer as unknown as { getDefinitions(): ModdleElement }).getDefinitions();
        pins.forEach((p) => {
          const anchor = drawnAnchor(definitions, registry, p.elementId);
          if (!anchor) return;
          const html = document.createElement('div');
          html.className = 'app-studio-pin';
          html.textContent = anchor === p.elementId ? p.message : `${p.elementId}: ${p.message}`;
          html.setAttribute('data-testid', `pin-${p.elementId}`);
          overlays.add(anchor, 'studio-problem', { position: { bottom: -4, left: 0 }, html });
          canvas.addMarker(anchor, 'studio-error');
        });
      })
      .catch(() => {
        if (!cancelled) setFailed('Het diagram kon niet worden getoond.');
      });
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [xml, elementIds, pins]);

  return (
    <>
      {failed ? <p className="utrecht-paragraph">{failed}</p> : null}
      <div ref={container} className="app-diagram" data-testid="stop-diagram" role="figure" aria-label={label} />
    </>
  );
}
