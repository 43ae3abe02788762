import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/problem';
import { ErrorMessage } from '../../shared/errors';
import { usePageTitle } from '../../shared/layout/usePageTitle';
import { Alert, Button, ButtonGroup, Checkbox, FormField, Heading, Link, Paragraph, Select, StatusBadge, TBody, Table, TableHead, Td, Textarea, Textbox, Th, Tr } from '../../shared/ui';
import { DeployRefused, deployXml, type BpmnProblem, type DeployResponse } from '../api';
import { loadConcept, migrationLink, saveConcept, type Concept } from '../concept';
import { migrationApi } from '../migratie/api';
import '../studio.css';
import { resultLabel, sandboxApi, scenarioLabel, type DraftProblem, type SandboxResult, type SandboxRun } from './api';

const StopDiagram = lazy(() => import('./StopDiagram'));

/**
 * Try before publishing: a draft of one schakel (or a new one) runs through the keten's scenarios in a sandbox — its own
 * database, simulation clock and partner simulators — next to the deployed versions; per scenario: passed, or where it stopped.
 */
export function ProberenPage() {
  usePageTitle('Concept proberen');
  const definitions = useQuery({ queryKey: ['definitions', 'all'], queryFn: ({ signal }) => migrationApi.definitions(signal) });
  const scenarios = useQuery({ queryKey: ['sandbox', 'scenarios'], queryFn: ({ signal }) => sandboxApi.scenarios(signal), staleTime: Infinity });
  const latest = useMemo(() => (definitions.data?.items ?? []).filter((d) => d.isLatest).sort((a, b) => a.key.localeCompare(b.key)), [definitions.data]);
  const [params] = useSearchParams();
  // A draft handed over by the modeler (?concept=<key>), or a definition chosen by link (?definitie=<key>).
  const [handed] = useState(() => (params.get('concept') ? loadConcept(params.get('concept')!) : null));
  const [key, setKey] = useState(handed?.key ?? params.get('definitie') ?? '');
  const [xml, setXml] = useState(handed?.xml ?? '');
  const [baseVersion, setBaseVersion] = useState<number | null>(handed ? handed.baseVersion : null);
  const [tried, setTried] = useState<Concept | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [months, setMonths] = useState('30');
  const [runId, setRunId] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);

  const load = useMutation({
    mutationFn: (k: string) => {
      const version = latest.find((d) => d.key === k)!.version;
      setBaseVersion(version);
      return sandboxApi.xml(k, version);
    },
    onSuccess: setXml,
  });
  const start = useMutation({
    mutationFn: () => sandboxApi.start([{ name: `${key}.bpmn`, content: xml }], chosen, Number(months)),
    onMutate: () => setTried({ key, baseVersion, xml }),
    onSuccess: (run) => setRunId(run.id),
  });

  // A definition chosen by link: its deployed version is loaded once the list is there.
  const linked = !handed && key !== '' && xml === '' && !load.isPending && !load.isError && latest.some((d) => d.key === key);
  const loadXml = load.mutate;
  useEffect(() => {
    if (linked) loadXml(key);
  }, [linked, key, loadXml]);
  const run = useQuery({
    queryKey: ['sandbox', 'run', runId],
    queryFn: ({ signal }) => sandboxApi.run(runId!, signal),
    enabled: runId !== null,
    refetchInterval: (query) => (['queued', 'running'].includes((query.state.data as SandboxRun | undefined)?.status ?? 'running') ? 2000 : false),
  });

  const submit = () => {
    const m = Number(months);
    if (!key || !xml.trim()) {
      setFieldError('Kies een definitie en laad of plak het concept.');
      return;
    }
    if (!Number.isInteger(m) || m < 1 || m > 48) {
      setFieldError('Maanden is een heel getal van 1 tot en met 48.');
      return;
    }
    setFieldError(null);
    start.mutate();
  };

  return (
    <>
      <Heading level={1}>Concept proberen</Heading>
      <Paragraph lead>
        Laat een gewijzigde schakel de keten-scenario's doorlopen in een afgeschermde proefomgeving, naast de huidige versies. Er komt niets in de
        echte database.
      </Paragraph>
      {handed ? (
        <Alert type="info" data-testid="concept-uit-ontwerper">
          <Paragraph>
            Het concept van {handed.key} uit de ontwerper staat hieronder{handed.baseVersion ? ` (gebaseerd op versie ${handed.baseVersion})` : ''}. Kies de scenario's en
            start de proefrun.{' '}
            <Link to={modelerLink(handed.key, latest.some((d) => d.key === handed.key))} onClick={() => saveConcept({ ...handed, xml })} data-testid="terug-naar-ontwerper">
              Terug naar de ontwerper
            </Link>
          </Paragraph>
        </Alert>
      ) : null}
      {definitions.error ? <ErrorMessage error={definitions.error} /> : null}
      {fieldError ? (
        <Alert type="error" heading="Er is een probleem">
          <Paragraph>{fieldError}</Paragraph>
        </Alert>
      ) : null}
      <form
        aria-label="Proefrun"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <FormField id="definitie" label="Definitie">
          <Select
            id="definitie"
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setXml('');
              if (e.target.value) load.mutate(e.target.value);
            }}
          >
            <option value="">Kies een definitie</option>
            {latest.map((d) => (
              <option key={d.key} value={d.key}>
                {d.name ?? d.key} (versie {d.version})
              </option>
            ))}
            {key && definitions.data && !latest.some((d) => d.key === key) ? <option value={key}>{key} (nieuw proces)</option> : null}
          </Select>
        </FormField>
        {load.error ? <ErrorMessage error={load.error} /> : null}
        <FormField id="concept" label="Concept (BPMN-XML)" description="De uitgerolde versie staat er al in; wijzig haar of plak het concept uit de modeler.">
          <Textarea id="concept" rows={12} value={xml} onChange={(e) => setXml(e.target.value)} spellCheck={false} />
        </FormField>
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Scenario's (niets gekozen: alle)</legend>
          {(scenarios.data ?? []).map((s) => (
            <FormField key={s} id={`scenario-${s}`} label={scenarioLabel[s] ?? s} checkbox>
              <Checkbox id={`scenario-${s}`} checked={chosen.includes(s)} onChange={(e) => setChosen(e.target.checked ? [...chosen, s] : chosen.filter((c) => c !== s))} />
            </FormField>
          ))}
        </fieldset>
        <FormField id="maanden" label="Maanden virtuele tijd">
          <Textbox id="maanden" inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value)} />
        </FormField>
        <Button type="submit" appearance="primary-action" busy={start.isPending || run.data?.status === 'running' || run.data?.status === 'queued'}>
          Proefrun starten
        </Button>
      </form>
      {start.error instanceof ApiError && start.error.code === 'sandbox.draft-invalid' ? (
        <DraftProblems error={start.error} xml={xml} draftKey={key} />
      ) : start.error ? (
        <ErrorMessage error={start.error} />
      ) : null}
      {run.data && tried ? <RunReport run={run.data} xml={tried.xml} draftKey={tried.key} /> : null}
      {run.data?.status === 'completed' && tried ? <NextStep run={run.data} tried={tried} known={latest.some((d) => d.key === tried.key)} /> : null}
      {run.error ? <ErrorMessage error={run.error} /> : null}
    </>
  );
}

/** A draft the server would not deploy is not run: its errors, in a list and pinned on the diagram. */
function DraftProblems({ error, xml, draftKey }: { error: ApiError; xml: string; draftKey: string }) {
  const problems = useMemo(() => ((error.body?.errors as DraftProblem[] | undefined) ?? []).filter((p) => p.file === `${draftKey}.bpmn`), [error, draftKey]);
  const pins = useMemo(() => problems.filter((p) => p.elementId).map((p) => ({ elementId: p.elementId!, message: p.message })), [problems]);
  const noIds = useMemo(() => [] as string[], []);
  return (
    <section aria-labelledby="concept-fouten-kop" data-testid="concept-fouten">
      <Alert type="error" heading="Het concept is niet geprobeerd">
        <Paragraph>{error.message}</Paragraph>
      </Alert>
      <Heading level={2} id="concept-fouten-kop">
        Problemen in het concept
      </Heading>
      <ul className="utrecht-unordered-list">
        {problems.map((p, i) => (
          <li key={`${p.elementId ?? ''}-${p.code}-${i}`} className="utrecht-unordered-list__item" data-element-id={p.elementId ?? ''} data-code={p.code}>
            {p.elementId ? <strong>{p.elementId}: </strong> : null}
            {p.message}
          </li>
        ))}
      </ul>
      {pins.length > 0 ? (
        <Suspense fallback={<Paragraph>Diagram laden…</Paragraph>}>
          <StopDiagram xml={xml} elementIds={noIds} pins={pins} label={`Concept ${draftKey} met ${pins.length} probleem/problemen bij de elementen`} />
        </Suspense>
      ) : null}
    </section>
  );
}

const badge: Record<SandboxResult['result'], 'success' | 'danger' | 'warning'> = { passed: 'success', incident: 'danger', stuck: 'warning', 'unexpected-end': 'danger' };

function RunReport({ run, xml, draftKey }: { run: SandboxRun; xml: string; draftKey: string }) {
  const [shown, setShown] = useState<SandboxResult | null>(null);
  const statusText: Record<SandboxRun['status'], string> = {
    queued: 'Wacht op een vrije proefomgeving…',
    running: 'De scenario\u2019s lopen (dit duurt enkele minuten)…',
    completed: 'Klaar.',
    failed: 'De proefrun is mislukt.',
    'timed-out': 'De proefrun duurde te lang en is gestopt.',
  };
  return (
    <section aria-labelledby="uitkomst-kop" data-testid="proefrun">
      <Heading level={2} id="uitkomst-kop">
        Uitkomst
      </Heading>
      <Paragraph role="status">{statusText[run.status]}</Paragraph>
      {run.detail ? (
        <Alert type="error">
          <Paragraph>{run.detail}</Paragraph>
        </Alert>
      ) : null}
      {run.results.length > 0 ? (
        <Table caption="Per scenario">
          <TableHead>
            <Th scope="col">Scenario</Th>
            <Th scope="col">Gemeente</Th>
            <Th scope="col">Uitkomst</Th>
            <Th scope="col">Waar</Th>
          </TableHead>
          <TBody>
            {run.results.map((r) => (
              <Tr key={r.persona}>
                <Td>
                  {scenarioLabel[r.scenario] ?? r.scenario} (persona {r.persona})
                </Td>
                <Td>{r.gemeente}</Td>
                <Td>
                  <StatusBadge status={badge[r.result]}>{resultLabel[r.result]}</StatusBadge>
                </Td>
                <Td>
                  {r.result === 'passed' ? null : (
                    <>
                      {r.definitionKey}: {r.elementIds.join(', ')} {r.detail ? <span>— {r.detail}</span> : null}{' '}
                      {r.definitionKey === draftKey && r.elementIds.length > 0 ? (
                        <Button onClick={() => setShown(r)}>Toon in het diagram</Button>
                      ) : null}
                    </>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : null}
      {shown ? (
        <Suspense fallback={<Paragraph>Diagram laden…</Paragraph>}>
          <StopDiagram xml={xml} elementIds={shown.elementIds} label={`Concept ${draftKey}; gestopt bij ${shown.elementIds.join(', ')}`} />
        </Suspense>
      ) : null}
    </section>
  );
}

/** The modeler with this draft opened (a definition not deployed yet opens as a new process). */
function modelerLink(key: string, deployed: boolean): string {
  return `/studio/ontwerpen/${deployed ? encodeURIComponent(key) : 'nieuw'}?${new URLSearchParams({ concept: key }).toString()}`;
}

/**
 * After a completed run: deploy the draft that was tried (not what the field holds now), or take it back to the modeler. A
 * deployed draft leads on to migrating the instances that run on the version it was based on.
 */
function NextStep({ run, tried, known }: { run: SandboxRun; tried: Concept; known: boolean }) {
  const queryClient = useQueryClient();
  const allPassed = run.results.length > 0 && run.results.every((r) => r.result === 'passed');
  const deploy = useMutation({
    mutationFn: () => deployXml(tried.xml),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['definitions'] }),
  });
  const refused: BpmnProblem[] = deploy.error instanceof DeployRefused ? deploy.error.errors : [];
  const deployed: DeployResponse | undefined = deploy.data;
  const modeler = modelerLink(tried.key, known);
  return (
    <section aria-labelledby="vervolg-kop" data-testid="vervolg">
      <Heading level={2} id="vervolg-kop">
        Volgende stap
      </Heading>
      {allPassed ? (
        <Alert type="ok">
          <Paragraph>Alle scenario's eindigen met het concept waar ze nu ook eindigen. Het concept kan worden uitgerold.</Paragraph>
        </Alert>
      ) : (
        <Alert type="warning">
          <Paragraph>Niet elk scenario eindigt met het concept waar het nu eindigt. Rol het alleen uit als dat de bedoeling is.</Paragraph>
        </Alert>
      )}
      <ButtonGroup label="Volgende stap">
        <Button appearance="primary-action" onClick={() => deploy.mutate()} busy={deploy.isPending} disabled={deploy.isPending || deployed !== undefined} data-testid="concept-uitrollen">
          Dit concept uitrollen
        </Button>
        <Link to={modeler} onClick={() => saveConcept(tried)} data-testid="terug-na-proefrun">
          Terug naar de ontwerper
        </Link>
      </ButtonGroup>
      <div aria-live="polite" data-testid="uitrol-status">
        {deployed ? (
          <Alert type={deployed.created ? 'ok' : 'info'}>
            <Paragraph>
              {deployed.created ? `Uitgerold: ${deployed.definitions[0]?.name ?? deployed.key} versie ${deployed.version}.` : `Niets uitgerold: het concept is gelijk aan versie ${deployed.version}.`}{' '}
              <Link to={`/studio/definities/${encodeURIComponent(deployed.key)}`}>Naar de versies</Link>
              {deployed.created && deployed.version > 1 ? (
                <>
                  {' · '}
                  <Link to={migrationLink(deployed.key, tried.baseVersion, deployed.version)} data-testid="naar-migreren">
                    Lopende instanties migreren
                  </Link>
                </>
              ) : null}
            </Paragraph>
          </Alert>
        ) : null}
        {deploy.error && !(deploy.error instanceof DeployRefused) ? <ErrorMessage error={deploy.error} /> : null}
        {deploy.error instanceof DeployRefused ? (
          <Alert type="error" heading="Niet uitgerold">
            <Paragraph>{deploy.error.message}</Paragraph>
            <ul>
              {refused.map((p, i) => (
                <li key={`${p.elementId ?? ''}-${p.code}-${i}`}>
                  {p.elementId ? <strong>{p.elementId}: </strong> : null}
                  {p.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
      </div>
    </section>
  );
}
