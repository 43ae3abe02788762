// OIDC sign-in (authorization code + PKCE, oidc-client-ts) behind the application's one SignIn interface. Loaded only when
// GET /api/v1/auth/config says "oidc", so development sign-in pays nothing for it.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { ApiError } from '../api/problem';
import type { AuthConfig, SignedInUser, SignIn } from './session';

const userKey = 'inburgering.oidc-gebruiker';

/** Where the provider sends the browser back to (a redirect URI the provider must know: IdentityProvider:WebRedirectUris). */
export const callbackPath = '/aanmelden/terug';

interface Me {
  user: string;
  displayName?: string | null;
  roles: string[];
  gemeenten: { code: string }[];
}

export class OidcSignIn implements SignIn {
  readonly kind = 'oidc' as const;
  expired = false;
  private token: string | null = null;
  private user: SignedInUser | null;
  private readonly listeners = new Set<() => void>();
  private readonly manager: UserManager;

  constructor(
    config: AuthConfig,
    private readonly storage: Storage = window.sessionStorage,
    origin: string = window.location.origin,
  ) {
    const store = new WebStorageStateStore({ store: storage });
    this.manager = new UserManager({
      authority: config.authority ?? '',
      client_id: config.clientId ?? '',
      scope: config.scopes ?? 'openid',
      redirect_uri: origin + callbackPath,
      post_logout_redirect_uri: origin + '/aanmelden',
      response_type: 'code',
      userStore: store,
      stateStore: store,
      loadUserInfo: false,
      automaticSilentRenew: false,
    });
    this.user = OidcSignIn.read(storage);
  }

  /** Picks up a token kept in this tab (a reload keeps the sign-in until the token expires). */
  async load(): Promise<void> {
    const user = await this.manager.getUser();
    if (user && !user.expired && this.user) {
      this.token = user.access_token;
    } else {
      this.token = null;
      this.user = null;
    }
  }

  current(): SignedInUser | null {
    return this.token ? this.user : null;
  }

  authorize(headers: Headers): void {
    if (this.token) {
      headers.set('Authorization', `Bearer ${this.token}`);
    }
  }

  async begin(): Promise<void> {
    await this.redirect('/werkvoorraad');
  }

  /** Sends the browser to the identity provider's sign-in; it comes back to the callback page, then to <returnPath>. */
  async redirect(returnPath: string): Promise<void> {
    await this.manager.signinRedirect({ url_state: returnPath });
  }

  /** On the callback page: exchanges the code (PKCE) for tokens, asks the service who this is, returns where to go. */
  async complete(): Promise<string> {
    const signedIn = await this.manager.signinRedirectCallback();
    const response = await fetch('/api/v1/me', { headers: { Accept: 'application/json', Authorization: `Bearer ${signedIn.access_token}` } });
    if (!response.ok) {
      throw await ApiError.from(response);
    }

    const me = (await response.json()) as Me;
    this.token = signedIn.access_token;
    this.user = { user: me.user, displayName: me.displayName ?? me.user, roles: me.roles, gemeenten: me.gemeenten.map((g) => g.code) };
    this.expired = false;
    this.storage.setItem(userKey, JSON.stringify(this.user));
    this.notify();
    return signedIn.url_state ?? '/werkvoorraad';
  }

  end(): void {
    this.token = null;
    this.user = null;
    this.storage.removeItem(userKey);
    void this.manager.removeUser();
    this.notify();
  }

  expire(): void {
    if (this.token) {
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
      const raw = storage.getItem(userKey);
      return raw ? (JSON.parse(raw) as SignedInUser) : null;
    } catch {
      return null;
    }
  }
}
