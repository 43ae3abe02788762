import { useState } from 'react';
import { useMe } from '../shared/api/common';
import { ErrorMessage } from '../shared/errors';
import { formatDateTime } from '../shared/format/dates';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Alert, Button, FormField, Heading, Link, Paragraph, Select, StatusBadge, Textbox } from '../shared/ui';
import { aanroepPageSize, useRetryNow, useWachtendeAanroepen, type AanroepFilter, type WachtendeAanroep } from './api';
import { useSearchFilter } from '../shared/layout/useSearchFilter';

/**
 * Wachtende aanroepen: partner calls that failed and wait out their back-off before the next attempt. The day a partner is
 * back, a beheerder need not wait: "Nu opnieuw proberen" gives one call, or every call of an activity and/or gemeente, its
 * next attempt now (attempts and idempotency key stay as they are).
 */
export function WachtendeAanroepenPage() {
  usePageTitle('Wachtende aanroepen');
  const { search, pagina, set } = useSearchFilter();
  const filter: AanroepFilter = {
    gemeente: search.get('gemeente'),
    activityType: search.get('activityType'),
    pagina,
  };
  const [activityText, setActivityText] = useState(filter.activityType ?? '');
  const calls = useWachtendeAanroepen(filter);
  const me = useMe();
  const bulk = useRetryNow();
  const [done, setDone] = useState<string | null>(null);
  const total = calls.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / aanroepPageSize));
  const gemeenteNaam = (code: string) => me.data?.gemeenten.find((g) => g.code === code)?.naam ?? code;
  const bulkAllowed = filter.gemeente !== null || filter.activityType !== null;

  const retryAll = () => {
    setDone(null);
    bulk.mutate(
      { activityType: filter.activityType, gemeente: filter.gemeente },
      { onSuccess: (count) => setDone(count === 0 ? 'Er wachtte geen aanroep in dit filter.' : count === 1 ? '1 aanroep krijgt nu zijn volgende poging.' : `${count} aanroepen krijgen nu hun volgende poging.`) },
    );
  };

  return (
    <>
      <Heading level={1}>Wachtende aanroepen</Heading>
      <Paragraph lead>
        Partneraanroepen die mislukten en wachten tot hun volgende poging. Is de partner terug, probeer ze dan nu opnieuw: één voor één, of alle aanroepen van een
        activiteit en gemeente. Het aantal pogingen en de idempotentiesleutel blijven gelijk.
      </Paragraph>
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
        <FormField id="filter-activiteit" label="Activiteit (bijvoorbeeld taalaanbieder.aanmelden)">
          <Textbox id="filter-activiteit" value={activityText} onChange={(e) => setActivityText(e.target.value)} onBlur={() => set({ activityType: activityText.trim() || null })} />
        </FormField>
      </form>

      <div className="app-button-group">
        <Button appearance="primary-action" disabled={!bulkAllowed || bulk.isPending} busy={bulk.isPending} onClick={retryAll} data-testid="alles-nu">
          Alle wachtende aanroepen in dit filter nu opnieuw proberen
        </Button>
        {!bulkAllowed ? <span className="app-muted">Kies eerst een gemeente of activiteit, zodat niet per ongeluk alles tegelijk opnieuw wordt geprobeerd.</span> : null}
      </div>
      {bulk.isError ? <ErrorMessage error={bulk.error} heading="Nu opnieuw proberen lukte niet" /> : null}
      {done ? <Alert type="ok">{done}</Alert> : null}

      {calls.isError ? <ErrorMessage error={calls.error} retry={() => calls.refetch()} /> : null}
      {calls.isPending ? <Paragraph aria-live="polite">De wachtende aanroepen worden geladen…</Paragraph> : null}
      {calls.data ? (
        <>
          <Paragraph aria-live="polite" data-testid="aantal-wachtend">
            {total === 0 ? 'Geen wachtende aanroepen in deze weergave.' : total === 1 ? '1 wachtende aanroep' : `${total} wachtende aanroepen`}
            {pages > 1 ? ` · pagina ${filter.pagina} van ${pages}` : ''}
          </Paragraph>
          <ul className="app-incidents">
            {calls.data.items.map((c) => (
              <AanroepItem key={c.id} call={c} gemeente={gemeenteNaam(c.gemeente)} onDone={() => setDone('De aanroep krijgt nu zijn volgende poging.')} />
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

/** One waiting call; its own "retry now" with its error shown in place (e.g. its attempt started meanwhile). */
function AanroepItem({ call: c, gemeente, onDone }: { call: WachtendeAanroep; gemeente: string; onDone: () => void }) {
  const retry = useRetryNow();
  return (
    <li className="app-panel" data-testid="wachtende-aanroep" data-aanroep={c.id}>
      <Heading level={2}>
        {c.activityType} <StatusBadge status="warning">Wacht</StatusBadge>
      </Heading>
      <dl className="utrecht-data-list">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">Aanroep</dt>
          <dd className="utrecht-data-list__item-value">
            {c.activityType} bij stap {c.elementId} van {c.definitionKey}, {gemeente}; {c.attempts} {c.attempts === 1 ? 'poging' : 'pogingen'}
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">Volgende poging</dt>
          <dd className="utrecht-data-list__item-value" data-testid="volgende-poging">
            {formatDateTime(c.nextAttemptAt)}
          </dd>
        </div>
        {c.lastError ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">Laatste antwoord</dt>
            <dd className="utrecht-data-list__item-value" data-testid="laatste-antwoord">
              {c.lastError}
            </dd>
          </div>
        ) : null}
      </dl>
      {retry.isError ? <ErrorMessage error={retry.error} heading="Nu opnieuw proberen lukte niet" /> : null}
      <div className="app-button-group">
        <Button onClick={() => retry.mutate({ id: c.id }, { onSuccess: onDone })} disabled={retry.isPending} busy={retry.isPending} data-testid="nu-opnieuw">
          Nu opnieuw proberen
        </Button>
        <Link to={`/trajecten/${c.instanceId}`}>Naar het dossier</Link>
      </div>
    </li>
  );
}
