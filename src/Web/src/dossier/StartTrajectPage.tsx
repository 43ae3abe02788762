import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../shared/api/client';
import { useMe } from '../shared/api/common';
import { ApiError } from '../shared/api/problem';
import type { FieldError } from '../shared/api/types';
import { ErrorMessage, ErrorSummary } from '../shared/errors';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { Alert, Button, FormField, Heading, Link, Paragraph, Select, Textarea, Textbox, describedBy } from '../shared/ui';
import { useStartGebeurtenissen } from './api';

/** The elfproef of a BSN (nine digits), as the server checks it. */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((s, d, i) => s + (9 - i) * d, 0) - (digits[8] ?? 0);
  return sum % 11 === 0;
}

/**
 * A melding outside DUO's feed: the consulent types the BSN once; the server turns it into the PersoonReferentie and
 * starts the traject exactly as DUO's notificatie would. The BSN never appears in a URL.
 */
export function StartTrajectPage() {
  usePageTitle('Nieuwe melding');
  const me = useMe();
  const gebeurtenissen = useStartGebeurtenissen();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [existing, setExisting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message ?? null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body = {
      bsn: String(data.get('bsn') ?? '').replace(/\D/g, ''),
      naam: String(data.get('naam') ?? '').trim(),
      gemeente: String(data.get('gemeente') ?? ''),
      gebeurtenis: String(data.get('gebeurtenis') ?? ''),
      toelichting: String(data.get('toelichting') ?? '').trim() || undefined,
    };
    const found: FieldError[] = [];
    if (!body.bsn) found.push({ field: 'bsn', label: 'BSN', code: 'client', message: 'BSN is verplicht.' });
    else if (!isValidBsn(body.bsn)) found.push({ field: 'bsn', label: 'BSN', code: 'client', message: 'Dit is geen geldig BSN: negen cijfers die de elfproef doorstaan.' });
    if (!body.naam) found.push({ field: 'naam', label: 'Naam', code: 'client', message: 'Naam is verplicht.' });
    if (!body.gemeente) found.push({ field: 'gemeente', label: 'Gemeente', code: 'client', message: 'Kies de gemeente.' });
    if (!body.gebeurtenis) found.push({ field: 'gebeurtenis', label: 'Melding', code: 'client', message: 'Kies wat er gemeld is.' });
    setErrors(found);
    setFailure(null);
    setExisting(null);
    if (found.length > 0) return;

    setBusy(true);
    try {
      const started = await api.post<{ id: string; persoonReferentie: string }>('/trajecten', body);
      await queries.invalidateQueries({ queryKey: ['tasks'] });
      navigate(`/trajecten/${started.id}`, { state: { message: `Traject gestart voor ${body.naam} (${started.persoonReferentie}).` } });
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) setErrors(error.errors);
      else if (error instanceof ApiError && typeof error.body?.trajectId === 'string') {
        setExisting(error.body.trajectId);
        setFailure(error);
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const mine = me.data?.gemeenten ?? [];
  return (
    <>
      <Heading level={1}>Nieuwe melding: traject starten</Heading>
      <Paragraph lead>Voor een melding die niet via DUO binnenkomt. Het traject start zoals bij een notificatie van DUO; het BSN wordt alleen gebruikt om de PersoonReferentie te maken.</Paragraph>
      <ErrorSummary errors={errors} fieldId={(f) => (['bsn', 'naam', 'gemeente', 'gebeurtenis', 'toelichting'].includes(f) ? f : null)} />
      {failure ? <ErrorMessage error={failure} /> : null}
      {existing ? (
        <Alert type="info">
          <Paragraph>
            <Link to={`/trajecten/${existing}`}>Open het lopende traject</Link>
          </Paragraph>
        </Alert>
      ) : null}
      <form ref={form} onSubmit={submit} noValidate aria-label="Melding">
        <FormField id="bsn" label="BSN" description="Negen cijfers." error={errorOf('bsn')}>
          <Textbox id="bsn" name="bsn" inputMode="numeric" autoComplete="off" invalid={!!errorOf('bsn')} aria-describedby={describedBy('bsn', true, errorOf('bsn'))} />
        </FormField>
        <FormField id="naam" label="Naam" error={errorOf('naam')}>
          <Textbox id="naam" name="naam" autoComplete="off" invalid={!!errorOf('naam')} aria-describedby={describedBy('naam', false, errorOf('naam'))} />
        </FormField>
        <FormField id="gemeente" label="Gemeente" error={errorOf('gemeente')}>
          <Select id="gemeente" name="gemeente" defaultValue={mine.length === 1 ? mine[0]?.code : ''} invalid={!!errorOf('gemeente')} aria-describedby={describedBy('gemeente', false, errorOf('gemeente'))}>
            <option value="">Kies de gemeente</option>
            {mine.map((g) => (
              <option key={g.code} value={g.code}>
                {g.naam}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="gebeurtenis" label="Wat is er gemeld?" error={errorOf('gebeurtenis')}>
          <Select id="gebeurtenis" name="gebeurtenis" defaultValue="" invalid={!!errorOf('gebeurtenis')} aria-describedby={describedBy('gebeurtenis', false, errorOf('gebeurtenis'))}>
            <option value="">Kies de melding</option>
            {gebeurtenissen.data?.map((g) => (
              <option key={g.id} value={g.id}>
                {g.omschrijving} ({g.id})
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="toelichting" label="Toelichting (niet verplicht)" description="Bijvoorbeeld van wie de melding kwam." error={errorOf('toelichting')}>
          <Textarea id="toelichting" name="toelichting" rows={3} aria-describedby={describedBy('toelichting', true, errorOf('toelichting'))} />
        </FormField>
        <Button type="submit" appearance="primary-action" busy={busy} disabled={busy}>
          Traject starten
        </Button>
      </form>
    </>
  );
}
