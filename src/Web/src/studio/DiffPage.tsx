// A visual diff of two versions of one definition (bpmn-js-differ): added, removed, changed and moved elements coloured
// on both diagrams, and the same as a list.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { diff } from 'bpmn-js-differ';
import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../shared/errors';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Heading, Link, Paragraph } from '../shared/ui';
import { useDefinitionXml } from './api';
import './studio.css';

interface Canvas {
  zoom(level: string): void;
  addMarker(id: string, marker: string): void;
}
interface Registry {
  get(id: string): unknown;
}
interface Element {
  id: string;
  $type: string;
  name?: string;
}

export interface Change {
  id: string;
  kind: 'added' | 'removed' | 'changed' | 'layout-changed';
  type: string;
  name: string;
}

const kindNames: Record<Change['kind'], string> = { added: 'toegevoegd', removed: 'verwijderd', changed: 'gewijzigd', 'layout-changed': 'verplaatst' };

export function DiffPage() {
  const { key = '' } = useParams();
  const [search] = useSearchParams();
  const from = Number(search.get('van') ?? '1');
  const to = Number(search.get('naar') ?? '2');
  usePageTitle(`Versies ${from} en ${to} vergelijken: ${key}`);
  const oldXml = useDefinitionXml(key, from);
  const newXml = useDefinitionXml(key, to);
  const left = useRef<HTMLDivElement>(null);
  const right = useRef<HTMLDivElement>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [failed, setFailed] = useState<unknown>(null);

  useEffect(() => {
    if (!oldXml.data || !newXml.data || !left.current || !right.current) return;
    const a = new NavigatedViewer({ container: left.current });
    const b = new NavigatedViewer({ container: right.current });
    let cancelled = false;
    (async () => {
      await a.importXML(oldXml.data);
      await b.importXML(newXml.data);
      if (cancelled) return;
      const defsA = a.getDefinitions();
      const defsB = b.getDefinitions();
      const result = diff(defsA, defsB) as { _added: Record<string, Element>; _removed: Record<string, Element>; _changed: Record<string, { model: Element }>; _layoutChanged: Record<string, Element> };
      const list: Change[] = [];
      const mark = (viewer: NavigatedViewer, id: string, marker: string) => {
        if (viewer.get<Registry>('elementRegistry').get(id)) viewer.get<Canvas>('canvas').addMarker(id, marker);
      };
      for (const [id, el] of Object.entries(result._removed)) {
        mark(a, id, 'diff-removed');
        list.push({ id, kind: 'removed', type: el.$type, name: el.name ?? '' });
      }
      for (const [id, el] of Object.entries(result._added)) {
        mark(b, id, 'diff-added');
        list.push({ id, kind: 'added', type: el.$type, name: el.name ?? '' });
      }
      for (const [id, change] of Object.entries(result._changed)) {
        mark(a, id, 'diff-changed');
        mark(b, id, 'diff-changed');
        list.push({ id, kind: 'changed', type: change.model.$type, name: change.model.name ?? '' });
      }
      for (const [id, el] of Object.entries(result._layoutChanged)) {
        if (result._changed[id]) continue;
        mark(a, id, 'diff-layout-changed');
        mark(b, id, 'diff-layout-changed');
        list.push({ id, kind: 'layout-changed', type: el.$type, name: el.name ?? '' });
      }
      a.get<Canvas>('canvas').zoom('fit-viewport');
      b.get<Canvas>('canvas').zoom('fit-viewport');
      setChanges(list);
    })().catch((error: unknown) => {
      if (!cancelled) setFailed(error);
    });
    return () => {
      cancelled = true;
      a.destroy();
      b.destroy();
    };
  }, [oldXml.data, newXml.data]);

  const error = oldXml.error ?? newXml.error ?? failed;
  return (
    <>
      <Paragraph>
        <Link to={`/studio/definities/${encodeURIComponent(key)}`}>← Versies van {key}</Link>
      </Paragraph>
      <Heading level={1}>
        Versie {from} en {to} vergelijken
      </Heading>
      <Paragraph lead>{key}</Paragraph>
      {error ? <ErrorMessage error={error} /> : null}
      <ul className="app-studio-legend" aria-label="Legenda">
        <li>
          <span className="app-studio-legend--added" aria-hidden="true" />
          toegevoegd
        </li>
        <li>
          <span className="app-studio-legend--removed" aria-hidden="true" />
          verwijderd
        </li>
        <li>
          <span className="app-studio-legend--changed" aria-hidden="true" />
          gewijzigd
        </li>
        <li>
          <span className="app-studio-legend--moved" aria-hidden="true" />
          verplaatst
        </li>
      </ul>
      <div className="app-studio-diff">
        <section aria-labelledby="kop-oud">
          <Heading level={2} id="kop-oud">
            Versie {from}
          </Heading>
          <div ref={left} className="app-studio-canvas" data-testid="diff-oud" role="img" aria-label={`Diagram van versie ${from}`} />
        </section>
        <section aria-labelledby="kop-nieuw">
          <Heading level={2} id="kop-nieuw">
            Versie {to}
          </Heading>
          <div ref={right} className="app-studio-canvas" data-testid="diff-nieuw" role="img" aria-label={`Diagram van versie ${to}`} />
        </section>
      </div>
      <Heading level={2}>Verschillen</Heading>
      {changes === null && !error ? <Paragraph aria-live="polite">De versies worden vergeleken…</Paragraph> : null}
      {changes?.length === 0 ? <Paragraph>Geen verschillen.</Paragraph> : null}
      {changes && changes.length > 0 ? (
        <ul className="utrecht-unordered-list" data-testid="verschillen">
          {changes.map((c) => (
            <li key={`${c.kind}-${c.id}`} className="utrecht-unordered-list__item" data-kind={c.kind} data-element-id={c.id}>
              {c.name || c.id} ({c.type.replace('bpmn:', '')}, <code>{c.id}</code>): {kindNames[c.kind]}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
