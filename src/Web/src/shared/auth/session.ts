// Sign-in lives in this module only. The rest of the application sees a `SignIn` and asks it for the headers of a
// request; it never knows how the user signed in. GET /api/v1/auth/config decides which one (configureSignIn, before the
// application renders): development sign-in (the server trusts X-User, X-Roles and X-Gemeenten; the default of the README's
// run command) or OIDC (./oidc.ts: authorization code + PKCE with oidc-client-ts — `redirect` sends the browser to the
// provider, `complete` handles the callback, `authorize` adds the bearer token, `expire` drops a token the server refused).

/** What GET /api/v1/auth/config says. */
export interface AuthConfig {
  mode: 'development' | 'oidc' | 'none';
  authority?: string | null;
  clientId?: string | null;
  scopes?: string | null;
}

/** Who is signed in, as the application shows it. */
export interface SignedInUser {
  user: string;
  displayName: string;
  roles: string[];
  gemeenten: string[];
}

export interface SignIn {
  readonly kind: 'development' | 'oidc';
  /** The signed-in user, or null. */
  current(): SignedInUser | null;
  /** Adds what proves the user to a request's headers. */
  authorize(headers: Headers): void;
  /** Signs in (development: as the chosen demo user; OIDC: at the identity provider). */
  begin(user: SignedInUser): Promise<void>;
  /** OIDC only: sends the browser to the identity provider, and afterwards back to returnPath. */
  redirect?(returnPath: string): Promise<void>;
  /** OIDC only, on the callback page: finishes the sign-in and returns the path to go back to. */
  complete?(): Promise<string>;
  /** Signs out. */
  end(): void;
  /** The server refused the sign-in (expired, revoked): forget it so the sign-in page is shown. */
  expire(): void;
  /** True after expire() until the next sign-in: the sign-in page says why it is shown. */
  readonly expired: boolean;
  /** Called whenever the signed-in user changes. */
  subscribe(listener: () => void): () => void;
}

const storageKey = 'inburgering.aanmelding';

/** Development sign-in: the chosen demo user is kept for this browser tab (sessionStorage) and sent as headers. */
export class DevelopmentSignIn implements SignIn {
  readonly kind = 'development' as const;
  private user: SignedInUser | null;
  expired = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage = window.sessionStorage) {
    this.user = DevelopmentSignIn.read(storage);
  }

  current(): SignedInUser | null {
    return this.user;
  }

  authorize(headers: Headers): void {
    if (!this.user) {
      return;
    }

    headers.set('X-User', this.user.user);
    headers.set('X-Roles', this.user.roles.join(','));
    headers.set('X-Gemeenten', this.user.gemeenten.join(','));
  }

  async begin(user: SignedInUser): Promise<void> {
    this.user = user;
    this.expired = false;
    this.storage.setItem(storageKey, JSON.stringify(user));
    this.notify();
  }

  end(): void {
    this.user = null;
    this.storage.removeItem(storageKey);
    this.notify();
  }

  expire(): void {
    if (this.user) {
      this.expired = true;
      this.end();
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify() {
    for (const listener of this.listeners) {
      listener();
    }
  }

  private static read(storage: Storage): SignedInUser | null {
    try {
      const raw = storage.getItem(storageKey);
      const value = raw ? (JSON.parse(raw) as SignedInUser) : null;
      return value && typeof value.user === 'string' && Array.isArray(value.roles) && Array.isArray(value.gemeenten) ? value : null;
    } catch {
      return null;
    }
  }
}

let instance: SignIn | null = null;

/**
 * Chooses the sign-in the server asks for (GET /api/v1/auth/config): OIDC when it says so, development sign-in otherwise.
 * Called once before the application renders.
 */
export async function configureSignIn(): Promise<SignIn> {
  if (instance) {
    return instance;
  }

  let config: AuthConfig | null = null;
  try {
    const response = await fetch('/api/v1/auth/config', { headers: { Accept: 'application/json' } });
    config = response.ok ? ((await response.json()) as AuthConfig) : null;
  } catch {
    config = null;
  }

  if (config?.mode === 'oidc' && config.authority && config.clientId) {
    const { OidcSignIn } = await import('./oidc');
    const oidc = new OidcSignIn(config);
    await oidc.load();
    instance = oidc;
  } else {
    instance = new DevelopmentSignIn();
  }

  return instance;
}

/** The application's sign-in (one per page load). */
export function signIn(): SignIn {
  instance ??= new DevelopmentSignIn();
  return instance;
}

/** For tests: use another implementation. */
export function useSignInForTests(value: SignIn | null) {
  instance = value;
}
