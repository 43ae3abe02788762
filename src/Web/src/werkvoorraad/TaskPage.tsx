import { lazy, Suspense, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useSignedInUser } from '../shared/auth/SessionContext';
import { roleNames, useClock, useMe, useProcessNames } from '../shared/api/common';
import { ApiError } from '../shared/api/problem';
import type { FieldError, TaskFormView } from '../shared/api/types';
import { ErrorMessage, ErrorSummary } from '../shared/errors';
import { describeDue, dueState, formatDate, formatDateTime } from '../shared/format/dates';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Alert, Button, ButtonGroup, DataItem, DataList, FormField, Heading, Link, Paragraph, Select, StatusBadge, Textarea } from '../shared/ui';
import { taskActions, useColleagues, useTaskAction, useTaskForm } from './api';
import type { TaskFormHandle } from './TaskForm';
import { isGemeenteTask } from './view';

const TaskForm = lazy(() => import('./TaskForm'));

/** One task: what it is about, claim / give back / hand over, the form, four eyes, and what happened to it. */
export function TaskPage() {
  const { taskId = '' } = useParams();
  const view = useTaskForm(taskId);
  usePageTitle(view.data ? `Taak: ${view.data.task.name ?? view.data.task.elementId}` : 'Taak');
  if (view.isPending) {
    return <Paragraph aria-live="polite">De taak wordt geladen…</Paragraph>;
  }

  if (view.isError) {
    return (
      <>
        <Heading level={1}>Taak</Heading>
        <ErrorMessage error={view.error} retry={() => view.refetch()} />
        <Paragraph>
          <Link to="/werkvoorraad">Terug naar de werkvoorraad</Link>
        </Paragraph>
      </>
    );
  }

  return <TaskDetails key={`${view.data.task.id}-${view.data.task.assignee}-${view.data.task.approvals.length}`} view={view.data} />;
}

function TaskDetails({ view }: { view: TaskFormView }) {
  const { task } = view;
  const user = useSignedInUser();
  const me = useMe();
  const clock = useClock();
  const processes = useProcessNames();
  const navigate = useNavigate();
  const form = useRef<TaskFormHandle>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [handOver, setHandOver] = useState(false);
  const [colleague, setColleague] = useState('');
  const colleagues = useColleagues(task.id, handOver);

  const claim = useTaskAction(() => taskActions.claim(task.id));
  const unclaim = useTaskAction(() => taskActions.unclaim(task.id));
  const assign = useTaskAction((to: string) => taskActions.assign(task.id, to));
  const sendBack = useTaskAction((why: string) => taskActions.sendBack(task.id, why));
  const complete = useTaskAction((variables: Record<string, unknown>) => taskActions.complete(task.id, variables));

  const mine = task.assignee === user?.user;
  const isAdmin = user?.roles.includes('beheerder') ?? false;
  const open = task.status === 'open';
  const iApproved = task.approvals.some((a) => a.user === user?.user);
  const reviewing = open && mine && task.approvals.length > 0 && !iApproved;
  const canWork = open && mine && !iApproved;
  const now = clock.data?.now ?? new Date().toISOString();
  const state = dueState(task.dueAt, now);
  const gemeente = me.data?.gemeenten.find((g) => g.code === task.gemeente)?.naam ?? task.gemeente;
  const missingRoles = task.fourEyesRoles.filter((r) => !task.approvals.some((a) => a.role === r));
  const labels = labelsOf(view.form);

  async function run(action: () => Promise<unknown>) {
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    }
  }

  async function submit() {
    setFailure(null);
    const result = form.current?.submit() ?? { data: {}, errors: [] };
    if (result.errors.length > 0) {
      setFieldErrors(result.errors);
      return;
    }

    setFieldErrors([]);
    try {
      await complete.mutateAsync(result.data);
      const done = task.fourEyesRoles.length > 0 && missingRoles.length > 1 ? 'Afgerond; de taak gaat naar de tweede persoon (vier ogen).' : 'De taak is afgerond.';
      navigate('/werkvoorraad', { state: { message: `${task.name ?? 'Taak'}: ${done}` } });
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        setFieldErrors(error.errors);
        form.current?.showErrors(error.errors);
      } else {
        setFailure(error);
      }
    }
  }

  return (
    <>
      <Paragraph>
        <Link to="/werkvoorraad">← Werkvoorraad</Link>
      </Paragraph>
      <Heading level={1}>{task.name ?? task.elementId}</Heading>
      {task.documentation ? <Paragraph lead>{task.documentation}</Paragraph> : null}

      <div className="app-columns">
        <div>
          {failure ? <ErrorMessage error={failure} /> : null}
          <ErrorSummary errors={fieldErrors} fieldId={(field) => form.current?.inputId(field) ?? null} heading="Het formulier is nog niet in orde" />
          {!open ? (
            <Alert type="info" heading={task.status === 'completed' ? 'Deze taak is afgerond' : 'Deze taak is vervallen'}>
              <Paragraph>{task.completedBy ? `Afgerond door ${task.completedBy} op ${formatDateTime(task.completedAt)}.` : 'Er is niets meer te doen.'}</Paragraph>
            </Alert>
          ) : null}
          {view.returned ? (
            <Alert type="warning" heading="Teruggestuurd (vier ogen)">
              <Paragraph>
                {view.returned.by} stuurde deze taak op {formatDateTime(view.returned.at)} terug: “{view.returned.reason}”
              </Paragraph>
            </Alert>
          ) : null}
          {open && iApproved ? (
            <Alert type="info" heading="U heeft deze taak afgerond">
              <Paragraph>Vier ogen: nu moet een tweede persoon ({missingRoles.map((r) => roleNames[r] ?? r).join(' of ')}) haar beoordelen en afronden.</Paragraph>
            </Alert>
          ) : null}
          {reviewing ? (
            <Alert type="info" heading="Vier ogen: beoordeel wat is ingevuld">
              <Paragraph>
                {task.approvals.map((a) => `${a.user} (${roleNames[a.role] ?? a.role})`).join(', ')} rondde deze taak af op {formatDateTime(task.approvals[0]?.at)}. Controleer de gegevens; ga akkoord of stuur de taak met een reden terug.
              </Paragraph>
              <DataList>
                {Object.entries(task.approvals[0]?.variables ?? {}).map(([key, value]) => (
                  <DataItem key={key} label={labels.get(key) ?? key}>
                    {display(value)}
                  </DataItem>
                ))}
              </DataList>
            </Alert>
          ) : null}

          {open && !task.assignee ? (
            <Alert type="info" heading="Nog niet in behandeling">
              <Paragraph>Neem de taak in behandeling om het formulier in te vullen.</Paragraph>
              <Button appearance="primary-action" busy={claim.isPending} onClick={() => run(() => claim.mutateAsync(undefined))}>
                In behandeling nemen
              </Button>
            </Alert>
          ) : null}
          {open && task.assignee && !mine ? (
            <Alert type="info" heading={`In behandeling bij ${task.assignee}`}>
              <Paragraph>Alleen {task.assignee}{isAdmin ? ' of een beheerder' : ''} kan deze taak afronden of overdragen.</Paragraph>
            </Alert>
          ) : null}

          {view.form ? (
            <Suspense fallback={<Paragraph>Het formulier wordt geladen…</Paragraph>}>
              <section aria-labelledby="formulier-kop">
                <Heading level={2} id="formulier-kop">
                  Formulier
                </Heading>
                <TaskForm schema={view.form} data={view.data} readOnly={!canWork} handle={form} />
              </section>
            </Suspense>
          ) : (
            <Paragraph>Deze taak heeft geen formulier.</Paragraph>
          )}

          {canWork ? (
            <ButtonGroup label="Taak afronden">
              <Button appearance="primary-action" busy={complete.isPending} disabled={complete.isPending} onClick={submit}>
                {reviewing ? 'Akkoord en afronden' : 'Afronden'}
              </Button>
              {reviewing ? (
                <Button appearance="secondary-action" onClick={() => setReturning(true)} aria-expanded={returning}>
                  Terugsturen
                </Button>
              ) : null}
            </ButtonGroup>
          ) : null}

          {reviewing && returning ? (
            <form
              className="app-panel"
              aria-label="Terugsturen met een reden"
              onSubmit={(e) => {
                e.preventDefault();
                if (!reason.trim()) {
                  setReasonError('Geef de reden waarom u de taak terugstuurt.');
                  return;
                }

                setReasonError(null);
                void run(async () => {
                  await sendBack.mutateAsync(reason.trim());
                  navigate('/werkvoorraad', { state: { message: `${task.name ?? 'Taak'}: teruggestuurd naar ${task.approvals[0]?.user}.` } });
                });
              }}
            >
              <FormField id="reden" label="Reden" description="Wat moet de eerste persoon aanpassen?" error={reasonError}>
                <Textarea id="reden" value={reason} onChange={(e) => setReason(e.target.value)} invalid={!!reasonError} aria-describedby={reasonError ? 'reden-beschrijving reden-fout' : 'reden-beschrijving'} rows={3} />
              </FormField>
              <Button type="submit" appearance="warning" busy={sendBack.isPending}>
                Terugsturen
              </Button>
            </form>
          ) : null}
        </div>

        <aside aria-label="Over deze taak">
          <section className="app-panel">
            <Heading level={2}>Over deze taak</Heading>
            <DataList>
              {isGemeenteTask(task) ? (
                <DataItem label="Betreft">De gemeente: alle trajecten op de agenda</DataItem>
              ) : (
                <DataItem label="Inburgeraar">
                  <Link to={`/trajecten/${task.instanceId}`}>{task.display?.inburgeraarNaam ?? 'Naam onbekend'}</Link>
                  <div className="app-muted">{task.display?.persoonReferentie ?? task.businessKey}</div>
                </DataItem>
              )}
              <DataItem label="Gemeente">{gemeente}</DataItem>
              <DataItem label="Schakel">{processes.data?.get(task.definitionKey) ?? task.definitionKey}</DataItem>
              <DataItem label="Vervaldatum">
                {task.dueAt ? (
                  <>
                    {formatDate(task.dueAt)}{' '}
                    {state === 'overdue' ? <StatusBadge status="danger">{describeDue(task.dueAt, now)}</StatusBadge> : state === 'today' || state === 'this-week' ? <StatusBadge status="warning">deze week</StatusBadge> : null}
                  </>
                ) : (
                  'geen'
                )}
              </DataItem>
              <DataItem label="Voor">{task.candidateGroups.map((g) => roleNames[g] ?? g).join(', ') || 'iedereen van de gemeente'}</DataItem>
              {task.fourEyesRoles.length > 0 ? <DataItem label="Vier ogen">{task.fourEyesRoles.map((r) => roleNames[r] ?? r).join(' en ')}, twee verschillende personen</DataItem> : null}
              <DataItem label="In behandeling bij">{task.assignee ?? 'niemand'}</DataItem>
            </DataList>
            {open && task.assignee && (mine || isAdmin) ? (
              <ButtonGroup label="Behandeling">
                <Button busy={unclaim.isPending} onClick={() => run(() => unclaim.mutateAsync(undefined))}>
                  Teruggeven aan de groep
                </Button>
                <Button onClick={() => setHandOver((v) => !v)} aria-expanded={handOver}>
                  Overdragen aan een collega
                </Button>
              </ButtonGroup>
            ) : null}
            {handOver ? (
              <form
                aria-label="Overdragen aan een collega"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (colleague) {
                    void run(async () => {
                      await assign.mutateAsync(colleague);
                      navigate('/werkvoorraad', { state: { message: `${task.name ?? 'Taak'}: overgedragen aan ${colleagues.data?.find((c) => c.user === colleague)?.displayName ?? colleague}.` } });
                    });
                  }
                }}
              >
                {colleagues.isError ? <ErrorMessage error={colleagues.error} /> : null}
                {colleagues.data && colleagues.data.length === 0 ? <Paragraph>Er is geen collega van deze gemeente met een rol van deze taak.</Paragraph> : null}
                {colleagues.data && colleagues.data.length > 0 ? (
                  <>
                    <FormField id="collega" label="Collega">
                      <Select id="collega" value={colleague} onChange={(e) => setColleague(e.target.value)} required>
                        <option value="">Kies een collega</option>
                        {colleagues.data.map((c) => (
                          <option key={c.user} value={c.user}>
                            {c.displayName} ({c.roles.map((r) => roleNames[r] ?? r).join(', ')})
                          </option>
                        ))}
                      </Select>
                    </FormField>
                    <Button type="submit" appearance="primary-action" disabled={!colleague} busy={assign.isPending}>
                      Overdragen
                    </Button>
                  </>
                ) : null}
              </form>
            ) : null}
          </section>
          <section className="app-panel">
            <Heading level={2}>Geschiedenis van de taak</Heading>
            <ul className="app-timeline">
              {view.history.map((h) => (
                <li key={h.id} data-kind="task">
                  <span className="app-muted">{formatDateTime(h.at)}</span>
                  <br />
                  {historyText(h.type, h.user, h.data)}
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </>
  );
}

function labelsOf(form: Record<string, unknown> | null): Map<string, string> {
  const labels = new Map<string, string>();
  const walk = (components: unknown) => {
    for (const c of (components as { key?: string; label?: string; dateLabel?: string; components?: unknown }[] | undefined) ?? []) {
      if (c.key) labels.set(c.key, c.label ?? c.dateLabel ?? c.key);
      walk(c.components);
    }
  };
  walk(form?.components);
  return labels;
}

function display(value: unknown): string {
  if (value === true) return 'ja';
  if (value === false) return 'nee';
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function historyText(type: string, user: string | null, data: Record<string, unknown> | null): string {
  const who = user ?? 'het systeem';
  switch (type) {
    case 'task-created':
      return 'Klaargezet';
    case 'task-claimed':
      return `${who} nam de taak in behandeling`;
    case 'task-unclaimed':
      return `${who} gaf de taak terug aan de groep`;
    case 'task-assigned':
      return `${who} droeg de taak over aan ${String(data?.assignee ?? '')}`;
    case 'task-approved':
      return `${who} rondde af (eerste van vier ogen)`;
    case 'task-returned':
      return `${who} stuurde de taak terug: ${String(data?.reason ?? '')}`;
    case 'task-completed':
      return `${who} rondde de taak af`;
    case 'task-cancelled':
      return 'Vervallen';
    default:
      return type;
  }
}
