import { ErrorMessage } from '../shared/errors';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Heading, Link, Paragraph, TBody, Table, TableHead, Td, Th, Tr } from '../shared/ui';
import { useForms } from './api';
import './studio.css';

/** The task forms (workflow-definitions/forms/*.form), each opened in the form editor. */
export function FormsPage() {
  usePageTitle('Formulieren');
  const forms = useForms();
  return (
    <>
      <Paragraph>
        <Link to="/studio">← Studio</Link>
      </Paragraph>
      <Heading level={1}>Formulieren</Heading>
      <Paragraph lead>De formulieren van de taken (form-js). Een gebruikerstaak kiest haar formulier met camunda:formKey.</Paragraph>
      {forms.isPending ? <Paragraph aria-live="polite">De formulieren worden geladen…</Paragraph> : null}
      {forms.isError ? <ErrorMessage error={forms.error} retry={() => forms.refetch()} /> : null}
      {forms.data ? (
        <Table caption="Formulieren">
          <TableHead>
            <Th scope="col">Formulier</Th>
            <Th scope="col">Sleutel (formKey)</Th>
            <Th scope="col">Bestand</Th>
          </TableHead>
          <TBody>
            {forms.data.map((f) => (
              <Tr key={f.key}>
                <Td>
                  <Link to={`/studio/formulieren/${encodeURIComponent(f.key)}`}>{f.title ?? f.key}</Link>
                </Td>
                <Td>
                  <code>{f.key}</code>
                </Td>
                <Td>{f.file ?? ''}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : null}
    </>
  );
}
