import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { signIn } from './session';
import { useSignedInUser } from './SessionContext';

/**
 * Shows its children to a signed-in user; sends anyone else to the sign-in page, which sends them back here. When the
 * server refused the sign-in (the API client then calls expire()), the sign-in page says it expired.
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const user = useSignedInUser();
  const location = useLocation();
  if (!user) {
    const back = location.pathname + location.search;
    return <Navigate to={`/aanmelden?${signIn().expired ? 'verlopen=ja&' : ''}terug=${encodeURIComponent(back)}`} replace />;
  }

  return <>{children}</>;
}

/** Only a path inside this application may be returned to after sign-in. */
export function safeReturnPath(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/aanmelden') ? value : '/werkvoorraad';
}
