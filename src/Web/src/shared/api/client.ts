import { signIn } from '../auth/session';
import { ApiError } from './problem';

export type Query = Record<string, string | number | boolean | null | undefined>;

function url(path: string, query?: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }

  const qs = search.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

async function send<T>(method: string, path: string, query?: Query, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  signIn().authorize(headers);
  if (body !== undefined) {
    headers.set('Content-Type', 'application/json');
  }

  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }

  if (signal) {
    init.signal = signal;
  }

  const response = await fetch(url(path, query), init);
  if (response.status === 401) {
    // The server refused the sign-in: forget it; the page then sends the user to sign in and back (RequireSignIn).
    const error = await ApiError.from(response);
    signIn().expire();
    throw error;
  }

  if (!response.ok) {
    throw await ApiError.from(response);
  }

  if (response.status === 204) {
    return undefined as T;
  }

  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The typed API client: every call goes through the sign-in module and turns problem+json into an ApiError. */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => send<T>('GET', path, query, undefined, signal),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, undefined, body ?? {}),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, undefined, body),
};
