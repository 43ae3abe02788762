// The draft's diagram with the elements where a scenario stopped marked, or its errors pinned to their elements (bpmn-js,
// loaded only when shown).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useEffect, useRef, useState } from 'react';
import { drawnAnchor, type ElementRegistry, type ModdleElement } from './drawnAnchor';

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
