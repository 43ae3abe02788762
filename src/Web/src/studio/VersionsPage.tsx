import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../shared/errors';
import { formatDateTime } from '../shared/format/dates';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Button, ButtonLink, FormField, Heading, Link, Paragraph, Select, TBody, Table, TableHead, Td, Th, Tr } from '../shared/ui';
import { useStudioDefinition } from './api';
import { migrationLink } from './concept';
import './studio.css';

/** The versions of one definition, how many instances run on each, and the choice of two versions to compare. */
export function VersionsPage() {
  const { key = '' } = useParams();
  const definition = useStudioDefinition(key);
  const name = definition.data?.name ?? key;
  usePageTitle(`Versies: ${name}`);
  const navigate = useNavigate();
  const versions = definition.data?.versions ?? [];
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>('');
  const fromValue = from || String(versions[1]?.version ?? versions[0]?.version ?? '');
  const toValue = to || String(versions[0]?.version ?? '');

  return (
    <>
      <Paragraph>
        <Link to="/studio">← Studio</Link>
      </Paragraph>
      <Heading level={1}>Versies: {name}</Heading>
      {definition.isPending ? <Paragraph aria-live="polite">De versies worden geladen…</Paragraph> : null}
      {definition.isError ? <ErrorMessage error={definition.error} retry={() => definition.refetch()} /> : null}
      {definition.data ? (
        <>
          <div className="app-button-group">
            <ButtonLink appearance="primary-action" to={`/studio/ontwerpen/${encodeURIComponent(key)}`}>
              Laatste versie ontwerpen
            </ButtonLink>
          </div>
          <Table caption={`Versies van ${key}`}>
            <TableHead>
              <Th scope="col">Versie</Th>
              <Th scope="col">Uitgerold</Th>
              <Th scope="col">Door</Th>
              <Th scope="col">Bron</Th>
              <Th scope="col">Lopende instanties</Th>
              <Th scope="col">Gestarte instanties</Th>
              <Th scope="col">Acties</Th>
            </TableHead>
            <TBody>
              {versions.map((v) => (
                <Tr key={v.version} data-testid={`versie-${v.version}`}>
                  <Td>
                    {v.version}
                    {v.version === definition.data.latestVersion ? ' (laatste)' : ''}
                  </Td>
                  <Td>{formatDateTime(v.deployedAt)}</Td>
                  <Td>{v.deployedBy ?? '—'}</Td>
                  <Td>{v.source ?? '—'}</Td>
                  <Td data-testid={`lopend-${v.version}`}>{v.activeInstances}</Td>
                  <Td>{v.totalInstances}</Td>
                  <Td>
                    <Link to={`/studio/ontwerpen/${encodeURIComponent(key)}?versie=${v.version}`} aria-label={`Versie ${v.version} openen in de ontwerper`}>
                      Openen
                    </Link>
                    {v.activeInstances > 0 && v.version !== definition.data.latestVersion ? (
                      <>
                        {' · '}
                        <Link to={migrationLink(key, v.version, definition.data.latestVersion)} aria-label={`Lopende instanties van versie ${v.version} migreren`}>
                          Migreren
                        </Link>
                      </>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Heading level={2}>Twee versies vergelijken</Heading>
          {versions.length < 2 ? (
            <Paragraph>Er is nog maar één versie.</Paragraph>
          ) : (
            <form
              className="app-filters"
              onSubmit={(event) => {
                event.preventDefault();
                void navigate(`/studio/definities/${encodeURIComponent(key)}/vergelijken?van=${fromValue}&naar=${toValue}`);
              }}
            >
              <FormField id="vergelijk-van" label="Oude versie">
                <Select id="vergelijk-van" value={fromValue} onChange={(e) => setFrom(e.target.value)}>
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      Versie {v.version}
                    </option>
                  ))}
                </Select>
              </FormField>
              <FormField id="vergelijk-naar" label="Nieuwe versie">
                <Select id="vergelijk-naar" value={toValue} onChange={(e) => setTo(e.target.value)}>
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      Versie {v.version}
                    </option>
                  ))}
                </Select>
              </FormField>
              <Button type="submit" appearance="primary-action">
                Vergelijken
              </Button>
            </form>
          )}
        </>
      ) : null}
    </>
  );
}
