import { useState } from 'react';
import type { Query } from '../shared/api/client';
import { ErrorMessage } from '../shared/errors';
import { Button, ButtonGroup } from '../shared/ui';
import { download } from './api';

/** Download buttons for CSV and XLSX; a refusal is shown in place. */
export function ExportButtons({ path, query, what }: { path: string; query: Query; what: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (formaat: 'csv' | 'xlsx') => {
    setBusy(formaat);
    setError(null);
    try {
      await download(path, { ...query, formaat });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ButtonGroup label={`Exporteer ${what}`}>
        <Button busy={busy === 'xlsx'} disabled={busy !== null} onClick={() => run('xlsx')} data-export="xlsx">
          Exporteer {what} als Excel (XLSX)
        </Button>
        <Button busy={busy === 'csv'} disabled={busy !== null} onClick={() => run('csv')} data-export="csv">
          Exporteer {what} als CSV
        </Button>
      </ButtonGroup>
      {error ? <ErrorMessage error={error} heading="De export is niet gelukt" /> : null}
    </>
  );
}
