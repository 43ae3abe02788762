import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../shared/errors';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { FormField, Heading, Paragraph, Select, TBody, Table, TableHead, Td, Th, Tr } from '../shared/ui';
import { useCijfers, type Cijfers, type Tabel } from './api';
import { Chart, chartColors, type ChartOption } from './Chart';
import { ExportButtons } from './ExportButtons';

/** The quarter's counts per gemeente and for the samenwerkingsverband: tables (the memo's first), charts beside them, export. */
export function CijfersPage() {
  const [search, setSearch] = useSearchParams();
  const kwartaal = search.get('kwartaal');
  const cijfers = useCijfers(kwartaal);
  const data = cijfers.data;
  usePageTitle(`Cijfers${data ? `: ${data.naam}` : ''}`);
  const kwartalen = useMemo(() => (data ? data.verloop.map((v) => ({ key: v.kwartaal, naam: v.naam })).reverse() : []), [data]);

  return (
    <>
      <Heading level={1}>Cijfers</Heading>
      <Paragraph lead>Per gemeente en voor het samenwerkingsverband: de tabel van de memo, trajecten per schakel, doelgroep en leerroute, de PIP-norm en het verloop.</Paragraph>
      <form className="app-filters" aria-label="Kwartaal kiezen" onSubmit={(e) => e.preventDefault()}>
        <FormField id="kwartaal" label="Kwartaal">
          <Select id="kwartaal" value={data?.kwartaal ?? kwartaal ?? ''} onChange={(e) => setSearch(new URLSearchParams({ kwartaal: e.target.value }))}>
            {kwartalen.length === 0 && kwartaal ? <option value={kwartaal}>{kwartaal}</option> : null}
            {kwartalen.map((k) => (
              <option key={k.key} value={k.key}>
                {k.naam}
              </option>
            ))}
          </Select>
        </FormField>
      </form>
      {cijfers.isError ? <ErrorMessage error={cijfers.error} retry={() => cijfers.refetch()} /> : null}
      {cijfers.isPending ? <Paragraph aria-live="polite">De cijfers worden geteld…</Paragraph> : null}
      {data ? (
        <>
          <ExportButtons path="/beheer/export/cijfers" query={{ kwartaal: data.kwartaal }} what="de cijfers" />
          <TabelSection data={data} tabel={data.memo} chart />
          <PipNorm data={data} />
          <Verloop data={data} />
          <TabelSection data={data} tabel={data.schakels} chart />
          <TabelSection data={data} tabel={data.doelgroepen} chart />
          <TabelSection data={data} tabel={data.leerroutes} chart />
        </>
      ) : null}
    </>
  );
}

function TabelSection({ data, tabel, chart }: { data: Cijfers; tabel: Tabel; chart?: boolean }) {
  const option = useMemo<ChartOption>(
    () => ({
      color: chartColors,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: tabel.rijen.map((r) => r.naam), inverse: true, axisLabel: { width: 220, overflow: 'truncate' } },
      series: data.gemeenten.map((g) => ({ name: g.naam, type: 'bar', stack: 'samen', data: tabel.rijen.map((r) => r.aantallen[g.code] ?? 0) })),
    }),
    [data, tabel],
  );
  return (
    <section className="app-panel" aria-labelledby={`kop-${tabel.key}`} data-tabel={tabel.key}>
      <Heading level={2} id={`kop-${tabel.key}`}>
        {tabel.titel}
      </Heading>
      <Paragraph>{tabel.uitleg}</Paragraph>
      <div className="app-chart-columns">
        <Table caption={<span className="app-visually-hidden">{tabel.titel}</span>}>
          <TableHead>
            <Th>
              <span className="app-visually-hidden">Wat</span>
            </Th>
            {data.gemeenten.map((g) => (
              <Th key={g.code}>{g.naam}</Th>
            ))}
            <Th>Samenwerkingsverband</Th>
          </TableHead>
          <TBody>
            {tabel.rijen.map((r) => (
              <Tr key={r.key} data-rij={r.key}>
                <Th scope="row">{r.naam}</Th>
                {data.gemeenten.map((g) => (
                  <Td key={g.code} data-gemeente={g.code}>
                    {r.aantallen[g.code] ?? 0}
                  </Td>
                ))}
                <Td data-gemeente="samen">{r.totaal}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        {chart ? <Chart option={option} label={`Staafdiagram: ${tabel.titel} per gemeente; de getallen staan in de tabel ernaast.`} testId={`grafiek-${tabel.key}`} /> : null}
      </div>
    </section>
  );
}

function PipNorm({ data }: { data: Cijfers }) {
  const n = data.pipNorm;
  const percent = n.aandeel === null ? 'geen PIPs vastgesteld' : `${Math.round(n.aandeel * 100)}% binnen 10 weken`;
  return (
    <section className="app-panel" aria-labelledby="kop-pipnorm" data-tabel="pipnorm">
      <Heading level={2} id="kop-pipnorm">
        PIP binnen 10 weken
      </Heading>
      <Paragraph>
        Van de PIPs die in het {data.naam} zijn vastgesteld: <strong data-testid="pip-aandeel">{percent}</strong> (op of voor de uiterlijke datum van de PIP-termijn).
      </Paragraph>
      <Table caption={<span className="app-visually-hidden">PIP binnen en buiten 10 weken per gemeente</span>}>
        <TableHead>
          <Th>
            <span className="app-visually-hidden">Wat</span>
          </Th>
          {data.gemeenten.map((g) => (
            <Th key={g.code}>{g.naam}</Th>
          ))}
          <Th>Samenwerkingsverband</Th>
        </TableHead>
        <TBody>
          <Tr data-rij="binnen">
            <Th scope="row">Binnen 10 weken</Th>
            {data.gemeenten.map((g) => (
              <Td key={g.code}>{n.binnen[g.code] ?? 0}</Td>
            ))}
            <Td>{n.totaalBinnen}</Td>
          </Tr>
          <Tr data-rij="buiten">
            <Th scope="row">Buiten 10 weken</Th>
            {data.gemeenten.map((g) => (
              <Td key={g.code}>{n.buiten[g.code] ?? 0}</Td>
            ))}
            <Td>{n.totaalBuiten}</Td>
          </Tr>
        </TBody>
      </Table>
    </section>
  );
}

function Verloop({ data }: { data: Cijfers }) {
  const option = useMemo<ChartOption>(
    () => ({
      color: chartColors,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: data.verloop.map((v) => v.kwartaal) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Gestart', type: 'bar', data: data.verloop.map((v) => v.totaalGestart) },
        { name: 'Afgerond', type: 'bar', data: data.verloop.map((v) => v.totaalAfgerond) },
      ],
    }),
    [data],
  );
  return (
    <section className="app-panel" aria-labelledby="kop-verloop" data-tabel="verloop">
      <Heading level={2} id="kop-verloop">
        Trajecten gestart en afgerond per kwartaal
      </Heading>
      <div className="app-chart-columns">
        <Table caption={<span className="app-visually-hidden">Trajecten gestart en afgerond per kwartaal, samenwerkingsverband</span>}>
          <TableHead>
            <Th>Kwartaal</Th>
            <Th>Gestart</Th>
            <Th>Afgerond</Th>
          </TableHead>
          <TBody>
            {data.verloop.map((v) => (
              <Tr key={v.kwartaal}>
                <Th scope="row">{v.naam}</Th>
                <Td>{v.totaalGestart}</Td>
                <Td>{v.totaalAfgerond}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <Chart option={option} label="Staafdiagram: trajecten gestart en afgerond per kwartaal; de getallen staan in de tabel ernaast." testId="grafiek-verloop" />
      </div>
    </section>
  );
}
