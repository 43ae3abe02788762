import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../errors';
import { usePageTitle } from '../layout/usePageTitle';
import { Heading, Link, Paragraph } from '../ui';
import { safeReturnPath } from './RequireSignIn';
import { signIn } from './session';

let completing: Promise<string> | null = null;

/** Where the identity provider sends the browser back (OIDC): finishes the sign-in, then goes where the user was. */
export function SignInCallbackPage() {
  usePageTitle('Aanmelden');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    // Once per page load, also when React runs the effect twice (StrictMode): a code can be exchanged only once.
    completing ??= signIn().complete?.() ?? Promise.resolve('/aanmelden');
    completing.then(
      (back) => {
        queries.clear();
        navigate(safeReturnPath(back), { replace: true });
      },
      (error: unknown) => setFailure(error),
    );
  }, [navigate, queries]);

  return (
    <div className="app-page">
      <main id="inhoud" className="app-main">
        <Heading level={1}>Aanmelden bij Inburgering</Heading>
        {failure ? (
          <>
            <ErrorMessage error={failure} heading="Aanmelden is niet gelukt" />
            <Paragraph>
              <Link to="/aanmelden">Opnieuw aanmelden</Link>
            </Paragraph>
          </>
        ) : (
          <Paragraph>U wordt aangemeld…</Paragraph>
        )}
      </main>
    </div>
  );
}
