import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSignedInUser } from './SessionContext';

/** Shows its children to a signed-in user; sends anyone else to the sign-in page, which sends them back here. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const user = useSignedInUser();
  const location = useLocation();
  if (!user) {
    const back = location.pathname + location.search;
    return <Navigate to={`/aanmelden?terug=${encodeURIComponent(back)}`} replace />;
  }

  return <>{children}</>;
}

/** Only a path inside this application may be returned to after sign-in. */
export function safeReturnPath(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/aanmelden') ? value : '/werkvoorraad';
}
