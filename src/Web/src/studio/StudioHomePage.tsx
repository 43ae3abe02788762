import { ErrorMessage } from '../shared/errors';
import { formatDateTime } from '../shared/format/dates';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { ButtonLink, Heading, Link, Paragraph, TBody, Table, TableHead, Td, Th, Tr } from '../shared/ui';
import { useStudioDefinitions } from './api';
import './studio.css';

/** The studio's start: every deployed definition with its latest version and the instances running on its versions. */
export function StudioHomePage() {
  usePageTitle('Studio');
  const definitions = useStudioDefinitions();
  return (
    <>
      <Heading level={1}>Studio</Heading>
      <Paragraph lead>Processen ontwerpen, controleren en uitrollen; versies vergelijken; formulieren bewerken.</Paragraph>
      <div className="app-button-group">
        <ButtonLink appearance="primary-action" to="/studio/ontwerpen/nieuw">
          Nieuw proces
        </ButtonLink>
        <ButtonLink to="/studio/formulieren">Formulieren</ButtonLink>
      </div>
      <Heading level={2}>Processen</Heading>
      {definitions.isPending ? <Paragraph aria-live="polite">De processen worden geladen…</Paragraph> : null}
      {definitions.isError ? <ErrorMessage error={definitions.error} retry={() => definitions.refetch()} /> : null}
      {definitions.data ? (
        <Table caption="Uitgerolde processen">
          <TableHead>
            <Th scope="col">Proces</Th>
            <Th scope="col">Sleutel</Th>
            <Th scope="col">Laatste versie</Th>
            <Th scope="col">Uitgerold</Th>
            <Th scope="col">Lopende instanties</Th>
            <Th scope="col">Acties</Th>
          </TableHead>
          <TBody>
            {definitions.data.map((d) => {
              const latest = d.versions[0];
              const running = d.versions.reduce((sum, v) => sum + v.activeInstances, 0);
              return (
                <Tr key={d.key} data-testid={`definitie-${d.key}`}>
                  <Td>{d.name ?? d.key}</Td>
                  <Td>
                    <code>{d.key}</code>
                  </Td>
                  <Td>{d.latestVersion}</Td>
                  <Td>{latest ? `${formatDateTime(latest.deployedAt)}${latest.deployedBy ? ` door ${latest.deployedBy}` : ''}` : ''}</Td>
                  <Td>
                    {running} (op {d.versions.filter((v) => v.activeInstances > 0).length} van {d.versions.length} versies)
                  </Td>
                  <Td>
                    <span className="app-studio-actions">
                      <Link to={`/studio/ontwerpen/${encodeURIComponent(d.key)}`} aria-label={`${d.name ?? d.key} ontwerpen`}>
                        Ontwerpen
                      </Link>
                      <Link to={`/studio/definities/${encodeURIComponent(d.key)}`} aria-label={`Versies van ${d.name ?? d.key}`}>
                        Versies
                      </Link>
                    </span>
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      ) : null}
    </>
  );
}
