// The modeler: bpmn-js with the Camunda 7 vocabulary and properties panel, element templates generated from the activity
// catalogue, a form picker for user tasks, the engine's lint on the canvas, the server's check and deploy with the
// refusals pinned to their elements. Loaded only on this route.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import lintModule from 'bpmn-js-bpmnlint';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../shared/errors';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Alert, Button, FormField, Heading, Link, Paragraph, Select } from '../shared/ui';
import { DeployRefused, definitionXml, deployXml, download, useElementTemplates, useExpressionFunctions, useForms, useStudioDefinition, validateXml, type BpmnProblem } from './api';
import { loadConcept, migrationLink, processKeyOf, saveConcept } from './concept';
import { lintConfig, lintResolver, setKnownActivities, setKnownFunctions } from './lint';
import { newDiagram } from './newDiagram';
import { dutchTranslateModule } from './translate';
import './studio.css';

/* Minimal shapes of the bpmn-js services used here. */
interface Shape {
  id: string;
  type: string;
  businessObject: { id: string; name?: string; get(name: string): unknown; $attrs?: Record<string, string> };
}
interface ElementRegistry {
  get(id: string): Shape | undefined;
}
interface Overlays {
  add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Canvas {
  zoom(level: string): void;
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
  scrollToElement(element: Shape, padding?: number | { top?: number; right?: number; bottom?: number; left?: number }): void;
}
interface EventBus {
  on(event: string, callback: (e: never) => void): void;
}
interface ElementTemplates {
  getAll(): { id: string; name: string; appliesTo: string[]; category?: { name: string } }[];
  get(id: string): unknown;
  /** The latest version of the template(s) with this id; get(id) without a version finds only unversioned templates. */
  getLatest(id: string): unknown[];
  applyTemplate(element: Shape, template: unknown): Shape;
}
type LintIssues = Record<string, { id: string; message: string; category: string; rule: string }[]>;

interface Problem extends BpmnProblem {
  severity: 'error' | 'warning';
  source: 'lint' | 'server';
}

interface Selected {
  id: string;
  type: string;
  name: string;
  formKey: string;
  templateId: string;
}

export function ModelerPage() {
  const { key = 'nieuw' } = useParams();
  const [search] = useSearchParams();
  const isNew = key === 'nieuw';
  const definition = useStudioDefinition(isNew ? '' : key);
  const templates = useElementTemplates();
  const forms = useForms();
  const functions = useExpressionFunctions();
  // A draft handed back by Proberen (?concept=<process key>) opens instead of the deployed version.
  const conceptKey = search.get('concept');
  const version = search.get('versie') ? Number(search.get('versie')) : definition.data?.latestVersion ?? null;
  const navigate = useNavigate();
  usePageTitle(isNew ? 'Nieuw proces ontwerpen' : `Ontwerpen: ${definition.data?.name ?? key}`);

  const container = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<BpmnModeler | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [lintProblems, setLintProblems] = useState<Problem[]>([]);
  const [serverProblems, setServerProblems] = useState<Problem[] | null>(null);
  const [status, setStatus] = useState<{ type: 'ok' | 'error' | 'info'; text: string; links?: { to: string; text: string; testId?: string }[] } | null>(null);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [busy, setBusy] = useState<'check' | 'deploy' | null>(null);
  const [dirty, setDirty] = useState(false);
  const queryClient = useQueryClient();

  const templatesReady = templates.data !== undefined && functions.data !== undefined;
  const needsDefinition = !isNew && !definition.data;

  useEffect(() => {
    if (!container.current || !panel.current || !templatesReady || needsDefinition) return;
    // The lint refuses unknown activities and functions as the server does.
    setKnownActivities(topicsOf(templates.data ?? []));
    setKnownFunctions((functions.data ?? []).map((f) => f.name));
    const modeler = new BpmnModeler({
      container: container.current,
      propertiesPanel: { parent: panel.current },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        ElementTemplatesPropertiesProviderModule,
        CamundaBehaviorsModule,
        lintModule,
        dutchTranslateModule,
      ],
      moddleExtensions: { camunda: camundaModdle },
      elementTemplates: templates.data,
      linting: { bpmnlint: { config: lintConfig, resolver: lintResolver }, active: true },
    });
    modelerRef.current = modeler;
    const eventBus = modeler.get<EventBus>('eventBus');
    const describe = (element: Shape | undefined): Selected | null => {
      if (!element) return null;
      const bo = element.businessObject;
      return {
        id: element.id,
        type: element.type,
        name: bo.name ?? '',
        formKey: String(bo.get('camunda:formKey') ?? ''),
        templateId: String(bo.get('camunda:modelerTemplate') ?? ''),
      };
    };
    eventBus.on('selection.changed', (e: { newSelection: Shape[] }) => setSelected(e.newSelection.length === 1 ? describe(e.newSelection[0]) : null));
    eventBus.on('elements.changed', (e: { elements: Shape[] }) => {
      setSelected((current) => {
        const changed = current && e.elements.find((el) => el.id === current.id);
        return changed ? describe(changed) : current;
      });
    });
    eventBus.on('commandStack.changed', () => {
      setDirty(true);
      setServerProblems(null);
    });
    eventBus.on('linting.completed', (e: { issues: LintIssues }) => {
      const list: Problem[] = [];
      for (const [id, issues] of Object.entries(e.issues)) {
        for (const issue of issues) {
          const match = /^\[([^\]]+)\]\s*(.*)$/.exec(issue.message);
          list.push({ elementId: id, code: match?.[1] ?? issue.rule, message: match?.[2] ?? issue.message, severity: issue.category === 'warn' ? 'warning' : 'error', source: 'lint' });
        }
      }
      setLintProblems(list);
    });
    // A task appended or created at the edge of the view is brought into view with room for its context pad (on its right), as
    // Camunda Modeler does: otherwise the next click ("Element wijzigen") lands outside the canvas.
    const reveal = (e: { context: { shape?: Shape } }) => {
      if (e.context.shape) modeler.get<Canvas>('canvas').scrollToElement(e.context.shape, { top: 100, right: 220, bottom: 100, left: 100 });
    };
    eventBus.on('commandStack.shape.append.postExecuted', reveal);
    eventBus.on('commandStack.shape.create.postExecuted', reveal);
    eventBus.on('elementTemplates.select', () => document.getElementById('studio-template')?.focus());

    let cancelled = false;
    const load = async () => {
      const concept = conceptKey ? loadConcept(conceptKey) : null;
      const xml = concept ? concept.xml : isNew ? newDiagram() : await definitionXml(key, version ?? 1);
      if (cancelled) return;
      await modeler.importXML(xml);
      if (cancelled) return;
      modeler.get<Canvas>('canvas').zoom('fit-viewport');
      setBaseVersion(concept ? concept.baseVersion : isNew ? null : version);
      setReady(true);
      setDirty(concept !== null);
      if (concept) setStatus({ type: 'info', text: 'Het concept uit Proberen is geopend. Rol het uit om er een nieuwe versie van te maken.' });
    };
    load().catch((error: unknown) => {
      if (!cancelled) setLoadError(error);
    });
    return () => {
      cancelled = true;
      modelerRef.current = null;
      modeler.destroy();
      setReady(false);
    };
  }, [isNew, key, version, conceptKey, templatesReady, needsDefinition, templates.data, functions.data]);

  /** Pins problems on the canvas at their elements (a badge with the message, the element outlined in red). */
  const pin = useCallback((problems: Problem[]) => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const overlays = modeler.get<Overlays>('overlays');
    const canvas = modeler.get<Canvas>('canvas');
    const registry = modeler.get<ElementRegistry>('elementRegistry');
    overlays.remove({ type: 'studio-problem' });
    document.querySelectorAll('.studio-error').forEach((node) => {
      const id = node.getAttribute('data-element-id');
      if (id) canvas.removeMarker(id, 'studio-error');
    });
    for (const problem of problems) {
      if (!problem.elementId || !registry.get(problem.elementId)) continue;
      const html = document.createElement('div');
      html.className = 'app-studio-pin';
      html.textContent = problem.message;
      html.title = `${problem.code}: ${problem.message}`;
      html.setAttribute('data-testid', `pin-${problem.elementId}`);
      overlays.add(problem.elementId, 'studio-problem', { position: { bottom: -4, left: 0 }, html });
      canvas.addMarker(problem.elementId, 'studio-error');
    }
  }, []);

  const currentXml = async () => {
    const modeler = modelerRef.current;
    if (!modeler) throw new Error('De ontwerper is nog niet geladen.');
    const { xml } = await modeler.saveXML({ format: true });
    return xml ?? '';
  };

  const check = async () => {
    setBusy('check');
    setStatus(null);
    try {
      const result = await validateXml(await currentXml());
      const problems: Problem[] = [
        ...result.errors.map((p) => ({ ...p, severity: 'error' as const, source: 'server' as const })),
        ...result.warnings.map((p) => ({ ...p, severity: 'warning' as const, source: 'server' as const })),
      ];
      setServerProblems(problems);
      pin(problems.filter((p) => p.severity === 'error'));
      setStatus(result.valid ? { type: 'ok', text: 'De server keurt dit ontwerp goed: het kan worden uitgerold.' } : { type: 'error', text: `De server weigert dit ontwerp: ${result.errors.length} probleem/problemen, hieronder en op het diagram.` });
    } catch (error) {
      setStatus({ type: 'error', text: error instanceof Error ? error.message : 'Controleren lukte niet.' });
    } finally {
      setBusy(null);
    }
  };

  const deploy = async () => {
    setBusy('deploy');
    setStatus(null);
    try {
      const result = await deployXml(await currentXml());
      setServerProblems([]);
      pin([]);
      setDirty(false);
      await queryClient.invalidateQueries({ queryKey: ['studio'] });
      const versions = { to: `/studio/definities/${encodeURIComponent(result.key)}`, text: 'Naar de versies' };
      // Instances keep running on the version they started on: the next step is migrating them (when there is an older version).
      const migrate = result.created && result.version > 1 ? [{ to: migrationLink(result.key, baseVersion, result.version), text: 'Lopende instanties migreren', testId: 'naar-migreren' }] : [];
      setStatus(
        result.created
          ? { type: 'ok', text: `Uitgerold: ${result.definitions.map((d) => `${d.name ?? d.key} versie ${d.version}`).join(', ')}.`, links: [versions, ...migrate] }
          : { type: 'info', text: `Niets uitgerold: dit ontwerp is gelijk aan versie ${result.version}.`, links: [versions] },
      );
    } catch (error) {
      if (error instanceof DeployRefused) {
        const problems: Problem[] = [
          ...error.errors.map((p) => ({ ...p, severity: 'error' as const, source: 'server' as const })),
          ...error.warnings.map((p) => ({ ...p, severity: 'warning' as const, source: 'server' as const })),
        ];
        setServerProblems(problems);
        pin(problems.filter((p) => p.severity === 'error'));
        setStatus({ type: 'error', text: `Niet uitgerold. ${error.message} Zie de problemen hieronder en op het diagram.` });
      } else {
        setStatus({ type: 'error', text: error instanceof Error ? error.message : 'Uitrollen lukte niet.' });
      }
    } finally {
      setBusy(null);
    }
  };

  /** Hands the current diagram to Proberen (this tab keeps it), to run it through the keten's scenarios before deploying. */
  const tryOut = async () => {
    const xml = await currentXml();
    const processKey = processKeyOf(xml) ?? key;
    saveConcept({ key: processKey, baseVersion: isNew ? null : baseVersion, xml });
    void navigate(`/studio/proberen?${new URLSearchParams({ definitie: processKey, concept: processKey }).toString()}`);
  };

  const save = async () => {
    const xml = await currentXml();
    const id = /<bpmn2?:process[^>]*\sid="([^"]+)"/.exec(xml)?.[1] ?? (isNew ? 'nieuw-proces' : key);
    download(`${id}.bpmn`, xml, 'application/xml');
  };

  const open = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    const modeler = modelerRef.current;
    if (!file || !modeler) return;
    try {
      await modeler.importXML(await file.text());
      modeler.get<Canvas>('canvas').zoom('fit-viewport');
      setServerProblems(null);
      setDirty(true);
      setStatus({ type: 'info', text: `Bestand ${file.name} geopend. Rol het uit om er een nieuwe versie van te maken.` });
    } catch (error) {
      setStatus({ type: 'error', text: `Het bestand ${file.name} is geen leesbaar BPMN-bestand: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const focusElement = (id: string | null) => {
    const modeler = modelerRef.current;
    const element = id ? modeler?.get<ElementRegistry>('elementRegistry').get(id) : undefined;
    if (!modeler || !element) return;
    modeler.get<Canvas>('canvas').scrollToElement(element);
    modeler.get<{ select(e: Shape): void }>('selection').select(element);
  };

  const modeling = () => modelerRef.current?.get<{ updateProperties(e: Shape, p: Record<string, unknown>): void }>('modeling');
  const selectedShape = () => (selected ? modelerRef.current?.get<ElementRegistry>('elementRegistry').get(selected.id) : undefined);

  const applyTemplate = (templateId: string) => {
    let shape = selectedShape();
    const elementTemplates = modelerRef.current?.get<ElementTemplates>('elementTemplates');
    const template = templateId ? elementTemplates?.getLatest(templateId)[0] : undefined;
    if (shape && elementTemplates && template) {
      if (shape.type !== 'bpmn:ServiceTask') {
        // The catalogue's templates apply to service tasks: a plain or send task becomes one first.
        shape = modelerRef.current?.get<{ replaceElement(e: Shape, target: { type: string }): Shape }>('bpmnReplace').replaceElement(shape, { type: 'bpmn:ServiceTask' }) ?? shape;
      }
      const replaced = elementTemplates.applyTemplate(shape, template);
      modelerRef.current?.get<{ select(e: Shape): void }>('selection').select(replaced);
    }
  };

  const setFormKey = (formKey: string) => {
    const shape = selectedShape();
    if (shape) modeling()?.updateProperties(shape, { 'camunda:formKey': formKey || undefined });
  };

  const problems = serverProblems ?? [];
  const lintErrors = lintProblems.filter((p) => p.severity === 'error');
  const canTemplate = selected && (selected.type === 'bpmn:ServiceTask' || selected.type === 'bpmn:Task' || selected.type === 'bpmn:SendTask');
  const serviceTemplates = (templates.data as { id: string; name: string; category?: { name: string } }[] | undefined) ?? [];

  return (
    <>
      <Paragraph>
        <Link to="/studio">← Studio</Link>
        {!isNew ? (
          <>
            {' · '}
            <Link to={`/studio/definities/${encodeURIComponent(key)}`}>Versies van {definition.data?.name ?? key}</Link>
          </>
        ) : null}
      </Paragraph>
      <Heading level={1}>{isNew ? 'Nieuw proces' : `Ontwerpen: ${definition.data?.name ?? key}`}</Heading>
      {!isNew && version ? <Paragraph>Gebaseerd op versie {version}. Uitrollen maakt een nieuwe versie; lopende instanties blijven op hun versie.</Paragraph> : null}
      {definition.isError ? <ErrorMessage error={definition.error} retry={() => definition.refetch()} /> : null}
      {functions.isError ? <ErrorMessage error={functions.error} retry={() => functions.refetch()} heading="De functiecatalogus kon niet worden geladen" /> : null}
      {templates.isError ? <ErrorMessage error={templates.error} retry={() => templates.refetch()} heading="De activiteitencatalogus kon niet worden geladen" /> : null}
      {loadError ? <ErrorMessage error={loadError} heading="Het ontwerp kon niet worden geopend" /> : null}

      <div className="app-button-group" role="toolbar" aria-label="Ontwerp">
        <Button appearance="primary-action" onClick={deploy} busy={busy === 'deploy'} disabled={!ready || busy !== null} data-testid="uitrollen">
          Uitrollen
        </Button>
        <Button onClick={check} busy={busy === 'check'} disabled={!ready || busy !== null} data-testid="controleren">
          Controleren bij de server
        </Button>
        <Button onClick={tryOut} disabled={!ready || busy !== null} data-testid="proberen">
          Proberen in de keten
        </Button>
        <Button onClick={save} disabled={!ready}>
          Opslaan als bestand
        </Button>
        <label className="utrecht-button utrecht-button--secondary-action app-button-link">
          Bestand openen
          <input type="file" accept=".bpmn,.xml,application/xml" className="app-visually-hidden" onChange={open} disabled={!ready} />
        </label>
        {dirty ? <span className="app-muted">Niet uitgerolde wijzigingen</span> : null}
      </div>

      <div aria-live="polite" data-testid="studio-status">
        {status ? (
          <Alert type={status.type}>
            <Paragraph>
              {status.text}{' '}
              {(status.links ?? []).map((l, i) => (
                <span key={l.to}>
                  {i > 0 ? ' · ' : null}
                  <Link to={l.to} data-testid={l.testId}>
                    {l.text}
                  </Link>
                </span>
              ))}
            </Paragraph>
          </Alert>
        ) : null}
      </div>

      <div className="app-studio-workbench">
        {/* The canvas is a pointer-driven drawing surface (bpmn-js); its keyboard shortcuts work when it has focus. The problem list below reaches every element by keyboard. */}
        <div ref={container} className="app-studio-canvas" data-testid="modeler" tabIndex={0} role="application" aria-label="Procesdiagram (tekenvlak)" aria-describedby="studio-canvas-uitleg" />
        <div className="app-studio-side">
          <section aria-labelledby="kop-element" data-testid="geselecteerd" data-element-id={selected?.id ?? ''}>
            <Heading level={2} id="kop-element">
              {selected ? `Element: ${selected.name || selected.id}` : 'Element'}
            </Heading>
            {!selected ? <Paragraph small>Kies een element op het diagram om het te bewerken.</Paragraph> : null}
            {canTemplate ? (
              <FormField id="studio-template" label="Activiteit uit de catalogus" description="Maakt er een servicetaak van met de invoer en uitvoer van de activiteit.">
                <Select id="studio-template" value={selected.templateId} onChange={(e) => applyTemplate(e.target.value)} data-testid="sjabloon">
                  <option value="">— kies een activiteit —</option>
                  {serviceTemplates.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.category?.name ? `${t.category.name}: ` : ''}
                      {t.name}
                    </option>
                  ))}
                </Select>
              </FormField>
            ) : null}
            {selected?.type === 'bpmn:UserTask' ? (
              <FormField id="studio-form" label="Formulier" description="Het formulier (form-js) dat de taak toont: camunda:formKey.">
                <Select id="studio-form" value={selected.formKey} onChange={(e) => setFormKey(e.target.value)} data-testid="formulierkeuze">
                  <option value="">— geen formulier —</option>
                  {selected.formKey && !forms.data?.some((f) => f.key === selected.formKey) ? <option value={selected.formKey}>{selected.formKey} (onbekend)</option> : null}
                  {(forms.data ?? []).map((f) => (
                    <option key={f.key} value={f.key}>
                      {f.title ? `${f.title} (${f.key})` : f.key}
                    </option>
                  ))}
                </Select>
              </FormField>
            ) : null}
            {selected?.formKey ? (
              <Paragraph small>
                <Link to={`/studio/formulieren/${encodeURIComponent(selected.formKey)}`}>Formulier {selected.formKey} bewerken</Link>
              </Paragraph>
            ) : null}
          </section>
          <div ref={panel} className="app-studio-properties" data-testid="eigenschappen" aria-label="Eigenschappen van het element" role="region" />
        </div>
      </div>
      <Paragraph small id="studio-canvas-uitleg">
        Sleep elementen uit het palet links op het tekenvlak; het menu naast een gekozen element voegt een volgend element toe. Rode markeringen zijn problemen die het
        uitrollen zouden tegenhouden.
      </Paragraph>

      <section aria-labelledby="kop-controle">
        <Heading level={2} id="kop-controle">
          Controle
        </Heading>
        <Paragraph data-testid="lint-samenvatting">
          {lintErrors.length === 0 ? 'De controle in de ontwerper vindt geen problemen.' : `De controle in de ontwerper vindt ${lintErrors.length} probleem/problemen die het uitrollen tegenhouden.`}
        </Paragraph>
        <ProblemList problems={lintProblems} onFocus={focusElement} testId="lint-problemen" />
        {serverProblems !== null ? (
          <>
            <Heading level={3}>Volgens de server</Heading>
            {problems.length === 0 ? <Paragraph>Geen problemen.</Paragraph> : <ProblemList problems={problems} onFocus={focusElement} testId="server-problemen" />}
          </>
        ) : null}
      </section>
    </>
  );
}

/** The activity types (camunda:topic) the element templates fix. */
function topicsOf(templates: unknown[]): string[] {
  return templates.flatMap((t) =>
    ((t as { properties?: { value?: string; binding?: { name?: string } }[] }).properties ?? []).filter((p) => p.binding?.name === 'camunda:topic' && p.value).map((p) => p.value as string),
  );
}

function ProblemList({ problems, onFocus, testId }: { problems: Problem[]; onFocus: (id: string | null) => void; testId: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className="utrecht-unordered-list app-studio-problems" data-testid={testId}>
      {problems.map((p, index) => (
        <li key={`${p.elementId}-${p.code}-${index}`} className="utrecht-unordered-list__item" data-severity={p.severity} data-element-id={p.elementId ?? ''} data-code={p.code}>
          {p.severity === 'warning' ? 'Waarschuwing: ' : ''}
          {p.elementId ? (
            <button type="button" className="utrecht-link-button utrecht-link-button--html-button" onClick={() => onFocus(p.elementId)}>
              {p.elementId}
            </button>
          ) : (
            'Het bestand'
          )}
          : {p.message} <span className="app-muted">({p.code})</span>
        </li>
      ))}
    </ul>
  );
}
