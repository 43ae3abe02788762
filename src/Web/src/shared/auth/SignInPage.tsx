import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { roleNames } from '../api/common';
import type { DevelopmentUser } from '../api/types';
import { ErrorMessage } from '../errors';
import { usePageTitle } from '../layout/usePageTitle';
import { Alert, Button, Heading, Paragraph } from '../ui';
import { safeReturnPath } from './RequireSignIn';
import { signIn } from './session';

/** The sign-in page: with OIDC a button to the identity provider; in development a choice of demo users. */
export function SignInPage() {
  return signIn().kind === 'oidc' ? <OidcSignInPage /> : <DevelopmentSignInPage />;
}

/** OIDC: the identity provider signs the user in (authorization code + PKCE) and sends them back here, then on. */
function OidcSignInPage() {
  usePageTitle('Aanmelden');
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('terug'));
  const expired = params.has('verlopen');
  const [failure, setFailure] = useState<unknown>(null);

  async function start() {
    setFailure(null);
    try {
      await signIn().redirect?.(back);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <div className="app-page">
      <main id="inhoud" className="app-main">
        <Heading level={1}>Aanmelden bij Inburgering</Heading>
        {expired ? (
          <Alert type="warning" heading="Uw aanmelding is verlopen">
            <Paragraph>Meld u opnieuw aan; daarna gaat u terug naar waar u was.</Paragraph>
          </Alert>
        ) : null}
        <Paragraph lead>U meldt zich aan bij de inlogdienst van uw organisatie. Daarna komt u hier terug.</Paragraph>
        {failure ? <ErrorMessage error={failure} heading="De inlogdienst is niet bereikbaar" /> : null}
        <Button appearance="primary-action" onClick={start} data-testid="aanmelden-oidc">
          Aanmelden
        </Button>
      </main>
    </div>
  );
}

/** Development sign-in: choose one of the demo users. */
function DevelopmentSignInPage() {
  usePageTitle('Aanmelden');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const users = useQuery({ queryKey: ['development-users'], queryFn: () => api.get<DevelopmentUser[]>('/development/users'), retry: false });
  const back = safeReturnPath(params.get('terug'));
  const expired = params.has('verlopen');

  async function choose(user: DevelopmentUser) {
    await signIn().begin({ user: user.user, displayName: user.displayName, roles: user.roles, gemeenten: user.gemeenten.map((g) => g.code) });
    queries.clear();
    navigate(back, { replace: true });
  }

  return (
    <div className="app-page">
      <main id="inhoud" className="app-main">
        <Heading level={1}>Aanmelden bij Inburgering</Heading>
        {expired ? (
          <Alert type="warning" heading="Uw aanmelding is verlopen">
            <Paragraph>Meld u opnieuw aan; daarna gaat u terug naar waar u was.</Paragraph>
          </Alert>
        ) : null}
        <Paragraph lead>Dit is de ontwikkelomgeving: kies als wie u wilt werken. U ziet alleen de taken en trajecten van de gemeenten van die persoon.</Paragraph>
        {users.isPending ? <Paragraph>De gebruikers worden geladen…</Paragraph> : null}
        {users.isError ? <ErrorMessage error={users.error} heading="De gebruikers konden niet worden geladen" retry={() => users.refetch()} /> : null}
        {users.data ? (
          <ul className="app-user-list" aria-label="Demogebruikers">
            {users.data.map((user) => (
              <li key={user.user}>
                <Button className="app-user-card" appearance="secondary-action" onClick={() => choose(user)} data-user={user.user}>
                  <span>
                    <strong>{user.displayName}</strong>
                  </span>
                  <span>{user.description ?? user.roles.map((r) => roleNames[r] ?? r).join(', ')}</span>
                  <span className="app-muted">Rollen: {user.roles.map((r) => roleNames[r] ?? r).join(', ')}</span>
                  <span className="app-muted">Gemeenten: {user.gemeenten.map((g) => g.naam).join(', ')}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </main>
    </div>
  );
}
