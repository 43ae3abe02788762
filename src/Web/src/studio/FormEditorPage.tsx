// The form-js editor for one task form, with a preview filled with the variables of a traject the designer picks.
// Forms are files in the repository (workflow-definitions/forms); the editor downloads the changed file to commit.
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../shared/api/client';
import { ErrorMessage } from '../shared/errors';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Button, FormField, Heading, Link, Paragraph, Select } from '../shared/ui';
import { dutchFormChrome } from '../shared/forms/formMessages';
import { demoteHeadings, demoteRenderedHeadings } from '../shared/forms/headings';
import { download, useFormSchema } from './api';
import { dutchFormEditorPalette } from './formEditorDutch';
import './studio.css';

interface InstanceSummary {
  id: string;
  businessKey: string | null;
  gemeente: string;
  definitionVersion: number;
}

interface InstanceDetail {
  variables: Record<string, unknown>;
}

export function FormEditorPage() {
  const { key = '' } = useParams();
  usePageTitle(`Formulier ${key}`);
  const schema = useFormSchema(key);
  const trajecten = useQuery({
    queryKey: ['studio', 'voorbeeldtrajecten'],
    queryFn: ({ signal }) => api.get<{ items: InstanceSummary[] }>('/instances', { definitionKey: 'inburgeringstraject', status: 'active', pageSize: 50 }, signal),
  });
  const [trajectId, setTrajectId] = useState('');
  const chosen = trajectId || trajecten.data?.items[0]?.id || '';
  const variables = useQuery({
    queryKey: ['studio', 'voorbeeldtraject', chosen],
    queryFn: ({ signal }) => api.get<InstanceDetail>(`/instances/${chosen}`, undefined, signal),
    enabled: chosen !== '',
  });

  const editorHost = useRef<HTMLDivElement>(null);
  const previewHost = useRef<HTMLDivElement>(null);
  const editorRef = useRef<FormEditor | null>(null);
  const [current, setCurrent] = useState<Record<string, unknown> | null>(null);
  const [failed, setFailed] = useState<unknown>(null);

  useEffect(() => {
    if (!editorHost.current || !schema.data) return;
    const editor = new FormEditor({ container: editorHost.current });
    const stopHeadings = demoteRenderedHeadings(editorHost.current);
    const stopPalette = dutchFormEditorPalette(editorHost.current);
    editorRef.current = editor;
    let cancelled = false;
    editor
      .importSchema(schema.data)
      .then(() => {
        if (!cancelled) setCurrent(editor.saveSchema() as Record<string, unknown>);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailed(error);
      });
    editor.on('changed', () => setCurrent(editor.saveSchema() as Record<string, unknown>));
    return () => {
      cancelled = true;
      stopHeadings();
      stopPalette();
      editorRef.current = null;
      editor.destroy();
    };
  }, [schema.data]);

  useEffect(() => {
    if (!previewHost.current || !current) return;
    const stopChrome = dutchFormChrome(previewHost.current);
    const form = new Form({ container: previewHost.current });
    form.importSchema(demoteHeadings(current), variables.data?.variables ?? {}).catch((error: unknown) => setFailed(error));
    return () => {
      stopChrome();
      form.destroy();
    };
  }, [current, variables.data]);

  return (
    <>
      <Paragraph>
        <Link to="/studio/formulieren">← Formulieren</Link>
      </Paragraph>
      <Heading level={1}>Formulier {key}</Heading>
      <Paragraph>
        Formulieren zijn bestanden in de repository (<code>workflow-definitions/forms/{key}.form</code>). Bewaar het gewijzigde formulier als bestand en leg het vast in de
        repository; de service leest het bij de volgende start.
      </Paragraph>
      {schema.isError ? <ErrorMessage error={schema.error} retry={() => schema.refetch()} /> : null}
      {failed ? <ErrorMessage error={failed} heading="Het formulier kon niet worden getoond" /> : null}
      <div className="app-button-group">
        <Button appearance="primary-action" disabled={!current} onClick={() => current && download(`${key}.form`, `${JSON.stringify(current, null, 2)}\n`, 'application/json')}>
          Opslaan als bestand
        </Button>
      </div>
      {/* The editor's drag-and-drop canvas (form-js) is pointer-driven; its properties panel is reachable by keyboard. */}
      <Heading level={2}>Ontwerp</Heading>
      <div ref={editorHost} className="app-studio-form-editor" data-testid="formulier-editor" />
      <Heading level={2}>Voorbeeld</Heading>
      <FormField id="voorbeeld-traject" label="Gevuld met de gegevens van traject" description="Een lopend inburgeringstraject van uw gemeenten.">
        <Select id="voorbeeld-traject" value={chosen} onChange={(e) => setTrajectId(e.target.value)}>
          {(trajecten.data?.items ?? []).length === 0 ? <option value="">Geen lopende trajecten: het voorbeeld is leeg</option> : null}
          {(trajecten.data?.items ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.businessKey ?? t.id} ({t.gemeente})
            </option>
          ))}
        </Select>
      </FormField>
      {trajecten.isError ? <ErrorMessage error={trajecten.error} /> : null}
      <div ref={previewHost} className="app-studio-form-preview" data-testid="formulier-voorbeeld" />
    </>
  );
}
