// The task form, rendered by form-js (loaded only on the task page). Validates as the consulent types (form-js), in Dutch,
// and shows the server's refusal at the fields it names.
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import flatpickr from 'flatpickr';
import { Dutch } from 'flatpickr/dist/l10n/nl.js';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { FieldError } from '../shared/api/types';
import { dutchFormChrome, dutchFormMessage } from './formMessages';

// The date picker form-js opens (flatpickr): Dutch month and day names, weeks from Monday.
flatpickr.localize(Dutch);

export interface TaskFormHandle {
  /** Validates; returns the data, or the errors (Dutch) when a field is not in order. */
  submit(): { data: Record<string, unknown>; errors: FieldError[] };
  /** Shows refusals of the server at their fields. */
  showErrors(errors: FieldError[]): void;
  /** The DOM id of a field's input, for links from the error summary. */
  inputId(field: string): string | null;
}

interface Component {
  id: string;
  key?: string;
  label?: string;
  dateLabel?: string;
  components?: Component[];
}

interface FormInternals {
  get(name: string): unknown;
  _setState(state: unknown): void;
  _getState(): { errors: Record<string, string[]> };
}

/** The page has its own h1 and h2 ("Formulier"): a form's markdown headings start at h3. */
function demoteHeadings(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(schema);
  const walk = (components: unknown) => {
    for (const c of (components as { type?: string; text?: string; components?: unknown }[] | undefined) ?? []) {
      if (c.type === 'text' && typeof c.text === 'string') {
        c.text = c.text.replace(/^(#{1,4}) /gm, (_, hashes: string) => `${'#'.repeat(Math.min(6, hashes.length + 2))} `);
      }
      walk(c.components);
    }
  };
  walk(copy.components);
  return copy;
}

function flatten(components: Component[] = []): Component[] {
  return components.flatMap((c) => [c, ...flatten(c.components)]);
}

export default function TaskForm({ schema, data, readOnly, handle }: { schema: Record<string, unknown>; data: Record<string, unknown>; readOnly: boolean; handle: Ref<TaskFormHandle> }) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form | null>(null);
  const fields = flatten((schema.components as Component[] | undefined) ?? []);
  const labelOf = (c: Component | undefined, fallback: string) => c?.label || c?.dateLabel || c?.key || fallback;

  useEffect(() => {
    if (!container.current) {
      return;
    }

    const stopChrome = dutchFormChrome(container.current);
    const instance = new Form({ container: container.current, properties: { readOnly } });
    form.current = instance;
    // Dutch messages, with the field's label, for every check form-js makes while the consulent types.
    const internals = instance as unknown as FormInternals;
    const validator = internals.get('validator') as { validateFieldInstance: (fi: { id: string }, value: unknown) => string[] };
    const registry = internals.get('formFieldRegistry') as { get(id: string): Component | undefined };
    const original = validator.validateFieldInstance.bind(validator);
    validator.validateFieldInstance = (fieldInstance, value) => {
      const field = registry.get(fieldInstance.id);
      return original(fieldInstance, value).map((m) => dutchFormMessage(m, labelOf(field, fieldInstance.id)));
    };
    void instance.importSchema(demoteHeadings(schema), data);
    return () => {
      stopChrome();
      instance.destroy();
      form.current = null;
    };
    // The schema and data of one task do not change while its page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schema, readOnly]);

  useImperativeHandle(handle, () => ({
    submit() {
      const instance = form.current;
      if (!instance) {
        return { data: {}, errors: [] };
      }

      const result = instance.submit() as { data: Record<string, unknown>; errors: Record<string, string[]> };
      const errors: FieldError[] = Object.entries(result.errors).flatMap(([id, messages]) => {
        const field = fields.find((f) => f.id === id);
        return (messages as string[]).map((message) => ({ field: field?.key ?? id, label: labelOf(field, id), code: 'form.client', message }));
      });
      return { data: result.data, errors };
    },
    showErrors(errors) {
      const instance = form.current as unknown as FormInternals | null;
      if (!instance) {
        return;
      }

      const byId: Record<string, string[]> = {};
      for (const error of errors) {
        const field = fields.find((f) => f.key === error.field);
        if (field) {
          (byId[field.id] ??= []).push(error.message);
        }
      }

      instance._setState({ errors: byId });
    },
    inputId(field) {
      const component = fields.find((f) => f.key === field);
      if (!component || !container.current) {
        return null;
      }

      const input = container.current.querySelector<HTMLElement>(`[id$="-${CSS.escape(component.id)}"]`);
      return input?.id ?? null;
    },
  }));

  return <div ref={container} className="app-form-host" data-testid="taakformulier" />;
}
