import { Component, useEffect, useRef, type ErrorInfo, type ReactNode } from 'react';
import { ApiError, describeError } from '../api/problem';
import type { FieldError } from '../api/types';
import { Alert, Button, Paragraph } from '../ui';

/** An error in place, in Dutch: what went wrong and, when given, a way to try again. */
export function ErrorMessage({ error, retry, heading }: { error: unknown; retry?: () => void; heading?: string }) {
  const title = heading ?? (error instanceof ApiError && error.status === 404 ? 'Niet gevonden' : error instanceof ApiError && error.status === 403 ? 'Geen toegang' : 'Dat lukte niet');
  return (
    <Alert type="error" heading={title}>
      <Paragraph>{describeError(error)}</Paragraph>
      {retry ? (
        <Button appearance="secondary-action" onClick={retry}>
          Opnieuw proberen
        </Button>
      ) : null}
    </Alert>
  );
}

/**
 * The GOV.UK error summary: a list of what is wrong, each a link to its field, focused when it appears so a screen reader
 * and a keyboard user land on it.
 */
export function ErrorSummary({ errors, fieldId, heading = 'Er is een probleem' }: { errors: FieldError[]; fieldId: (field: string) => string | null; heading?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) {
      ref.current?.focus();
    }
  }, [errors]);
  if (errors.length === 0) {
    return null;
  }

  return (
    <Alert type="error" heading={heading} ref={ref} tabIndex={-1} aria-labelledby={undefined} data-testid="foutoverzicht">
      <ul className="utrecht-unordered-list">
        {errors.map((error) => {
          const id = fieldId(error.field);
          return (
            <li key={`${error.field}-${error.code}`} className="utrecht-unordered-list__item">
              {id ? (
                <a
                  className="utrecht-link"
                  href={`#${id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(id)?.focus();
                  }}
                >
                  {error.message}
                </a>
              ) : (
                error.message
              )}
            </li>
          );
        })}
      </ul>
    </Alert>
  );
}

/** Catches an error while rendering so the page shows a Dutch message instead of going blank. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Fout bij het tonen van de pagina', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <main id="inhoud" className="app-main">
          <ErrorMessage error={this.state.error} heading="Deze pagina kan niet worden getoond" retry={() => window.location.reload()} />
        </main>
      );
    }

    return this.props.children;
  }
}
