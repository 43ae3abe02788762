import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format/dates';
import { usePageTitle } from '../../shared/layout/usePageTitle';
import { Alert, Button, ButtonGroup, FormField, Heading, Paragraph, Select, StatusBadge, TBody, Table, TableHead, Td, Th, Tr } from '../../shared/ui';
import { actionLabel, kindLabel, migrationApi, type Batch, type MigratedWait, type MigrationPlan, type PlanResponse, type ValidationResponse } from './api';

/**
 * Instance migration (as Camunda Cockpit's): choose a definition and two versions, let the server map equal ids, edit the
 * mapping, try it on every running instance (nothing changes), then migrate in a batch and follow its report.
 */
export function MigratiePage() {
  usePageTitle('Instanties migreren');
  const [params, setParams] = useSearchParams();
  const key = params.get('definitie') ?? '';
  const from = Number(params.get('van') ?? 0);
  const to = Number(params.get('naar') ?? 0);
  const definitions = useQuery({ queryKey: ['definitions', 'all'], queryFn: ({ signal }) => migrationApi.definitions(signal) });
  const keys = useMemo(() => [...new Set((definitions.data?.items ?? []).map((d) => d.key))].sort(), [definitions.data]);
  const versions = useMemo(() => (definitions.data?.items ?? []).filter((d) => d.key === key).map((d) => d.version).sort((a, b) => a - b), [definitions.data, key]);

  const [plan, setPlan] = useState<PlanResponse | null>(null);
  const [validation, setValidation] = useState<ValidationResponse | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [showMapping, setShowMapping] = useState(false);

  const generate = useMutation({
    mutationFn: () => migrationApi.plan(key, from, to),
    onSuccess: (p) => {
      setPlan(p);
      setValidation(null);
      setBatchId(null);
      // Unfolded when an element has no equal in the new version: that is where the designer has work to do.
      setShowMapping(p.sourceElements.some((e) => !p.plan.instructions.some((i) => i.sourceElementId === e.id)));
    },
  });
  const check = useMutation({ mutationFn: (p: MigrationPlan) => migrationApi.check(p), onSuccess: setPlan });
  // A new dry run starts over: the next batch follows from it.
  const validate = useMutation({
    mutationFn: (p: MigrationPlan) => migrationApi.validate(p),
    onSuccess: (v) => {
      setValidation(v);
      setBatchId(null);
    },
  });
  const start = useMutation({ mutationFn: (p: MigrationPlan) => migrationApi.start(p), onSuccess: (b) => setBatchId(b.id) });
  const batch = useQuery({
    queryKey: ['migrations', 'batch', batchId],
    queryFn: ({ signal }) => migrationApi.batch(batchId!, signal),
    enabled: batchId !== null,
    refetchInterval: (query) => ((query.state.data as Batch | undefined)?.status === 'completed' ? false : 2000),
  });

  useEffect(() => {
    setPlan(null);
    setValidation(null);
    setBatchId(null);
  }, [key, from, to]);

  const choose = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === 'definitie') {
      next.delete('van');
      next.delete('naar');
    }
    setParams(next, { replace: true });
  };

  const mapTo = (sourceElementId: string, targetElementId: string) => {
    if (!plan) return;
    const rest = plan.plan.instructions.filter((i) => i.sourceElementId !== sourceElementId);
    const instructions = targetElementId ? [...rest, { sourceElementId, targetElementId }] : rest;
    check.mutate({ ...plan.plan, instructions });
    setValidation(null);
  };

  return (
    <>
      <Heading level={1}>Instanties migreren</Heading>
      <Paragraph lead>
        Zet lopende instanties over op een nieuwe versie. Elementen met dezelfde id worden vanzelf gekoppeld; pas de koppeling aan waar nodig, probeer
        haar eerst (er verandert dan niets) en migreer daarna.
      </Paragraph>
      {definitions.error ? <ErrorMessage error={definitions.error} retry={() => void definitions.refetch()} /> : null}
      <form
        aria-label="Versies kiezen"
        onSubmit={(e) => {
          e.preventDefault();
          generate.mutate();
        }}
      >
        <FormField id="definitie" label="Definitie">
          <Select id="definitie" value={key} onChange={(e) => choose('definitie', e.target.value)}>
            <option value="">Kies een definitie</option>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="van" label="Van versie">
          <Select id="van" value={from || ''} onChange={(e) => choose('van', e.target.value)} disabled={!key}>
            <option value="">Kies</option>
            {versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="naar" label="Naar versie">
          <Select id="naar" value={to || ''} onChange={(e) => choose('naar', e.target.value)} disabled={!key}>
            <option value="">Kies</option>
            {versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        </FormField>
        <Button type="submit" appearance="primary-action" disabled={!key || !from || !to || from === to} busy={generate.isPending}>
          Plan maken
        </Button>
      </form>
      {generate.error ? <ErrorMessage error={generate.error} /> : null}

      {plan ? (
        <section aria-labelledby="plan-kop">
          <Heading level={2} id="plan-kop">
            Plan: {plan.plan.sourceKey} versie {plan.plan.sourceVersion} → versie {plan.plan.targetVersion}
          </Heading>
          {plan.problems.length > 0 ? (
            <Alert type="error" heading="Het plan klopt nog niet">
              <ul>
                {plan.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {check.error ? <ErrorMessage error={check.error} /> : null}
          <PlanSummary plan={plan} />
          {/* The mapping of every element is long (schakel 4 has over a hundred): folded unless an element has no equal. */}
          <details className="app-details" data-testid="koppeling" open={showMapping} onToggle={(e) => setShowMapping(e.currentTarget.open)}>
            <summary>Koppeling per element bekijken of aanpassen</summary>
            <Table caption="Koppeling van elementen">
              <TableHead>
                <Th scope="col">Element in versie {plan.plan.sourceVersion}</Th>
                <Th scope="col">Soort</Th>
                <Th scope="col">Wordt in versie {plan.plan.targetVersion}</Th>
              </TableHead>
              <TBody>
                {plan.sourceElements.map((element) => {
                  const mapped = plan.plan.instructions.find((i) => i.sourceElementId === element.id)?.targetElementId ?? '';
                  const id = `koppeling-${element.id}`;
                  return (
                    <Tr key={element.id} data-element-id={element.id}>
                      <Td>
                        {element.name ?? element.id} <code>{element.id}</code>
                      </Td>
                      <Td>{element.kind}</Td>
                      <Td>
                        <label className="app-visually-hidden" htmlFor={id}>
                          Doel voor {element.name ?? element.id}
                        </label>
                        <Select id={id} value={mapped} onChange={(e) => mapTo(element.id, e.target.value)}>
                          <option value="">(niet gekoppeld)</option>
                          {plan.targetElements.map((t) => (
                            <option key={t.id} value={t.id}>
                              {t.name ?? t.id} ({t.id})
                            </option>
                          ))}
                        </Select>
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          </details>
          <ButtonGroup label="Migreren">
            <Button onClick={() => validate.mutate(plan.plan)} busy={validate.isPending} disabled={plan.problems.length > 0}>
              Proefmigratie
            </Button>
            <Button appearance="primary-action" onClick={() => start.mutate(plan.plan)} busy={start.isPending} disabled={plan.problems.length > 0 || !validation || validation.migratable === 0 || batchId !== null}>
              Migreren
            </Button>
          </ButtonGroup>
          {validate.error ? <ErrorMessage error={validate.error} /> : null}
          {start.error ? <ErrorMessage error={start.error} /> : null}
        </section>
      ) : null}

      {validation ? <ValidationReport validation={validation} /> : null}
      {batch.data ? <BatchReport batch={batch.data} /> : null}
      {batch.error ? <ErrorMessage error={batch.error} /> : null}
    </>
  );
}

/** An instance id short enough for a table: its random end (the start of a version-7 id is its creation time, shared by neighbours). */
function shortId(id: string): string {
  return `…${id.slice(-8)}`;
}

/** How the plan maps: on equal ids, onto other elements, or not at all. */
function PlanSummary({ plan }: { plan: PlanResponse }) {
  const instructions = plan.plan.instructions;
  const equal = instructions.filter((i) => i.sourceElementId === i.targetElementId).length;
  const other = instructions.length - equal;
  const unmapped = plan.sourceElements.filter((e) => !instructions.some((i) => i.sourceElementId === e.id));
  return (
    <Paragraph data-testid="plan-samenvatting">
      Van de {plan.sourceElements.length} elementen van versie {plan.plan.sourceVersion} {equal === 1 ? 'is' : 'zijn'} er {equal} gekoppeld op gelijke id, {other} op een ander
      element en {unmapped.length} niet gekoppeld{unmapped.length > 0 ? ` (${unmapped.map((e) => e.id).join(', ')})` : ''}. Een instantie die op een niet gekoppeld element
      wacht, kan niet worden gemigreerd.
    </Paragraph>
  );
}

/** One line for the waits of an instance: how many, and what happens to them. */
function waitSummary(waits: MigratedWait[]): string {
  const counts = new Map<string, number>();
  for (const w of waits) counts.set(w.action, (counts.get(w.action) ?? 0) + 1);
  const plural: Record<string, string> = { kept: 'blijven', cancelled: 'vervallen' };
  const parts = [...counts.entries()].map(([action, n]) => `${n} ${(n > 1 ? plural[action] : undefined) ?? actionLabel[action] ?? action}`);
  return `${waits.length} ${waits.length === 1 ? 'wachtplek' : 'wachtplekken'}: ${parts.join(', ')}`;
}

function ValidationReport({ validation }: { validation: ValidationResponse }) {
  return (
    <section aria-labelledby="proef-kop" data-testid="proefmigratie">
      <Heading level={2} id="proef-kop">
        Proefmigratie
      </Heading>
      <Paragraph>
        {validation.migratable} van {validation.instances.length} instanties kunnen worden gemigreerd; er is niets veranderd.
      </Paragraph>
      <Table caption="Per instantie">
        <TableHead>
          <Th scope="col">Instantie</Th>
          <Th scope="col">Gemeente</Th>
          <Th scope="col">Uitkomst</Th>
          <Th scope="col">Wat er gebeurt</Th>
        </TableHead>
        <TBody>
          {validation.instances.map((i) => (
            <Tr key={i.instanceId} data-instance-id={i.instanceId} data-can-migrate={i.canMigrate}>
              <Td>
                <code title={i.instanceId}>{shortId(i.instanceId)}</code>
                {i.businessKey ? <div className="app-muted">{i.businessKey}</div> : null}
              </Td>
              <Td>{i.gemeente}</Td>
              <Td>{i.canMigrate ? <StatusBadge status="success">kan</StatusBadge> : <StatusBadge status="danger">kan niet</StatusBadge>}</Td>
              <Td>
                {i.problems.length > 0 ? (
                  <ul data-testid="problemen">
                    {i.problems.map((p, n) => (
                      <li key={`p${n}`}>{p.message}</li>
                    ))}
                  </ul>
                ) : null}
                <details className="app-details">
                  <summary>
                    {i.canMigrate ? '' : 'Verder '}
                    {waitSummary(i.waits)}
                  </summary>
                  <ul>
                    {i.waits.map((w, n) => (
                      <li key={`w${n}`}>
                        {kindLabel[w.kind] ?? w.kind} {w.sourceElementId}
                        {w.targetElementId && w.targetElementId !== w.sourceElementId ? ` → ${w.targetElementId}` : ''}: {actionLabel[w.action] ?? w.action}
                        {w.kind === 'timer' && w.newDueAt ? `, valt af ${formatDateTime(w.newDueAt)}` : ''}
                      </li>
                    ))}
                  </ul>
                </details>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}

function BatchReport({ batch }: { batch: Batch }) {
  return (
    <section aria-labelledby="batch-kop" data-testid="batch">
      <Heading level={2} id="batch-kop">
        Migratiebatch
      </Heading>
      <Paragraph role="status">
        {batch.status === 'completed' ? 'Klaar' : 'Bezig'}: {batch.migrated} gemigreerd, {batch.failed} mislukt, {batch.pending} nog te doen van {batch.total}.
      </Paragraph>
      <Table caption="Per instantie">
        <TableHead>
          <Th scope="col">Instantie</Th>
          <Th scope="col">Stand</Th>
          <Th scope="col">Reden</Th>
        </TableHead>
        <TBody>
          {batch.items.map((item) => (
            <Tr key={item.instanceId} data-instance-id={item.instanceId} data-status={item.status}>
              <Td>
                <code title={item.instanceId}>{shortId(item.instanceId)}</code>
              </Td>
              <Td>{item.status === 'migrated' ? 'gemigreerd' : item.status === 'failed' ? 'mislukt' : 'wacht'}</Td>
              <Td>{item.problems.map((p) => p.message).join(' ')}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
