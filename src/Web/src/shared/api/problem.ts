import type { FieldError } from './types';

/** An answer of the API that was not a success, with the Dutch explanation from its problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly code: string | undefined;
  readonly errors: FieldError[];
  readonly body: Record<string, unknown> | undefined;

  constructor(status: number, title: string, detail: string, code?: string, errors: FieldError[] = [], body?: Record<string, unknown>) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.code = code;
    this.errors = errors;
    this.body = body;
  }

  /** Reads a failed response: problem+json when the server sent it, otherwise a Dutch message by status. */
  static async from(response: Response): Promise<ApiError> {
    let body: Record<string, unknown> | undefined;
    try {
      const text = await response.text();
      body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }

    const detail = typeof body?.detail === 'string' && body.detail ? body.detail : fallbackMessage(response.status);
    const title = typeof body?.title === 'string' ? body.title : 'Fout';
    const code = typeof body?.code === 'string' ? body.code : undefined;
    const errors = Array.isArray(body?.errors) ? (body.errors as unknown[]).filter(isFieldError) : [];
    return new ApiError(response.status, title, detail, code, errors, body);
  }
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && typeof (value as FieldError).field === 'string' && typeof (value as FieldError).message === 'string';
}

/** The Dutch message for a status without a readable body (a proxy's error page, an empty answer). */
export function fallbackMessage(status: number): string {
  switch (status) {
    case 400:
      return 'Het verzoek was niet in orde.';
    case 401:
      return 'U bent niet (meer) aangemeld.';
    case 403:
      return 'U heeft geen toegang tot deze handeling.';
    case 404:
      return 'Dit bestaat niet, of u heeft er geen toegang toe.';
    case 409:
      return 'Iemand anders heeft dit net gewijzigd. Laad de pagina opnieuw.';
    case 422:
      return 'De gegevens zijn niet in orde.';
    case 503:
      return 'De service is even niet beschikbaar. Probeer het zo opnieuw.';
    default:
      return status >= 500 ? 'Er ging iets mis in de service. Probeer het later opnieuw.' : `Onverwacht antwoord van de service (${status}).`;
  }
}

/** Any error as a sentence a consulent can read: never a stack trace or a JSON dump. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }

  if (error instanceof TypeError) {
    return 'De service is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.';
  }

  return 'Er ging iets mis. Probeer het opnieuw; blijft het misgaan, meld het dan aan de beheerder.';
}
