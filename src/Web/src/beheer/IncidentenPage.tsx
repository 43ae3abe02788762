import { useState } from 'react';
import { useMe } from '../shared/api/common';
import { ErrorMessage } from '../shared/errors';
import { formatDateTime } from '../shared/format/dates';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Alert, Button, FormField, Heading, Link, Paragraph, Select, StatusBadge, Textbox } from '../shared/ui';
import { incidentPageSize, useIncidents, useRetry, type Incident, type IncidentFilter, type PartnerExchange } from './api';
import { useSearchFilter } from '../shared/layout/useSearchFilter';

/**
 * Incidents: partner calls and steps that stopped after their attempts. Filter by gemeente, activity type and status; see the
 * call and the answer that failed (the request and answer of the last attempt, which the API gives a beheerder only); retry
 * one, or every open incident that matches the filter (e.g. the day DUO is back).
 */
export function IncidentenPage() {
  usePageTitle('Incidenten');
  const { search, pagina, set } = useSearchFilter();
  const filter: IncidentFilter = {
    gemeente: search.get('gemeente'),
    activityType: search.get('activityType'),
    status: search.get('status') === 'all' ? 'all' : 'open',
    pagina,
  };
  const [activityText, setActivityText] = useState(filter.activityType ?? '');
  const incidents = useIncidents(filter);
  const me = useMe();
  const retry = useRetry();
  const [done, setDone] = useState<string | null>(null);
  const total = incidents.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / incidentPageSize));
  const gemeenteNaam = (code: string) => me.data?.gemeenten.find((g) => g.code === code)?.naam ?? code;
  const bulkAllowed = filter.gemeente !== null || filter.activityType !== null;

  const retryAll = () => {
    setDone(null);
    retry.mutate(
      { activityType: filter.activityType, gemeente: filter.gemeente },
      { onSuccess: (r) => setDone(r ? `${r.retried} van ${r.matched} incidenten opnieuw geprobeerd${r.failed.length ? `; ${r.failed.length} lukte niet` : ''}.` : 'Opnieuw geprobeerd.') },
    );
  };

  return (
    <>
      <Heading level={1}>Incidenten</Heading>
      <Paragraph lead>Partneraanroepen en stappen die na hun pogingen zijn gestopt. Probeer ze opnieuw als de oorzaak weg is, één voor één of alle die bij het filter passen.</Paragraph>
      <form
        className="app-filters"
        aria-label="Filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ activityType: activityText.trim() || null });
        }}
      >
        <FormField id="filter-gemeente" label="Gemeente">
          <Select id="filter-gemeente" value={filter.gemeente ?? ''} onChange={(e) => set({ gemeente: e.target.value })}>
            <option value="">Alle gemeenten</option>
            {me.data?.gemeenten.map((g) => (
              <option key={g.code} value={g.code}>
                {g.naam}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="filter-activiteit" label="Activiteit (bijvoorbeeld duo.pip-melden)">
          <Textbox id="filter-activiteit" value={activityText} onChange={(e) => setActivityText(e.target.value)} onBlur={() => set({ activityType: activityText.trim() || null })} />
        </FormField>
        <FormField id="filter-status" label="Status">
          <Select id="filter-status" value={filter.status} onChange={(e) => set({ status: e.target.value === 'all' ? 'all' : null })}>
            <option value="open">Open</option>
            <option value="all">Alle (ook opgelost)</option>
          </Select>
        </FormField>
      </form>

      <div className="app-button-group">
        <Button appearance="primary-action" disabled={!bulkAllowed || retry.isPending} busy={retry.isPending} onClick={retryAll} data-testid="alles-opnieuw">
          Alle open incidenten in dit filter opnieuw proberen
        </Button>
        {!bulkAllowed ? <span className="app-muted">Kies eerst een gemeente of activiteit, zodat niet per ongeluk alles opnieuw wordt geprobeerd.</span> : null}
      </div>
      {retry.isError ? <ErrorMessage error={retry.error} heading="Opnieuw proberen lukte niet" /> : null}
      {done ? <Alert type="ok">{done}</Alert> : null}

      {incidents.isError ? <ErrorMessage error={incidents.error} retry={() => incidents.refetch()} /> : null}
      {incidents.isPending ? <Paragraph aria-live="polite">De incidenten worden geladen…</Paragraph> : null}
      {incidents.data ? (
        <>
          <Paragraph aria-live="polite" data-testid="aantal-incidenten">
            {total === 0 ? 'Geen incidenten in deze weergave.' : total === 1 ? '1 incident' : `${total} incidenten`}
            {pages > 1 ? ` · pagina ${filter.pagina} van ${pages}` : ''}
          </Paragraph>
          <ul className="app-incidents">
            {incidents.data.items.map((i) => (
              <IncidentItem key={i.id} incident={i} gemeente={gemeenteNaam(i.gemeente)} onRetry={() => retry.mutate({ id: i.id }, { onSuccess: () => setDone('Het incident is opnieuw geprobeerd.') })} busy={retry.isPending} />
            ))}
          </ul>
          {pages > 1 ? (
            <nav className="app-pagination" aria-label="Paginering">
              <Button disabled={filter.pagina <= 1} onClick={() => set({ pagina: String(filter.pagina - 1) })}>
                Vorige pagina
              </Button>
              <Button disabled={filter.pagina >= pages} onClick={() => set({ pagina: String(filter.pagina + 1) })}>
                Volgende pagina
              </Button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function IncidentItem({ incident: i, gemeente, onRetry, busy }: { incident: Incident; gemeente: string; onRetry: () => void; busy: boolean }) {
  return (
    <li className="app-panel" data-testid="incident" data-incident={i.id}>
      <Heading level={2}>
        {i.activityType ?? i.elementId} <StatusBadge status={i.status === 'open' ? 'danger' : 'success'}>{i.status === 'open' ? 'Open' : 'Opgelost'}</StatusBadge>
      </Heading>
      <dl className="utrecht-data-list">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">Aanroep</dt>
          <dd className="utrecht-data-list__item-value">
            {i.activityType ? `${i.activityType} bij stap ${i.elementId}` : `Stap ${i.elementId}`} van {i.definitionKey}, {gemeente}; {i.attempts} {i.attempts === 1 ? 'poging' : 'pogingen'}, sinds {formatDateTime(i.createdAt)}
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">Fout</dt>
          <dd className="utrecht-data-list__item-value" data-testid="fout">
            {i.message}
            {i.code ? <span className="app-muted"> ({i.code})</span> : null}
          </dd>
        </div>
        {i.exchange ? <Exchange exchange={i.exchange} /> : null}
        {i.resolvedAt ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">Opgelost</dt>
            <dd className="utrecht-data-list__item-value">
              {formatDateTime(i.resolvedAt)} door {i.resolvedBy ?? 'onbekend'}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="app-button-group">
        {i.status === 'open' ? (
          <Button onClick={onRetry} disabled={busy} data-testid="opnieuw">
            Opnieuw proberen
          </Button>
        ) : null}
        <Link to={`/trajecten/${i.instanceId}`}>Naar het dossier</Link>
      </div>
    </li>
  );
}

/** The last attempt's request (the activity's inputs and the HTTP call) and the partner's answer, each cut to a few KB by the server. */
function Exchange({ exchange: x }: { exchange: PartnerExchange }) {
  return (
    <>
      <div className="utrecht-data-list__item">
        <dt className="utrecht-data-list__item-key">Verzoek</dt>
        <dd className="utrecht-data-list__item-value" data-testid="verzoek">
          {x.method && x.url ? (
            <code className="app-exchange-call">
              {x.method} {x.url}
            </code>
          ) : (
            <span className="app-muted">Geen HTTP-aanroep gedaan.</span>
          )}
          <pre className="app-exchange">
            {pretty(x.request)}
          </pre>
        </dd>
      </div>
      <div className="utrecht-data-list__item">
        <dt className="utrecht-data-list__item-key">Antwoord</dt>
        <dd className="utrecht-data-list__item-value" data-testid="antwoord">
          {x.status !== null ? `HTTP ${x.status}` : x.method ? 'Geen antwoord' : 'Niet van toepassing'}
          {x.response ? (
            <pre className="app-exchange">
              {pretty(x.response)}
            </pre>
          ) : null}
        </dd>
      </div>
    </>
  );
}

/** JSON laid out over lines; anything else (an excerpt cut mid-way, a transport error) as it is. */
function pretty(text: string) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
