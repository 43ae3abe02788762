import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { beheerNav, beheerRoutes } from '../beheer/routes';
import { dossierNav, dossierRoutes } from '../dossier/routes';
import { RequireSignIn } from '../shared/auth/RequireSignIn';
import { SignInCallbackPage } from '../shared/auth/SignInCallbackPage';
import { SignInPage } from '../shared/auth/SignInPage';
import { ErrorBoundary } from '../shared/errors';
import { Layout } from '../shared/layout/Layout';
import { usePageTitle } from '../shared/layout/usePageTitle';
import { createQueryClient } from '../shared/query';
import { Alert, Heading, Link, Paragraph } from '../shared/ui';
import { studioNav, studioRoutes } from '../studio/routes';
import { werkvoorraadNav, werkvoorraadRoutes } from '../werkvoorraad/routes';

const nav = [...werkvoorraadNav, ...dossierNav, ...beheerNav, ...studioNav];

/** The signed-in part: layout, a message handed over by the previous page, and the area's page. */
function Shell() {
  const location = useLocation();
  useEffect(() => {
    // A new page: move focus to its content, as a full page load would, and say so to a screen reader.
    document.getElementById('inhoud')?.focus({ preventScroll: true });
  }, [location.pathname]);
  const message = (location.state as { message?: string } | null)?.message;
  return (
    <RequireSignIn>
      <Layout nav={nav}>
        {message ? (
          <Alert type="ok" data-testid="melding">
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
        <ErrorBoundary>
          <Outlet />
        </ErrorBoundary>
      </Layout>
    </RequireSignIn>
  );
}

function NotFound() {
  usePageTitle('Pagina niet gevonden');
  return (
    <>
      <Heading level={1}>Pagina niet gevonden</Heading>
      <Paragraph>
        Deze pagina bestaat niet. <Link to="/werkvoorraad">Naar de werkvoorraad</Link>
      </Paragraph>
    </>
  );
}

const router = createBrowserRouter([
  { path: '/aanmelden', element: <SignInPage /> },
  { path: '/aanmelden/terug', element: <SignInCallbackPage /> },
  {
    path: '/',
    element: <Shell />,
    children: [{ index: true, element: <Navigate to="/werkvoorraad" replace /> }, ...werkvoorraadRoutes, ...dossierRoutes, ...beheerRoutes, ...studioRoutes, { path: '*', element: <NotFound /> }],
  },
]);

const queryClient = createQueryClient();

export function App() {
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
