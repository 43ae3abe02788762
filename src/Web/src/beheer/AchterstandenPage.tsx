import { Link as RouterLink } from 'react-router';
import { ErrorMessage } from '../shared/errors';
import { formatShortDate } from '../shared/format/dates';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { BadgeCounter, Button, FormField, Heading, Link, Paragraph, Select, StatusBadge, TBody, Table, TableHead, Td, Th, Tr } from '../shared/ui';
import { useAchterstanden, useAchterstandenLijst } from './api';
import { ExportButtons } from './ExportButtons';
import { useSearchFilter } from '../shared/layout/useSearchFilter';

const pageSize = 25;

/**
 * Overdue and soon due, per kind (PIP, voortgangsgesprek, termijn, ontzorging, tasks): a count per kind and gemeente, and the
 * chosen kind's trajecten, each linking to its dossier. The URL holds the view (?soort=pip&gemeente=0632&staat=te-laat&pagina=2).
 */
export function AchterstandenPage() {
  const { search, pagina, set } = useSearchFilter();
  const summary = useAchterstanden();
  const soorten = summary.data?.soorten ?? [];
  const soort = search.get('soort') ?? 'pip';
  const gemeente = search.get('gemeente');
  const staat = search.get('staat') === 'te-laat' ? 'te-laat' : 'alle';
  const current = soorten.find((s) => s.key === soort);
  usePageTitle(`Achterstanden${current ? `: ${current.naam}` : ''}`);
  const list = useAchterstandenLijst(soort, { gemeente, staat, page: pagina, pageSize });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <>
      <Heading level={1}>Achterstanden</Heading>
      <Paragraph lead>Wat te laat is of binnenkort verloopt, per soort en gemeente. Elk traject opent in zijn dossier.</Paragraph>
      {summary.isError ? <ErrorMessage error={summary.error} retry={() => summary.refetch()} /> : null}
      {summary.isPending ? <Paragraph aria-live="polite">De achterstanden worden geteld…</Paragraph> : null}
      {summary.data ? (
        <Table caption="Aantal te laat en binnenkort per soort en gemeente">
          <TableHead>
            <Th>Soort</Th>
            {summary.data.gemeenten.map((g) => (
              <Th key={g.code}>{g.naam}</Th>
            ))}
            <Th>Samen</Th>
          </TableHead>
          <TBody>
            {soorten.map((s) => (
              <Tr key={s.key} data-soort={s.key}>
                <Th scope="row">
                  <RouterLink className="utrecht-link" to={{ search: `?soort=${s.key}` }} aria-current={s.key === soort ? 'true' : undefined}>
                    {s.naam}
                  </RouterLink>
                </Th>
                {s.perGemeente.map((g) => (
                  <Td key={g.code} data-gemeente={g.code}>
                    <Aantal teLaat={g.teLaat} binnenkort={g.binnenkort} />
                  </Td>
                ))}
                <Td data-gemeente="samen">
                  <Aantal teLaat={s.teLaat} binnenkort={s.binnenkort} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : null}

      {current ? (
        <section aria-labelledby="kop-soort" className="app-panel">
          <Heading level={2} id="kop-soort">
            {current.naam}
          </Heading>
          <Paragraph>{current.uitleg}</Paragraph>
          <form className="app-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
            <FormField id="filter-soort" label="Soort">
              <Select id="filter-soort" value={soort} onChange={(e) => set({ soort: e.target.value })}>
                {soorten.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.naam}
                  </option>
                ))}
              </Select>
            </FormField>
            <FormField id="filter-gemeente" label="Gemeente">
              <Select id="filter-gemeente" value={gemeente ?? ''} onChange={(e) => set({ gemeente: e.target.value })}>
                <option value="">Alle gemeenten</option>
                {summary.data?.gemeenten.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.naam}
                  </option>
                ))}
              </Select>
            </FormField>
            <FormField id="filter-staat" label="Tonen">
              <Select id="filter-staat" value={staat} onChange={(e) => set({ staat: e.target.value === 'alle' ? null : e.target.value })}>
                <option value="alle">Te laat en binnenkort</option>
                <option value="te-laat">Alleen te laat</option>
              </Select>
            </FormField>
          </form>
          {list.isError ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
          {list.data ? (
            <>
              <Paragraph aria-live="polite" data-testid="aantal-achterstanden">
                {total === 0 ? 'Niets in deze weergave.' : total === 1 ? '1 traject' : `${total} trajecten`}
                {pages > 1 ? ` · pagina ${pagina} van ${pages}` : ''}
              </Paragraph>
              {total > 0 ? (
                <Table caption={<span className="app-visually-hidden">{current.naam}</span>}>
                  <TableHead>
                    <Th>Inburgeraar</Th>
                    <Th>Gemeente</Th>
                    <Th>Wat</Th>
                    <Th>Datum</Th>
                    <Th>Staat</Th>
                    <Th>Bij</Th>
                  </TableHead>
                  <TBody>
                    {list.data.items.map((a) => (
                      <Tr key={a.id} data-testid="achterstand">
                        <Td>
                          <Link to={`/trajecten/${a.trajectId}`}>{a.inburgeraar ?? 'Inburgeraar'}</Link>
                          {a.persoonReferentie ? <div className="app-muted">{a.persoonReferentie}</div> : null}
                        </Td>
                        <Td>{a.gemeente.naam}</Td>
                        <Td>
                          {a.wat}
                          <div className="app-muted">{a.schakel}</div>
                        </Td>
                        <Td>{formatShortDate(a.datum)}</Td>
                        <Td>{a.staat === 'te-laat' ? <StatusBadge status="danger">Te laat</StatusBadge> : <StatusBadge status="warning">Binnenkort</StatusBadge>}</Td>
                        <Td>{a.toegewezen ?? <span className="app-muted">niemand</span>}</Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              ) : null}
              {pages > 1 ? (
                <nav className="app-pagination" aria-label="Paginering">
                  <Button disabled={pagina <= 1} onClick={() => set({ pagina: String(pagina - 1) })}>
                    Vorige pagina
                  </Button>
                  <Button disabled={pagina >= pages} onClick={() => set({ pagina: String(pagina + 1) })}>
                    Volgende pagina
                  </Button>
                </nav>
              ) : null}
            </>
          ) : null}
          <ExportButtons path="/beheer/export/achterstanden" query={{ gemeente }} what="de achterstanden" />
        </section>
      ) : null}
    </>
  );
}

function Aantal({ teLaat, binnenkort }: { teLaat: number; binnenkort: number }) {
  return (
    <>
      <BadgeCounter label={`${teLaat} te laat`} neutral={teLaat === 0}>
        {teLaat}
      </BadgeCounter> <span className="app-muted">+ {binnenkort} binnenkort</span>
    </>
  );
}
