import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { roleNames } from '../api/common';
import type { DevelopmentUser } from '../api/types';
import { ErrorMessage } from '../errors';
import { usePageTitle } from '../layout/usePageTitle';
import { Alert, Button, Heading, Paragraph } from '../ui';
import { safeReturnPath } from './RequireSignIn';
import { signIn } from './session';

/** Development sign-in: choose one of the demo users. With OIDC this page starts the provider's sign-in instead. */
export function SignInPage() {
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
