import { lazy, Suspense, useCallback, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { roleNames } from '../shared/api/common';
import type { Casusregisseur, Dossier, Huishouden, KeyDate, Schakel } from '../shared/api/types';
import { ErrorMessage } from '../shared/errors';
import { describeDue, dueState, formatDate, formatDateTime, formatShortDate } from '../shared/format/dates';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Alert, Button, Checkbox, DataItem, DataList, FormField, Heading, Link, Paragraph, Select, StatusBadge, TBody, Table, TableHead, Td, Textbox, Th, Tr } from '../shared/ui';
import { useCasusregisseurOverdragen, useDiagram, useDossier, useHuishoudenKoppelen, useTimeline } from './api';

const DiagramViewer = lazy(() => import('./DiagramViewer'));

const statusNames: Record<string, string> = { active: 'loopt', completed: 'afgerond', terminated: 'beëindigd' };

/** The traject's dossier: person, key dates, schakels, open tasks, diagram, timeline, incidents (beheerder). */
export function DossierPage() {
  const { trajectId = '' } = useParams();
  const dossier = useDossier(trajectId);
  const naam = dossier.data?.inburgeraar.naam ?? dossier.data?.inburgeraar.persoonReferentie;
  usePageTitle(naam ? `Dossier ${naam}` : 'Dossier');
  if (dossier.isPending) {
    return <Paragraph aria-live="polite">Het dossier wordt geladen…</Paragraph>;
  }

  if (dossier.isError) {
    return (
      <>
        <Heading level={1}>Dossier</Heading>
        <ErrorMessage error={dossier.error} retry={() => dossier.refetch()} />
        <Paragraph>
          <Link to="/werkvoorraad">Terug naar de werkvoorraad</Link>
        </Paragraph>
      </>
    );
  }

  return <DossierDetails dossier={dossier.data} />;
}

function DossierDetails({ dossier }: { dossier: Dossier }) {
  const [search, setSearch] = useSearchParams();
  const schakelId = search.get('schakel') ?? dossier.currentSchakelId;
  const schakel = dossier.schakels.find((s) => s.id === schakelId) ?? dossier.schakels[0];
  const openSchakel = useCallback((id: string) => setSearch({ schakel: id }), [setSearch]);
  const p = dossier.inburgeraar;
  return (
    <>
      <Paragraph>
        <Link to="/werkvoorraad">← Werkvoorraad</Link>
      </Paragraph>
      <Heading level={1}>Dossier {p.naam ?? p.persoonReferentie}</Heading>
      <Paragraph lead>
        Inburgeringstraject in {dossier.gemeente.naam}, {statusNames[dossier.status] ?? dossier.status} sinds {formatDate(dossier.startedAt)}
        {dossier.endedAt ? ` tot ${formatDate(dossier.endedAt)}` : ''}.
      </Paragraph>

      <div className="app-columns">
        <div>
          <section className="app-panel" aria-labelledby="kop-persoon">
            <Heading level={2} id="kop-persoon">
              Inburgeraar
            </Heading>
            <DataList>
              <DataItem label="Naam">{p.naam ?? 'onbekend'}</DataItem>
              <DataItem label="PersoonReferentie">{p.persoonReferentie ?? '—'}</DataItem>
              <DataItem label="Doelgroep">{[p.doelgroep, p.gedetailleerdeDoelgroep].filter(Boolean).join(' — ') || 'nog niet bekend'}</DataItem>
              <DataItem label="Wet">{p.wet ?? 'nog niet bepaald'}</DataItem>
              <DataItem label="Leerroute">{p.leerroute ?? 'nog niet gekozen'}</DataItem>
              <DataItem label="Gemeente">{dossier.gemeente.naam}</DataItem>
              {p.maatschappelijkeBegeleiding !== null ? <DataItem label="Maatschappelijke begeleiding">{p.maatschappelijkeBegeleiding ? 'ja' : 'nee'}</DataItem> : null}
            </DataList>
          </section>

          {dossier.casusregisseur ? <CasusregisseurSection trajectId={dossier.id} casusregisseur={dossier.casusregisseur} huishouden={dossier.huishouden} /> : null}
          {dossier.huishouden ? <HuishoudenSection trajectId={dossier.id} actief={dossier.status === 'active'} huishouden={dossier.huishouden} /> : null}

          <section className="app-panel app-key-dates" aria-labelledby="kop-data">
            <Heading level={2} id="kop-data">
              Belangrijke data
            </Heading>
            {dossier.keyDates.length === 0 ? <Paragraph>Nog geen termijnen: die volgen uit de melding van DUO en het PIP.</Paragraph> : null}
            <DataList>
              {dossier.keyDates.map((d) => (
                <DataItem key={d.key} label={d.label}>
                  <KeyDateValue date={d} now={dossier.now} />
                </DataItem>
              ))}
            </DataList>
          </section>

          <section className="app-panel" aria-labelledby="kop-taken">
            <Heading level={2} id="kop-taken">
              Open taken
            </Heading>
            {dossier.openTasks.length === 0 ? (
              <Paragraph>Er staan geen taken open.</Paragraph>
            ) : (
              <Table>
                <TableHead>
                  <Th>Taak</Th>
                  <Th>Vervaldatum</Th>
                  <Th>In behandeling bij</Th>
                </TableHead>
                <TBody>
                  {dossier.openTasks.map((t) => {
                    const state = dueState(t.dueAt, dossier.now);
                    return (
                      <Tr key={t.id}>
                        <Td>
                          <Link to={`/taken/${t.id}`}>{t.name ?? t.elementId}</Link>
                          <div className="app-muted">voor {t.candidateGroups.map((g) => roleNames[g] ?? g).join(', ')}</div>
                        </Td>
                        <Td>
                          <span className={state === 'overdue' ? 'app-due--overdue' : undefined}>{t.dueAt ? formatShortDate(t.dueAt) : 'geen'}</span>
                          {state === 'overdue' ? (
                            <>
                              {' '}
                              <StatusBadge status="danger">{describeDue(t.dueAt, dossier.now)}</StatusBadge>
                            </>
                          ) : null}
                        </Td>
                        <Td>{t.assignee ?? 'niemand'}</Td>
                      </Tr>
                    );
                  })}
                </TBody>
              </Table>
            )}
          </section>

          {schakel ? <DiagramSection schakel={schakel} schakels={dossier.schakels} onOpen={openSchakel} /> : null}

          {dossier.incidents ? (
            <section className="app-panel" aria-labelledby="kop-incidenten">
              <Heading level={2} id="kop-incidenten">
                Open incidenten
              </Heading>
              {dossier.incidents.length === 0 ? <Paragraph>Geen open incidenten.</Paragraph> : null}
              <ul className="app-timeline">
                {dossier.incidents.map((i) => (
                  <li key={i.id} data-kind="incident">
                    <strong>{i.elementId}</strong> ({i.activityType ?? i.type}, {i.attempts} pogingen, sinds {formatDateTime(i.createdAt)}): {i.message}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>

        <aside aria-label="Verloop">
          <section className="app-panel" aria-labelledby="kop-schakels">
            <Heading level={2} id="kop-schakels">
              Traject en schakels
            </Heading>
            <SchakelTree schakels={dossier.schakels} parent={null} selected={schakel?.id} onOpen={openSchakel} />
          </section>
          <TimelineSection id={dossier.id} />
        </aside>
      </div>
    </>
  );
}

/**
 * The traject's casusregisseur: the consulent whose work list holds its tasks. The casusregisseur or a beheerder (any
 * consulent while there is none) hands it to another consulent of the gemeente; the open tasks go along.
 */
function CasusregisseurSection({ trajectId, casusregisseur, huishouden }: { trajectId: string; casusregisseur: Casusregisseur; huishouden: Huishouden | null }) {
  const [keuze, setKeuze] = useState('');
  const [metHuishouden, setMetHuishouden] = useState(false);
  const gezinsleden = huishouden?.gezinsleden.filter((g) => g.status === 'active') ?? [];
  const [melding, setMelding] = useState<string | null>(null);
  const overdragen = useCasusregisseurOverdragen(trajectId);
  const kandidaten = casusregisseur.kandidaten.filter((k) => k.user !== casusregisseur.user);
  return (
    <section className="app-panel" aria-labelledby="kop-casusregisseur" data-testid="casusregisseur">
      <Heading level={2} id="kop-casusregisseur">
        Casusregisseur
      </Heading>
      <Paragraph data-testid="casusregisseur-naam">
        {casusregisseur.user ? (
          <strong>{casusregisseur.naam ?? casusregisseur.user}</strong>
        ) : (
          'Nog niemand: de consulent die de brede intake afneemt, wordt casusregisseur. Tot dan staan de taken in de werkvoorraad van de groep.'
        )}
      </Paragraph>
      {overdragen.isError ? <ErrorMessage error={overdragen.error} heading="Niet overgedragen" /> : null}
      {melding ? (
        <Alert type="ok" heading="Overgedragen">
          <Paragraph>{melding}</Paragraph>
        </Alert>
      ) : null}
      {casusregisseur.magOverdragen ? (
        <form
          aria-label="Casusregisseur wijzigen"
          onSubmit={(e) => {
            e.preventDefault();
            setMelding(null);
            overdragen.mutate(
              { casusregisseur: keuze, huishouden: metHuishouden },
              {
                onSuccess: (r) => {
                  setKeuze('');
                  setMetHuishouden(false);
                  const mee = r.huishoudenOvergedragen?.length ?? 0;
                  const niet = r.huishoudenNietOvergedragen?.length ?? 0;
                  setMelding(
                    `${r.naam} is nu casusregisseur` +
                      (r.takenOvergedragen > 0 ? `; ${r.takenOvergedragen} open ${r.takenOvergedragen === 1 ? 'taak ging' : 'taken gingen'} mee` : '') +
                      (mee > 0 ? `; ook van ${mee} ander${mee === 1 ? ' traject' : 'e trajecten'} van het huishouden` : '') +
                      (niet > 0 ? `; ${niet} traject${niet === 1 ? '' : 'en'} van het huishouden mag u niet overdragen` : '') +
                      '.',
                  );
                },
              },
            );
          }}
        >
          {kandidaten.length === 0 ? (
            <Paragraph>Er is geen andere consulent van deze gemeente.</Paragraph>
          ) : (
            <>
              <FormField id="casusregisseur-keuze" label={casusregisseur.user ? 'Overdragen aan' : 'Casusregisseur kiezen'}>
                <Select id="casusregisseur-keuze" value={keuze} onChange={(e) => setKeuze(e.target.value)} required>
                  <option value="">Kies een consulent</option>
                  {kandidaten.map((k) => (
                    <option key={k.user} value={k.user}>
                      {k.displayName}
                    </option>
                  ))}
                </Select>
              </FormField>
              {gezinsleden.length > 0 ? (
                <FormField id="casusregisseur-huishouden" label="Ook de andere trajecten van het huishouden overdragen" checkbox>
                  <Checkbox id="casusregisseur-huishouden" checked={metHuishouden} onChange={(e) => setMetHuishouden(e.target.checked)} />
                </FormField>
              ) : null}
              <Button type="submit" appearance="primary-action" disabled={!keuze} busy={overdragen.isPending}>
                {casusregisseur.user ? 'Overdragen' : 'Vastleggen'}
              </Button>
            </>
          )}
        </form>
      ) : null}
    </section>
  );
}

/**
 * The household (leefeenheid): the other trajecten of the gezin in this gemeente, with where they stand and their
 * casusregisseur. The household comes from the bijstand (Participatiewet art. 4 and 11); without bijstand a consulent links
 * the traject to the household of another dossier of the gemeente.
 */
function HuishoudenSection({ trajectId, actief, huishouden }: { trajectId: string; actief: boolean; huishouden: Huishouden }) {
  const [dossier, setDossier] = useState('');
  const [melding, setMelding] = useState<string | null>(null);
  const koppelen = useHuishoudenKoppelen(trajectId);
  return (
    <section className="app-panel" aria-labelledby="kop-huishouden" data-testid="huishouden">
      <Heading level={2} id="kop-huishouden">
        Huishouden
      </Heading>
      {huishouden.id === null ? (
        <Paragraph>Geen huishouden bekend: geen bijstand voor een leefeenheid en niet gekoppeld aan een gezinslid.</Paragraph>
      ) : huishouden.gezinsleden.length === 0 ? (
        <Paragraph>
          Huishouden {huishouden.id} ({huishouden.bron}): geen andere trajecten in deze gemeente.
        </Paragraph>
      ) : (
        <Table caption={`Andere trajecten van het huishouden (${huishouden.bron})`}>
          <TableHead>
            <Tr>
              <Th scope="col">Gezinslid</Th>
              <Th scope="col">Schakel</Th>
              <Th scope="col">Casusregisseur</Th>
            </Tr>
          </TableHead>
          <TBody>
            {huishouden.gezinsleden.map((g) => (
              <Tr key={g.trajectId}>
                <Td>
                  <Link to={`/trajecten/${g.trajectId}`}>{g.naam ?? g.persoonReferentie ?? g.trajectId}</Link>
                  {g.naam && g.persoonReferentie ? <div className="app-muted">{g.persoonReferentie}</div> : null}
                </Td>
                <Td>{g.status === 'active' ? (g.schakel ?? 'loopt') : (statusNames[g.status] ?? g.status)}</Td>
                <Td>{g.casusregisseurNaam ?? g.casusregisseur ?? 'nog niemand'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {koppelen.isError ? <ErrorMessage error={koppelen.error} heading="Niet gekoppeld" /> : null}
      {melding ? (
        <Alert type="ok" heading="Gekoppeld">
          <Paragraph>{melding}</Paragraph>
        </Alert>
      ) : null}
      {actief ? (
        <form
          aria-label="Koppelen aan een huishouden"
          onSubmit={(e) => {
            e.preventDefault();
            setMelding(null);
            koppelen.mutate(dossier.trim(), {
              onSuccess: (h) => {
                setDossier('');
                setMelding(`Gekoppeld aan huishouden ${h.id}; het huishouden heeft ${h.gezinsleden.length} ander${h.gezinsleden.length === 1 ? ' traject' : 'e trajecten'}.`);
              },
            });
          }}
        >
          <FormField id="huishouden-dossier" label="Koppelen aan het huishouden van dossier" description="Het dossiernummer (uit de adresbalk van het dossier) van een gezinslid in deze gemeente.">
            <Textbox id="huishouden-dossier" value={dossier} onChange={(e) => setDossier(e.target.value)} />
          </FormField>
          <Button type="submit" disabled={!dossier.trim()} busy={koppelen.isPending}>
            Koppelen
          </Button>
        </form>
      ) : null}
    </section>
  );
}

function KeyDateValue({ date, now }: { date: KeyDate; now: string }) {
  const badge =
    date.state === 'overdue' ? (
      <StatusBadge status="danger">verstreken</StatusBadge>
    ) : date.state === 'soon' ? (
      <StatusBadge status="warning">binnenkort</StatusBadge>
    ) : date.state === 'done' ? (
      <StatusBadge status="success">gereed</StatusBadge>
    ) : null;
  return (
    <>
      <p className="utrecht-paragraph" data-key-date={date.key}>
        <strong className={date.state === 'overdue' ? 'app-due--overdue' : undefined}>{date.date ? formatDate(date.date) : '—'}</strong> {badge}
        {date.date && date.state !== 'done' && date.state !== 'passed' ? <span className="app-muted"> ({describeDue(date.date, now)})</span> : null}
      </p>
      <p className="utrecht-paragraph utrecht-paragraph--small app-muted">{date.explanation}</p>
    </>
  );
}

function SchakelTree({ schakels, parent, selected, onOpen }: { schakels: Schakel[]; parent: string | null; selected: string | undefined; onOpen: (id: string) => void }) {
  const level = schakels.filter((s) => (parent === null ? !schakels.some((o) => o.id === s.parentInstanceId) : s.parentInstanceId === parent));
  if (level.length === 0) {
    return null;
  }

  return (
    <ul className="app-tree">
      {level.map((s) => (
        <li key={s.id}>
          <Button appearance="subtle" onClick={() => onOpen(s.id)} aria-current={s.id === selected ? 'true' : undefined} data-schakel={s.definitionKey}>
            {s.id === selected ? <strong>{s.name}</strong> : s.name}
          </Button>{' '}
          <StatusBadge status={s.status === 'active' ? 'active' : s.status === 'completed' ? 'success' : 'inactive'}>{statusNames[s.status] ?? s.status}</StatusBadge>
          {s.openIncidents > 0 ? <StatusBadge status="danger">{s.openIncidents} incident(en)</StatusBadge> : null}
          <SchakelTree schakels={schakels} parent={s.id} selected={selected} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}

function DiagramSection({ schakel, schakels, onOpen }: { schakel: Schakel; schakels: Schakel[]; onOpen: (id: string) => void }) {
  const diagram = useDiagram(schakel.id);
  const parent = schakels.find((s) => s.id === schakel.parentInstanceId);
  return (
    <section className="app-panel" aria-labelledby="kop-diagram">
      <Heading level={2} id="kop-diagram">
        Diagram: {schakel.name}
      </Heading>
      <Paragraph small className="app-muted">
        Blauw omrand: waar het traject nu staat. Groen: de weg die het aflegde. Klik op een aangeroepen schakel om die te openen.
        {parent ? (
          <>
            {' '}
            <Button appearance="subtle" onClick={() => onOpen(parent.id)}>
              Naar {parent.name}
            </Button>
          </>
        ) : null}
      </Paragraph>
      {diagram.isError ? <ErrorMessage error={diagram.error} retry={() => diagram.refetch()} /> : null}
      {diagram.data ? (
        <Suspense fallback={<Paragraph>Het diagram wordt geladen…</Paragraph>}>
          <DiagramViewer diagram={diagram.data} onOpenCall={onOpen} />
          <Paragraph small data-testid="actieve-elementen">
            Waar deze schakel nu staat: {diagram.data.activeNames.length === 0 ? 'nergens meer (de schakel is klaar)' : diagram.data.activeNames.join(', ')}
          </Paragraph>
        </Suspense>
      ) : null}
    </section>
  );
}

function TimelineSection({ id }: { id: string }) {
  const timeline = useTimeline(id);
  const entries = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="app-panel" aria-labelledby="kop-tijdlijn">
      <Heading level={2} id="kop-tijdlijn">
        Tijdlijn
      </Heading>
      {timeline.isError ? <ErrorMessage error={timeline.error} retry={() => timeline.refetch()} /> : null}
      <ol className="app-timeline" data-testid="tijdlijn">
        {entries.map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <span className="app-muted">
              {formatDateTime(e.at)} · {e.schakel}
            </span>
            <br />
            {e.text}
          </li>
        ))}
      </ol>
      {timeline.hasNextPage ? (
        <Button onClick={() => timeline.fetchNextPage()} busy={timeline.isFetchingNextPage}>
          Eerdere gebeurtenissen
        </Button>
      ) : null}
    </section>
  );
}
