// The draft's diagram with the elements where a scenario stopped marked (bpmn-js, loaded only when shown).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useEffect, useRef, useState } from 'react';

interface Canvas {
  zoom(level: string): void;
  addMarker(id: string, marker: string): void;
}

interface ElementRegistry {
  get(id: string): unknown;
}

export default function StopDiagram({ xml, elementIds, label }: { xml: string; elementIds: string[]; label: string }) {
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
      })
      .catch(() => {
        if (!cancelled) setFailed('Het diagram kon niet worden getoond.');
      });
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [xml, elementIds]);

  return (
    <>
      {failed ? <p className="utrecht-paragraph">{failed}</p> : null}
      <div ref={container} className="app-diagram" data-testid="stop-diagram" role="figure" aria-label={label} />
    </>
  );
}
