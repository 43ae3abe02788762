// The BPMN diagram of one schakel (bpmn-js, loaded only on pages that show a diagram): active elements highlighted, the
// path taken marked, a call activity opens the schakel it called.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useEffect, useRef, useState } from 'react';
import type { Diagram } from '../shared/api/types';

interface Canvas {
  zoom(level: string): void;
  addMarker(id: string, marker: string): void;
}

interface ElementRegistry {
  get(id: string): unknown;
}

interface EventBus {
  on(event: string, handler: (e: { element: { id: string } }) => void): void;
}

export default function DiagramViewer({ diagram, onOpenCall }: { diagram: Diagram; onOpenCall: (instanceId: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (!container.current) {
      return;
    }

    const viewer = new NavigatedViewer({ container: container.current });
    let cancelled = false;
    viewer
      .importXML(diagram.xml)
      .then(() => {
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        canvas.zoom('fit-viewport');
        const mark = (id: string, marker: string) => {
          if (registry.get(id)) canvas.addMarker(id, marker);
        };
        diagram.visitedElements.forEach((id) => mark(id, 'highlight-visited'));
        diagram.takenFlows.forEach((id) => mark(id, 'highlight-taken'));
        diagram.activeElements.forEach((id) => mark(id, 'highlight-active'));
        viewer.get<EventBus>('eventBus').on('element.click', (event) => {
          const call = diagram.calls.filter((c) => c.elementId === event.element.id).at(-1);
          if (call) onOpenCall(call.instanceId);
        });
      })
      .catch(() => {
        if (!cancelled) setFailed('Het diagram kon niet worden getoond.');
      });
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [diagram, onOpenCall]);

  return (
    <>
      {failed ? <p className="utrecht-paragraph">{failed}</p> : null}
      <div ref={container} className="app-diagram" data-testid="diagram" role="figure" aria-label={`Diagram van ${diagram.name}; nu bij: ${diagram.activeNames.join(', ') || 'niets'}`} />
    </>
  );
}
