import { Link as RouterLink, useSearchParams } from 'react-router';
import { useClock, useMe, useProcessNames } from '../shared/api/common';
import type { Task } from '../shared/api/types';
import { ErrorMessage } from '../shared/errors';
import { describeDue, dueState, formatShortDate } from '../shared/format/dates';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { BadgeCounter, Button, FormField, Heading, Link, Paragraph, Select, StatusBadge, TBody, Table, TableHead, Td, Th, Tr } from '../shared/ui';
import { useTaskCounts, useTasks, useTaskTypes } from './api';
import { isGemeenteTask, pageSize, parseView, toSearch, withFilter, type Sort, type Tab, type View } from './view';

const tabLabels: Record<Tab, string> = { mijn: 'Mijn taken', groep: 'Taken van mijn groep(en)', alle: 'Alle taken' };

/** The consulent's werkvoorraad: tabs with counts, filters, the task list with due dates, paging — all held in the URL. */
export function WerkvoorraadPage() {
  const [search, setSearch] = useSearchParams();
  const view = parseView(search);
  usePageTitle(`Werkvoorraad: ${tabLabels[view.tab]}`);
  const go = (next: View) => setSearch(toSearch(next));
  const tasks = useTasks(view);
  const counts = useTaskCounts(view);
  const types = useTaskTypes(view.gemeente);
  const me = useMe();
  const clock = useClock();
  const processes = useProcessNames();
  const gemeenteNaam = (code: string) => me.data?.gemeenten.find((g) => g.code === code)?.naam ?? code;
  const total = tasks.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <>
      <Heading level={1}>Werkvoorraad</Heading>
      <nav aria-label="Weergaven van de werkvoorraad">
        <ul className="app-tabs">
          {(Object.keys(tabLabels) as Tab[]).map((tab) => {
            const count = counts.data ? (tab === 'mijn' ? counts.data.mine : tab === 'groep' ? counts.data.groups : counts.data.all) : null;
            return (
              <li key={tab}>
                <RouterLink to={{ search: toSearch(withFilter(view, { tab })).toString() }} aria-current={view.tab === tab ? 'page' : undefined} className="utrecht-link" data-tab={tab}>
                  {tabLabels[tab]}
                  {count !== null ? <BadgeCounter label={`${count} taken`}>{count}</BadgeCounter> : null}
                </RouterLink>
              </li>
            );
          })}
        </ul>
      </nav>

      <form className="app-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <FormField id="filter-gemeente" label="Gemeente">
          <Select id="filter-gemeente" value={view.gemeente ?? ''} onChange={(e) => go(withFilter(view, { gemeente: e.target.value || null, taak: null }))}>
            <option value="">Alle gemeenten</option>
            {me.data?.gemeenten.map((g) => (
              <option key={g.code} value={g.code}>
                {g.naam}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="filter-taak" label="Taaksoort">
          <Select id="filter-taak" value={view.taak ?? ''} onChange={(e) => go(withFilter(view, { taak: e.target.value || null }))}>
            <option value="">Alle taaksoorten</option>
            {types.data?.map((t) => (
              <option key={`${t.definitionKey}:${t.elementId}`} value={`${t.definitionKey}:${t.elementId}`}>
                {t.name ?? t.elementId} ({t.count})
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="filter-termijn" label="Vervaldatum">
          <Select id="filter-termijn" value={view.termijn ?? ''} onChange={(e) => go(withFilter(view, { termijn: (e.target.value || null) as View['termijn'] }))}>
            <option value="">Alle</option>
            <option value="te-laat">Te laat</option>
            <option value="deze-week">Deze week</option>
          </Select>
        </FormField>
        <FormField id="filter-vrij" label="Alleen niet geclaimde taken" checkbox>
          <input id="filter-vrij" type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom" checked={view.vrij} onChange={(e) => go(withFilter(view, { vrij: e.target.checked }))} />
        </FormField>
        <FormField id="filter-sorteer" label="Sorteren op">
          <Select id="filter-sorteer" value={view.sorteer} onChange={(e) => go(withFilter(view, { sorteer: e.target.value as Sort }))}>
            <option value="vervaldatum">Vervaldatum, eerst de vroegste</option>
            <option value="-vervaldatum">Vervaldatum, eerst de laatste</option>
            <option value="prioriteit">Prioriteit</option>
            <option value="nieuwste">Nieuwste eerst</option>
          </Select>
        </FormField>
      </form>

      {tasks.isError ? <ErrorMessage error={tasks.error} retry={() => tasks.refetch()} /> : null}
      {tasks.isPending ? <Paragraph aria-live="polite">De taken worden geladen…</Paragraph> : null}
      {tasks.data ? (
        <>
          {/* While another view loads, the previous list stays in sight, marked as busy (and for the browser tests). */}
          <Paragraph aria-live="polite" data-testid="aantal-taken" data-laden={tasks.isPlaceholderData ? 'ja' : undefined}>
            {total === 0 ? 'Geen taken in deze weergave.' : total === 1 ? '1 taak' : `${total} taken`}
            {pages > 1 ? ` · pagina ${view.pagina} van ${pages}` : ''}
          </Paragraph>
          {total > 0 ? (
            <Table caption={<span className="app-visually-hidden">{tabLabels[view.tab]}</span>}>
              <TableHead>
                <Th>Taak</Th>
                <Th>Inburgeraar</Th>
                <Th>Gemeente</Th>
                <Th>Schakel</Th>
                <Th aria-sort={view.sorteer === 'vervaldatum' ? 'ascending' : view.sorteer === '-vervaldatum' ? 'descending' : undefined}>
                  <Button appearance="subtle" onClick={() => go(withFilter(view, { sorteer: view.sorteer === 'vervaldatum' ? '-vervaldatum' : 'vervaldatum' }))}>
                    Vervaldatum <span aria-hidden="true">{view.sorteer === 'vervaldatum' ? '▲' : view.sorteer === '-vervaldatum' ? '▼' : ''}</span>
                    <span className="app-visually-hidden">, sorteer</span>
                  </Button>
                </Th>
                <Th>Geclaimd door</Th>
              </TableHead>
              <TBody>
                {tasks.data.items.map((task) => (
                  <TaskRow key={task.id} task={task} now={clock.data?.now ?? new Date().toISOString()} gemeente={gemeenteNaam(task.gemeente)} schakel={processes.data?.get(task.definitionKey) ?? task.definitionKey} />
                ))}
              </TBody>
            </Table>
          ) : null}
          {pages > 1 ? (
            <nav className="app-pagination" aria-label="Paginering">
              <Button disabled={view.pagina <= 1} onClick={() => go({ ...view, pagina: view.pagina - 1 })}>
                Vorige pagina
              </Button>
              <span>
                Pagina {view.pagina} van {pages}
              </span>
              <Button disabled={view.pagina >= pages} onClick={() => go({ ...view, pagina: view.pagina + 1 })}>
                Volgende pagina
              </Button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function TaskRow({ task, now, gemeente, schakel }: { task: Task; now: string; gemeente: string; schakel: string }) {
  const state = dueState(task.dueAt, now);
  const naam = task.display?.inburgeraarNaam;
  const referentie = task.display?.persoonReferentie ?? task.businessKey;
  return (
    <Tr data-task-id={task.id}>
      <Td>
        <Link to={`/taken/${task.id}`}>{task.name ?? task.elementId}</Link>
        {task.fourEyesRoles.length > 0 ? (
          <>
            {' '}
            <StatusBadge status="neutral">vier ogen{task.approvals.length > 0 ? `: ${task.approvals.length} van ${task.fourEyesRoles.length}` : ''}</StatusBadge>
          </>
        ) : null}
      </Td>
      <Td>
        {isGemeenteTask(task) ? (
          'De gemeente (alle trajecten)'
        ) : (
          <>
            <Link to={`/trajecten/${task.instanceId}`}>{naam ?? 'Naam onbekend'}</Link>
            {referentie ? <div className="app-muted">{referentie}</div> : null}
          </>
        )}
      </Td>
      <Td>{gemeente}</Td>
      <Td>{schakel}</Td>
      <Td>
        {task.dueAt ? (
          <span className={state === 'overdue' ? 'app-due--overdue' : state === 'today' || state === 'this-week' ? 'app-due--week' : undefined} data-due={state}>
            {formatShortDate(task.dueAt)}
            <br />
            {state === 'overdue' ? <StatusBadge status="danger">{describeDue(task.dueAt, now)}</StatusBadge> : null}
            {state === 'today' || state === 'this-week' ? <StatusBadge status="warning">deze week · {describeDue(task.dueAt, now)}</StatusBadge> : null}
          </span>
        ) : (
          <span className="app-muted">geen</span>
        )}
      </Td>
      <Td>{task.assignee ?? <span className="app-muted">niemand</span>}</Td>
    </Tr>
  );
}
